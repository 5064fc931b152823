package org.cargorisk.jobs;

import java.io.PrintWriter;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.scoring.report.ReportPublisher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report --model container-v3} or {@code report --run RUN_ID}: a self-contained HTML
 * report with charts, written owner-only under {@code <export>/reports/} (see docs/REPORTS.md).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write an HTML report with charts under <export>/reports/: a model version's quality"
            + " (--model) or a run's steps, quarantine and hit rates (--run).")
public final class ReportJob extends SparkJob {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--model",
        required = true,
        paramLabel = "NAME[-vN]",
        description = "container or firm (its champion), or a registered version such as container-v3.")
    String model;

    @Option(
        names = "--run",
        required = true,
        paramLabel = "RUN_ID",
        description = "A run id of the runs table, or 'latest' for the latest nightly run.")
    String run;
  }

  @Override
  protected boolean requiresDate() {
    return false;
  }

  @Override
  protected boolean writesLake() {
    return false;
  }

  @Override
  protected void checkOptions() {
    if (target.model != null) {
      ReportPublisher.parseModel(target.model);
    }
  }

  @Override
  protected void run(JobContext context) {
    ReportPublisher publisher = new ReportPublisher(context.spark(), context.lake(), context.config().export());
    ReportPublisher.Published report =
        target.model != null
            ? publisher.model(target.model)
            : "latest".equals(target.run) ? publisher.latestRun("nightly") : publisher.run(target.run);
    context.recordLooks(
        jobName(),
        java.util.List.of(
            new org.cargorisk.audit.AccessLog.Look(
                target.model != null
                    ? org.cargorisk.audit.AccessLog.Kind.MODEL_REPORT
                    : org.cargorisk.audit.AccessLog.Kind.RUN_REPORT,
                null,
                null,
                null,
                report.path())));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("report written: %s (%d charts)%n", report.path(), report.charts().size());
    out.flush();
  }
}
