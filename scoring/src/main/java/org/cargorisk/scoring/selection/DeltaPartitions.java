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
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.TableIO;
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

  /** Replaces the partition {@code <date column> = date} of the table (its one partition column). */
  public static void replaceDate(
      Dataset<Row> rows, TableIO io, LakeTable table, StructType schema, LocalDate date) {
    String dateColumn = dateColumn(table);
    String predicate = String.format(Locale.ROOT, "%s = DATE'%s'", dateColumn, date);
    replace(rows, io, table, schema, predicate, col(dateColumn).equalTo(lit(Date.valueOf(date))));
  }

  /** Replaces the partitions {@code from <= <date column> <= to} of the table. */
  public static void replaceDateRange(
      Dataset<Row> rows,
      TableIO io,
      LakeTable table,
      StructType schema,
      LocalDate from,
      LocalDate to) {
    String dateColumn = dateColumn(table);
    String predicate =
        String.format(
            Locale.ROOT, "%s >= DATE'%s' AND %s <= DATE'%s'", dateColumn, from, dateColumn, to);
    replace(
        rows,
        io,
        table,
        schema,
        predicate,
        col(dateColumn).between(lit(Date.valueOf(from)), lit(Date.valueOf(to))));
  }

  /** The table's date partition column: these tables are partitioned by one date. */
  private static String dateColumn(LakeTable table) {
    if (table.partitionColumns().size() != 1) {
      throw CargoRiskErrors.internal(
          "The table " + table.name() + " is not partitioned by one date column: " + table.partitionColumns(), null);
    }
    return table.partitionColumns().get(0);
  }

  private static void replace(
      Dataset<Row> rows,
      TableIO io,
      LakeTable table,
      StructType schema,
      String predicate,
      Column inside) {
    String dateColumn = dateColumn(table);
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
      // A table written before a column was added (hit_chance, transshipment_ports) takes it;
      // its older rows read null.
      io.replacePartitionsMergingSchema(table, conform(rows, schema).withColumn(dateColumn, checked), predicate);
    } catch (RuntimeException e) {
      if (e instanceof org.cargorisk.errors.CargoRiskException) {
        throw e;
      }
      throw CargoRiskErrors.storageFailure(
          "Cannot replace " + predicate + " in the Delta table " + io.location(table), e);
    }
    LOG.info("Replaced {} in {}", predicate, io.location(table));
  }
}
