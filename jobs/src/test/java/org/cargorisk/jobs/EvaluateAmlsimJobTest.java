package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** The command-line contract of evaluate-amlsim (the evaluation itself is tested in models). */
class EvaluateAmlsimJobTest {
  @Test
  void isRegisteredAndNeedsData() {
    CommandLine commandLine = CargoRisk.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));

    int exitCode = commandLine.execute("evaluate-amlsim");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("--data");
  }

  @Test
  void helpNamesTheOptionsWithoutDate() {
    CommandLine commandLine = CargoRisk.commandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out));

    int exitCode = commandLine.execute("evaluate-amlsim", "--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("--data", "--seed", "--test-fraction", "--max-counterparties");
    assertThat(out.toString()).doesNotContain("--date");
  }
}
