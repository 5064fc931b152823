package org.cargorisk.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.Lake;

/**
 * The bronze tables the features read, each checked on arrival: every contract column with its
 * type, plus the lineage columns the point-in-time rules use.
 */
public record BronzeInputs(
    Dataset<Row> manifests,
    Dataset<Row> portCalls,
    Dataset<Row> containerEvents,
    Dataset<Row> firms,
    Dataset<Row> transactions,
    Dataset<Row> inspections,
    Dataset<Row> firmLabels) {

  public BronzeInputs {
    check(Source.MANIFESTS, manifests, true);
    check(Source.PORT_CALLS, portCalls, false);
    check(Source.CONTAINER_EVENTS, containerEvents, false);
    check(Source.FIRMS, firms, false);
    check(Source.TRANSACTIONS, transactions, false);
    check(Source.INSPECTIONS, inspections, false);
    check(Source.FIRM_LABELS, firmLabels, false);
  }

  /** Reads the seven bronze Delta tables of a lake; a missing table is a clear user error. */
  public static BronzeInputs fromLake(SparkSession spark, Lake lake) {
    return new BronzeInputs(
        read(spark, lake, Source.MANIFESTS),
        read(spark, lake, Source.PORT_CALLS),
        read(spark, lake, Source.CONTAINER_EVENTS),
        read(spark, lake, Source.FIRMS),
        read(spark, lake, Source.TRANSACTIONS),
        read(spark, lake, Source.INSPECTIONS),
        read(spark, lake, Source.FIRM_LABELS));
  }

  private static Dataset<Row> read(SparkSession spark, Lake lake, Source source) {
    String path = lake.bronze(source);
    if (!io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
      throw CargoRiskErrors.missingInput(
          "Bronze table " + source.sourceName(),
          path,
          "Run 'cargorisk ingest --date D' for the business dates first (an empty landing"
              + " folder still creates the table).");
    }
    return spark.read().format("delta").load(path);
  }

  private static void check(Source source, Dataset<Row> table, boolean manifest) {
    String step = "features: bronze " + source.sourceName();
    if (table == null) {
      throw CargoRiskErrors.missingInput(
          "Bronze table " + source.sourceName(), "(none given)", "Pass every bronze table.");
    }
    Map<String, DataType> types = new java.util.LinkedHashMap<>();
    for (StructField field : source.schema().fields()) {
      types.put(field.name(), field.dataType());
    }
    types.put(BronzeColumns.BUSINESS_DATE, DataTypes.DateType);
    if (manifest) {
      types.put(BronzeColumns.AMENDMENT_COUNT, DataTypes.IntegerType);
      types.put(BronzeColumns.FIRST_FILED_AT, DataTypes.TimestampType);
    }
    SchemaChecks.requireTypes(step, table.schema(), types);
  }

  /** Names of the tables, for logs and run records. */
  public static List<String> tableNames() {
    List<String> names = new ArrayList<>();
    for (Source source : Source.values()) {
      names.add(source.sourceName());
    }
    return names;
  }
}
