package org.cargorisk.jobs;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.LakePermissions;

/**
 * The SparkSession of a job. Settings given with {@code spark-submit --conf} win; then the
 * Hadoop options of the configuration file ({@code spark.hadoop.*} keys, e.g. S3A encryption);
 * what is still not set gets the defaults CargoRisk needs (Delta, UTC, bounded S3 retries, an
 * owner-only lake).
 */
public final class Sessions {
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

  private Sessions() {}

  public static SparkSession getOrCreate(String appName) {
    return getOrCreate(appName, Map.of());
  }

  /**
   * @param hadoopOptions {@code spark.hadoop.*} options of the configuration file; they apply
   *     when this call builds the session (an existing session keeps its Hadoop configuration,
   *     and Hadoop caches file systems with the configuration they were made with)
   */
  public static SparkSession getOrCreate(String appName, Map<String, String> hadoopOptions) {
    SparkConf conf = configure(new SparkConf(), appName, hadoopOptions);
    // Only a session made here gets the sized default; one that exists already (a test's, a
    // notebook's) keeps its settings.
    boolean fresh = SparkSession.getDefaultSession().isEmpty();
    boolean sizeShuffle = !conf.contains(SHUFFLE_PARTITIONS) && fresh;
    boolean sizeSnapshot = !conf.contains(SNAPSHOT_PARTITIONS) && fresh;
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    int cores = spark.sparkContext().defaultParallelism();
    if (sizeShuffle) {
      spark.conf().set(SHUFFLE_PARTITIONS, String.valueOf(shufflePartitions(cores)));
    }
    if (sizeSnapshot) {
      spark.conf().set(SNAPSHOT_PARTITIONS, String.valueOf(snapshotPartitions(cores)));
    }
    return spark;
  }

  /**
   * The job's settings on top of what {@code spark-submit --conf} (or system properties) already
   * set: the configuration file's Hadoop options, then CargoRisk's defaults. Never overrides.
   */
  static SparkConf configure(SparkConf conf, String appName, Map<String, String> hadoopOptions) {
    setIfMissing(conf, "spark.app.name", appName);
    new java.util.TreeMap<>(hadoopOptions).forEach((key, value) -> setIfMissing(conf, key, value));
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
    // Adaptive execution (Spark's default, made explicit): joins and post-shuffle partitions are
    // planned from the real sizes, so small nightly batches do not run hundreds of tiny tasks.
    setIfMissing(conf, "spark.sql.adaptive.enabled", "true");
    setIfMissing(conf, "spark.sql.adaptive.coalescePartitions.enabled", "true");
    // Need-to-know: every folder Spark, Delta and Hadoop create is 700 and every file 600, so
    // the lake's tables (every office's scan list among them) are not readable by other
    // accounts of a shared machine. Must be set when the session is built: Hadoop caches file
    // systems with the configuration they were made with. An operator who shares the lake with
    // a group on purpose sets e.g. --conf spark.hadoop.fs.permissions.umask-mode=027.
    setIfMissing(conf, "spark.hadoop." + LakePermissions.UMASK_KEY, LakePermissions.OWNER_ONLY_UMASK);
    return conf;
  }

  /**
   * Shuffle partitions sized to the cores rather than Spark's fixed 200: three per core (at
   * least 8), so every core has work and skew evens out; adaptive execution merges them further
   * when the data is small. With 200 on 2 cores, every map task of a small nightly batch writes
   * 200 shuffle blocks and every reduce stage schedules 200 tasks.
   */
  static int shufflePartitions(int cores) {
    return Math.max(8, 3 * cores);
  }

  /**
   * Partitions of a Delta table's log replay (the state Delta builds the first time a JVM reads
   * a table, and filters files from for every scan): one per core, at most Delta's default of
   * 50. Our tables' logs are a checkpoint plus a few commits, yet with 50 partitions on 2 cores
   * every table opened cost a 50-task job (1.4-2.7 s at scale M) and the night's features step
   * ran 237 stages of 50 tasks. The nightly path at M: 300.3 s -> 227.8 s (BENCHMARKS.md).
   */
  static int snapshotPartitions(int cores) {
    return Math.min(50, Math.max(2, cores));
  }

  private static void setIfMissing(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
