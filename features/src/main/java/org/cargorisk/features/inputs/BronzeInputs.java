package org.cargorisk.features.inputs;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.TableIO;

/**
 * The bronze tables the features read, each checked on arrival: every contract column with its
 * type, plus the lineage columns the point-in-time rules use: {@code _business_date} and {@code
 * _valid_to}, the days a row (a version of a record) was the one known.
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
    manifests = withValidity(manifests);
    portCalls = withValidity(portCalls);
    containerEvents = withValidity(containerEvents);
    firms = withValidity(firms);
    transactions = withValidity(transactions);
    inspections = withValidity(inspections);
    firmLabels = withValidity(firmLabels);
    check(Source.MANIFESTS, manifests, true);
    check(Source.PORT_CALLS, portCalls, false);
    check(Source.CONTAINER_EVENTS, containerEvents, false);
    check(Source.FIRMS, firms, false);
    check(Source.TRANSACTIONS, transactions, false);
    check(Source.INSPECTIONS, inspections, false);
    check(Source.FIRM_LABELS, firmLabels, false);
  }

  /**
   * The bronze tables of a lake as known on each day up to {@code to}, from one pinned version of
   * the bronze history, so that the version recorded for a run is exactly the data it read (an
   * ingest committing meanwhile changes nothing).
   *
   * @param inputs every version of every record known by the end of {@code to}
   * @param versions table path to the Delta version read
   */
  public record Pinned(BronzeInputs inputs, Map<String, Long> versions) {
    public Pinned {
      versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
    }
  }

  /**
   * Every version of every bronze record known by the end of {@code to}, each with the days it
   * was the one known ({@code _business_date} .. {@code _valid_to}, see {@link
   * BronzeHistory#versions}), read from the bronze history at its latest version through {@code
   * io}, which records it as read. A feature for as_of D uses the versions valid at D ({@link
   * PointInTime#valid}), so a backfill computes what the night of D computed.
   */
  public static Pinned versions(TableIO io, LocalDate to) {
    TableIO.Pinned read = BronzeHistory.readPinned(io);
    Map<Source, Dataset<Row>> tables = new java.util.EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      tables.put(source, BronzeHistory.versions(read.data(), source, to));
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
    return new Pinned(inputs, Map.of(read.location(), read.version()));
  }

  /**
   * A table without {@link BronzeColumns#VALID_TO} (a bronze table itself, or rows made up by a
   * test or notebook) holds one version per record, current from its {@code _business_date} on.
   */
  private static Dataset<Row> withValidity(Dataset<Row> table) {
    if (table == null || List.of(table.columns()).contains(BronzeColumns.VALID_TO)) {
      return table;
    }
    return table.withColumn(BronzeColumns.VALID_TO, org.apache.spark.sql.functions.lit(null).cast(DataTypes.DateType));
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
    types.put(BronzeColumns.VALID_TO, DataTypes.DateType);
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
}
