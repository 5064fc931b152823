package org.cargorisk.jobs;

import java.io.PrintWriter;
import org.cargorisk.lake.DeltaVersions;
import org.cargorisk.scoring.feedback.FeedbackLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code feedback --date D [--weeks N]}: the hit rate per office, ISO week and selection type
 * (RULE, MODEL, RANDOM) of the scan lists of the N weeks up to D, from the inspection outcomes
 * ingested so far, into {@code gold/hit_rates} (those weeks replaced), and a summary line.
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
    context.jobGroup("feedback", "hit rates of the scan lists up to " + context.date());
    FeedbackLoop.Result result =
        new FeedbackLoop(context.spark(), context.lake()).date(context.date()).weeks(weeks).execute();
    result.inputVersions().forEach(context.tracker()::inputVersion);
    DeltaVersions.latest(context.spark(), context.lake().hitRates())
        .ifPresent(v -> context.tracker().outputVersion(context.lake().hitRates(), v));
    result.summary().selections().forEach(s -> {
      context.tracker().count(s.selection() + ".listed", s.listed());
      context.tracker().count(s.selection() + ".inspected", s.inspected());
      context.tracker().count(s.selection() + ".hits", s.hits());
    });
    if (spec != null) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s (scan lists %s to %s)%n", result.summary().line(), result.from(), result.to());
      out.flush();
    }
  }
}
