package org.cargorisk.models.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.RankingReport;
import org.junit.jupiter.api.Test;

/**
 * The promotion guard's rule: higher AUC-PR than rules-only and a precision at capacity not lower
 * by more than one standard error.
 */
class BaselineGuardTest {
  private static EvaluationResult result(String algorithm, double aucPr, double precision) {
    RankingReport overall = new RankingReport(30, 12, 0.4, aucPr, 0.5, List.of());
    return new EvaluationResult(algorithm, "2026-03-10", "2026-03-30", overall, null, List.of(),
        null, 0.4, EvaluationResult.PRECISION_AT_CAPACITY, precision);
  }

  private static BaselineGuard.Verdict check(double aucPr, double precision) {
    return BaselineGuard.check("firm-v3", "gbt",
        Map.of("gbt", result("gbt", aucPr, precision), "rules", result("rules", 0.60, 0.50)));
  }

  @Test
  void aModelPassesOnlyWithAHigherAucPrAndNoLowerPrecisionAtCapacity() {
    assertThat(check(0.70, 0.50).passes()).isTrue();
    assertThat(check(0.70, 0.50).reason()).isEqualTo(
        "firm-v3 (gbt) beats rules-only on its validation 2026-03-10 to 2026-03-30:"
            + " AUC-PR 0.7000 vs 0.6000, precision@capacity 0.5000 vs 0.5000"
            + " (may be lower by at most 0.0000, one standard error)");
    assertThat(check(0.60, 0.90).passes()).as("equal AUC-PR").isFalse();
    assertThat(check(0.90, 0.40).passes()).as("lower precision at capacity").isFalse();
    assertThat(check(0.50, 0.60).reason()).startsWith("firm-v3 (gbt) does not beat rules-only");
    assertThat(check(Double.NaN, 0.60).passes()).as("no AUC-PR").isFalse();
  }

  private static EvaluationResult atCapacity(String algorithm, double aucPr, long k, long hits) {
    RankingReport overall = new RankingReport(5000, 600, 0.12, aucPr, 0.8, List.of());
    RankingReport.AtK capacity =
        new RankingReport.AtK("capacity", k, hits, (double) hits / k, hits / 600.0, Double.NaN, 1.0);
    return new EvaluationResult(algorithm, "2026-03-10", "2026-03-30", overall, null, List.of(),
        capacity, 0.12, EvaluationResult.PRECISION_AT_CAPACITY, (double) hits / k);
  }

  /**
   * The sample's container model: far better AUC-PR, and 66 hits against rules-only's 68 among
   * 552 inspections (0.1196 vs 0.1232): within one standard error (0.0140) of the baseline's
   * precision, so it is not worse at the capacity and may serve. 50 hits (0.0906) is worse.
   */
  @Test
  void precisionAtCapacityWithinOneStandardErrorOfRulesOnlyIsNotWorse() {
    EvaluationResult rules = atCapacity("rules", 0.18, 552, 68);
    BaselineGuard.Verdict close =
        BaselineGuard.check("container-v1", "gbt", Map.of("gbt", atCapacity("gbt", 0.56, 552, 66), "rules", rules));
    assertThat(close.passes()).isTrue();
    assertThat(close.reason()).contains("precision@capacity 0.1196 vs 0.1232 (may be lower by at most 0.0140");
    assertThat(BaselineGuard.check("container-v1", "gbt", Map.of("gbt", atCapacity("gbt", 0.56, 552, 50), "rules", rules)).passes())
        .as("14 hits fewer at the capacity")
        .isFalse();
    assertThat(BaselineGuard.check("container-v1", "gbt", Map.of("gbt", atCapacity("gbt", 0.17, 552, 80), "rules", rules)).passes())
        .as("more hits at the capacity but no better AUC-PR")
        .isFalse();
  }

  @Test
  void rulesOnlyAlwaysPassesAndAModelWithoutARulesEvaluationNever() {
    assertThat(BaselineGuard.check("firm-v2", "rules", Map.of()).passes()).isTrue();
    BaselineGuard.Verdict alone =
        BaselineGuard.check("firm-v4", "gbt", Map.of("gbt", result("gbt", 0.99, 0.99)));
    assertThat(alone.passes()).isFalse();
    assertThat(alone.reason()).contains("no registered rules-only evaluation");
  }
}
