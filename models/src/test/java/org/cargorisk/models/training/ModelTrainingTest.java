package org.cargorisk.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelTrainingTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static final LocalDate VALIDATION_FROM = SyntheticFrames.START.plusWeeks(5);
  private static final LocalDate VALIDATION_TO = SyntheticFrames.START.plusWeeks(8).minusDays(1);

  private static Dataset<Row> labelled;
  private static TrainResult first;

  static ModelTraining training() {
    return new ModelTraining()
        .features(SyntheticFrames.FEATURES)
        .rules(RuleSpec.defaultsFor(SyntheticFrames.SPECS))
        .maxIter(5)
        .maxDepth(3)
        .seed(7)
        .validation(VALIDATION_FROM, VALIDATION_TO)
        .evaluator(new ModelEvaluator().officeCapacities(java.util.Map.of("NLRTM", 1)));
  }

  @BeforeAll
  static void trainOnce() {
    labelled = SyntheticFrames.labelled(spark, 400, 11);
    first = training().train(labelled);
  }

  @Test
  void theGradientBoostedModelFindsThePlantedSignalAndBeatsTheRulesBaseline() {
    EvaluationResult gbt = first.evaluations().get(Algorithm.GBT);
    EvaluationResult rules = first.evaluations().get(Algorithm.RULES);
    // The chosen model and every baseline (not the optional XGBoost challenger).
    assertThat(first.evaluations())
        .containsOnlyKeys(
            java.util.Arrays.stream(Algorithm.values())
                .filter(a -> a == Algorithm.GBT || a.isBaseline())
                .toArray(Algorithm[]::new));
    assertThat(gbt.overall().aucRoc()).isGreaterThan(0.85);
    assertThat(gbt.overall().aucPr()).isGreaterThan(rules.overall().aucPr());
    assertThat(gbt.beats(rules)).isTrue();
    // Every algorithm is evaluated on the same period and rows.
    assertThat(first.evaluations().values())
        .allSatisfy(
            e -> {
              assertThat(e.from()).isEqualTo(VALIDATION_FROM.toString());
              assertThat(e.overall().rows()).isEqualTo(first.validationRows());
            });
    assertThat(first.trainingRows() + first.validationRows()).isEqualTo(400);
    // Random picks (every fifth row) are reported separately.
    assertThat(gbt.randomOnly()).isNotNull();
    assertThat(gbt.randomOnly().rows()).isLessThan(gbt.overall().rows());
    // Capacity 1 per day over 21 days, ranked within NLRTM.
    assertThat(gbt.capacity().k()).isEqualTo(21);
    assertThat(gbt.primaryMetric()).isEqualTo(EvaluationResult.PRECISION_AT_CAPACITY);
  }

  @Test
  void calibratedScoresAreProbabilitiesMatchingTheValidationHitRate() {
    for (EvaluationResult result : first.evaluations().values()) {
      // Isotonic regression preserves the mean of the labels it is fitted on.
      assertThat(result.meanScore()).isCloseTo(result.overall().baseRate(), within(1e-9));
    }
    Dataset<Row> scored = first.model().transform(labelled);
    Row range = scored.agg(org.apache.spark.sql.functions.min(ModelColumns.SCORE),
        org.apache.spark.sql.functions.max(ModelColumns.SCORE)).first();
    assertThat(range.getDouble(0)).isGreaterThanOrEqualTo(0.0);
    assertThat(range.getDouble(1)).isLessThanOrEqualTo(1.0);
  }

  @Test
  void theSameDataAndSeedGiveTheSameModelAndMetrics() {
    TrainResult second =
        training().withoutBaselines().train(SyntheticFrames.labelled(spark, 400, 11));
    assertThat(second.evaluations()).containsOnlyKeys(Algorithm.GBT);
    assertThat(second.evaluation()).isEqualTo(first.evaluation());
    assertThat(second.params()).isEqualTo(first.params());
    List<Row> a = scores(first);
    List<Row> b = scores(second);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void theSameRowsInAnotherPartitionLayoutGiveTheSameModel() {
    // Above 10,000 training rows (11,250 here) MLlib's trees sample their split candidates per partition, so
    // the layout the rows arrive in (files, input splits, cluster) changed the model before the
    // trainer put them in a canonical layout. Here: one partition against 7 in another order.
    Dataset<Row> rows = SyntheticFrames.labelled(spark, 18_000, 23);
    Dataset<Row> onePartition = rows.coalesce(1);
    Dataset<Row> shuffled =
        rows.repartition(7, org.apache.spark.sql.functions.col("noise"))
            .sortWithinPartitions(org.apache.spark.sql.functions.col("signal").desc());
    ModelTraining training = training().withoutBaselines().rowKey("bl_number");
    TrainResult a = training.train(onePartition);
    TrainResult b = training.train(shuffled);
    assertThat(b.evaluation()).isEqualTo(a.evaluation());
    List<Row> scoresA = a.model().transform(rows).select("bl_number", ModelColumns.RAW_SCORE)
        .orderBy("bl_number").collectAsList();
    List<Row> scoresB = b.model().transform(rows).select("bl_number", ModelColumns.RAW_SCORE)
        .orderBy("bl_number").collectAsList();
    assertThat(scoresB).isEqualTo(scoresA);
  }

  @Test
  void aValidationPeriodWithoutHitsIsRefusedWithAClearMessage() {
    ModelTraining tooLate =
        training().validation(VALIDATION_TO.plusDays(1), VALIDATION_TO.plusDays(30));
    assertThatThrownBy(() -> tooLate.train(labelled))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("validation period")
        .satisfies(e -> assertThat(((CargoRiskException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA));
  }

  private List<Row> scores(TrainResult result) {
    return result
        .model()
        .transform(labelled)
        .select("bl_number", ModelColumns.RAW_SCORE, ModelColumns.SCORE)
        .orderBy("bl_number")
        .collectAsList();
  }
}
