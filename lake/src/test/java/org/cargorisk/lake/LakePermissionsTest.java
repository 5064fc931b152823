package org.cargorisk.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check of the lake and export roots, and the permissions new files get. */
class LakePermissionsTest {
  private static final FsPermission OWNER_ONLY_FOLDER = new FsPermission((short) 0700);

  private static Configuration umask(String umask) {
    Configuration conf = new Configuration();
    conf.set(LakePermissions.UMASK_KEY, umask);
    return conf;
  }

  /** An uncached local file system, so that a test's umask never leaks into other tests. */
  private static FileSystem local(Configuration conf) throws IOException {
    return FileSystem.newInstance(URI.create("file:///"), conf);
  }

  private static Path folder(Path parent, String name, String mode) throws IOException {
    Path folder = Files.createDirectory(parent.resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));
    return folder;
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void aRootOthersCanEnterIsClosedSoNothingBelowItIsReachable(@TempDir Path dir) throws IOException {
    Path lake = folder(dir, "lake", "rwxr-xr-x");
    Path table = folder(lake, "gold", "rwxr-xr-x");
    Files.writeString(table.resolve("part-0.parquet"), "rows");
    try (FileSystem fs = local(umask("077"))) {
      LakePermissions.Check check =
          LakePermissions.checkRoot(fs, new org.apache.hadoop.fs.Path(lake.toUri()), OWNER_ONLY_FOLDER, "lake");
      assertThat(check.outcome()).isEqualTo(LakePermissions.Outcome.REPAIRED);
      assertThat(check.before()).isEqualTo("rwxr-xr-x");
      assertThat(check.after()).isEqualTo("rwx------");
    }
    assertThat(mode(lake)).isEqualTo("rwx------");
    // Only the root changes: it is the door to everything below.
    assertThat(mode(table)).isEqualTo("rwxr-xr-x");
  }

  @Test
  void anOwnerOnlyRootIsLeftAsItIs(@TempDir Path dir) throws IOException {
    Path lake = folder(dir, "lake", "rwx------");
    try (FileSystem fs = local(umask("077"))) {
      assertThat(
              LakePermissions.checkRoot(fs, new org.apache.hadoop.fs.Path(lake.toUri()), OWNER_ONLY_FOLDER, "lake")
                  .outcome())
          .isEqualTo(LakePermissions.Outcome.PRIVATE);
    }
    assertThat(mode(lake)).isEqualTo("rwx------");
  }

  @Test
  void aGroupTheOperatorOpenedWithTheUmaskKeepsItsAccessButNoMore(@TempDir Path dir) throws IOException {
    Configuration conf = umask("027");
    FsPermission allowed = LakePermissions.folderPermission(conf);
    assertThat(allowed.toShort()).isEqualTo((short) 0750);
    Path shared = folder(dir, "shared", "rwxr-x---");
    Path open = folder(dir, "open", "rwxrwxrwx");
    try (FileSystem fs = local(conf)) {
      assertThat(LakePermissions.checkRoot(fs, new org.apache.hadoop.fs.Path(shared.toUri()), allowed, "lake").outcome())
          .isEqualTo(LakePermissions.Outcome.PRIVATE);
      assertThat(LakePermissions.checkRoot(fs, new org.apache.hadoop.fs.Path(open.toUri()), allowed, "lake").after())
          .isEqualTo("rwxr-x---");
    }
    assertThat(mode(shared)).isEqualTo("rwxr-x---");
    assertThat(mode(open)).isEqualTo("rwxr-x---");
  }

  @Test
  void aRootThatCannotBeClosedRefusesTheRunAndSaysHowToFixIt(@TempDir Path dir) throws IOException {
    Path export = folder(dir, "export", "rwxr-xr-x");
    try (FileSystem refusing = new NotTheOwner()) {
      refusing.initialize(URI.create("file:///"), umask("077"));
      assertThatThrownBy(
              () ->
                  LakePermissions.checkRoot(
                      refusing, new org.apache.hadoop.fs.Path(export.toUri()), OWNER_ONLY_FOLDER, "export"))
          .isInstanceOf(CargoRiskException.class)
          .satisfies(e -> assertThat(((CargoRiskException) e).code()).isEqualTo(ErrorCode.STORAGE_FAILURE))
          .hasMessageContaining("The export root")
          .hasMessageContaining("can be read by group or others (rwxr-xr-x")
          .hasMessageContaining("Operation not permitted")
          .hasMessageContaining("chmod -R go-rwx")
          .hasMessageContaining("point --export at a folder");
    }
    assertThat(mode(export)).isEqualTo("rwxr-xr-x");
  }

  @Test
  void anAbsentRootIsLeftForTheSessionToCreateAndObjectStoresAreSkipped(@TempDir Path dir) {
    Configuration conf = umask("077");
    assertThat(LakePermissions.checkRoot(conf, "lake", dir.resolve("new-lake").toString()).outcome())
        .isEqualTo(LakePermissions.Outcome.ABSENT);
    assertThat(dir.resolve("new-lake")).doesNotExist();
    // Decided on the scheme alone: no connection to the store is made.
    assertThat(LakePermissions.checkRoot(conf, "lake", "s3a://no-such-bucket/lake").outcome())
        .isEqualTo(LakePermissions.Outcome.SKIPPED);
  }

  @Test
  void theUmaskGivesOwnerOnlyFoldersAndFiles() {
    Configuration conf = umask(LakePermissions.OWNER_ONLY_UMASK);
    assertThat(LakePermissions.symbolic(LakePermissions.folderPermission(conf))).isEqualTo("rwx------");
    assertThat(LakePermissions.symbolic(LakePermissions.filePermission(conf))).isEqualTo("rw-------");
    assertThat(LakePermissions.posix(LakePermissions.filePermission(conf)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void aCachedFileSystemMadeWithAnotherUmaskTakesTheSessions() throws IOException {
    try (FileSystem fs = local(umask("022"))) {
      LakePermissions.alignUmask(fs, umask("077"));
      assertThat(FsPermission.getUMask(fs.getConf()).toShort()).isEqualTo((short) 0077);
    }
  }

  /** A local file system where this user may not change permissions (someone else's folder). */
  private static final class NotTheOwner extends RawLocalFileSystem {
    @Override
    public void setPermission(org.apache.hadoop.fs.Path path, FsPermission permission) throws IOException {
      throw new AccessControlException("Operation not permitted");
    }
  }
}
