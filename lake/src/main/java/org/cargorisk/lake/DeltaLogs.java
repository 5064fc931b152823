package org.cargorisk.lake;

import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.cargorisk.errors.CargoRiskErrors;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the lake asks of a Delta table's log (latest version, last commit, file count, table
 * properties), answered from the log itself: no DataFrame, no query plan, no Spark job. {@code
 * DeltaTable.history(1)} and {@code detail()} build a frame and run a job for each question; a
 * night asks dozens of them, and in the test suite they were a tenth of ingest's CPU (JFR
 * profile, issue 21).
 *
 * <p>Uses Delta's {@code DeltaLog}, which is not Delta's public API: pinned with Delta 4.0.1 in
 * the parent pom, and kept to this one class, so a Delta upgrade that moves it breaks here and
 * nowhere else (the lake's tests exercise each method).
 */
final class DeltaLogs {
  private DeltaLogs() {}

  /** The latest snapshot, or {@code null} when there is no table at the path. */
  private static Snapshot latest(SparkSession spark, String location) {
    Snapshot snapshot = DeltaLog.forTable(spark, location).update(false, Option.empty(), Option.empty());
    return snapshot.version() < 0 ? null : snapshot;
  }

  /** The latest committed version, or empty when there is no table at the path. */
  static OptionalLong latestVersion(SparkSession spark, String location) {
    Snapshot snapshot = latest(spark, location);
    return snapshot == null ? OptionalLong.empty() : OptionalLong.of(snapshot.version());
  }

  /** The table's latest commit: version, operation and metrics (from its commit file). */
  static TableCommit lastCommit(SparkSession spark, String location) {
    Snapshot snapshot = existing(latest(spark, location), location);
    DeltaLog log = snapshot.deltaLog();
    long version = snapshot.version();
    // The commit file's name is fixed by the Delta protocol: the version in 20 digits.
    Path commitFile = new Path(log.logPath(), String.format("%020d.json", version));
    Option<CommitInfo> info = DeltaHistoryManager.getCommitInfoOpt(log.store(), commitFile, log.newDeltaHadoopConf());
    if (info.isEmpty()) {
      return new TableCommit(location, version, "UNKNOWN", Map.of());
    }
    CommitInfo commit = info.get();
    Map<String, String> metrics =
        commit.operationMetrics().isDefined() ? CollectionConverters.asJava(commit.operationMetrics().get()) : Map.of();
    return new TableCommit(location, version, commit.operation(), metrics);
  }

  /** The number of data files of the latest version. */
  static long numFiles(SparkSession spark, String location) {
    Snapshot snapshot = existing(latest(spark, location), location);
    Option<Object> known = snapshot.numOfFilesIfKnown();
    return known.isDefined() ? (Long) known.get() : snapshot.numOfFiles();
  }

  /** The table properties of the latest version. */
  static Map<String, String> properties(SparkSession spark, String location) {
    return CollectionConverters.asJava(existing(latest(spark, location), location).metadata().configuration());
  }

  private static Snapshot existing(Snapshot snapshot, String location) {
    if (snapshot == null) {
      throw CargoRiskErrors.internal("No Delta table at " + location, null);
    }
    return snapshot;
  }
}
