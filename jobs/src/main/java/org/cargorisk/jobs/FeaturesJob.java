package org.cargorisk.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cargorisk.features.FeatureBuild;
import org.cargorisk.features.FeatureBuildResult;
import org.cargorisk.features.container.StatisticsStore;
import org.cargorisk.reference.ReferenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code features --date D [--from D0]}: builds {@code silver/firm_features} and {@code
 * silver/container_features} from bronze for every as_of in [D0, D] (default D0 = D), replacing
 * exactly those as_of partitions, so a re-run gives the same tables. The work is {@link
 * FeatureBuild}; this class parses options and keeps the run record.
 *
 * <p>Fitted statistics: the newest version saved under {@code models/feature-statistics/} with a
 * cutoff on or before D0 (fitted and saved at D0 when there is none), {@code --refit-statistics}
 * to fit anew at D0, or {@code --statistics VERSION} for a given one (the nightly passes the
 * champion model's).
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description =
        "Build the silver feature tables (container_features, firm_features) from bronze for the"
            + " as_of dates --from .. --date; re-runs replace those dates.")
public final class FeaturesJob extends SparkJob {
  /** Folder below the lake's models/ where fitted feature statistics are saved. */
  public static final String STATISTICS_FOLDER = StatisticsStore.FOLDER;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First as_of date of a backfill (default: --date). Statistics are fitted on"
          + " data before it, so give training history a few weeks of warm-up.")
  LocalDate from;

  @Option(
      names = "--statistics",
      paramLabel = "VERSION",
      description = "Use this saved statistics version (its cutoff date, as in the model registry's"
          + " feature_statistics; or a folder written by an earlier run) instead of the newest one"
          + " with a cutoff on or before --from.")
  String statistics;

  @Option(
      names = "--refit-statistics",
      description = "Fit the statistics anew on data known before --from and save them as a new"
          + " version (retraining on a rebuilt history).")
  boolean refitStatistics;

  /** For tests and the nightly job: the range start (null = the business date). */
  public FeaturesJob from(LocalDate value) {
    this.from = value;
    return this;
  }

  /** For the nightly job: the statistics version to use (null = the default choice). */
  public FeaturesJob statistics(String version) {
    this.statistics = version;
    return this;
  }

  @Override
  protected String jobName() {
    return "features";
  }

  @Override
  protected void run(JobContext context) {
    LocalDate to = context.date();
    LocalDate first = from == null ? to : from;
    ReferenceData reference =
        ReferenceData.load(context.spark().sparkContext().hadoopConfiguration(), context.config().referenceDir());
    FeatureBuild build =
        FeatureBuild.builder(context.spark())
            .lake(context.lake())
            .reference(reference)
            .from(first)
            .to(to)
            .clock(trackerClock(context.tracker()))
            .statisticsVersion(statistics);
    if (refitStatistics) {
      build.refitStatistics();
    }
    if (!context.config().graphFeaturesEnabled()) {
      build.skipGraphFlows();
    }
    FeatureBuildResult result = build.execute();

    result.inputVersions().forEach(context.tracker()::inputVersion);
    result.outputVersions().forEach(context.tracker()::outputVersion);
    result.steps().forEach(context.tracker()::step);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("firm_features_rows", result.firmRows());
    counts.put("container_features_rows", result.containerRows());
    counts.put("statistics_fitted", result.statistics().fitted() ? 1L : 0L);
    context.tracker().counts(counts);
    if (spec != null) {
      spec.commandLine().getOut().printf(
          "features %s..%s: %d container rows, %d firm rows, statistics %s (%s)%n",
          first, to, result.containerRows(), result.firmRows(), result.statistics().id(),
          result.statistics().fitted() ? "fitted" : "saved version");
    }
  }

  /** The run's clock as a {@link Clock}, so the library's timings match the run record's. */
  private static Clock trackerClock(RunTracker tracker) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return tracker.now();
      }
    };
  }
}
