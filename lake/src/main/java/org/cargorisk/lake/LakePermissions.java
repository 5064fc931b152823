package org.cargorisk.lake;

import java.io.IOException;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.cargorisk.errors.CargoRiskErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Need-to-know on file systems with permissions (local, HDFS): everything CargoRisk writes under
 * the lake and the export is readable by its owner only (docs/DEPLOY.md, "Who can read what").
 *
 * <ul>
 *   <li>Spark and Delta write through Hadoop file systems, which give every new folder {@code
 *       0777} and every new file {@code 0666} minus the umask {@value #UMASK_KEY}; CargoRisk's
 *       sessions set it to {@value #OWNER_ONLY_UMASK} unless the operator sets another one.
 *   <li>What CargoRisk writes outside Spark with {@code java.nio} (the run lock) takes the same
 *       permissions from {@link #folderPermission} and {@link #filePermission}, so one setting
 *       governs both.
 *   <li>{@link #checkRoot} runs when a job starts: a lake or export root that group or others
 *       may read or enter beyond what the umask allows is repaired (its group and other bits are
 *       removed, which closes everything below it) or, when the repair is not allowed, the job
 *       refuses to run with a message that says how to fix it.
 * </ul>
 *
 * <p>Object stores ({@code s3a://}) have no permissions on files: there the bucket policy decides
 * (docs/DEPLOY.md), and the check is skipped with a note.
 */
public final class LakePermissions {
  private static final Logger LOG = LoggerFactory.getLogger(LakePermissions.class);

  /** Hadoop's umask for new files and folders ({@code CommonConfigurationKeys}). */
  public static final String UMASK_KEY = "fs.permissions.umask-mode";
  /** Owner-only: folders 700, files 600. */
  public static final String OWNER_ONLY_UMASK = "077";

  /** File systems whose folders and files carry POSIX-like permissions that Hadoop enforces. */
  private static final Set<String> PERMISSION_SCHEMES = Set.of("file", "hdfs", "viewfs", "webhdfs", "swebhdfs");

  private static final short GROUP_AND_OTHERS = 0077;

  private LakePermissions() {}

  /** What {@link #checkRoot} found and did. */
  public enum Outcome {
    /** The root does not exist yet: it will be created with the session's umask. */
    ABSENT,
    /** An object store: no file permissions, the bucket policy decides. */
    SKIPPED,
    /** Group and others have no more access than the umask allows. */
    PRIVATE,
    /** Group or others could read or enter it: their bits were removed. */
    REPAIRED
  }

  /**
   * @param root the root checked
   * @param outcome what was found and done
   * @param before its permission before the check ({@code rwxr-xr-x}), null when absent or skipped
   * @param after its permission after the check, null when absent or skipped
   */
  public record Check(String root, Outcome outcome, String before, String after) {}

  /** Permission of a new folder under the configuration's umask (700 for umask 077). */
  public static FsPermission folderPermission(Configuration conf) {
    return FsPermission.getDirDefault().applyUMask(FsPermission.getUMask(conf));
  }

  /** Permission of a new file under the configuration's umask (600 for umask 077). */
  public static FsPermission filePermission(Configuration conf) {
    return FsPermission.getFileDefault().applyUMask(FsPermission.getUMask(conf));
  }

  /** The same permission for {@code java.nio}. */
  public static Set<PosixFilePermission> posix(FsPermission permission) {
    return PosixFilePermissions.fromString(symbolic(permission));
  }

  /**
   * Makes a folder owner-only ({@code rwx------}) whatever the umask: for {@code restricted/},
   * which stays closed even when an operator opens the rest of the lake to a group. Ignored on
   * file systems without permissions (object stores: the bucket policy restricts the prefix).
   */
  public static void ensureOwnerOnly(Configuration conf, String folder) {
    Path path = new Path(folder);
    try {
      FileSystem fs = path.getFileSystem(conf);
      fs.mkdirs(path);
      fs.setPermission(path, new FsPermission((short) 0700));
    } catch (UnsupportedOperationException e) {
      // A file system without permissions (object store): the bucket policy restricts it.
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot make the restricted folder " + folder + " owner-only", e);
    }
  }

  /**
   * The start-up check of a root ({@code what} is "lake" or "export", for messages): see the
   * class comment. Fails with STORAGE_FAILURE when the root is open and cannot be closed.
   */
  public static Check checkRoot(Configuration conf, String what, String root) {
    Path path = new Path(root);
    String scheme = path.toUri().getScheme();
    if (scheme == null) {
      scheme = FileSystem.getDefaultUri(conf).getScheme();
    }
    if (scheme == null || !PERMISSION_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      LOG.info(
          "The {} root {} is on {}, which has no file permissions: who can read it is the bucket"
              + " policy's business (docs/DEPLOY.md)",
          what, root, scheme);
      return new Check(root, Outcome.SKIPPED, null, null);
    }
    try {
      FileSystem fs = path.getFileSystem(conf);
      alignUmask(fs, conf);
      return checkRoot(fs, path, folderPermission(conf), what);
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot check who may read the " + what + " root " + root, e);
    }
  }

  /**
   * Hadoop caches one file system per scheme and user, with the configuration of whoever asked
   * first (a library, a notebook cell, a test), and that configuration's umask decides the
   * permission of every file Spark writes through it. When it differs from the session's, the
   * session's wins, so what the operator configured is what the lake gets.
   */
  static void alignUmask(FileSystem fs, Configuration conf) {
    Configuration cached = fs.getConf();
    if (cached == null || cached == conf) {
      return;
    }
    FsPermission wanted = FsPermission.getUMask(conf);
    FsPermission had = FsPermission.getUMask(cached);
    if (wanted.toShort() != had.toShort()) {
      LOG.warn(
          "The cached {} file system was made with umask {}; using the session's umask {} instead",
          fs.getScheme(), String.format("%03o", had.toShort()), String.format("%03o", wanted.toShort()));
      cached.set(UMASK_KEY, String.format("%03o", wanted.toShort()));
    }
  }

  /** The check on a given file system, with the folder permission the umask allows. */
  static Check checkRoot(FileSystem fs, Path path, FsPermission allowed, String what) throws IOException {
    if (!fs.exists(path)) {
      return new Check(path.toString(), Outcome.ABSENT, null, null);
    }
    FileStatus status = fs.getFileStatus(path);
    FsPermission before = status.getPermission();
    short excess = (short) (before.toShort() & GROUP_AND_OTHERS & ~allowed.toShort());
    if (excess == 0) {
      return new Check(path.toString(), Outcome.PRIVATE, symbolic(before), symbolic(before));
    }
    FsPermission repaired = new FsPermission((short) (before.toShort() & ~excess));
    try {
      fs.setPermission(path, repaired);
    } catch (IOException | UnsupportedOperationException e) {
      throw CargoRiskErrors.exposedRoot(
          what, path.toString(), symbolic(before), status.getOwner(), System.getProperty("user.name"), e);
    }
    String after = symbolic(fs.getFileStatus(path).getPermission());
    LOG.warn(
        "The {} root {} was open to group or others ({}): changed it to {} so that only its owner"
            + " can enter it. Files written there before may still carry wider permissions; close"
            + " them too with `chmod -R go-rwx {}`. To share the {} with a group on purpose, set"
            + " spark.hadoop.{} (docs/DEPLOY.md).",
        what, path, symbolic(before), after, path.toUri().getPath(), what, UMASK_KEY);
    return new Check(path.toString(), Outcome.REPAIRED, symbolic(before), after);
  }

  /** {@code rwxr-x---}: the nine permission bits, without sticky or ACL marks. */
  static String symbolic(FsPermission permission) {
    return permission.getUserAction().SYMBOL
        + permission.getGroupAction().SYMBOL
        + permission.getOtherAction().SYMBOL;
  }
}
