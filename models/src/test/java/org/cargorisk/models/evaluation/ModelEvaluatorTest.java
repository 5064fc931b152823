package org.cargorisk.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

@Slow
class ModelEvaluatorTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final StructType SCHEMA =
      new StructType()
          .add("office", DataTypes.StringType)
          .add("score", DataTypes.DoubleType)
          .add("hit_chance", DataTypes.DoubleType)
          .add("label", DataTypes.DoubleType)
          .add("quantity_kg", DataTypes.DoubleType)
          .add("random_selected", DataTypes.BooleanType);

  private Row row(String office, double score, boolean hit, double kg, boolean random) {
    return RowFactory.create(office, score, score / 2, hit ? 1.0 : 0.0, kg, random);
  }

  /**
   * Office A (6 rows) and B (4 rows), capacity 1 per day each over 2 days: k = 2 per office. By
   * hand: A's top 2 (0.9 hit 10 kg, 0.8) hold 1 hit; B's top 2 (0.95, 0.85 hit 30 kg) hold 1 hit;
   * pooled precision 2/4, recall 2/4 hits, seized 40 of 100 kg. Random picks: 3 rows, 2 hits.
   */
  @Test
  void officeCapacitiesRankWithinEachOfficeAndPoolTheirHits() {
    Dataset<Row> scored =
        spark.createDataFrame(
            List.of(
                row("A", 0.9, true, 10, false),
                row("A", 0.8, false, 0, false),
                row("A", 0.7, true, 20, true),
                row("A", 0.6, false, 0, false),
                row("A", 0.5, false, 0, false),
                row("A", 0.4, false, 0, true),
                row("B", 0.95, false, 0, false),
                row("B", 0.85, true, 30, false),
                row("B", 0.3, true, 40, true),
                row("B", 0.2, false, 0, false)),
            SCHEMA);

    EvaluationResult result =
        new ModelEvaluator()
            .officeCapacities(Map.of("A", 1, "B", 1, "C", 5))
            .evaluate(scored, "gbt", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2));

    assertThat(result.officeCapacities())
        .extracting(RankingReport.AtK::name, RankingReport.AtK::k, RankingReport.AtK::hits)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("capacity A", 2L, 1L),
            org.assertj.core.groups.Tuple.tuple("capacity B", 2L, 1L));
    assertThat(result.capacity().k()).isEqualTo(4);
    assertThat(result.capacity().precision()).isEqualTo(0.5);
    assertThat(result.capacity().recall()).isEqualTo(0.5);
    assertThat(result.capacity().quantityRecall()).isEqualTo(0.4);
    assertThat(result.capacity().lift()).isEqualTo(0.5 / 0.4);
    assertThat(result.primaryMetric()).isEqualTo(EvaluationResult.PRECISION_AT_CAPACITY);
    assertThat(result.primaryValue()).isEqualTo(0.5);
    assertThat(result.randomOnly().rows()).isEqualTo(3);
    assertThat(result.randomOnly().positives()).isEqualTo(2);
    assertThat(result.overall().rows()).isEqualTo(10);
    assertThat(result.meanScore()).isEqualTo((0.9 + 0.8 + 0.7 + 0.6 + 0.5 + 0.4 + 0.95 + 0.85 + 0.3 + 0.2) / 20, org.assertj.core.api.Assertions.within(1e-12));

    // The record survives its JSON form (as stored in the registry).
    assertThat(EvaluationResult.fromJson(result.toJson())).isEqualTo(result);
  }

  @Test
  void withoutOfficeCapacitiesPrecisionAtFivePercentIsPrimaryAndAucPrBreaksTies() {
    RankingReport overall = new RankingReport(100, 10, 0.1, 0.30, 0.7, List.of());
    RankingReport better = new RankingReport(100, 10, 0.1, 0.35, 0.7, List.of());
    EvaluationResult a =
        new EvaluationResult("gbt", "2026-01-01", "2026-01-31", overall, null, List.of(), null,
            0.1, EvaluationResult.PRECISION_AT_5, 0.4);
    EvaluationResult b =
        new EvaluationResult("gbt", "2026-01-01", "2026-01-31", better, null, List.of(), null,
            0.1, EvaluationResult.PRECISION_AT_5, 0.4);
    EvaluationResult c =
        new EvaluationResult("gbt", "2026-01-01", "2026-01-31", overall, null, List.of(), null,
            0.1, EvaluationResult.PRECISION_AT_5, 0.5);
    assertThat(b.beats(a)).isTrue();
    assertThat(a.beats(b)).isFalse();
    assertThat(c.beats(b)).isTrue();
    assertThat(a.beats(a)).isFalse();
  }
}
