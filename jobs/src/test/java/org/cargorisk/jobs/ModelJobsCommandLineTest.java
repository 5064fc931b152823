package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The model jobs are registered and their options parse as docs/MODELS.md documents. */
class ModelJobsCommandLineTest {

  private static String help(String job) {
    CommandLine commandLine = CargoRisk.commandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(job, "--help")).isEqualTo(0);
    return out.toString();
  }

  @Test
  void trainEvaluateAndPromoteAreSubcommandsWithTheirOptions() {
    assertThat(help("train")).contains("--date", "--model", "--label-delay-days");
    assertThat(help("evaluate")).contains("--model", "--version", "--from", "--to");
    assertThat(help("promote")).contains("--version", "--force", "--reason");
  }

  @Test
  void evaluateParsesTheModelVersionAndPeriod() {
    CommandLine commandLine = CargoRisk.commandLine();
    CommandLine.ParseResult parsed =
        commandLine.parseArgs(
            "evaluate", "--model", "container", "--version", "3", "--from", "2026-03-01", "--to",
            "2026-03-21");
    EvaluateJob job = (EvaluateJob) parsed.subcommand().commandSpec().userObject();
    assertThat(job.model).isEqualTo("container");
    assertThat(job.version).isEqualTo(3);
    assertThat(job.to).isEqualTo(java.time.LocalDate.of(2026, 3, 21));
  }

  @Test
  void aMissingVersionIsAUsageError() {
    CommandLine commandLine = CargoRisk.commandLine();
    commandLine.setErr(new PrintWriter(new StringWriter()));
    assertThat(commandLine.execute("promote", "--date", "2026-03-31", "--model", "container"))
        .isEqualTo(2);
  }

  @Test
  void trainTakesTheLabelDelayFromTheConfigurationUnlessTheOptionIsGiven() {
    TrainJob withOption =
        (TrainJob)
            CargoRisk.commandLine()
                .parseArgs("train", "--date", "2026-03-31", "--label-delay-days", "3")
                .subcommand().commandSpec().userObject();
    assertThat(withOption.configOverrides())
        .containsExactly(java.util.Map.entry("model.label-delay-days", "3"));
    TrainJob without =
        (TrainJob)
            CargoRisk.commandLine().parseArgs("train", "--date", "2026-03-31")
                .subcommand().commandSpec().userObject();
    assertThat(without.configOverrides()).isEmpty();
  }

  @Test
  void promoteTakesTheLabelDelayFromTheConfigurationUnlessTheOptionIsGiven() {
    String[] promote = {"promote", "--date", "2026-03-31", "--model", "container", "--version", "2"};
    PromoteJob without =
        (PromoteJob) CargoRisk.commandLine().parseArgs(promote).subcommand().commandSpec().userObject();
    assertThat(without.configOverrides()).isEmpty();
    String[] withDelay = java.util.Arrays.copyOf(promote, promote.length + 2);
    withDelay[promote.length] = "--label-delay-days";
    withDelay[promote.length + 1] = "3";
    PromoteJob with =
        (PromoteJob) CargoRisk.commandLine().parseArgs(withDelay).subcommand().commandSpec().userObject();
    assertThat(with.configOverrides())
        .containsExactly(java.util.Map.entry("model.label-delay-days", "3"));
  }

  @Test
  void feedbackIsASubcommandWithItsWeeks() {
    assertThat(help("feedback")).contains("--date", "--weeks", "gold/hit_rates");
    FeedbackJob job =
        (FeedbackJob)
            CargoRisk.commandLine().parseArgs("feedback", "--date", "2026-03-31", "--weeks", "4")
                .subcommand().commandSpec().userObject();
    assertThat(job.weeks).isEqualTo(4);
  }
}
