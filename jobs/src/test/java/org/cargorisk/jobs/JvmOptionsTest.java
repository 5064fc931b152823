package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;

/** The launcher and the Surefire argLine open the same modules (bin/jvm-options vs pom.xml). */
class JvmOptionsTest {
  @Test
  void launcherAndTestsUseTheSameJavaModuleOptions() throws IOException {
    List<String> launcher =
        Files.readAllLines(TestPaths.repoRoot().resolve("bin/jvm-options")).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    String pom = Files.readString(TestPaths.repoRoot().resolve("pom.xml"));
    int start = pom.indexOf("<spark.java.options>") + "<spark.java.options>".length();
    List<String> surefire =
        Arrays.asList(pom.substring(start, pom.indexOf("</spark.java.options>")).strip().split("\\s+"));
    assertThat(launcher).isNotEmpty().containsExactlyElementsOf(surefire);
    assertThat(launcher).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
  }
}
