package org.cargorisk.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed table reports the random picks (unbiased labels) apart from all labelled rows. */
class EvaluationTableTest {

  private static RankingReport report(long rows, long positives, double precisionAt5) {
    return new RankingReport(
        rows,
        positives,
        (double) positives / rows,
        0.5,
        0.75,
        List.of(new RankingReport.AtK("5%", Math.max(1, rows / 20), 1, precisionAt5, 0.1, 0.1, 2.0)));
  }

  @Test
  void randomPicksAreReportedSeparately() {
    EvaluationResult withRandom =
        new EvaluationResult(
            "gbt", "2026-03-01", "2026-03-21", report(400, 40, 0.6), report(50, 2, 0.25),
            List.of(), null, 0.1, EvaluationResult.PRECISION_AT_5, 0.6);
    EvaluationResult withoutRandom =
        new EvaluationResult(
            "rules", "2026-03-01", "2026-03-21", report(400, 40, 0.3), null,
            List.of(), null, 0.1, EvaluationResult.PRECISION_AT_5, 0.3);
    String table = EvaluationTable.format(List.of(withRandom, withoutRandom));
    assertThat(table.lines().filter(l -> l.startsWith("random picks: hit rate (unbiased)")))
        .singleElement()
        .asString()
        .matches("random picks: hit rate \\(unbiased\\)\\s+0\\.0400\\s+-\\s*");
    assertThat(table.lines().filter(l -> l.startsWith("random picks: precision@5%")))
        .singleElement()
        .asString()
        .contains("0.2500");
    assertThat(table).contains("random picks: rows").contains("random picks: hits");
  }
}
