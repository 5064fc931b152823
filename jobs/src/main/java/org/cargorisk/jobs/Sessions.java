package org.cargorisk.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a job. Settings given with {@code spark-submit --conf} win; what is not
 * set gets the defaults CargoRisk needs (Delta, UTC, bounded S3 retries).
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf();
    setIfMissing(conf, "spark.app.name", appName);
    setIfMissing(conf, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    setIfMissing(
        conf, "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    setIfMissing(conf, "spark.sql.session.timeZone", "UTC");
    // Fail within a bounded time when the object store is unreachable, instead of retrying for
    // many minutes.
    setIfMissing(conf, "spark.hadoop.fs.s3a.attempts.maximum", "3");
    setIfMissing(conf, "spark.hadoop.fs.s3a.retry.limit", "3");
    setIfMissing(conf, "spark.hadoop.fs.s3a.connection.establish.timeout", "5s");
    setIfMissing(conf, "spark.hadoop.fs.s3a.connection.timeout", "30s");
    setIfMissing(conf, "spark.ui.showConsoleProgress", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  private static void setIfMissing(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
