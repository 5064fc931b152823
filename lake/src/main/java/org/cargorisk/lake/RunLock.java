package org.cargorisk.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * holding its owner ({@link Holder}: host, process id and start, user, job, date, run id, start
 * time). A second run fails at once with CONCURRENT_RUN naming the holder's run id, host, pid and
 * start time.
 *
 * <p>A lock left by a killed process (SIGKILL, OOM kill, power loss of the JVM only) on the same
 * host is stale when no process with its pid runs, or the process with that pid started at
 * another instant than the holder (the pid was reused). A stale lock is taken over, so a re-run
 * after SIGKILL needs no manual step; {@link #takenOver()} names the killed run so that its run
 * record can say it never finished. The takeover itself is serialised by a second create-if-absent
 * file ({@code writer.lock.takeover}), and the stale lock is only deleted if it still holds the
 * same owner: two re-runs racing for one stale lock cannot both win.
 *
 * <p>A lock from another host is never taken over (its process cannot be checked from here): the
 * message says which host and run hold it, and an operator removes it after checking.
 *
 * <p>On HDFS and local file systems create-if-absent is atomic. On S3 it is not (S3A checks and
 * then writes), so two drivers started in the same instant could both get the lock: on S3 rely
 * on the scheduler to start one nightly at a time (docs/DEPLOY.md).
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  public static final String FILE = "writer.lock";
  static final String TAKEOVER_FILE = FILE + ".takeover";

  private final FileSystem fs;
  private final Path path;
  private final Holder takenOver;

  /** Permissions of the lock's folder and file when created with java.nio (the session's umask). */
  private record Modes(
      java.util.Set<java.nio.file.attribute.PosixFilePermission> folder,
      java.util.Set<java.nio.file.attribute.PosixFilePermission> file) {
    static Modes of(Configuration conf) {
      return new Modes(
          LakePermissions.posix(LakePermissions.folderPermission(conf)),
          LakePermissions.posix(LakePermissions.filePermission(conf)));
    }
  }

  private RunLock(FileSystem fs, Path path, Holder takenOver) {
    this.fs = fs;
    this.path = path;
    this.takenOver = takenOver;
  }

  /**
   * The owner of a lock, one line in the lock file: {@code host pid process-start user job date
   * run-id started-at} (process start and run start as ISO instants; "-" when unknown).
   */
  public record Holder(
      String host,
      long pid,
      String processStart,
      String user,
      String job,
      String date,
      String runId,
      String startedAt) {

    static Holder current(String job, String date, String runId, Instant startedAt) {
      ProcessHandle self = ProcessHandle.current();
      return new Holder(
          localHost(),
          self.pid(),
          self.info().startInstant().map(Instant::toString).orElse("-"),
          word(System.getProperty("user.name")),
          word(job),
          word(date),
          word(runId),
          startedAt == null ? "-" : startedAt.toString());
    }

    String line() {
      return String.join(
          " ", host, Long.toString(pid), processStart, user, job, date, runId, startedAt);
    }

    /** Parses a lock line; the older 5-field form {@code host pid job date run-id} too. */
    static Optional<Holder> parse(String line) {
      String[] parts = line.strip().split("\\s+");
      try {
        if (parts.length >= 8) {
          return Optional.of(
              new Holder(parts[0], Long.parseLong(parts[1]), parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]));
        }
        if (parts.length == 5) {
          return Optional.of(new Holder(parts[0], Long.parseLong(parts[1]), "-", "-", parts[2], parts[3], parts[4], "-"));
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      return Optional.empty();
    }

    /** For messages: who holds the lake, in words. */
    public String describe() {
      return String.format(
          "run %s (%s for %s) started at %s by %s on host %s, pid %d",
          runId, job, date, startedAt, user, host, pid);
    }

    /** Whether this holder is a process on this host that is gone (or whose pid was reused). */
    boolean isStale() {
      if (!host.equals(localHost())) {
        return false;
      }
      if (pid == ProcessHandle.current().pid()) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return true;
      }
      // The pid runs, but a process started at another instant is a reuse of the pid.
      Optional<Instant> started = process.get().info().startInstant();
      return !"-".equals(processStart)
          && started.isPresent()
          && !started.get().toString().equals(processStart);
    }

    private static String word(String value) {
      return value == null || value.isBlank() ? "-" : value.replaceAll("\\s+", "_");
    }
  }

  /**
   * Takes the lake's writer lock for a run whose start is not given (recorded as unknown, "-":
   * the lock never reads the wall clock), or fails with CONCURRENT_RUN.
   */
  public static RunLock acquire(Configuration conf, Lake lake, String job, String date, String runId) {
    return acquire(conf, lake, job, date, runId, null);
  }

  /**
   * Takes the lake's writer lock for a run started at {@code startedAt} (from the run's clock;
   * null = unknown), or fails with CONCURRENT_RUN naming the holder.
   */
  public static RunLock acquire(
      Configuration conf, Lake lake, String job, String date, String runId, Instant startedAt) {
    Path path = new Path(lake.locks(), FILE);
    Holder self = Holder.current(job, date, runId, startedAt);
    Holder takenOver = null;
    Modes modes = Modes.of(conf);
    try {
      FileSystem fs = path.getFileSystem(conf);
      for (int attempt = 0; attempt < 5; attempt++) {
        if (create(fs, path, self.line(), modes)) {
          LOG.info("Took the lake writer lock {} for run {}", path, runId);
          return new RunLock(fs, path, takenOver);
        }
        Optional<String> line = read(fs, path);
        if (line.isEmpty() || line.get().isEmpty()) {
          // Released between our create and read, or its holder is still writing it.
          sleepBriefly();
          continue;
        }
        Optional<Holder> holder = Holder.parse(line.get());
        if (holder.isPresent() && holder.get().isStale() && takeOver(fs, path, line.get(), modes, startedAt)) {
          // A person may need that night's outputs: say what was lost and that a re-run is safe.
          LOG.warn(
              "Took over a stale lake lock: {} ended without releasing it (killed?). It is recorded"
                  + " ABANDONED; its tables hold only whole commits. Re-run its command if you"
                  + " need its outputs (every step is idempotent).",
              holder.get().describe());
          takenOver = holder.get();
          continue;
        }
        throw CargoRiskErrors.concurrentRun(
            job,
            date,
            holder.map(Holder::describe).orElse("unreadable holder \"" + line.get() + "\""),
            path.toString());
      }
      throw CargoRiskErrors.concurrentRun(job, date, "a run that keeps taking it", path.toString());
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot take the lake writer lock " + path, e);
    }
  }

  /** The killed run whose stale lock this lock took over, if any. */
  public Optional<Holder> takenOver() {
    return Optional.ofNullable(takenOver);
  }

  @Override
  public void close() {
    try {
      fs.delete(path, false);
      LOG.info("Released the lake writer lock {}", path);
    } catch (IOException e) {
      LOG.warn(
          "Could not release the lake writer lock {}: {}. A later run on this host takes it over;"
              + " a run on another host is refused until you delete that file (after this run ends).",
          path,
          e.getMessage());
    }
  }

  /**
   * Deletes the stale lock if it still holds {@code staleLine}, under the takeover file so that
   * two takers cannot interleave (one could otherwise delete the lock the other just created).
   */
  private static boolean takeOver(
      FileSystem fs, Path path, String staleLine, Modes modes, Instant startedAt) throws IOException {
    Path guard = new Path(path.getParent(), TAKEOVER_FILE);
    String me = Holder.current("takeover", "-", "-", startedAt).line();
    if (!create(fs, guard, me, modes)) {
      // A taker killed in the middle leaves its guard; clear it when its process is gone.
      Optional<Holder> other = read(fs, guard).flatMap(Holder::parse);
      if (other.isPresent() && other.get().isStale()) {
        fs.delete(guard, false);
      }
      return false;
    }
    try {
      Optional<String> now = read(fs, path);
      if (now.isPresent() && now.get().equals(staleLine)) {
        fs.delete(path, false);
      }
      return true;
    } finally {
      fs.delete(guard, false);
    }
  }

  private static boolean create(FileSystem fs, Path path, String content, Modes modes)
      throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      // Hadoop's local file system checks existence and then opens the file (not atomic); the
      // JDK's createFile is O_CREAT|O_EXCL, so two processes cannot both create the lock.
      // On a fresh lake the lock is the first thing written: its folders (the lake root among
      // them) and file get the session's umask like Spark's files, not the process umask.
      java.nio.file.Path file = java.nio.file.Path.of(fs.makeQualified(path).toUri());
      java.nio.file.Files.createDirectories(
          file.getParent(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(modes.folder()));
      try {
        java.nio.file.Files.createFile(
            file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(modes.file()));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
      java.nio.file.Files.writeString(file, content, StandardCharsets.UTF_8);
      return true;
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
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
    return Holder.parse(holder).map(Holder::isStale).orElse(false);
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
