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

  /** Creates an empty table with the schema unless one exists (one commit, first time only). */
  static void createIfMissing(
      SparkSession spark, String path, StructType schema, List<String> partitionColumns) {
    if (DeltaTable.isDeltaTable(spark, path)) {
      return;
    }
    var builder = DeltaTable.createIfNotExists(spark).location(path).addColumns(schema);
    if (!partitionColumns.isEmpty()) {
      builder = builder.partitionedBy(partitionColumns.toArray(String[]::new));
    }
    builder.execute();
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
