package org.cargorisk.declarations;

import java.util.Locale;

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

  public GradientBoostingParams {
    if (maxDepth < 1 || maxDepth > 15) {
      throw new IllegalArgumentException("maxDepth must be in 1..15, cannot be: " + maxDepth);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, cannot be: " + maxIterations);
    }
    if (!(stepSize > 0 && stepSize <= 1)) {
      throw new IllegalArgumentException("stepSize must be in (0, 1], cannot be: " + stepSize);
    }
    if (!(subsamplingRate > 0 && subsamplingRate <= 1)) {
      throw new IllegalArgumentException(
          "subsamplingRate must be in (0, 1], cannot be: " + subsamplingRate);
    }
    if (minInstancesPerNode < 1) {
      throw new IllegalArgumentException(
          "minInstancesPerNode must be at least 1, cannot be: " + minInstancesPerNode);
    }
    if (featureSubsetStrategy == null || featureSubsetStrategy.isBlank()) {
      throw new IllegalArgumentException("featureSubsetStrategy must be set");
    }
  }

  public GradientBoostingParams withMaxDepth(int value) {
    return new GradientBoostingParams(value, maxIterations, stepSize, subsamplingRate, featureSubsetStrategy, minInstancesPerNode, seed);
  }

  public GradientBoostingParams withMaxIterations(int value) {
    return new GradientBoostingParams(maxDepth, value, stepSize, subsamplingRate, featureSubsetStrategy, minInstancesPerNode, seed);
  }

  public GradientBoostingParams withStepSize(double value) {
    return new GradientBoostingParams(maxDepth, maxIterations, value, subsamplingRate, featureSubsetStrategy, minInstancesPerNode, seed);
  }

  public GradientBoostingParams withSubsamplingRate(double value) {
    return new GradientBoostingParams(maxDepth, maxIterations, stepSize, value, featureSubsetStrategy, minInstancesPerNode, seed);
  }

  public GradientBoostingParams withFeatureSubsetStrategy(String value) {
    return new GradientBoostingParams(maxDepth, maxIterations, stepSize, subsamplingRate, value, minInstancesPerNode, seed);
  }

  public GradientBoostingParams withMinInstancesPerNode(int value) {
    return new GradientBoostingParams(maxDepth, maxIterations, stepSize, subsamplingRate, featureSubsetStrategy, value, seed);
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
