package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent writes of gold tables partitioned by a date: the rows of one partition (or one range
 * of partitions) are replaced atomically with Delta's {@code replaceWhere}, so a re-run for the
 * same date gives the same table, and a run killed half way leaves the previous version. Delta
 * also refuses rows outside the predicate, so a list can never overwrite another date.
 */
public final class DeltaPartitions {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaPartitions.class);

  private DeltaPartitions() {}

  /** Selects the schema's columns in its order, cast to its types (the boundary contract). */
  public static Dataset<Row> conform(Dataset<Row> frame, StructType schema) {
    Map<String, DataType> types =
        Arrays.stream(schema.fields())
            .collect(
                Collectors.toMap(
                    StructField::name,
                    StructField::dataType,
                    (a, b) -> a,
                    java.util.LinkedHashMap::new));
    SchemaChecks.requireColumns("conform", frame.schema(), types.keySet().toArray(String[]::new));
    // Cast only where the type differs: a cast cannot narrow nullability (array<string> with
    // null elements to one without), and the same type needs none.
    return frame.select(
        Arrays.stream(schema.fields())
            .map(
                f ->
                    frame.schema().apply(f.name()).dataType().sameType(f.dataType())
                        ? col(f.name())
                        : col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new));
  }

  /** Replaces the partition {@code dateColumn = date} of the Delta table at {@code path}. */
  public static void replaceDate(
      Dataset<Row> rows, String path, StructType schema, String dateColumn, LocalDate date) {
    String predicate = String.format(Locale.ROOT, "%s = DATE'%s'", dateColumn, date);
    replace(rows, path, schema, dateColumn, predicate, col(dateColumn).equalTo(lit(Date.valueOf(date))));
  }

  /** Replaces the partitions {@code from <= dateColumn <= to} of the Delta table at {@code path}. */
  public static void replaceDateRange(
      Dataset<Row> rows,
      String path,
      StructType schema,
      String dateColumn,
      LocalDate from,
      LocalDate to) {
    String predicate =
        String.format(
            Locale.ROOT, "%s >= DATE'%s' AND %s <= DATE'%s'", dateColumn, from, dateColumn, to);
    replace(
        rows,
        path,
        schema,
        dateColumn,
        predicate,
        col(dateColumn).between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
  }

  private static void replace(
      Dataset<Row> rows,
      String path,
      StructType schema,
      String dateColumn,
      String predicate,
      Column inside) {
    // Delta checks replaceWhere against existing tables only; this check also covers the first
    // write, inside the same job (raise_error fails the write on the first stray row, no scan).
    Column checked =
        when(
                inside.isNull().or(not(inside)),
                raise_error(
                    concat(
                        lit("row with " + dateColumn + " = "),
                        coalesce(col(dateColumn).cast("string"), lit("null")),
                        lit(" is outside the partition being replaced (" + predicate + ")"))))
            .otherwise(col(dateColumn));
    try {
      conform(rows, schema)
          .withColumn(dateColumn, checked)
          .write()
          .format("delta")
          .mode("overwrite")
          .partitionBy(dateColumn)
          .option("replaceWhere", predicate)
          // A table written before a column was added (hit_chance, transshipment_ports) takes it;
          // its older rows read null.
          .option("mergeSchema", "true")
          .save(path);
    } catch (RuntimeException e) {
      if (e instanceof org.cargorisk.errors.CargoRiskException) {
        throw e;
      }
      throw CargoRiskErrors.storageFailure(
          "Cannot replace " + predicate + " in the Delta table " + path, e);
    }
    LOG.info("Replaced {} in {}", predicate, path);
  }
}
