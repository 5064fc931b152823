package org.cargorisk.scoring.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.cargorisk.errors.CargoRiskErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders and files that only their owner can read: POSIX 700 for folders and 600 for files.
 * Files are written to a temporary name in the target folder and then renamed, so a reader (or
 * a run killed half way) never sees half a file.
 *
 * <ul>
 *   <li>Local paths ({@code file:} or a local default file system) use {@code java.nio}: folders
 *       and temporary files are created with their permissions (no window where they are
 *       readable by others; the umask can only remove bits), existing folders are reset to 700,
 *       and the rename is an atomic move replacing the old file.
 *   <li>Other Hadoop file systems (HDFS) get the same permissions through {@link FsPermission};
 *       the rename deletes the previous file first (Hadoop's rename does not replace).
 *   <li>{@code s3a://} has no POSIX permissions: the calls are accepted and ignored, and access
 *       is whatever the bucket policy and IAM grant, so the export bucket must be private. An
 *       object only appears when its upload completes, so there is still no half file; the
 *       rename is a copy and delete.
 * </ul>
 */
public final class OwnerOnlyFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);

  public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final String TEMP_PREFIX = ".tmp-";

  private final Configuration hadoopConf;

  public OwnerOnlyFiles(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /**
   * Creates {@code root/child1/child2/...}: the root is created owner-only if missing (left as is
   * if it exists: it may be a shared mount), every child is created or reset to owner-only.
   * Returns the deepest folder.
   */
  public String folder(String root, String... children) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(root);
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (isLocal(fs)) {
        Path local = Path.of(fs.makeQualified(path).toUri());
        createLocal(local, false);
        for (String child : children) {
          local = local.resolve(child);
          createLocal(local, true);
        }
        return local.toString();
      }
      createHadoop(fs, path, false);
      for (String child : children) {
        path = new org.apache.hadoop.fs.Path(path, child);
        createHadoop(fs, path, true);
      }
      return path.toString();
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot create the export folder " + path, e);
    }
  }

  /** Writes {@code content} to {@code folder/name} owner-only, via a temporary file and rename. */
  public String write(String folder, String name, byte[] content) {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(folder, name);
    try {
      FileSystem fs = target.getFileSystem(hadoopConf);
      if (isLocal(fs)) {
        return writeLocal(Path.of(fs.makeQualified(target).toUri()), content).toString();
      }
      return writeHadoop(fs, target, content).toString();
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot write the export file " + target, e);
    }
  }

  private static boolean isLocal(FileSystem fs) {
    return "file".equals(fs.getScheme());
  }

  private static void createLocal(Path folder, boolean ownerOnly) throws IOException {
    if (!Files.isDirectory(folder)) {
      try {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
      } catch (FileAlreadyExistsException raced) {
        // created meanwhile by another export: permissions are reset below
      }
    }
    if (ownerOnly) {
      Files.setPosixFilePermissions(folder, FOLDER);
    }
  }

  private static Path writeLocal(Path target, byte[] content) throws IOException {
    Path folder = target.getParent();
    removeStaleTemporaries(folder, target.getFileName().toString());
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FILE);
    Path temp = Files.createTempFile(folder, TEMP_PREFIX + target.getFileName() + "-", "", ownerOnly);
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(content);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(target, FILE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }

  /** Temporary files a killed export left behind for the same target. */
  private static void removeStaleTemporaries(Path folder, String name) throws IOException {
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(folder, TEMP_PREFIX + name + "-*")) {
      for (Path path : stale) {
        LOG.info("Removing {} left by an interrupted export", path);
        Files.deleteIfExists(path);
      }
    }
  }

  private static void createHadoop(FileSystem fs, org.apache.hadoop.fs.Path folder, boolean ownerOnly)
      throws IOException {
    FsPermission permission = new FsPermission((short) 0700);
    if (!fs.exists(folder)) {
      fs.mkdirs(folder, permission);
    }
    if (ownerOnly) {
      fs.setPermission(folder, permission);
    }
  }

  private static org.apache.hadoop.fs.Path writeHadoop(
      FileSystem fs, org.apache.hadoop.fs.Path target, byte[] content) throws IOException {
    org.apache.hadoop.fs.Path temp =
        new org.apache.hadoop.fs.Path(
            target.getParent(), TEMP_PREFIX + target.getName() + "-" + UUID.randomUUID());
    try {
      try (FSDataOutputStream out =
          fs.create(
              temp,
              new FsPermission((short) 0600),
              true,
              fs.getConf().getInt("io.file.buffer.size", 4096),
              fs.getDefaultReplication(temp),
              fs.getDefaultBlockSize(temp),
              null)) {
        out.write(content);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("rename of " + temp + " to " + target + " failed");
      }
    } finally {
      if (fs.exists(temp)) {
        fs.delete(temp, false);
      }
    }
    return target;
  }
}
