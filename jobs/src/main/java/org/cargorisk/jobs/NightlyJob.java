package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.time.LocalDate;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.jobs.pipeline.NightlyRun;
import org.cargorisk.jobs.pipeline.NightlyRun.TrainPolicy;
import org.cargorisk.scoring.feedback.FeedbackLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightly --date D [--from D0]}: ingest → features → train (when due) → score → feedback,
 * as one run with one run record holding each step's counts and timings, and a progress line per
 * step. The feedback step recomputes the hit rates of the last {@value
 * FeedbackLoop#DEFAULT_WEEKS} weeks of scan lists from the outcomes ingested so far and prints
 * them per selection type. The night, its step order and its rules (warm-up, training window,
 * when training is due) are {@link NightlyRun}; this class parses options and prints the night's
 * closing line.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description =
        "Run the night: ingest -> features -> train (when due) -> score -> feedback (hit rates),"
            + " with one run record and"
            + " a progress line per step. --from D0 catches up (or backfills) from D0.")
public final class NightlyJob extends SparkJob {
  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First landing date to ingest (catch-up or first run; default: --date only).")
  LocalDate from;

  @Option(
      names = "--train",
      paramLabel = "POLICY",
      defaultValue = "AUTO",
      description = "auto (when due by train.every-days, or no champion), always or never (default: ${DEFAULT-VALUE}).")
  TrainPolicy train;

  @Option(
      names = "--allow-empty",
      description =
          "Go on when a source due every day (manifests, port_calls, container_events) has no"
              + " landing files: if --date has none, the night is recorded EMPTY and nothing is"
              + " built, scored or published. Without it such a night is an error naming the"
              + " date, source and folder.")
  boolean allowEmpty;

  @Override
  protected String jobName() {
    return "nightly";
  }

  @Override
  protected boolean readsLanding() {
    return true;
  }

  @Override
  protected void run(JobContext context) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    NightlyRun.Outcome outcome =
        new NightlyRun(context, clock())
            .from(from)
            .trainPolicy(train)
            .allowEmpty(allowEmpty)
            .console(out)
            .beforeEachStep(this::progressQuietFromNow)
            .execute();
    LocalDate date = context.date();
    if (outcome.emptyBecause().isPresent()) {
      // The run record says EMPTY and why; the console says what was not made.
      out.printf(
          "nightly %s recorded EMPTY (--allow-empty): a source due every day has no landing files"
              + " for %s (named above); no features, scores or lists were made for it (run %s)%n",
          date, date, context.runId());
    } else {
      // The night's one closing line; the steps print their results but not where they went.
      out.printf(
          "nightly %s done (run %s): scan lists in the lake at %s and per office under %s%n",
          date, context.runId(), context.lake().scanList(), context.config().export());
    }
    out.flush();
  }
}
