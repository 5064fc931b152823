package org.cargorisk.jobs;

import java.time.LocalDate;

import org.cargorisk.ingest.IngestResult;
import org.cargorisk.ingest.PlainRead;
import org.cargorisk.ingest.SourceCounts;
import org.cargorisk.jobs.pipeline.IngestStep;
import org.cargorisk.jobs.pipeline.JobContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cargorisk ingest --date D}: one business date of landing files into the bronze history
 * and the quarantine (docs/INGEST.md). The counts per source and file, the input files and the
 * Delta versions written go into the run record. The step is {@link IngestStep}.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Validate one business date of landing files (<landing>/<source>/date=YYYY-MM-DD/) and"
            + " merge them into the bronze Delta tables; rejected records go to the quarantine.")
public final class IngestJob extends SparkJob {
  /** Used when the key's environment variable is unset: fine for development, never for real data. */
  static final String DEVELOPMENT_KEY = IngestStep.DEVELOPMENT_KEY;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description =
          "Ingest every business date from this one to --date in one batch (first run or"
              + " catch-up; same tables as ingesting the dates one by one).")
  LocalDate from;

  @Option(
      names = "--allow-empty",
      description =
          "Go on when a source due every day (manifests, port_calls, container_events) has no"
              + " landing files for a date: the run is recorded EMPTY when --date itself has none."
              + " Without it such a date is an error naming the date, source and folder.")
  boolean allowEmpty;

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
    IngestResult result = new IngestStep().from(from).allowEmpty(allowEmpty).execute(context);
    var out = console();
    IngestStep.printSources(result, out);
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
    IngestStep.printGaps(result, out);
    out.println(
        "ingest " + context.date() + ": run " + context.runId()
            + (result.businessDateEmpty() ? " recorded EMPTY" : " done"));
  }

  /** The key from the environment variable the configuration names; never logged. */
  static String pseudonymKey(String environmentVariable) {
    return IngestStep.pseudonymKey(environmentVariable);
  }
}
