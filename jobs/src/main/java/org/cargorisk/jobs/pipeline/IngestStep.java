package org.cargorisk.jobs.pipeline;

import java.io.PrintWriter;
import java.time.LocalDate;
import org.cargorisk.ingest.Ingest;
import org.cargorisk.ingest.IngestResult;
import org.cargorisk.ingest.LandingCheck;
import org.cargorisk.ingest.SourceCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest step: the landing files of the business date (or of {@code from}..date) into the
 * bronze history and the quarantine. Its counts per source and file, input files and the Delta
 * versions written go to the run's tracker; its console lines are one per source and, when a
 * daily source had no files, one naming the gaps.
 */
public final class IngestStep implements PipelineStep {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStep.class);

  /** Used when the key's environment variable is unset: fine for development, never for real data. */
  public static final String DEVELOPMENT_KEY = "cargorisk-development-pseudonym-key";

  private LocalDate from;
  private boolean allowEmpty;

  /** The first date of a catch-up range (null = the business date only). */
  public IngestStep from(LocalDate first) {
    this.from = first;
    return this;
  }

  /** Whether a date without the daily sources is allowed (the run is then recorded EMPTY). */
  public IngestStep allowEmpty(boolean allowed) {
    this.allowEmpty = allowed;
    return this;
  }

  @Override
  public Step step() {
    return Step.INGEST;
  }

  @Override
  public void run(JobContext context, PrintWriter out) {
    IngestResult result = execute(context);
    printSources(result, out);
    printGaps(result, out);
  }

  /** Ingests and records the run's counts, files and versions; prints nothing. */
  public IngestResult execute(JobContext context) {
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
    return result;
  }

  /** One line per source: files, records read, accepted and quarantined. */
  public static void printSources(IngestResult result, PrintWriter out) {
    for (SourceCounts counts : result.sources().values()) {
      out.printf(
          "%-17s files %3d  read %10d  accepted %10d  quarantined %8d%n",
          counts.source().sourceName(),
          counts.files(),
          counts.read(),
          counts.accepted(),
          counts.quarantined());
    }
  }

  /** The dates and daily sources without landing files, when --allow-empty let them pass. */
  public static void printGaps(IngestResult result, PrintWriter out) {
    if (!result.gaps().isEmpty()) {
      out.printf(
          "no landing files for a source due every day (--allow-empty): %s%n",
          LandingCheck.describe(result.gaps()));
    }
  }

  /** The key from the environment variable the configuration names; never logged. */
  public static String pseudonymKey(String environmentVariable) {
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
