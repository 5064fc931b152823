package org.cargorisk.jobs.pipeline;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.registry.ModelRegistry;
import org.cargorisk.models.registry.ModelVersion;

/**
 * The night as a library: ingest → features → train (when due) → score → feedback for one
 * business date, as one run whose tracker gets each step's counts, timings and table versions,
 * with a progress line per step. The {@code nightly} job parses options into this and prints the
 * night's closing line; each single job and {@code bench-step} runs the same {@link PipelineStep}
 * classes, so each step has one home.
 *
 * <p>Why this package ({@code org.cargorisk.jobs.pipeline}) and not a pipeline module: a night
 * composes every pipeline module and is configured by the jobs' {@link
 * org.cargorisk.jobs.config.CargoRiskConfig}, so it sits at the top of the module graph, beside
 * the jobs; it holds no picocli type, so it is called (and tested) without a command line, and the
 * command-line package depends on it, never the reverse.
 *
 * <p>With {@code from} D0 (a first run, or catching up missed nights) every landing date in [D0,
 * D] is ingested, and features are built for the as_of dates from D0 + {@value #WARM_UP_DAYS}
 * days (the warm-up gives the fitted peer statistics and party histories data to learn from), but
 * not before D - {@value #TRAINING_WINDOW_DAYS} days (older as_of dates do not train), to D. Every
 * step is idempotent, so re-running a night gives the same tables and exports.
 *
 * <p>Features use the fitted statistics the champion container model was trained with (the
 * registry's feature_statistics), so scoring and training compute features alike; without a
 * champion, the newest saved statistics with a cutoff on or before the first as_of (fitted there
 * on a first run).
 *
 * <p>Training is due when there is no champion container model, or when the champion's training
 * cutoff is at least {@code train.every-days} days before D ({@link TrainPolicy} overrides). All
 * dates are business dates: the clock only times the steps.
 */
public final class NightlyRun {
  /** Days of data before the first feature date when backfilling. */
  public static final int WARM_UP_DAYS = 14;

  /** Feature dates of a backfill reach back at most this many days before the business date. */
  public static final int TRAINING_WINDOW_DAYS = 366;

  /** When to train. */
  public enum TrainPolicy {
    /** When due by train.every-days, or when there is no champion. */
    AUTO,
    ALWAYS,
    NEVER
  }

  /**
   * What a night does, decided from its dates, the policy and the champion before any step runs.
   *
   * @param ingestFrom first landing date ingested
   * @param featuresFrom first as_of date of the features
   * @param train whether the models are trained tonight
   */
  public record Plan(LocalDate ingestFrom, LocalDate featuresFrom, boolean train) {
    /** Steps of the night: ingest, features, score, feedback, and train when due. */
    public int steps() {
      return train ? 5 : 4;
    }
  }

  /**
   * What the night did.
   *
   * @param plan what it set out to do
   * @param emptyBecause why the night was recorded EMPTY (no daily source for the date), if so
   */
  public record Outcome(Plan plan, Optional<String> emptyBecause) {}

  private final JobContext context;
  private final Clock clock;
  private LocalDate from;
  private TrainPolicy trainPolicy = TrainPolicy.AUTO;
  private boolean allowEmpty;
  private PrintWriter console = new PrintWriter(Writer.nullWriter());
  private Runnable beforeEachStep = () -> {};
  private Supplier<Optional<ModelVersion>> championLookup;
  private Optional<ModelVersion> champion;

  /**
   * A night for {@code context}'s business date, recorded in its tracker; {@code clock} times the
   * steps (the run's clock, as the tracker's).
   */
  public NightlyRun(JobContext context, Clock clock) {
    this.context = Objects.requireNonNull(context, "context");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.championLookup =
        () -> new ModelRegistry(context.spark(), context.lake()).champion(ModelKind.CONTAINER.modelName());
  }

  /** First landing date to ingest (catch-up or first run; null = the business date only). */
  public NightlyRun from(LocalDate first) {
    this.from = first;
    return this;
  }

  public NightlyRun trainPolicy(TrainPolicy policy) {
    this.trainPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Whether a business date without landing files for a daily source is recorded EMPTY (nothing
   * built, scored or published) instead of failing.
   */
  public NightlyRun allowEmpty(boolean allowed) {
    this.allowEmpty = allowed;
    return this;
  }

  /** Where the step lines and the steps' results go (default: nowhere). */
  public NightlyRun console(PrintWriter out) {
    this.console = Objects.requireNonNull(out, "out");
    return this;
  }

  /** Called as each step starts, after its first line (the command line's progress reporting). */
  public NightlyRun beforeEachStep(Runnable action) {
    this.beforeEachStep = Objects.requireNonNull(action, "action");
    return this;
  }

  /** Where the champion container model comes from (default: the lake's model registry). */
  public NightlyRun champion(Supplier<Optional<ModelVersion>> lookup) {
    this.championLookup = Objects.requireNonNull(lookup, "lookup");
    this.champion = null;
    return this;
  }

  /** The night's plan; reads the registry only when the policy is {@link TrainPolicy#AUTO}. */
  public Plan plan() {
    LocalDate date = context.date();
    LocalDate first = from == null ? date : from;
    if (first.isAfter(date)) {
      throw CargoRiskErrors.invalidConfiguration("--from", first, "must not be after --date " + date);
    }
    return new Plan(first, firstFeatureDate(from, date), trainingDue());
  }

  /** Runs the night's steps; stops after ingest when the business date is EMPTY. */
  public Outcome execute() throws Exception {
    LocalDate date = context.date();
    Plan plan = plan();
    int steps = plan.steps();
    int number = 0;

    IngestStep ingest = new IngestStep().from(plan.ingestFrom()).allowEmpty(allowEmpty);
    String ingestName = "ingest " + range(plan.ingestFrom(), date);
    step(++number, steps, ingestName, stepTracker -> {
      stepTracker.emptyBecause().ifPresent(context.tracker()::markEmpty);
      Map<String, Long> totals = new LinkedHashMap<>();
      // Per-source totals for the step; per-file counts stay in the ingest log lines.
      stepTracker.counts().forEach((name, value) -> {
        if (!name.contains("/")) {
          totals.put(name, value);
        }
      });
      return totals;
    }, ingest);

    if (context.tracker().emptyBecause().isPresent()) {
      // Nothing arrived for the night: features, scores and lists of it would be yesterday's
      // data passed off as tonight's.
      return new Outcome(plan, context.tracker().emptyBecause());
    }

    FeaturesStep features =
        new FeaturesStep()
            .from(plan.featuresFrom())
            .statistics(championStatistics(champion(), plan.featuresFrom()).orElse(null));
    step(++number, steps, "features " + range(plan.featuresFrom(), date), RunTracker::counts, features);
    if (plan.train()) {
      step(++number, steps, "train", RunTracker::counts, new TrainStep());
    }
    step(++number, steps, "score " + date, RunTracker::counts, new ScoreStep());
    // The feedback loop: outcomes ingested tonight complete the hit rates of past lists.
    step(++number, steps, "feedback " + date, RunTracker::counts, new FeedbackStep());
    return new Outcome(plan, Optional.empty());
  }

  /**
   * The first as_of date of the features: the business date, or on a catch-up from D0 the later
   * of D0 + {@value #WARM_UP_DAYS} days and D - {@value #TRAINING_WINDOW_DAYS} days, never after
   * D.
   */
  public static LocalDate firstFeatureDate(LocalDate from, LocalDate date) {
    if (from == null) {
      return date;
    }
    LocalDate warmedUp = from.plusDays(WARM_UP_DAYS);
    LocalDate windowStart = date.minusDays(TRAINING_WINDOW_DAYS);
    LocalDate first = warmedUp.isAfter(windowStart) ? warmedUp : windowStart;
    return first.isAfter(date) ? date : first;
  }

  /**
   * Whether training is due on {@code date} under {@link TrainPolicy#AUTO}: no champion, or its
   * training cutoff at least {@code everyDays} days before the date (0 = never by age).
   */
  public static boolean trainingDue(Optional<LocalDate> championCutoff, LocalDate date, int everyDays) {
    if (championCutoff.isEmpty()) {
      return true;
    }
    return everyDays > 0 && ChronoUnit.DAYS.between(championCutoff.get(), date) >= everyDays;
  }

  /**
   * The feature statistics version the champion container model was trained with, so tonight's
   * features match its training features; empty (the newest saved version on or before the first
   * as_of, or a first fit) when there is no champion, it recorded none, or its statistics were
   * fitted after the first as_of of this run (a backfill reaching back before them).
   */
  public static Optional<String> championStatistics(Optional<ModelVersion> champion, LocalDate featuresFrom) {
    return champion
        .map(ModelVersion::featureStatistics)
        .filter(version -> {
          try {
            return !LocalDate.parse(version).isAfter(featuresFrom);
          } catch (DateTimeParseException e) {
            return false;
          }
        });
  }

  private boolean trainingDue() {
    return switch (trainPolicy) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          trainingDue(
              champion().map(ModelVersion::trainingCutoff), context.date(), context.config().trainEveryDays());
    };
  }

  /** The champion container model, looked up once a night. */
  private Optional<ModelVersion> champion() {
    if (champion == null) {
      champion = championLookup.get();
    }
    return champion;
  }

  /** What the night records of a step from the step's own tracker. */
  @FunctionalInterface
  private interface StepCounts {
    Map<String, Long> of(RunTracker stepTracker);
  }

  /**
   * One step: a progress line before and after; its timing and counts in the run record, its
   * files and table versions merged into the night's.
   */
  private void step(int number, int total, String name, StepCounts counted, PipelineStep body)
      throws Exception {
    RunTracker tracker = context.tracker();
    Instant started = tracker.now();
    console.printf("[%d/%d] %s ...%n", number, total, name);
    console.flush();
    beforeEachStep.run();
    // The step's Spark jobs are named by it until its library call names finer sub-stages, so
    // no progress line (or Spark UI entry) shows them under the previous step's last group.
    context.jobGroup(name.split(" ")[0], "nightly step " + name + " (run " + context.runId() + ")");
    try {
      RunTracker stepTracker = new RunTracker(clock);
      body.run(
          new JobContext(context.spark(), context.config(), context.date(), context.runId(), context.lake(), stepTracker),
          console);
      merge(stepTracker);
      Map<String, Long> counts = counted.of(stepTracker);
      Instant ended = tracker.now();
      tracker.step(new RunRecord.Step(name, started, ended, RunRecord.SUCCEEDED, counts));
      Map<String, Long> prefixed = new HashMap<>();
      String prefix = name.split(" ")[0] + ".";
      counts.forEach((k, v) -> prefixed.put(prefix + k, v));
      tracker.counts(prefixed);
      console.printf(
          "[%d/%d] %s done in %s%n", number, total, name, seconds(Duration.between(started, ended)));
      console.flush();
    } catch (Exception | Error e) {
      tracker.step(new RunRecord.Step(name, started, tracker.now(), RunRecord.FAILED, Map.of()));
      console.printf("[%d/%d] %s FAILED: %s%n", number, total, name, CargoRiskErrors.rootMessage(e));
      console.flush();
      throw e;
    }
  }

  private void merge(RunTracker stepTracker) {
    context.tracker().addInputFiles(stepTracker.inputFiles());
    stepTracker.inputVersions().forEach(context.tracker()::inputVersion);
    stepTracker.outputVersions().forEach(context.tracker()::outputVersion);
  }

  private static String range(LocalDate first, LocalDate last) {
    return first.equals(last) ? last.toString() : first + ".." + last;
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
