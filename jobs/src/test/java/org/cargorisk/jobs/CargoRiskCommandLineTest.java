package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CargoRiskCommandLineTest {
  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    CommandLine commandLine = CargoRisk.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryJob() {
    Result result = run("--help");
    assertThat(result.exitCode()).isZero();
    for (String job : CargoRisk.commandLine().getSubcommands().keySet()) {
      assertThat(result.out()).contains(job);
    }
  }

  @Test
  void everyJobHasHelpWithItsOptions() {
    for (var entry : CargoRisk.commandLine().getSubcommands().entrySet()) {
      if (entry.getKey().equals("help")) {
        continue;
      }
      Result result = run(entry.getKey(), "--help");
      assertThat(result.exitCode()).as(entry.getKey()).isZero();
      assertThat(result.out()).as(entry.getKey()).contains("Usage: cargorisk " + entry.getKey());
    }
  }

  @Test
  void anUnknownJobIsAUsageError() {
    Result result = run("fly");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unmatched argument");
  }

  @Test
  void aConfigurationErrorIsAUserErrorWithExitCodeOne() {
    Result result = run("show-config", "--config", "/nonexistent/cargorisk.properties");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("INVALID_CONFIGURATION").contains("does not exist");
  }

  @Test
  void optionsOverrideTheConfiguration() {
    Result result = run("show-config", "--lake", "/tmp/other-lake");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("lake = /tmp/other-lake   (command line)\n");
  }

  @Test
  void showConfigPrintsOneKeyValueSourceLinePerKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path file = dir.resolve("c.properties");
    java.nio.file.Files.writeString(file, "export = /data/export\noffice.NLRTM.capacity = 12\n");

    Result result = run("show-config", "--config", file.toString(), "--lake", "/data/lake");

    assertThat(result.exitCode()).as(result.err()).isZero();
    java.util.List<String> lines = result.out().lines().toList();
    assertThat(lines).allMatch(line -> line.matches("[a-z][a-zA-Z0-9.-]* = .*   \\((command line|config file .+|default.*)\\)"));
    assertThat(lines)
        .contains(
            "lake = /data/lake   (command line)",
            "export = /data/export   (config file " + file + ")",
            "office.NLRTM.capacity = 12   (config file " + file + ")",
            "landing = data-samples/landing   (default)",
            "model.validation-weeks = 3   (default)",
            "log.dir = /data/logs   (default, next to the lake)");
    // Every key once: the defaults' keys plus the file's office capacity.
    assertThat(lines).hasSize(org.cargorisk.jobs.config.ConfigKeys.defaults().size() + 1);
  }

  @Test
  void aDateThatIsNoDateIsAPlainUsageError() {
    Result result = run("nightly", "--date", "2026-02-30");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("cargorisk nightly: --date 2026-02-30 is not a date: use YYYY-MM-DD\n")
        .contains("See 'cargorisk nightly --help' for the options.")
        .doesNotContain("Exception")
        .doesNotContain("java.")
        .doesNotContain("Usage:");
  }

  @Test
  void helpPrintsNoPicocliWarning() {
    // picocli reports a description it cannot format (a lone '%') on System.err, not on the
    // command line's error writer.
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    try {
      out.append(run("--help").out());
      for (String job : CargoRisk.commandLine().getSubcommands().keySet()) {
        Result result = run(job, "--help");
        out.append(result.out()).append(result.err());
      }
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli");
    assertThat(out.toString()).doesNotContain("picocli WARN").contains("@1/2/5/10%");
  }
}
