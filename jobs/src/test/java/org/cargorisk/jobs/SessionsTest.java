package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SessionsTest {

  @Test
  void shufflePartitionsAreThreePerCoreAndAtLeastEight() {
    assertThat(Sessions.shufflePartitions(1)).isEqualTo(8);
    assertThat(Sessions.shufflePartitions(2)).isEqualTo(8);
    assertThat(Sessions.shufflePartitions(16)).isEqualTo(48);
  }

  @Test
  void deltaLogReplayGetsOnePartitionPerCoreButNeverMoreThanDeltasDefault() {
    assertThat(Sessions.snapshotPartitions(1)).isEqualTo(2);
    assertThat(Sessions.snapshotPartitions(2)).isEqualTo(2);
    assertThat(Sessions.snapshotPartitions(8)).isEqualTo(8);
    assertThat(Sessions.snapshotPartitions(400)).isEqualTo(50);
  }

  @Test
  void everySessionAJobBuildsWritesOwnerOnlyUnlessTheOperatorSaysOtherwise() {
    SparkConf plain = Sessions.configure(new SparkConf(false), "cargorisk test", Map.of());
    assertThat(plain.get("spark.hadoop.fs.permissions.umask-mode")).isEqualTo("077");
    // spark-submit --conf spark.hadoop.fs.permissions.umask-mode=027 (a group shares the lake).
    SparkConf shared =
        Sessions.configure(
            new SparkConf(false).set("spark.hadoop.fs.permissions.umask-mode", "027"), "cargorisk test", Map.of());
    assertThat(shared.get("spark.hadoop.fs.permissions.umask-mode")).isEqualTo("027");
  }

  @Test
  void theConfigurationFilesHadoopOptionsReachTheSessionAndSparkSubmitConfWins() {
    Map<String, String> fromFile =
        Map.of(
            "spark.hadoop.fs.s3a.encryption.algorithm", "SSE-KMS",
            "spark.hadoop.fs.s3a.encryption.key", "arn:aws:kms:eu-west-1:111122223333:key/from-file");
    SparkConf conf =
        Sessions.configure(
            new SparkConf(false).set("spark.hadoop.fs.s3a.encryption.key", "arn:from-submit"), "cargorisk test", fromFile);
    assertThat(conf.get("spark.hadoop.fs.s3a.encryption.algorithm")).isEqualTo("SSE-KMS");
    assertThat(conf.get("spark.hadoop.fs.s3a.encryption.key")).isEqualTo("arn:from-submit");
  }
}
