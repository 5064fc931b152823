package org.cargorisk.jobs;

import java.time.LocalDate;
import org.cargorisk.features.FeatureBuild;
import org.cargorisk.features.container.StatisticsStore;
import org.cargorisk.jobs.pipeline.FeaturesStep;
import org.cargorisk.jobs.pipeline.JobContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code features --date D [--from D0]}: builds {@code silver/firm_features} and {@code
 * silver/container_features} from bronze for every as_of in [D0, D] (default D0 = D), replacing
 * exactly those as_of partitions, so a re-run gives the same tables. The work is {@link
 * FeatureBuild}, run by the step {@link FeaturesStep}; this class parses options.
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

  /** For tests: the range start (null = the business date). */
  public FeaturesJob from(LocalDate value) {
    this.from = value;
    return this;
  }

  @Override
  protected String jobName() {
    return "features";
  }

  @Override
  protected void run(JobContext context) {
    new FeaturesStep()
        .from(from)
        .statistics(statistics)
        .refitStatistics(refitStatistics)
        .run(context, console());
  }
}
