package org.cargorisk.lake;

import io.delta.tables.DeltaTable;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;

/** Delta table versions for run records and model lineage. */
public final class DeltaVersions {
  private DeltaVersions() {}

  /** The latest version of the Delta table at the path, or empty if there is no table. */
  public static OptionalLong latest(SparkSession spark, String path) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0));
  }
}
