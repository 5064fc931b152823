package org.cargorisk.lake;

import io.delta.tables.DeltaTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * The one way into and out of the lake's Delta tables: every step reads and writes a {@link
 * LakeTable} through here, never a path with {@code spark.read().format("delta")} (an
 * architecture test, {@code DeltaAccessRuleTest}, keeps it so). It writes each table by its
 * declared {@link LakeTable.WriteMode}, with the declared partitioning, and it keeps the ledger
 * of the Delta versions this instance pinned for reading and committed, keyed by table location,
 * which is what a run record's {@code input_versions} and {@code output_versions} hold.
 *
 * <p>One instance per step run: the ledger is the step's lineage. Not thread-safe.
 *
 * <pre>{@code
 * TableIO io = new TableIO(spark, lake);
 * TableIO.Pinned features = io.readLatest(LakeTables.CONTAINER_FEATURES, "container features");
 * io.replacePartitionsMergingSchema(LakeTables.SCAN_LIST, rows, "business_date = DATE'2026-03-31'");
 * io.versionsRead();    // {<lake>/silver/container_features=12}
 * io.versionsWritten(); // {<lake>/gold/scan_list=40}
 * }</pre>
 */
public final class TableIO {
  private static final String DELTA = "delta";
  private static final String MERGE_SCHEMA = "mergeSchema";

  private final SparkSession spark;
  private final Lake lake;
  private final Map<String, Long> read = new LinkedHashMap<>();
  private final Map<String, Long> written = new LinkedHashMap<>();

  public TableIO(SparkSession spark, Lake lake) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.lake = Objects.requireNonNull(lake, "lake");
  }

  /**
   * A table read at a fixed version.
   *
   * @param table the declaration
   * @param location the table's folder
   * @param version the Delta version read
   * @param data the rows of that version
   */
  public record Pinned(LakeTable table, String location, long version, Dataset<Row> data) {}

  public Lake lake() {
    return lake;
  }

  /** The table's folder below the lake root. */
  public String location(LakeTable table) {
    return lake.table(table);
  }

  /** Whether the table exists (a Delta log is there). */
  public boolean exists(LakeTable table) {
    return DeltaTable.isDeltaTable(spark, location(table));
  }

  /** The latest committed version, or empty when the table does not exist yet. */
  public OptionalLong latestVersion(LakeTable table) {
    return DeltaLogs.latestVersion(spark, location(table));
  }

  /**
   * The table's latest commit (version, operation, Delta's operation metrics), read from its
   * commit file; for the step that just committed it, to reconcile its counts.
   */
  public TableCommit lastCommit(LakeTable table) {
    return DeltaLogs.lastCommit(spark, location(table));
  }

  /** Whether the table's latest version holds no data files (from the Delta log; no Spark job). */
  public boolean isEmpty(LakeTable table) {
    return DeltaLogs.numFiles(spark, location(table)) == 0;
  }

  /**
   * The latest version, unpinned and not recorded: for lookups, reports and exports, which are
   * no lineage. A missing table fails in Spark when the frame is first used, as a path read does.
   */
  public Dataset<Row> read(LakeTable table) {
    return spark.read().format(DELTA).load(location(table));
  }

  /**
   * The latest version, pinned (an ingest committing meanwhile changes nothing read) and
   * recorded as read. A missing table is a user error naming {@code what} and its path.
   */
  public Pinned readLatest(LakeTable table, String what) {
    long version =
        latestVersion(table)
            .orElseThrow(
                () ->
                    CargoRiskErrors.missingInput(
                        what + " (Delta table)",
                        location(table),
                        "Run the job that writes it first, or check --lake."));
    return readAt(table, version);
  }

  /** The table at a given version (time travel), recorded as read. */
  public Pinned readAt(LakeTable table, long version) {
    String location = location(table);
    Dataset<Row> data = spark.read().format(DELTA).option("versionAsOf", version).load(location);
    read.put(location, version);
    return new Pinned(table, location, version, data);
  }

  /** Appends rows to an {@link LakeTable.WriteMode#APPEND} table; records the version written. */
  public void append(LakeTable table, Dataset<Row> rows) {
    commit(table, writer(table, LakeTable.WriteMode.APPEND, rows).mode("append"));
  }

  /**
   * Appends rows; a table written before a column was added takes it (its older rows read null).
   */
  public void appendMergingSchema(LakeTable table, Dataset<Row> rows) {
    commit(table, writer(table, LakeTable.WriteMode.APPEND, rows).mode("append").option(MERGE_SCHEMA, "true"));
  }

  /**
   * Replaces the partitions that {@code predicate} selects, in one commit ({@code replaceWhere}):
   * a re-run for the same dates gives the same table, and Delta refuses rows outside the
   * predicate. Records the version written.
   */
  public void replacePartitions(LakeTable table, Dataset<Row> rows, String predicate) {
    commit(table, replacing(table, rows, predicate));
  }

  /** As {@link #replacePartitions}; a table written before a column was added takes it. */
  public void replacePartitionsMergingSchema(LakeTable table, Dataset<Row> rows, String predicate) {
    commit(table, replacing(table, rows, predicate).option(MERGE_SCHEMA, "true"));
  }

  /**
   * The Delta table for what the plain writes cannot say: an update of the registry, a table's
   * details and history. Call {@link #recordWritten} after committing through it.
   */
  public DeltaTable deltaTable(LakeTable table) {
    return DeltaTable.forPath(spark, location(table));
  }

  /**
   * Creates the table empty, with the schema, its declared partitioning and the table
   * properties, unless it exists (one commit, first time only). A table that exists but lacks
   * one of the properties (a lake written by an older version) gets it set: one metadata-only
   * commit, first time only.
   */
  public void createIfMissing(LakeTable table, StructType schema, Map<String, String> properties) {
    String location = location(table);
    if (DeltaTable.isDeltaTable(spark, location)) {
      setMissingProperties(location, properties);
      return;
    }
    var builder = DeltaTable.createIfNotExists(spark).location(location).addColumns(schema);
    if (!table.partitionColumns().isEmpty()) {
      builder = builder.partitionedBy(table.partitionColumns().toArray(String[]::new));
    }
    for (Map.Entry<String, String> property : properties.entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }

  /** Records the table's latest version as written by this step (after an update through {@link #deltaTable}). */
  public long recordWritten(LakeTable table) {
    String location = location(table);
    long version =
        DeltaLogs.latestVersion(spark, location)
            .orElseThrow(() -> CargoRiskErrors.internal("No Delta table at " + location + " after writing it", null));
    written.put(location, version);
    return version;
  }

  /** Table location to the Delta version read, in the order first read. */
  public Map<String, Long> versionsRead() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(read));
  }

  /** Table location to the Delta version this step committed, in the order written. */
  public Map<String, Long> versionsWritten() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(written));
  }

  private DataFrameWriter<Row> replacing(LakeTable table, Dataset<Row> rows, String predicate) {
    return writer(table, LakeTable.WriteMode.REPLACE_PARTITIONS, rows)
        .mode("overwrite")
        .partitionBy(table.partitionColumns().toArray(String[]::new))
        .option("replaceWhere", predicate);
  }

  private static DataFrameWriter<Row> writer(LakeTable table, LakeTable.WriteMode mode, Dataset<Row> rows) {
    if (table.writeMode() != mode) {
      throw CargoRiskErrors.internal(
          "The table " + table.name() + " is declared " + table.writeMode() + ", not written by " + mode, null);
    }
    return rows.write().format(DELTA);
  }

  private void commit(LakeTable table, DataFrameWriter<Row> writer) {
    writer.save(location(table));
    recordWritten(table);
  }

  private void setMissingProperties(String location, Map<String, String> properties) {
    if (properties.isEmpty()) {
      return;
    }
    Map<String, String> current = DeltaLogs.properties(spark, location);
    StringBuilder missing = new StringBuilder();
    for (Map.Entry<String, String> property : properties.entrySet()) {
      if (!property.getValue().equalsIgnoreCase(current.get(property.getKey()))) {
        missing.append(missing.length() == 0 ? "" : ", ")
            .append('\'').append(property.getKey()).append("' = '").append(property.getValue()).append('\'');
      }
    }
    if (missing.length() > 0) {
      spark.sql("ALTER TABLE delta.`" + location.replace("`", "``") + "` SET TBLPROPERTIES (" + missing + ")");
    }
  }
}
