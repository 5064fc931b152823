package org.cargorisk.jobs;

import java.io.PrintWriter;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.jobs.pipeline.ScoreStep;
import picocli.CommandLine.Command;

/**
 * {@code score --date D}: applies the champion models to the date's features and writes
 * {@code gold/scan_list}, {@code gold/firm_risk} and the per-office exports; the step is {@link
 * ScoreStep}.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description =
        "Score the date's containers and firms with the champion models and publish the scan"
            + " list of every office (Delta tables and CSV/HTML exports).")
public final class ScoreJob extends SparkJob {
  @Override
  protected String jobName() {
    return "score";
  }

  @Override
  protected void run(JobContext context) {
    PrintWriter out = console();
    new ScoreStep().run(context, out);
    out.printf("exports in %s%n", context.config().export());
    out.flush();
  }
}
