package org.cargorisk.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.ingest.PlainRead;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.jobs.pipeline.Step;
import org.cargorisk.lake.Lake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-step --step ingest|features|train|score --date D [--from D0]}: runs one pipeline
 * step exactly as its own job does (the same {@link Step} of the pipeline library, its options'
 * defaults), then, in the same JVM and session, reads the step's inputs plainly into Spark's
 * no-op sink: the floor. Prints one
 * line {@code bench step=... records=... step_ms=... floor_ms=... heap_peak_mb=...} for
 * bench/run.sh. Times exclude JVM and Spark start-up; the floor runs second, so it finds the
 * files in the operating system's cache, as ingest's {@code --measure-floor} does.
 *
 * <p>Floors, per step: ingest, the landing files of the dates; features, every bronze table in
 * full (features read the whole history); train, both silver feature tables and the label
 * tables in full; score, the date's rows of both silver feature tables and bronze firms.
 */
@Command(
    name = "bench-step",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark: run one step (ingest, features, train or score) as its job does, then read the"
            + " step's inputs plainly into the no-op sink (the floor) and print both times.")
public final class BenchmarkJob extends SparkJob {
  @Option(
      names = "--step",
      required = true,
      paramLabel = "STEP",
      description = "ingest, features, train or score.")
  Step step;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First date of a range (ingest: landing dates; features: as_of dates).")
  LocalDate from;

  @Override
  protected String jobName() {
    return "bench-step";
  }

  @Override
  protected void checkOptions() {
    if (step == Step.FEEDBACK) {
      // No floor is defined for it: the feedback step reads a few weeks of lists, not the lake.
      throw CargoRiskErrors.invalidConfiguration("--step", step.cliName(), "must be one of ingest, features, train, score");
    }
  }

  @Override
  protected void run(JobContext context) throws Exception {
    Step which = step;
    LocalDate first = from == null ? context.date() : from;
    PrintWriter out = console();
    long started = System.nanoTime();
    // The step exactly as its own job runs it, with the job's defaults.
    which.withDefaults(from).run(context, out);
    long stepMillis = (System.nanoTime() - started) / 1_000_000;

    context.jobGroup("bench floor", "plain read of the " + which + " inputs into the noop sink");
    SparkSession spark = context.spark();
    Lake lake = context.lake();
    long floorMillis;
    long records;
    switch (which) {
      case INGEST -> {
        floorMillis = PlainRead.noopMillis(spark, context.config().landing(), first, context.date());
        records = context.tracker().counts().getOrDefault("total.read", -1L);
      }
      case FEATURES -> {
        List<Supplier<Dataset<Row>>> inputs = new ArrayList<>();
        for (Source source : Source.values()) {
          inputs.add(() -> delta(spark, lake.bronze(source)));
        }
        floorMillis = PlainRead.noopMillis(inputs);
        records = 0;
        for (Source source : Source.values()) {
          records += delta(spark, lake.bronze(source)).count();
        }
      }
      case TRAIN -> {
        List<Supplier<Dataset<Row>>> inputs =
            List.of(
                () -> delta(spark, lake.containerFeatures()),
                () -> delta(spark, lake.firmFeatures()),
                () -> delta(spark, lake.bronze(Source.INSPECTIONS)),
                () -> delta(spark, lake.bronze(Source.FIRM_LABELS)));
        floorMillis = PlainRead.noopMillis(inputs);
        records = delta(spark, lake.containerFeatures()).count() + delta(spark, lake.firmFeatures()).count();
      }
      case SCORE -> {
        Date day = Date.valueOf(context.date());
        List<Supplier<Dataset<Row>>> inputs =
            List.of(
                () -> delta(spark, lake.containerFeatures()).where(col(ContainerFeatureColumns.AS_OF).equalTo(lit(day))),
                () -> delta(spark, lake.firmFeatures()).where(col(FirmFeatureColumns.AS_OF).equalTo(lit(day))),
                () -> delta(spark, lake.bronze(Source.FIRMS)));
        floorMillis = PlainRead.noopMillis(inputs);
        records = delta(spark, lake.containerFeatures()).where(col(ContainerFeatureColumns.AS_OF).equalTo(lit(day))).count();
      }
      default -> throw new IllegalStateException(which.name());
    }
    context.tracker().count("bench.step_ms", stepMillis);
    context.tracker().count("bench.floor_ms", floorMillis);
    out.printf(
        "bench step=%s from=%s date=%s records=%d step_ms=%d floor_ms=%d heap_peak_mb=%d%n",
        which.name().toLowerCase(java.util.Locale.ROOT),
        first,
        context.date(),
        records,
        stepMillis,
        floorMillis,
        heapPeakMegabytes());
    out.flush();
  }

  private static Dataset<Row> delta(SparkSession spark, String path) {
    return spark.read().format("delta").load(path);
  }

  /** Sum of the heap pools' peak usage since the JVM started (an upper bound of the peak heap). */
  private static long heapPeakMegabytes() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }
}
