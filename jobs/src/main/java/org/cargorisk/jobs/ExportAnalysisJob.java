package org.cargorisk.jobs;

import java.io.PrintWriter;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.scoring.analysis.AnalysisExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export-analysis --date D}: the CSV/JSON files the notebooks in {@code notebooks/} read,
 * written owner-only under {@code <export>/analysis/} (see docs/REPORTS.md).
 */
@Command(
    name = "export-analysis",
    mixinStandardHelpOptions = true,
    description =
        "Write the notebooks' inputs under <export>/analysis/: a labelled features sample, the"
            + " model versions with metrics, the day's scored containers and firms with reasons.")
public final class ExportAnalysisJob extends SparkJob {
  @Option(
      names = "--rows",
      paramLabel = "N",
      defaultValue = "5000",
      description = "Most rows per CSV file (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--days",
      paramLabel = "DAYS",
      defaultValue = "90",
      description = "Days of labelled containers before --date in the sample (default: ${DEFAULT-VALUE}).")
  int days;

  @Override
  protected boolean writesLake() {
    return false;
  }

  @Override
  protected void checkOptions() {
    AnalysisExport.checkDays(days);
    AnalysisExport.checkRows(rows);
  }

  @Override
  protected void run(JobContext context) {
    AnalysisExport.Result result =
        new AnalysisExport(context.spark(), context.lake())
            .exportRoot(context.config().export())
            .date(context.date())
            .days(days)
            .maxRows(rows)
            .execute();
    result.rows().forEach((file, count) -> context.tracker().count("analysis." + file, count));
    context.recordLooks(
        jobName(),
        result.rows().entrySet().stream()
            .map(
                file ->
                    new org.cargorisk.audit.AccessLog.Look(
                        org.cargorisk.audit.AccessLog.Kind.ANALYSIS_EXPORT,
                        null,
                        context.date(),
                        file.getValue(),
                        result.folder() + "/" + file.getKey()))
            .toList());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("analysis export in %s: %s%n", result.folder(), result.rows());
    out.flush();
  }
}
