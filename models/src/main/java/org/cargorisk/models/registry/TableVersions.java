package org.cargorisk.models.registry;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Reads a Delta table pinned to its current version, so a model can record exactly which data
 * it was trained on (and a later run can read the same version again).
 */
public final class TableVersions {
  private TableVersions() {}

  /**
   * A table read at a fixed version.
   *
   * @param path table path
   * @param version Delta version read
   * @param data the rows of that version
   */
  public record VersionedTable(String path, long version, Dataset<Row> data) {}

  /** The latest version of the table, read at that version. */
  public static VersionedTable readLatest(SparkSession spark, String path, String what) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw CargoRiskErrors.missingInput(
          what + " (Delta table)", path, "Run the job that writes it first, or check --lake.");
    }
    long version = DeltaTable.forPath(spark, path).history(1).first().getAs("version");
    return readAt(spark, path, version);
  }

  /** The table at a given version (time travel). */
  public static VersionedTable readAt(SparkSession spark, String path, long version) {
    Dataset<Row> data =
        spark.read().format("delta").option("versionAsOf", version).load(path);
    return new VersionedTable(path, version, data);
  }
}
