package org.cargorisk.features;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cargorisk.audit.RunRecord;

/**
 * What {@link FeatureBuild#execute()} did.
 *
 * @param from first as_of written
 * @param to last as_of written
 * @param inputVersions bronze history path to the Delta version read
 * @param statistics the fitted statistics the container features were computed with
 * @param firmRows rows written to {@code silver/firm_features}
 * @param containerRows rows written to {@code silver/container_features}
 * @param outputVersions silver table path to the Delta version written
 * @param steps the build's steps (statistics, firm_features, container_features) with timings
 */
public record FeatureBuildResult(
    LocalDate from,
    LocalDate to,
    Map<String, Long> inputVersions,
    StatisticsUsed statistics,
    long firmRows,
    long containerRows,
    Map<String, Long> outputVersions,
    List<RunRecord.Step> steps) {

  public FeatureBuildResult {
    inputVersions = Collections.unmodifiableMap(new LinkedHashMap<>(inputVersions));
    outputVersions = Collections.unmodifiableMap(new LinkedHashMap<>(outputVersions));
    steps = List.copyOf(steps);
  }

  /**
   * The statistics of a build.
   *
   * @param id version id (the cutoff date), or the folder for statistics given by path
   * @param cutoff the statistics saw only data known before this date (null if given by a path
   *     without metadata)
   * @param path folder of the saved models
   * @param fitted whether this build fitted them (else an earlier fit was loaded)
   */
  public record StatisticsUsed(String id, LocalDate cutoff, String path, boolean fitted) {}
}
