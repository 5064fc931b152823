package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.LandingCheck;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 6: a job started as bin/cargorisk starts it (SparkSubmit, its log4j2
 * configuration and log file switch) keeps Spark's and Delta's INFO and WARN lines off the
 * console and in the log file whose path it prints, shows progress lines inside a long step
 * and its result summary once. Runs a small ingest in a child JVM, since logging is per process.
 */
@EndToEnd
class QuietConsoleTest {
  private static final String DATE = "2026-04-02";

  @TempDir Path work;

  @Test
  void sparkAndDeltaLinesGoToTheLogFileNotTheConsole() throws IOException, InterruptedException {
    // SparkSubmit, as bin/cargorisk, needs an application jar; the classes come from the class
    // path, so an empty one does.
    Path jar = work.resolve("app.jar");
    new java.util.jar.JarOutputStream(Files.newOutputStream(jar)).close();
    Path landing = work.resolve("landing");
    for (Source source : LandingCheck.DAILY) {
      Path folder = Files.createDirectories(landing.resolve(source.sourceName()).resolve("date=" + DATE));
      Files.writeString(
          folder.resolve("part-00000.csv"),
          source.columns().stream().map(ColumnSpec::name).collect(Collectors.joining(",")) + "\n");
    }
    Path root = TestPaths.repoRoot();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    Files.readAllLines(root.resolve("bin/jvm-options")).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .forEach(command::add);
    // What bin/cargorisk passes (SparkSubmit initialises Spark's logging before the job runs),
    // with progress lines after 1 s of quiet instead of 15 s, so that this short job shows some.
    command.addAll(List.of(
        "-Duser.timezone=UTC",
        "-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"),
        "-D" + LogFile.PROPERTY + "=true",
        "-D" + ProgressListener.PROPERTY + "=1",
        "-cp", System.getProperty("java.class.path"),
        "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[1]",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--class", CargoRisk.class.getName(),
        jar.toString(),
        "ingest", "--date", DATE,
        "--landing", landing.toString(),
        "--lake", work.resolve("lake").toString()));
    Path console = work.resolve("console.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(console.toFile())
            .directory(work.toFile());
    // The pseudonym key's warning is one a user can act on; set the key so the console is the
    // job's own lines only.
    builder.environment().put("CARGORISK_PSEUDONYM_KEY", "quiet-console-test-key");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the child job ends").isTrue();
    String output = Files.readString(console, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();

    List<String> lines = output.lines().filter(line -> !line.startsWith("WARNING: Using incubator modules")).toList();
    assertThat(lines).as(output)
        .noneMatch(line -> line.matches("^(INFO|WARN|ERROR|DEBUG)\\b.*"))
        .noneMatch(line -> line.contains("org.apache.spark") || line.contains("delta") || line.contains("SparkContext"));
    // The result summary once: the per-source counts and the closing line.
    assertThat(lines).as(output).filteredOn(line -> line.startsWith("ingest " + DATE + ": run ingest-" + DATE)).hasSize(1);
    for (Source source : LandingCheck.DAILY) {
      assertThat(lines).as(output).filteredOn(line -> line.startsWith(source.sourceName() + " ") && line.contains(" files ")).hasSize(1);
    }
    // Progress inside the step: the sub-stage (the job group of the Spark job) and tasks done.
    assertThat(lines).as(output)
        .anyMatch(line -> line.matches("  ingest " + DATE + " [a-z_ ]+ \\((\\d+ s|\\d+ min \\d\\d s)\\): Spark job \\d+, \\d+ of \\d+ tasks done \\(\\d+ %\\)"));
    String logLine = lines.stream().filter(line -> line.startsWith("log file: ")).findFirst().orElseThrow();
    Path logFile = Path.of(logLine.substring("log file: ".length()));
    // Next to the lake by default (work/logs for work/lake).
    assertThat(logFile.getParent()).isEqualTo(work.resolve("logs"));
    String log = Files.readString(logFile, StandardCharsets.UTF_8);
    assertThat(log)
        .containsPattern("INFO .*o\\.a\\.s\\.SparkContext - Running Spark version")
        .containsPattern("(INFO|WARN) .*o\\.a\\.s\\.s\\.d\\.") // Delta (org.apache.spark.sql.delta)
        .contains("o.c.i.Ingest - manifests " + DATE); // CargoRisk's own INFO lines
  }
}
