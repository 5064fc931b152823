package org.cargorisk.jobs;

import org.cargorisk.jobs.pipeline.FeedbackStep;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.scoring.feedback.FeedbackLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code feedback --date D [--weeks N]}: the hit rate per office, ISO week and selection type
 * (RULE, MODEL, RANDOM) of the scan lists of the N weeks up to D, from the inspection outcomes
 * ingested so far, into {@code gold/hit_rates} (those weeks replaced), and a summary line; the
 * step is {@link FeedbackStep}.
 */
@Command(
    name = "feedback",
    mixinStandardHelpOptions = true,
    description =
        "Join past scan lists with the inspection outcomes ingested so far: hit rate per office,"
            + " ISO week and selection type (RULE, MODEL, RANDOM) into gold/hit_rates.")
public final class FeedbackJob extends SparkJob {
  @Option(
      names = "--weeks",
      paramLabel = "N",
      defaultValue = "" + FeedbackLoop.DEFAULT_WEEKS,
      description = "ISO weeks recomputed, ending with the week of --date (default: ${DEFAULT-VALUE}).")
  int weeks = FeedbackLoop.DEFAULT_WEEKS;

  @Override
  protected String jobName() {
    return "feedback";
  }

  @Override
  protected void checkOptions() {
    FeedbackLoop.checkWeeks(weeks);
  }

  @Override
  protected void run(JobContext context) {
    new FeedbackStep()
        .weeks(weeks)
        .run(context, console());
  }
}
