package org.cargorisk.jobs;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.Redaction;
import org.cargorisk.audit.RunLog;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.ingest.LandingCheck;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.jobs.pipeline.RunTracker;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakePermissions;
import org.cargorisk.lake.RunLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Template of every Spark job: parse options into a validated configuration, get the session,
 * run the job's one library call, and record the run (either way) in the {@code runs} table.
 * Subclasses hold no business logic.
 */
public abstract class SparkJob implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SparkJob.class);

  @Mixin protected JobOptions options;

  @Spec protected CommandSpec spec;

  /** The run's log file, when the launcher asked for one ({@link LogFile}). */
  private Optional<java.nio.file.Path> logFile = Optional.empty();

  /** The console's progress lines inside long steps, when started from the command line. */
  private Optional<ProgressListener> progress = Optional.empty();

  /** The run's clock, as given to {@link #execute}. */
  private Clock clock;

  /** Job name as in the runs table and the Spark job groups. */
  protected String jobName() {
    return spec.name();
  }

  /** Whether {@code --date} is required. */
  protected boolean requiresDate() {
    return true;
  }

  /**
   * Whether the job writes the lake and so must hold the lake's writer lock (one writer at a
   * time). Read-only jobs override this with false.
   */
  protected boolean writesLake() {
    return true;
  }

  /**
   * Whether the job reads the landing area: then a landing root that does not exist fails at
   * once, naming the path, before the run takes the lake lock or starts any Spark work.
   */
  protected boolean readsLanding() {
    return false;
  }

  /** Job-specific options that map onto configuration keys (CLI level of the precedence). */
  protected Map<String, String> configOverrides() {
    return Map.of();
  }

  /**
   * Checks the job's own options with the library's rules before anything else (no session, no
   * lock, no run record): a value out of range is a user error at once.
   */
  protected void checkOptions() {}

  /** The job's work: one library call and its writes. */
  protected abstract void run(JobContext context) throws Exception;

  @Override
  public final Integer call() throws Exception {
    LocalDate date = options.date();
    if (requiresDate() && date == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--date=YYYY-MM-DD'");
    }
    checkOptions();
    CargoRiskConfig config = options.loadConfig(configOverrides());
    Clock wallClock = CargoRisk.wallClock();
    logFile = LogFile.attach(jobName(), date, config.logDir(), wallClock);
    SparkSession spark = Sessions.getOrCreate("cargorisk " + jobName(), config.hadoopOptions());
    // Progress lines only for a person at the command line, never for library callers.
    progress =
        ProgressListener.configuredInterval()
            .map(interval -> new ProgressListener(spec.commandLine().getOut(), wallClock, interval));
    progress.ifPresent(listener -> spark.sparkContext().addSparkListener(listener));
    int exitCode;
    try {
      exitCode = execute(spark, config, date, wallClock);
    } finally {
      progress.ifPresent(listener -> {
        listener.close();
        spark.sparkContext().removeSparkListener(listener);
      });
    }
    logFile.ifPresent(file -> spec.commandLine().getOut().println("log file: " + file));
    spec.commandLine().getOut().flush();
    return exitCode;
  }

  /**
   * The job printed a line of its own (a step started): the next progress line, if any, comes
   * only after a whole interval of silence, so a short step prints none.
   */
  protected final void progressQuietFromNow() {
    progress.ifPresent(ProgressListener::quietFromNow);
  }

  /** The run's log file, if it has one; named after a failure too (CargoRisk's handler). */
  Optional<java.nio.file.Path> logFile() {
    return logFile;
  }

  /** The command line's output; nowhere when the job runs without one ({@link #execute}). */
  protected final java.io.PrintWriter console() {
    return spec == null || spec.commandLine() == null
        ? new java.io.PrintWriter(java.io.Writer.nullWriter())
        : spec.commandLine().getOut();
  }

  /** The run's clock (the wall clock from the command line, a fixed one in tests). */
  protected final Clock clock() {
    return clock;
  }

  /** Runs the job on an existing session; what {@link #call()} and tests use. */
  public final int execute(SparkSession spark, CargoRiskConfig config, LocalDate date, Clock clock)
      throws Exception {
    this.clock = clock;
    String runId = newRunId(jobName(), date, clock);
    Lake lake = new Lake(config.lake());
    RunTracker tracker = new RunTracker(clock);
    JobContext context = new JobContext(spark, config, date, runId, lake, tracker);
    var started = clock.instant();
    LOG.info("Run {}: {} {}", runId, jobName(), date == null ? "" : date);
    if (readsLanding()) {
      // A typo in --landing is a usage mistake, not a run: no lock, no run record, no lake
      // folder created on a fresh lake.
      LandingCheck.requireRoot(spark.sparkContext().hadoopConfiguration(), config.landing());
    }
    // Need-to-know: a lake or export root that others can read is closed (or the run refused)
    // before anything is read or written (LakePermissions).
    LakePermissions.checkRoot(spark.sparkContext().hadoopConfiguration(), "lake", lake.root());
    LakePermissions.checkRoot(spark.sparkContext().hadoopConfiguration(), "export", config.export());
    try (RunLock lock =
        writesLake()
            ? RunLock.acquire(
                spark.sparkContext().hadoopConfiguration(),
                lake,
                jobName(),
                String.valueOf(date),
                runId,
                started)
            : null) {
      if (lock != null) {
        lock.takenOver().ifPresent(killed -> recordAbandoned(context, killed));
      }
      context.jobGroup(jobName(), jobName() + " run " + runId);
      run(context);
      record(
          context,
          started,
          tracker.emptyBecause().isPresent() ? RunRecord.EMPTY : RunRecord.SUCCEEDED,
          tracker.emptyBecause().orElse(null));
      return 0;
    } catch (Exception | Error e) {
      record(context, started, RunRecord.FAILED, e.getMessage());
      if (e instanceof Exception && isStorageProblem(e)) {
        throw CargoRiskErrors.storageFailure(
            "Run "
                + runId
                + " could not read or write its storage at "
                + storagePath(e).orElse(lake.root())
                + " (lake "
                + lake.root()
                + "; a re-run of the same command after the storage is back is safe: every step"
                + " is idempotent and this run's lake lock is taken over)",
            e);
      }
      throw e;
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * The run record of a killed run, whose stale lock this run took over: it could not write its
   * own. Outcome ABANDONED, no end time; the lock says who, what and when it started.
   */
  private static void recordAbandoned(JobContext context, RunLock.Holder killed) {
    java.time.Instant killedStart;
    try {
      killedStart = java.time.Instant.parse(killed.startedAt());
    } catch (java.time.format.DateTimeParseException e) {
      killedStart = context.tracker().now();
    }
    LocalDate killedDate;
    try {
      killedDate = LocalDate.parse(killed.date());
    } catch (java.time.format.DateTimeParseException e) {
      killedDate = null;
    }
    RunRecord record =
        new RunRecord(
            killed.runId(),
            killed.job(),
            killedDate,
            null,
            "-".equals(killed.user()) ? null : killed.user(),
            killedStart,
            null,
            RunRecord.ABANDONED,
            "The process of this run (pid "
                + killed.pid()
                + " on "
                + killed.host()
                + ") ended without finishing it (killed). Tables written by it hold only whole"
                + " commits; run "
                + context.runId()
                + " took over its lake lock.",
            List.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            List.of());
    try {
      new RunLog(context.spark(), context.lake()).append(record);
    } catch (RuntimeException e) {
      LOG.error("Could not record the abandoned run {}: {}", killed.runId(), CargoRiskErrors.rootMessage(e));
    }
  }

  private void record(JobContext context, java.time.Instant started, String outcome, String error) {
    List<String> arguments =
        spec == null || spec.commandLine() == null || spec.commandLine().getParseResult() == null
            ? List.of()
            : spec.commandLine().getParseResult().originalArgs();
    RunRecord record =
        new RunRecord(
            context.runId(),
            jobName(),
            context.date(),
            Redaction.joinArguments(arguments),
            System.getProperty("user.name"),
            started,
            context.tracker().now(),
            outcome,
            error,
            context.tracker().inputFiles(),
            context.tracker().inputVersions(),
            context.tracker().outputVersions(),
            context.tracker().counts(),
            context.tracker().steps());
    try {
      new RunLog(context.spark(), context.lake()).append(record);
    } catch (Exception e) {
      // The run's own outcome matters more than its record; say loudly that it is missing.
      // (Exception, not RuntimeException: Delta's Scala code throws checked IOExceptions, e.g.
      // when the object store is down, and these must not replace the run's own error.)
      LOG.error(
          "Could not record run {} in the runs table: {}",
          context.runId(),
          CargoRiskErrors.rootMessage(e));
      if (RunRecord.SUCCEEDED.equals(outcome) || RunRecord.EMPTY.equals(outcome)) {
        throw CargoRiskErrors.storageFailure("Cannot write the run record to " + context.lake().runs(), e);
      }
    }
  }

  /**
   * Whether a failure comes from the storage (lake or landing area unreachable, connection
   * refused, S3 client errors) rather than from CargoRisk: an I/O exception or an AWS SDK client
   * exception somewhere in the cause chain, and no CargoRisk error (those already say what is
   * wrong).
   */
  static boolean isStorageProblem(Throwable error) {
    boolean storage = false;
    Throwable current = error;
    for (int depth = 0; current != null && depth < 50; depth++) {
      if (current instanceof org.cargorisk.errors.CargoRiskException) {
        return false;
      }
      if (current instanceof java.io.IOException
          || current.getClass().getName().startsWith("software.amazon.awssdk.core.exception.")) {
        storage = true;
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return storage;
  }

  /** A URI in the cause chain's messages, e.g. {@code s3a://bucket/lake/gold/runs}. */
  private static final Pattern STORAGE_URI =
      Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*:/{1,3}[^\\s:,;\"'()\\[\\]]+");

  /**
   * The storage path the failure is about: the first URI named in the cause chain that is not
   * the store's HTTP endpoint (S3A says {@code getFileStatus on s3a://bucket/key: ...}), if any.
   */
  static Optional<String> storagePath(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < 50; depth++) {
      if (current.getMessage() != null) {
        Matcher uri = STORAGE_URI.matcher(current.getMessage());
        while (uri.find()) {
          if (!uri.group().startsWith("http")) {
            return Optional.of(uri.group());
          }
        }
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return Optional.empty();
  }

  static String newRunId(String job, LocalDate date, Clock clock) {
    return job
        + "-"
        + (date == null ? "nodate" : date.toString())
        + "-"
        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC)
            .format(clock.instant())
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
