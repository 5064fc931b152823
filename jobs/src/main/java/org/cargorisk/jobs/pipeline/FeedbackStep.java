package org.cargorisk.jobs.pipeline;

import java.io.PrintWriter;
import org.cargorisk.scoring.feedback.FeedbackLoop;

/**
 * The feedback step: the hit rate per office, ISO week and selection type of the scan lists of
 * the weeks up to the business date, from the inspection outcomes ingested so far, into {@code
 * gold/hit_rates} (those weeks replaced), and the summary line.
 */
public final class FeedbackStep implements PipelineStep {
  private int weeks = FeedbackLoop.DEFAULT_WEEKS;

  /** ISO weeks recomputed, ending with the week of the business date. */
  public FeedbackStep weeks(int value) {
    this.weeks = value;
    return this;
  }

  @Override
  public Step step() {
    return Step.FEEDBACK;
  }

  @Override
  public void run(JobContext context, PrintWriter out) {
    context.jobGroup("feedback", "hit rates of the scan lists up to " + context.date());
    FeedbackLoop.Result result =
        new FeedbackLoop(context.spark(), context.lake()).date(context.date()).weeks(weeks).execute();
    result.inputVersions().forEach(context.tracker()::inputVersion);
    context.recordOutputs(org.cargorisk.lake.LakeStep.FEEDBACK);
    result.summary().selections().forEach(s -> {
      context.tracker().count(s.selection() + ".listed", s.listed());
      context.tracker().count(s.selection() + ".inspected", s.inspected());
      context.tracker().count(s.selection() + ".hits", s.hits());
    });
    out.printf("%s (scan lists %s to %s)%n", result.summary().line(), result.from(), result.to());
    out.flush();
  }
}
