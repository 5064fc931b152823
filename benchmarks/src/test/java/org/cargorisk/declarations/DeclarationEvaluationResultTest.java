package org.cargorisk.declarations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cargorisk.models.evaluation.RankingReport;
import org.junit.jupiter.api.Test;

class DeclarationEvaluationResultTest {
  private static RankingReport report(double aucPr, double precisionAt5) {
    return new RankingReport(
        1000,
        200,
        0.2,
        aucPr,
        0.9,
        List.of(
            new RankingReport.AtK("1%", 10, 10, 1.0, 0.05, Double.NaN, 5.0),
            new RankingReport.AtK("5%", 50, 40, precisionAt5, 0.2, Double.NaN, 4.0)));
  }

  @Test
  void jsonCarriesEveryFigureUnderStableKeys() {
    DeclarationEvaluationResult result =
        new DeclarationEvaluationResult(
            "validation",
            List.of("train.csv"),
            "valid.csv",
            900,
            0,
            GradientBoostingParams.DEFAULTS,
            report(0.61234, 0.8),
            report(Double.NaN, 0.1));

    String json = result.toJson();

    assertThat(json).startsWith("{\"mode\":\"validation\"").endsWith("}").doesNotContain("\n");
    assertThat(json).contains("\"trained_on\":[\"train.csv\"]", "\"evaluated\":\"valid.csv\"");
    assertThat(json)
        .contains(
            "\"fraud\":{\"rows\":1000,\"positives\":200,\"auc_pr\":0.6123,\"auc_roc\":0.9000,"
                + "\"precision_at_1pct\":1.0000,\"recall_at_1pct\":0.0500,"
                + "\"precision_at_5pct\":0.8000,\"recall_at_5pct\":0.2000}");
    // An undefined figure is null, never NaN (which is not JSON).
    assertThat(json).contains("\"critical_fraud\":{\"rows\":1000,\"positives\":200,\"auc_pr\":null");
    assertThat(json).doesNotContain("NaN");
  }

  @Test
  void paramsRefuseValuesOutsideTheirRange() {
    assertThatThrownBy(() -> new GradientBoostingParams(0, 40, 0.2, 0.8, "0.5", 5, 1L))
        .hasMessageContaining("--max-depth = '0' is invalid: must be between 1 and 15");
    assertThatThrownBy(() -> new GradientBoostingParams(5, 40, 1.5, 0.8, "0.5", 5, 1L))
        .hasMessageContaining("--step-size = '1.5' is invalid: must be in (0, 1]");
    assertThatThrownBy(() -> new GradientBoostingParams(5, 40, 0.2, 0.8, "half", 5, 1L))
        .hasMessageContaining("--feature-subset = 'half' is invalid");
  }
}
