package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

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
}
