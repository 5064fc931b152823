package org.cargorisk.ingest;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.TableIO;

/** What ingest asks of its Delta tables' logs, through their declarations. */
final class DeltaTables {
  private DeltaTables() {}

  /**
   * Deletion vectors: a MERGE that updates a few rows of a large file marks them deleted in a
   * small side file and writes only the new row versions, instead of rewriting every file it
   * touches. Bronze tables take amendments and late corrections every night, spread over the
   * whole history, so without them each night rewrites (nearly) all of bronze.
   */
  static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  /** Whether the table's latest version holds no data files (from the log; no Spark job). */
  static boolean isEmpty(TableIO io, LakeTable table) {
    return io.deltaTable(table).detail().select("numFiles").first().getLong(0) == 0;
  }

  /** The table's latest commit: version, operation and metrics. */
  static Commit lastCommit(TableIO io, LakeTable table) {
    Row row =
        io.deltaTable(table)
            .history(1)
            .select("version", "operation", "operationMetrics")
            .first();
    Map<String, String> metrics =
        row.isNullAt(2)
            ? Map.of()
            : scala.jdk.javaapi.CollectionConverters.asJava(row.<String, String>getMap(2));
    return new Commit(io.location(table), row.getLong(0), row.getString(1), metrics);
  }
}
