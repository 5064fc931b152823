package org.cargorisk.ingest;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * The lake's restricted folder: owner-only ({@code rwx------}) on file systems with permissions
 * (local, HDFS). On object stores (S3) permissions are not file attributes: restrict the
 * {@code restricted/} prefix with a bucket or IAM policy instead (docs/INGEST.md).
 */
final class RestrictedFolder {
  static final FsPermission OWNER_ONLY = new FsPermission((short) 0700);

  private RestrictedFolder() {}

  static void ensureOwnerOnly(Configuration conf, String folder) {
    Path path = new Path(folder);
    try {
      FileSystem fs = path.getFileSystem(conf);
      fs.mkdirs(path);
      fs.setPermission(path, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // A file system without permissions (object store): the bucket policy restricts it.
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot make the restricted folder " + folder + " owner-only", e);
    }
  }
}
