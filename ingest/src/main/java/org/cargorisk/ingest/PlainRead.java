package org.cargorisk.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;

/**
 * The floor for a step's speed: a plain Spark read of the same inputs into the no-op sink, with
 * no validation, numbering, caching, joins or writes. The benchmarks (bench/run.sh) report each
 * step's time as a multiple of it.
 */
public final class PlainRead {
  private PlainRead() {}

  /** Reads every landing file of the date into the {@code noop} sink; returns elapsed ms. */
  public static long noopMillis(SparkSession spark, String landing, LocalDate date) {
    return noopMillis(spark, landing, date, date);
  }

  /**
   * Reads every landing file of the dates {@code first..last} into the {@code noop} sink (CSV
   * with header, JSON lines with the raw schema, Parquet), one read per source and format;
   * returns elapsed ms.
   */
  public static long noopMillis(SparkSession spark, String landing, LocalDate first, LocalDate last) {
    LandingReader reader = new LandingReader(spark);
    long started = System.nanoTime();
    for (Source source : Source.values()) {
      List<LandingFile> files = new ArrayList<>();
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        files.addAll(reader.discover(landing, source, day));
      }
      Map<LandingFormat, List<String>> byFormat =
          files.stream()
              .collect(
                  Collectors.groupingBy(
                      LandingFile::format, Collectors.mapping(LandingFile::path, Collectors.toList())));
      for (Map.Entry<LandingFormat, List<String>> entry : byFormat.entrySet()) {
        String[] paths = new ArrayList<>(entry.getValue()).toArray(String[]::new);
        Dataset<Row> rows =
            switch (entry.getKey()) {
              case CSV -> spark.read().option("header", "true").csv(paths);
              case JSON -> spark.read().schema(source.rawSchema()).json(paths);
              case PARQUET -> spark.read().parquet(paths);
            };
        rows.write().format("noop").mode("overwrite").save();
      }
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  /**
   * Builds and reads each input (e.g. a Delta table, filtered to the dates a step reads) to the
   * end, every column of every row; returns elapsed ms. The inputs are built inside the timing,
   * because loading a Delta table's log is part of reading it.
   */
  public static long noopMillis(List<Supplier<Dataset<Row>>> inputs) {
    long started = System.nanoTime();
    for (Supplier<Dataset<Row>> input : inputs) {
      consume(input.get());
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  /**
   * Runs the plan of {@code rows} as it is (no column pruning, unlike {@code count()}) and drops
   * its rows; returns how many there were. Not the {@code noop} sink: with Delta 4.0.1 a write to
   * it from a table with deletion vectors (the bronze tables before 2026-12-07) fails with "Cannot work with a
   * non-pinned table snapshot of the TahoeFileIndex", while executing the same plan reads the
   * table with its deletion vectors applied.
   */
  public static long consume(Dataset<Row> rows) {
    return rows.queryExecution().toRdd().count();
  }
}
