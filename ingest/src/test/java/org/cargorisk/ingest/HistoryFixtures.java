package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.cargorisk.contracts.Source;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;

/**
 * Rows made up by a test, written to {@code bronze/history} as if an ingest had accepted them,
 * so that the readers of bronze ({@link BronzeHistory#current}, the feature builds) see them.
 *
 * <pre>{@code
 * HistoryFixtures.append(lake, Source.INSPECTIONS, inspections, to_date(col("inspected_at")));
 * }</pre>
 */
public final class HistoryFixtures {
  private HistoryFixtures() {}

  /**
   * Appends the source's rows (the contract columns the test needs, the others null; lineage
   * columns where the test has them) to the lake's history. A row without {@code
   * _business_date} landed on {@code landed}; the other lineage columns default to a fixture
   * file, its row number and an empty flag list.
   */
  public static void append(Lake lake, Source source, Dataset<Row> records, Column landed) {
    List<String> present = Arrays.asList(records.columns());
    Dataset<Row> rows = records;
    for (StructField field : source.schema().fields()) {
      rows = withDefault(rows, present, field.name(), lit(null).cast(field.dataType()));
    }
    if (!present.contains(BronzeColumns.BUSINESS_DATE)) {
      rows = rows.withColumn(BronzeColumns.BUSINESS_DATE, landed.cast(DataTypes.DateType));
    }
    rows = withDefault(rows, present, BronzeColumns.INGESTED_AT, col(BronzeColumns.BUSINESS_DATE).cast(DataTypes.TimestampType));
    rows = withDefault(rows, present, BronzeColumns.SOURCE_FILE, lit("fixture/" + source.sourceName()));
    rows = withDefault(rows, present, BronzeColumns.LINE_NUMBER, monotonically_increasing_id().plus(1));
    rows = withDefault(rows, present, BronzeColumns.RUN_ID, lit("fixture"));
    rows = withDefault(rows, present, BronzeColumns.QUALITY_FLAGS, array().cast("array<string>"));
    BronzeHistory.rows(source, rows)
        .write()
        .format("delta")
        .mode("append")
        .partitionBy(BronzeColumns.BUSINESS_DATE)
        .save(lake.table(LakeTables.HISTORY));
  }

  private static Dataset<Row> withDefault(Dataset<Row> rows, List<String> present, String column, Column value) {
    return present.contains(column) ? rows : rows.withColumn(column, value);
  }
}
