package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.models.ModelKind;
import org.cargorisk.scoring.feedback.FeedbackLoop;
import org.cargorisk.models.registry.ModelRegistry;
import org.cargorisk.models.registry.ModelVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nightly --date D [--from D0]}: ingest → features → train (when due) → score → feedback,
 * as one run with one run record holding each step's counts and timings, and a progress line per
 * step. The feedback step recomputes the hit rates of the last {@value
 * FeedbackLoop#DEFAULT_WEEKS} weeks of scan lists from the outcomes ingested so far and prints
 * them per selection type.
 *
 * <p>With {@code --from D0} (a first run, or catching up missed nights) every landing date in
 * [D0, D] is ingested, and features are built for the as_of dates from D0 + {@value
 * #WARM_UP_DAYS} days (the warm-up gives the fitted peer statistics and party histories data
 * to learn from) to D, so that training has history. Every step is idempotent, so re-running a
 * night gives the same tables and exports.
 *
 * <p>Features use the fitted statistics the champion container model was trained with (the
 * registry's feature_statistics), so scoring and training compute features alike; without a
 * champion, the newest saved statistics with a cutoff on or before the first as_of (fitted there
 * on a first run).
 *
 * <p>Training is due when there is no champion container model, or when the champion's training
 * cutoff is at least {@code train.every-days} days before D ({@code --train always|never}
 * overrides).
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description =
        "Run the night: ingest -> features -> train (when due) -> score -> feedback (hit rates),"
            + " with one run record and"
            + " a progress line per step. --from D0 catches up (or backfills) from D0.")
public final class NightlyJob extends SparkJob {
  /** Days of data before the first feature date when backfilling. */
  static final int WARM_UP_DAYS = 14;

  /** When to train. */
  enum TrainPolicy {
    AUTO,
    ALWAYS,
    NEVER
  }

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
    LocalDate date = context.date();
    LocalDate first = from == null ? date : from;
    if (first.isAfter(date)) {
      throw CargoRiskErrors.invalidConfiguration("--from", first, "must not be after --date " + date);
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean trainNow = trainingDue(context);
    int steps = 4 + (trainNow ? 1 : 0);
    int step = 0;

    step(context, out, ++step, steps, "ingest " + (first.equals(date) ? date : first + ".." + date), () -> {
      RunTracker stepTracker = new RunTracker(java.time.Clock.systemUTC());
      subcommand(new IngestJob(), out).from(first).allowEmpty(allowEmpty).run(withDate(context, date, stepTracker));
      merge(context, stepTracker);
      stepTracker.emptyBecause().ifPresent(context.tracker()::markEmpty);
      Map<String, Long> totals = new LinkedHashMap<>();
      // Per-source totals for the step; per-file counts stay in the ingest log lines.
      stepTracker.counts().forEach((name, value) -> {
        if (!name.contains("/")) {
          totals.put(name, value);
        }
      });
      return totals;
    });

    if (context.tracker().emptyBecause().isPresent()) {
      // Nothing arrived for the night: features, scores and lists of it would be yesterday's
      // data passed off as tonight's. The run record says EMPTY and why.
      out.printf(
          "nightly %s recorded EMPTY (--allow-empty): a source due every day has no landing files"
              + " for %s (named above); no features, scores or lists were made for it (run %s)%n",
          date, date, context.runId());
      out.flush();
      return;
    }

    LocalDate featuresFrom = from == null ? date : maxDate(first.plusDays(WARM_UP_DAYS), date.minusDays(366));
    if (featuresFrom.isAfter(date)) {
      featuresFrom = date;
    }
    LocalDate finalFeaturesFrom = featuresFrom;
    String statistics = championStatistics(context, featuresFrom);
    step(context, out, ++step, steps, "features " + (featuresFrom.equals(date) ? date : featuresFrom + ".." + date), () -> {
      RunTracker stepTracker = new RunTracker(java.time.Clock.systemUTC());
      FeaturesJob features =
          subcommand(new FeaturesJob(), out).from(finalFeaturesFrom).statistics(statistics);
      features.run(withDate(context, date, stepTracker));
      merge(context, stepTracker);
      return stepTracker.counts();
    });

    if (trainNow) {
      step(context, out, ++step, steps, "train", () -> {
        RunTracker stepTracker = new RunTracker(java.time.Clock.systemUTC());
        TrainJob trainJob = subcommand(new TrainJob(), out);
        trainJob.run(withDate(context, date, stepTracker));
        merge(context, stepTracker);
        return stepTracker.counts();
      });
    }

    step(context, out, ++step, steps, "score " + date, () -> {
      RunTracker stepTracker = new RunTracker(java.time.Clock.systemUTC());
      ScoreJob score = subcommand(new ScoreJob(), out);
      score.run(withDate(context, date, stepTracker));
      merge(context, stepTracker);
      return stepTracker.counts();
    });
    // The feedback loop: outcomes ingested tonight complete the hit rates of past lists.
    step(context, out, ++step, steps, "feedback " + date, () -> {
      RunTracker stepTracker = new RunTracker(java.time.Clock.systemUTC());
      FeedbackJob feedback = subcommand(new FeedbackJob(), out);
      feedback.run(withDate(context, date, stepTracker));
      merge(context, stepTracker);
      return stepTracker.counts();
    });
    // The night's one closing line; the steps print their results but not where they went.
    out.printf(
        "nightly %s done (run %s): scan lists in the lake at %s and per office under %s%n",
        date, context.runId(), context.lake().scanList(), context.config().export());
    out.flush();
  }

  /**
   * The feature statistics version the champion container model was trained with, so tonight's
   * features match its training features; null (the newest saved version on or before the first
   * as_of, or a first fit) when there is no champion, it recorded none, or its statistics were
   * fitted after the first as_of of this run (a backfill reaching back before them).
   */
  private static String championStatistics(JobContext context, LocalDate featuresFrom) {
    return new ModelRegistry(context.spark(), context.lake())
        .champion(ModelKind.CONTAINER.modelName())
        .map(ModelVersion::featureStatistics)
        .filter(version -> {
          try {
            return !LocalDate.parse(version).isAfter(featuresFrom);
          } catch (java.time.format.DateTimeParseException e) {
            return false;
          }
        })
        .orElse(null);
  }

  private boolean trainingDue(JobContext context) {
    if (train == TrainPolicy.ALWAYS) {
      return true;
    }
    if (train == TrainPolicy.NEVER) {
      return false;
    }
    Optional<ModelVersion> champion =
        new ModelRegistry(context.spark(), context.lake()).champion(ModelKind.CONTAINER.modelName());
    if (champion.isEmpty()) {
      return true;
    }
    int every = context.config().trainEveryDays();
    return every > 0
        && ChronoUnit.DAYS.between(champion.get().trainingCutoff(), context.date()) >= every;
  }

  /** One step: a progress line before and after, its timing and counts in the run record. */
  private void step(
      JobContext context, PrintWriter out, int number, int total, String name, StepBody body)
      throws Exception {
    Instant started = context.tracker().now();
    out.printf("[%d/%d] %s ...%n", number, total, name);
    out.flush();
    progressQuietFromNow();
    // The step's Spark jobs are named by it until its library call names finer sub-stages, so
    // no progress line (or Spark UI entry) shows them under the previous step's last group.
    context.jobGroup(name.split(" ")[0], "nightly step " + name + " (run " + context.runId() + ")");
    try {
      Map<String, Long> counts = body.run();
      Instant ended = context.tracker().now();
      context.tracker().step(new RunRecord.Step(name, started, ended, RunRecord.SUCCEEDED, counts));
      Map<String, Long> prefixed = new HashMap<>();
      String prefix = name.split(" ")[0] + ".";
      counts.forEach((k, v) -> prefixed.put(prefix + k, v));
      context.tracker().counts(prefixed);
      out.printf(
          "[%d/%d] %s done in %s%n", number, total, name, seconds(Duration.between(started, ended)));
      out.flush();
    } catch (Exception | Error e) {
      context.tracker().step(
          new RunRecord.Step(name, started, context.tracker().now(), RunRecord.FAILED, Map.of()));
      out.printf("[%d/%d] %s FAILED: %s%n", number, total, name, CargoRiskErrors.rootMessage(e));
      out.flush();
      throw e;
    }
  }

  @FunctionalInterface
  private interface StepBody {
    Map<String, Long> run() throws Exception;
  }

  /** A step job with picocli's wiring (its spec and output) but the night's context. */
  private <T> T subcommand(T job, PrintWriter out) {
    CommandLine commandLine = new CommandLine(job);
    if (job instanceof SparkJob step) {
      step.nightlyStep = true;
    }
    commandLine.setOut(out);
    commandLine.setErr(spec.commandLine().getErr());
    commandLine.parseArgs();
    return job;
  }

  private static JobContext withDate(JobContext context, LocalDate date, RunTracker tracker) {
    return new JobContext(context.spark(), context.config(), date, context.runId(), context.lake(), tracker);
  }

  private static void merge(JobContext context, RunTracker stepTracker) {
    context.tracker().addInputFiles(stepTracker.inputFiles());
    stepTracker.inputVersions().forEach(context.tracker()::inputVersion);
    stepTracker.outputVersions().forEach(context.tracker()::outputVersion);
  }

  private static LocalDate maxDate(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
