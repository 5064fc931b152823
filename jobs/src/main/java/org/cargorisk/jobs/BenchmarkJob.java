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
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.ingest.PlainRead;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.jobs.pipeline.Step;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeStep;
import org.cargorisk.lake.TableIO;
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
 * <p>Floors, per step: ingest, the landing files of the dates; the other steps, the tables they
 * declare they read ({@link LakeStep#reads()}: features, the bronze history in full; train,
 * both silver feature tables and the history in full; score, the date's rows of both silver
 * feature tables and the history). Records: the rows of the tables the step works on.
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
      default -> {
        // The step's declared inputs (LakeStep.reads), read plainly; its records are the
        // rows of the inputs it works on (the SUBJECT reads).
        TableIO io = new TableIO(spark, lake);
        List<LakeStep.TableRead> reads = which.lakeStep().reads();
        List<Supplier<Dataset<Row>>> inputs = new ArrayList<>();
        for (LakeStep.TableRead read : reads) {
          inputs.add(() -> plainRead(io, read, context.date()));
        }
        floorMillis = PlainRead.noopMillis(inputs);
        records = 0;
        for (LakeStep.TableRead read : reads) {
          if (read.role() == LakeStep.Role.SUBJECT) {
            records += plainRead(io, read, context.date()).count();
          }
        }
      }
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

  /** A declared read: the whole table, or the business date's partition. */
  private static Dataset<Row> plainRead(TableIO io, LakeStep.TableRead read, LocalDate date) {
    Dataset<Row> table = io.read(read.table());
    return read.scope() == LakeStep.Scope.DATE_PARTITION
        ? table.where(col(read.table().partitionColumns().get(0)).equalTo(lit(Date.valueOf(date))))
        : table;
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
