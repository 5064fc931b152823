package org.cargorisk.ingest;

import org.apache.hadoop.conf.Configuration;
import org.cargorisk.lake.LakePermissions;

/**
 * The lake's restricted folder: owner-only ({@code rwx------}) on file systems with permissions
 * (local, HDFS). On object stores (S3) permissions are not file attributes: restrict the
 * {@code restricted/} prefix with a bucket or IAM policy instead (docs/DEPLOY.md).
 */
final class RestrictedFolder {
  private RestrictedFolder() {}

  static void ensureOwnerOnly(Configuration conf, String folder) {
    LakePermissions.ensureOwnerOnly(conf, folder);
  }
}
