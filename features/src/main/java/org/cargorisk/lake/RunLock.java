package org.cargorisk.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cargorisk.errors.CargoRiskErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per lake: a lock file {@code _locks/writer.lock} created with create-if-absent,
 * holding the owner (host, process id, job, run id). A second run fails at once with
 * CONCURRENT_RUN naming the holder. A lock left by a killed process on the same host is detected
 * (its process is gone) and taken over, so a re-run after SIGKILL needs no manual step.
 *
 * <p>On HDFS and local file systems create-if-absent is atomic. On S3 it is not (S3A checks and
 * then writes), so two drivers started in the same instant could both get the lock: on S3 rely
 * on the scheduler to start one nightly at a time (docs/DEPLOY.md).
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  public static final String FILE = "writer.lock";

  private final FileSystem fs;
  private final Path path;

  private RunLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /** Takes the lake's writer lock for a run, or fails with CONCURRENT_RUN. */
  public static RunLock acquire(Configuration conf, Lake lake, String job, String date, String runId) {
    Path path = new Path(lake.locks(), FILE);
    String owner = host() + " " + ProcessHandle.current().pid() + " " + job + " " + date + " " + runId;
    try {
      FileSystem fs = path.getFileSystem(conf);
      for (int attempt = 0; attempt < 2; attempt++) {
        try (OutputStream out = fs.create(path, false)) {
          out.write(owner.getBytes(StandardCharsets.UTF_8));
          LOG.info("Took the lake writer lock {}", path);
          return new RunLock(fs, path);
        } catch (FileAlreadyExistsException e) {
          Optional<String> holder = read(fs, path);
          if (holder.isPresent() && isStale(holder.get())) {
            LOG.warn("Removing a stale lake lock left by a process that is gone: {}", holder.get());
            fs.delete(path, false);
            continue;
          }
          throw CargoRiskErrors.concurrentRun(job, date, holder.orElse("unknown holder") + ", lock " + path);
        }
      }
      throw CargoRiskErrors.concurrentRun(job, date, "lock " + path + " could not be taken");
    } catch (IOException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw CargoRiskErrors.concurrentRun(job, date, "lock " + path);
      }
      throw CargoRiskErrors.storageFailure("Cannot take the lake writer lock " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      fs.delete(path, false);
      LOG.info("Released the lake writer lock {}", path);
    } catch (IOException e) {
      LOG.warn("Could not release the lake writer lock {}: {}", path, e.getMessage());
    }
  }

  private static Optional<String> read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Stale when it was taken on this host by a process that no longer runs. */
  static boolean isStale(String holder) {
    String[] parts = holder.split(" ");
    if (parts.length < 2 || !parts[0].equals(host())) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[1]);
      return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
