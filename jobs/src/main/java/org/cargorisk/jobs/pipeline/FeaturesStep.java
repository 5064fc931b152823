package org.cargorisk.jobs.pipeline;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cargorisk.features.FeatureBuild;
import org.cargorisk.features.FeatureBuildResult;
import org.cargorisk.reference.ReferenceData;

/**
 * The features step: {@code silver/firm_features} and {@code silver/container_features} from
 * bronze for every as_of in [from, date] (default from = date), those as_of partitions replaced.
 * The work is {@link FeatureBuild}; this records its versions, sub-steps and counts and prints
 * one result line.
 */
public final class FeaturesStep implements PipelineStep {
  private LocalDate from;
  private String statistics;
  private boolean refitStatistics;

  /** The range start (null = the business date). */
  public FeaturesStep from(LocalDate value) {
    this.from = value;
    return this;
  }

  /** The saved statistics version to use (null = the newest with a cutoff on or before from). */
  public FeaturesStep statistics(String version) {
    this.statistics = version;
    return this;
  }

  /** Fit the statistics anew on data known before from and save them as a new version. */
  public FeaturesStep refitStatistics(boolean refit) {
    this.refitStatistics = refit;
    return this;
  }

  @Override
  public Step step() {
    return Step.FEATURES;
  }

  @Override
  public void run(JobContext context, PrintWriter out) {
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
    out.printf(
        "features %s..%s: %d container rows, %d firm rows, statistics %s (%s)%n",
        first, to, result.containerRows(), result.firmRows(), result.statistics().id(),
        result.statistics().fitted() ? "fitted" : "saved version");
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
