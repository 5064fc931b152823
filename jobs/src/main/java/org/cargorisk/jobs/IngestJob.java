package org.cargorisk.jobs;

import java.time.LocalDate;

import org.cargorisk.ingest.Ingest;
import org.cargorisk.ingest.IngestResult;
import org.cargorisk.ingest.LandingCheck;
import org.cargorisk.ingest.PlainRead;
import org.cargorisk.ingest.SourceCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cargorisk ingest --date D}: one business date of landing files into the bronze tables
 * and the quarantine (docs/INGEST.md). The counts per source and file, the input files and the
 * Delta versions written go into the run record.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Validate one business date of landing files (<landing>/<source>/date=YYYY-MM-DD/) and"
            + " merge them into the bronze Delta tables; rejected records go to the quarantine.")
public final class IngestJob extends SparkJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /** Used when the key's environment variable is unset: fine for development, never for real data. */
  static final String DEVELOPMENT_KEY = "cargorisk-development-pseudonym-key";

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description =
          "Ingest every business date from this one to --date in one batch (first run or"
              + " catch-up; same tables as ingesting the dates one by one).")
  LocalDate from;

  /** For the nightly job: the first date of a catch-up range (null = the business date). */
  IngestJob from(LocalDate first) {
    this.from = first;
    return this;
  }

  @Option(
      names = "--allow-empty",
      description =
          "Go on when a source due every day (manifests, port_calls, container_events) has no"
              + " landing files for a date: the run is recorded EMPTY when --date itself has none."
              + " Without it such a date is an error naming the date, source and folder.")
  boolean allowEmpty;

  /** For the nightly job: whether a date without daily sources is allowed. */
  IngestJob allowEmpty(boolean allowed) {
    this.allowEmpty = allowed;
    return this;
  }

  @Option(
      names = "--measure-floor",
      description =
          "Benchmark: after ingesting, read the same files plainly into Spark's no-op sink and"
              + " print both times (bench/ingest-benchmark.sh).")
  boolean measureFloor;

  @Override
  protected boolean readsLanding() {
    return true;
  }

  @Override
  protected void run(JobContext context) {
    long started = System.nanoTime();
    Ingest ingest =
        Ingest.of(context.spark())
            .landing(context.config().landing())
            .lake(context.lake())
            .date(context.date())
            .from(from)
            .runId(context.runId())
            .ingestedAt(context.tracker().now())
            .pseudonymKey(pseudonymKey(context.config().pseudonymKeyEnv()));
    if (!allowEmpty) {
      ingest.requireDailySources();
    }
    IngestResult result = ingest.execute();
    if (result.businessDateEmpty()) {
      context.tracker().markEmpty(
          LandingCheck.describe(
              result.gaps().stream().filter(gap -> gap.date().equals(context.date())).toList()));
    }
    context.tracker().addInputFiles(result.inputFiles());
    context.tracker().counts(result.flatCounts());
    result.outputVersions().forEach(context.tracker()::outputVersion);
    var out = spec.commandLine().getOut();
    for (SourceCounts counts : result.sources().values()) {
      out.printf(
          "%-17s files %3d  read %10d  accepted %10d  quarantined %8d%n",
          counts.source().sourceName(),
          counts.files(),
          counts.read(),
          counts.accepted(),
          counts.quarantined());
    }
    if (measureFloor) {
      long ingestMillis = (System.nanoTime() - started) / 1_000_000;
      context.jobGroup("floor", "plain read of the landing files into the noop sink");
      long floorMillis =
          PlainRead.noopMillis(
              context.spark(), context.config().landing(), from == null ? context.date() : from, context.date());
      long read = result.sources().values().stream().mapToLong(SourceCounts::read).sum();
      context.tracker().count("bench.ingest_ms", ingestMillis);
      context.tracker().count("bench.floor_ms", floorMillis);
      out.printf(
          "bench date=%s records=%d ingest_ms=%d floor_ms=%d%n",
          context.date(), read, ingestMillis, floorMillis);
    }
    if (!result.gaps().isEmpty()) {
      out.printf(
          "no landing files for a source due every day (--allow-empty): %s%n",
          LandingCheck.describe(result.gaps()));
    }
    if (!nightlyStep) {
      out.println(
          "ingest " + context.date() + ": run " + context.runId()
              + (result.businessDateEmpty() ? " recorded EMPTY" : " done"));
    }
  }

  /** The key from the environment variable the configuration names; never logged. */
  static String pseudonymKey(String environmentVariable) {
    String key = System.getenv(environmentVariable);
    if (key == null || key.isEmpty()) {
      LOG.warn(
          "Environment variable {} is not set: personal data is pseudonymised with the fixed"
              + " development key. Set it (a long random secret) for real data.",
          environmentVariable);
      return DEVELOPMENT_KEY;
    }
    return key;
  }
}
