package org.cargorisk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.LakePermissions;

/**
 * The one local SparkSession of a test JVM: {@code local[2]}, two shuffle partitions, no UI,
 * loopback host, UTC, Delta enabled, interpreted expressions (no code generation), owner-only
 * files (umask 077), a warehouse in a temporary
 * folder. Deterministic: the same test gives the same plan and the same output on every run. Shared by all test classes of all
 * modules, which run in one JVM (published in the lake test-jar; see the parent pom).
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      Path warehouse;
      try {
        warehouse = Files.createTempDirectory("cargorisk-test-warehouse");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("cargorisk-tests")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.adaptive.enabled", "false")
              // Tests run many small plans once each (a new date literal is new generated code),
              // so compiling generated code costs more than it saves: interpreted evaluation took
              // FeatureBuildTest from 746 s to 547 s wall and about 30 % less CPU (issue 21, at load
              // 23-28). Spark falls back to the interpreted path itself wherever codegen fails, so
              // both paths are the product's.
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
              .config("spark.sql.warehouse.dir", warehouse.toString())
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config(
                  "spark.sql.catalog.spark_catalog",
                  "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              .config("spark.databricks.delta.properties.defaults.checkpointInterval", "1000")
              .config("spark.databricks.delta.stalenessLimit", "3600000")
              .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
              // Owner-only lake, as in every session a job builds (jobs' Sessions): tests see
              // the permissions users get.
              .config("spark.hadoop." + LakePermissions.UMASK_KEY, LakePermissions.OWNER_ONLY_UMASK)
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
