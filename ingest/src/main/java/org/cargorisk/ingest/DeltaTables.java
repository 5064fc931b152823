package org.cargorisk.ingest;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Small helpers over Delta tables addressed by path. */
final class DeltaTables {
  private DeltaTables() {}

  /**
   * Deletion vectors: a MERGE that updates a few rows of a large file marks them deleted in a
   * small side file and writes only the new row versions, instead of rewriting every file it
   * touches. Bronze tables take amendments and late corrections every night, spread over the
   * whole history, so without them each night rewrites (nearly) all of bronze.
   */
  static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  /** Creates an empty table with the schema unless one exists (one commit, first time only). */
  static void createIfMissing(
      SparkSession spark, String path, StructType schema, List<String> partitionColumns) {
    createIfMissing(spark, path, schema, partitionColumns, Map.of());
  }

  /**
   * Creates an empty table with the schema and table properties unless one exists (one commit,
   * first time only). A table that exists but lacks one of the properties (a lake written by an
   * older version) gets it set: one metadata-only commit, first time only.
   */
  static void createIfMissing(
      SparkSession spark,
      String path,
      StructType schema,
      List<String> partitionColumns,
      Map<String, String> properties) {
    if (DeltaTable.isDeltaTable(spark, path)) {
      setMissingProperties(spark, path, properties);
      return;
    }
    var builder = DeltaTable.createIfNotExists(spark).location(path).addColumns(schema);
    if (!partitionColumns.isEmpty()) {
      builder = builder.partitionedBy(partitionColumns.toArray(String[]::new));
    }
    for (Map.Entry<String, String> property : properties.entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }

  private static void setMissingProperties(SparkSession spark, String path, Map<String, String> properties) {
    if (properties.isEmpty()) {
      return;
    }
    Map<String, String> current =
        scala.jdk.javaapi.CollectionConverters.asJava(
            DeltaTable.forPath(spark, path).detail().select("properties").first().<String, String>getMap(0));
    StringBuilder missing = new StringBuilder();
    for (Map.Entry<String, String> property : properties.entrySet()) {
      if (!property.getValue().equalsIgnoreCase(current.get(property.getKey()))) {
        missing.append(missing.length() == 0 ? "" : ", ")
            .append('\'').append(property.getKey()).append("' = '").append(property.getValue()).append('\'');
      }
    }
    if (missing.length() > 0) {
      spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` SET TBLPROPERTIES (" + missing + ")");
    }
  }

  /** Whether the table's latest version holds no data files (from the log; no Spark job). */
  static boolean isEmpty(SparkSession spark, String path) {
    return DeltaTable.forPath(spark, path).detail().select("numFiles").first().getLong(0) == 0;
  }

  /** The table's latest commit: version, operation and metrics. */
  static Commit lastCommit(SparkSession spark, String path) {
    Row row =
        DeltaTable.forPath(spark, path)
            .history(1)
            .select("version", "operation", "operationMetrics")
            .first();
    Map<String, String> metrics =
        row.isNullAt(2)
            ? Map.of()
            : scala.jdk.javaapi.CollectionConverters.asJava(row.<String, String>getMap(2));
    return new Commit(path, row.getLong(0), row.getString(1), metrics);
  }
}
