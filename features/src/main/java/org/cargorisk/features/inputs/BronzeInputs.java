package org.cargorisk.features.inputs;

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
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;

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
    TableIO io = new TableIO(spark, lake);
    return new BronzeInputs(
        read(io, Source.MANIFESTS),
        read(io, Source.PORT_CALLS),
        read(io, Source.CONTAINER_EVENTS),
        read(io, Source.FIRMS),
        read(io, Source.TRANSACTIONS),
        read(io, Source.INSPECTIONS),
        read(io, Source.FIRM_LABELS));
  }

  /**
   * The bronze tables of a lake pinned to their current Delta versions, read once, so that the
   * versions recorded for a run are exactly the data it read (an ingest committing meanwhile
   * changes neither).
   *
   * @param inputs the tables, each read at {@code versionAsOf}
   * @param versions table path to the Delta version read
   */
  public record Pinned(BronzeInputs inputs, Map<String, Long> versions) {
    public Pinned {
      versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
    }
  }

  /** Reads the seven bronze tables at their latest versions (see {@link Pinned}). */
  public static Pinned pinnedFromLake(SparkSession spark, Lake lake) {
    return pinned(new TableIO(spark, lake));
  }

  /**
   * Reads the seven bronze tables at their latest versions through {@code io}, which records
   * them as read (see {@link Pinned}).
   */
  public static Pinned pinned(TableIO io) {
    Map<String, Long> versions = new java.util.LinkedHashMap<>();
    Map<Source, Dataset<Row>> tables = new java.util.EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      LakeTable table = LakeTables.bronze(source);
      long version = io.latestVersion(table).orElseThrow(() -> missing(source, io.location(table)));
      TableIO.Pinned read = io.readAt(table, version);
      versions.put(read.location(), read.version());
      tables.put(source, read.data());
    }
    BronzeInputs inputs =
        new BronzeInputs(
            tables.get(Source.MANIFESTS),
            tables.get(Source.PORT_CALLS),
            tables.get(Source.CONTAINER_EVENTS),
            tables.get(Source.FIRMS),
            tables.get(Source.TRANSACTIONS),
            tables.get(Source.INSPECTIONS),
            tables.get(Source.FIRM_LABELS));
    return new Pinned(inputs, versions);
  }

  private static Dataset<Row> read(TableIO io, Source source) {
    LakeTable table = LakeTables.bronze(source);
    if (!io.exists(table)) {
      throw missing(source, io.location(table));
    }
    return io.read(table);
  }

  private static RuntimeException missing(Source source, String path) {
    return CargoRiskErrors.missingInput(
        "Bronze table " + source.sourceName(),
        path,
        "Run 'cargorisk ingest --date D' for the business dates first (an empty landing"
            + " folder still creates the table).");
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

  /**
   * The same tables kept by Spark's cache after their first scan (memory, then local disk), so
   * that the many plans of one feature build scan each Delta table once instead of once per
   * query; {@link #release()} frees them.
   */
  public BronzeInputs persisted() {
    return new BronzeInputs(
        keep(manifests), keep(portCalls), keep(containerEvents), keep(firms),
        keep(transactions), keep(inspections), keep(firmLabels));
  }

  /** Frees what {@link #persisted()} kept (no-op for tables that were not persisted). */
  public void release() {
    for (Dataset<Row> table : List.of(manifests, portCalls, containerEvents, firms, transactions, inspections, firmLabels)) {
      table.unpersist(false);
    }
  }

  private static Dataset<Row> keep(Dataset<Row> table) {
    return table.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
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
