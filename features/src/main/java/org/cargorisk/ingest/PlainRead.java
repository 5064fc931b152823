package org.cargorisk.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;

/**
 * The floor for ingest's speed: a plain Spark read of the same landing files (CSV with header,
 * JSON lines with the raw schema, Parquet) into the no-op sink, with no validation, numbering,
 * caching or writes. The benchmark reports ingest time as a multiple of it.
 */
public final class PlainRead {
  private PlainRead() {}

  /** Reads every landing file of the date into the {@code noop} sink; returns elapsed ms. */
  public static long noopMillis(SparkSession spark, String landing, LocalDate date) {
    LandingReader reader = new LandingReader(spark);
    long started = System.nanoTime();
    for (Source source : Source.values()) {
      Map<LandingFormat, List<String>> byFormat =
          reader.discover(landing, source, date).stream()
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
}
