package org.cargorisk.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @Test
  void aSecondWriterFailsClearlyUntilTheFirstReleases(@TempDir Path dir) throws IOException {
    Lake lake = new Lake(dir.toString());
    Configuration conf = new Configuration();
    try (RunLock first = RunLock.acquire(conf, lake, "nightly", "2026-03-31", "run-1")) {
      assertThatThrownBy(() -> RunLock.acquire(conf, lake, "nightly", "2026-03-31", "run-2"))
          .isInstanceOf(CargoRiskException.class)
          .satisfies(e -> assertThat(((CargoRiskException) e).code()).isEqualTo(ErrorCode.CONCURRENT_RUN))
          .hasMessageContaining("run run-1 (nightly for 2026-03-31)")
          .hasMessageContaining("on host " + InetAddress.getLocalHost().getHostName())
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("started at ");
    }
    try (RunLock again = RunLock.acquire(conf, lake, "nightly", "2026-03-31", "run-2")) {
      assertThat(dir.resolve("_locks/writer.lock")).exists();
    }
    assertThat(dir.resolve("_locks/writer.lock")).doesNotExist();
  }

  @Test
  void onAFreshLakeTheLockCreatesTheRootAndItsFolderWithTheSessionsUmask(@TempDir Path dir)
      throws IOException {
    // The lock is the first thing a run writes; the process umask (often 022) must not decide.
    Path root = dir.resolve("fresh-lake");
    Configuration conf = new Configuration();
    conf.set(LakePermissions.UMASK_KEY, LakePermissions.OWNER_ONLY_UMASK);
    try (RunLock lock = RunLock.acquire(conf, new Lake(root.toString()), "nightly", "2026-03-31", "run-1")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("_locks"))))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("_locks/writer.lock"))))
          .isEqualTo("rw-------");
    }
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
      assertThat(lock.takenOver()).map(RunLock.Holder::runId).contains("run-0");
    }
  }

  @Test
  void aLockWhosePidWasReusedByAnotherProcessIsStale(@TempDir Path dir) throws IOException {
    // This JVM's parent runs, but it started at another instant than the holder claims.
    long livePid = ProcessHandle.current().parent().orElseThrow().pid();
    String host = InetAddress.getLocalHost().getHostName();
    Files.createDirectories(dir.resolve("_locks"));
    Files.writeString(
        dir.resolve("_locks/writer.lock"),
        host + " " + livePid + " 2001-01-01T00:00:00Z alice nightly 2026-03-31 run-0 2026-03-31T22:00:00Z");
    try (RunLock lock =
        RunLock.acquire(new Configuration(), new Lake(dir.toString()), "score", "2026-03-31", "run-1")) {
      assertThat(lock.takenOver()).map(RunLock.Holder::user).contains("alice");
    }
  }

  @Test
  void aLiveHolderOnThisHostOrAnyHolderOnAnotherHostIsNotTakenOver(@TempDir Path dir) throws IOException {
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    String host = InetAddress.getLocalHost().getHostName();
    Lake lake = new Lake(dir.toString());
    Files.createDirectories(dir.resolve("_locks"));
    String live =
        host + " " + parent.pid() + " " + parent.info().startInstant().map(Object::toString).orElse("-")
            + " bob nightly 2026-03-31 run-live 2026-03-31T22:00:00Z";
    Files.writeString(dir.resolve("_locks/writer.lock"), live);
    assertThatThrownBy(() -> RunLock.acquire(new Configuration(), lake, "ingest", "2026-04-01", "run-2"))
        .hasMessageContaining("Cannot start ingest for 2026-04-01")
        .hasMessageContaining("run run-live (nightly for 2026-03-31) started at 2026-03-31T22:00:00Z by bob");
    Files.writeString(
        dir.resolve("_locks/writer.lock"),
        "elsewhere.example 1 - carol nightly 2026-03-31 run-remote 2026-03-31T22:00:00Z");
    assertThatThrownBy(() -> RunLock.acquire(new Configuration(), lake, "ingest", "2026-04-01", "run-2"))
        .hasMessageContaining("run run-remote")
        .hasMessageContaining("on host elsewhere.example");
    assertThat(Files.readString(dir.resolve("_locks/writer.lock"))).contains("run-remote");
  }

  @Test
  void racingWritersGetTheLockOneAtATime(@TempDir Path dir) throws Exception {
    Lake lake = new Lake(dir.toString());
    java.util.concurrent.atomic.AtomicInteger holders = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger maxHolders = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String runId = "run-" + i;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  try (RunLock lock = RunLock.acquire(new Configuration(), lake, "nightly", "2026-03-31", runId)) {
                    maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                    Thread.sleep(50);
                    holders.decrementAndGet();
                  }
                } catch (CargoRiskException e) {
                  refused.incrementAndGet();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(maxHolders.get()).isEqualTo(1);
    assertThat(refused.get()).as("runs refused while another held the lock").isLessThan(8);
  }
}
