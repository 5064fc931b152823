package org.cargorisk.declarations;

import java.util.Locale;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Hyper-parameters of the declaration model (MLlib {@code GBTClassifier}). The defaults are the
 * values chosen on the validation period (train 2020, evaluate 2021-Q1); docs/DECLARATIONS.md
 * has the grid and the figures.
 *
 * @param maxDepth depth of each tree, 1-15
 * @param maxIterations number of trees, at least 1
 * @param stepSize learning rate in (0, 1]
 * @param subsamplingRate share of rows per tree in (0, 1]
 * @param featureSubsetStrategy MLlib feature subset per split ("all", "sqrt", "0.5", ...)
 * @param minInstancesPerNode smallest leaf, at least 1
 * @param seed random seed (subsampling)
 */
public record GradientBoostingParams(
    int maxDepth,
    int maxIterations,
    double stepSize,
    double subsamplingRate,
    String featureSubsetStrategy,
    int minInstancesPerNode,
    long seed) {

  /** The tuned defaults. */
  public static final GradientBoostingParams DEFAULTS =
      new GradientBoostingParams(5, 40, 0.2, 0.8, "0.5", 5, 20221L);

  // Named by the options of evaluate-declarations, where every value comes from.
  public GradientBoostingParams {
    if (maxDepth < 1 || maxDepth > 15) {
      throw CargoRiskErrors.invalidConfiguration("--max-depth", maxDepth, "must be between 1 and 15");
    }
    if (maxIterations < 1) {
      throw CargoRiskErrors.invalidConfiguration("--iterations", maxIterations, "must be at least 1");
    }
    if (!(stepSize > 0 && stepSize <= 1)) {
      throw CargoRiskErrors.invalidConfiguration("--step-size", stepSize, "must be in (0, 1]");
    }
    if (!(subsamplingRate > 0 && subsamplingRate <= 1)) {
      throw CargoRiskErrors.invalidConfiguration("--subsampling", subsamplingRate, "must be in (0, 1]");
    }
    if (minInstancesPerNode < 1) {
      throw CargoRiskErrors.invalidConfiguration(
          "--min-instances", minInstancesPerNode, "must be at least 1");
    }
    if (!isFeatureSubset(featureSubsetStrategy)) {
      throw CargoRiskErrors.invalidConfiguration(
          "--feature-subset",
          featureSubsetStrategy,
          "must be auto, all, onethird, sqrt, log2, a share in (0, 1] or a count of at least 1");
    }
  }

  /** What MLlib's featureSubsetStrategy takes; anything else would fail only when fitting. */
  private static boolean isFeatureSubset(String strategy) {
    if (strategy == null) {
      return false;
    }
    if (java.util.Set.of("auto", "all", "onethird", "sqrt", "log2").contains(strategy)) {
      return true;
    }
    try {
      double value = Double.parseDouble(strategy);
      return value > 0 && (value <= 1 || value == Math.rint(value));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** As a JSON object. */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"max_depth\":%d,\"max_iterations\":%d,\"step_size\":%s,\"subsampling_rate\":%s,"
            + "\"feature_subset_strategy\":\"%s\",\"min_instances_per_node\":%d,\"seed\":%d}",
        maxDepth,
        maxIterations,
        stepSize,
        subsamplingRate,
        featureSubsetStrategy,
        minInstancesPerNode,
        seed);
  }
}
