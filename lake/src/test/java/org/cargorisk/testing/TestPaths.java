package org.cargorisk.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Paths tests need: the repository root and the public data sets beside it. */
public final class TestPaths {
  private TestPaths() {}

  /** The repository root (set by Surefire; else found by walking up to the parent pom). */
  public static Path repoRoot() {
    String configured = System.getProperty("cargorisk.repo.root");
    if (configured != null && Files.isDirectory(Path.of(configured, "data-samples"))) {
      return Path.of(configured).toAbsolutePath();
    }
    Path current = Path.of("").toAbsolutePath();
    while (current != null) {
      if (Files.isDirectory(current.resolve("data-samples")) && Files.exists(current.resolve("pom.xml"))) {
        return current;
      }
      current = current.getParent();
    }
    throw new IllegalStateException("Cannot find the repository root from " + Path.of("").toAbsolutePath());
  }

  /**
   * A public data set in {@code ../shared/data/<name>} next to the repository, if present. Tests
   * that need it skip (with {@code assumeTrue}) and say so when it is absent.
   */
  public static Optional<Path> sharedData(String name) {
    Path path = repoRoot().resolveSibling("shared").resolve("data").resolve(name);
    return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
  }
}
