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
    assertThat(result.out()).contains("lake=/tmp/other-lake");
  }
}
