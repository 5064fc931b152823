package org.cargorisk.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @Test
  void aSecondWriterFailsClearlyUntilTheFirstReleases(@TempDir Path dir) {
    Lake lake = new Lake(dir.toString());
    Configuration conf = new Configuration();
    try (RunLock first = RunLock.acquire(conf, lake, "nightly", "2026-03-31", "run-1")) {
      assertThatThrownBy(() -> RunLock.acquire(conf, lake, "nightly", "2026-03-31", "run-2"))
          .isInstanceOf(CargoRiskException.class)
          .satisfies(e -> assertThat(((CargoRiskException) e).code()).isEqualTo(ErrorCode.CONCURRENT_RUN))
          .hasMessageContaining("run-1");
    }
    try (RunLock again = RunLock.acquire(conf, lake, "nightly", "2026-03-31", "run-2")) {
      assertThat(dir.resolve("_locks/writer.lock")).exists();
    }
    assertThat(dir.resolve("_locks/writer.lock")).doesNotExist();
  }

  @Test
  void aLockLeftByAKilledProcessIsTakenOver(@TempDir Path dir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    Files.createDirectories(dir.resolve("_locks"));
    Files.writeString(
        dir.resolve("_locks/writer.lock"),
        InetAddress.getLocalHost().getHostName() + " " + process.pid() + " nightly 2026-03-31 run-0");
    try (RunLock lock =
        RunLock.acquire(new Configuration(), new Lake(dir.toString()), "nightly", "2026-03-31", "run-1")) {
      assertThat(Files.readString(dir.resolve("_locks/writer.lock"))).contains("run-1");
    }
  }
}
