package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** report and export-analysis are registered and parse as docs/REPORTS.md documents. */
class ReportJobsCommandLineTest {

  @Test
  void reportTakesExactlyOneOfModelOrRun() {
    ReportJob model = parse("report", "--model", "container-v3");
    assertThat(model.target.model).isEqualTo("container-v3");
    assertThat(model.target.run).isNull();
    ReportJob run = parse("report", "--run", "latest");
    assertThat(run.target.run).isEqualTo("latest");

    assertThat(usage("report", "--model", "container", "--run", "latest")).contains("mutually exclusive");
    assertThat(usage("report")).contains("Missing required argument");
  }

  @Test
  void exportAnalysisNeedsADateAndHasBoundedDefaults() {
    ExportAnalysisJob job = parse("export-analysis", "--date", "2026-03-31");
    assertThat(job.rows).isEqualTo(5000);
    assertThat(job.days).isEqualTo(90);
    CommandLine commandLine = CargoRisk.commandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute("export-analysis", "--help")).isZero();
    assertThat(out.toString()).contains("--date", "--rows", "--days", "<export>/analysis/");
  }

  @SuppressWarnings("unchecked")
  private static <T> T parse(String... args) {
    return (T) CargoRisk.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  private static String usage(String... args) {
    CommandLine commandLine = CargoRisk.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));
    assertThat(commandLine.execute(args)).isEqualTo(2);
    return err.toString();
  }
}
