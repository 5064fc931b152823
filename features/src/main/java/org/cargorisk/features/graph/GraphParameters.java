package org.cargorisk.features.graph;

import java.time.Duration;
import java.util.List;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Parameters of the graph features, validated on construction. Defaults: {@link #defaults()}.
 *
 * @param lookback how far back from the end of the as-of day transactions count (365 days)
 * @param recentWindow the recent window of the fan-in/fan-out change (30 days); the window
 *     before it has the same length
 * @param pathWindow bound of time-ordered paths and cycles: every hop of a scatter-gather,
 *     gather-scatter or cycle is booked within this time of its first hop (7 days)
 * @param passThroughWindow money out within this time of money in counts as passed through (48 h)
 * @param maxCounterparties hub cap for path and cycle enumeration: each firm keeps its top-N
 *     payees and top-N payers by amount; a pair is enumerated only if it is kept on both sides
 *     (50)
 * @param structuringThresholds reporting thresholds in the transaction currency (10 000)
 * @param structuringBand an amount in [threshold * (1 - band), threshold) is "just below" (0.1)
 * @param diffusionIterations personalised PageRank iterations (15; 0.85^15 = 9 % of the mass
 *     is left to longer walks)
 * @param restartProbability personalised PageRank restart probability (0.15)
 * @param maxHops hop distance search depth; farther or unreachable firms get maxHops + 1 (4)
 * @param maxFirmsPerSharedValue an address, director or account shared by more firms than this
 *     (a formation agent, a bank's pooled account) links nobody: a hub cap for components (25)
 * @param maxComponentIterations bound of the min-label propagation loop (30)
 */
public record GraphParameters(
    Duration lookback,
    Duration recentWindow,
    Duration pathWindow,
    Duration passThroughWindow,
    int maxCounterparties,
    List<Double> structuringThresholds,
    double structuringBand,
    int diffusionIterations,
    double restartProbability,
    int maxHops,
    int maxFirmsPerSharedValue,
    int maxComponentIterations) {

  public GraphParameters {
    positive("graph.lookback", lookback);
    positive("graph.recentWindow", recentWindow);
    positive("graph.pathWindow", pathWindow);
    positive("graph.passThroughWindow", passThroughWindow);
    if (recentWindow.multipliedBy(2).compareTo(lookback) > 0) {
      throw CargoRiskErrors.invalidConfiguration(
          "graph.recentWindow", recentWindow, "must be at most half of the lookback " + lookback);
    }
    atLeast("graph.maxCounterparties", maxCounterparties, 1);
    structuringThresholds = List.copyOf(structuringThresholds);
    for (double threshold : structuringThresholds) {
      if (!(threshold > 0)) {
        throw CargoRiskErrors.invalidConfiguration(
            "graph.structuringThresholds", threshold, "each threshold must be positive");
      }
    }
    if (!(structuringBand > 0 && structuringBand < 1)) {
      throw CargoRiskErrors.invalidConfiguration(
          "graph.structuringBand", structuringBand, "must be in (0, 1)");
    }
    atLeast("graph.diffusionIterations", diffusionIterations, 1);
    if (!(restartProbability > 0 && restartProbability < 1)) {
      throw CargoRiskErrors.invalidConfiguration(
          "graph.restartProbability", restartProbability, "must be in (0, 1)");
    }
    atLeast("graph.maxHops", maxHops, 1);
    atLeast("graph.maxFirmsPerSharedValue", maxFirmsPerSharedValue, 2);
    atLeast("graph.maxComponentIterations", maxComponentIterations, 1);
  }

  public static GraphParameters defaults() {
    return new GraphParameters(
        Duration.ofDays(365),
        Duration.ofDays(30),
        Duration.ofDays(7),
        Duration.ofHours(48),
        50,
        List.of(10_000.0),
        0.1,
        15,
        0.15,
        4,
        25,
        30);
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw CargoRiskErrors.invalidConfiguration(key, value, "must be a positive duration");
    }
  }

  private static void atLeast(String key, int value, int minimum) {
    if (value < minimum) {
      throw CargoRiskErrors.invalidConfiguration(key, value, "must be at least " + minimum);
    }
  }
}
