package org.cargorisk.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The log file of a job started by {@code bin/cargorisk}: Spark, Delta, Hadoop and CargoRisk
 * log lines (INFO and up) go to {@code <log.dir>/cargorisk-<job>-<date>-<time>.log}, so the
 * console keeps to the job's step lines, results and the warnings a user can act on
 * (conf/log4j2.properties). Attached only when the launcher asks for it (system property {@value
 * #PROPERTY}): under a plain {@code spark-submit} the cluster's own logging stays as configured.
 */
final class LogFile {
  /** Set to {@code true} by bin/cargorisk. */
  static final String PROPERTY = "cargorisk.log-file";

  private static final String APPENDER = "cargorisk-log-file";

  private LogFile() {}

  /** Attaches the run's log file to the root logger; its path, or empty when not asked for. */
  static Optional<Path> attach(String job, LocalDate date, String folder, Clock clock) {
    if (!Boolean.getBoolean(PROPERTY)
        || !(LogManager.getContext(false) instanceof LoggerContext context)) {
      return Optional.empty();
    }
    Path file =
        Path.of(folder)
            .resolve(
                "cargorisk-"
                    + job
                    + (date == null ? "" : "-" + date)
                    + "-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(clock.instant())
                    + ".log")
            .toAbsolutePath()
            .normalize();
    try {
      Files.createDirectories(file.getParent());
    } catch (java.io.IOException e) {
      throw org.cargorisk.errors.CargoRiskErrors.invalidConfiguration(
          "Cannot create the log folder " + file.getParent() + " (log.dir): " + e.getMessage()
              + ". Set log.dir to a folder you can write.",
          e);
    }
    Configuration configuration = context.getConfiguration();
    if (configuration.getAppender(APPENDER) != null) {
      return Optional.empty(); // one log file per process: the first job's
    }
    FileAppender appender =
        FileAppender.newBuilder()
            .setName(APPENDER)
            .withFileName(file.toString())
            .withAppend(true)
            .setLayout(
                PatternLayout.newBuilder()
                    .withConfiguration(configuration)
                    .withPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%t] %c{1.} - %msg%n%throwable")
                    .build())
            .setConfiguration(configuration)
            .build();
    appender.start();
    configuration.addAppender(appender);
    configuration.getRootLogger().addAppender(appender, Level.INFO, null);
    // Loggers with their own configuration (org.cargorisk, the quietened Hadoop and Parquet
    // ones) pass their events up to the root's appenders (additivity), so the file gets them too.
    context.updateLoggers();
    return Optional.of(file);
  }
}
