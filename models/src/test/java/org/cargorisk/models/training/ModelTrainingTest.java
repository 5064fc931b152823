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
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Slow
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
  void theHitChanceRisesWithTheScoreAndMergesNoTwoScores() {
    for (EvaluationResult result : first.evaluations().values()) {
      // A probability: on average near the validation hit rate (fitted on half of those rows).
      assertThat(result.meanScore()).as(result.algorithm()).isCloseTo(result.overall().baseRate(), within(0.1));
    }
    List<Row> rows =
        first.model().transform(labelled)
            .select(ModelColumns.SCORE, ModelColumns.HIT_CHANCE)
            .distinct()
            .orderBy(ModelColumns.SCORE)
            .collectAsList();
    // One hit chance per distinct score, strictly increasing with it: the ranking is kept whole.
    assertThat(rows.stream().map(r -> r.getDouble(0)).distinct().count()).isEqualTo(rows.size()).isGreaterThan(10);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i).getDouble(1)).as("hit chance at score %s", rows.get(i).getDouble(0))
          .isGreaterThan(rows.get(i - 1).getDouble(1));
    }
    assertThat(rows.get(0).getDouble(1)).isGreaterThan(0.0);
    assertThat(rows.get(rows.size() - 1).getDouble(1)).isLessThan(1.0);
  }

  @Test
  void theCalibrationIsFittedOnItsHalfOfTheValidationRowsOnly() {
    ModelTraining keyed = training().withoutBaselines().rowKey("bl_number");
    org.apache.spark.sql.Column validation =
        org.apache.spark.sql.functions.col(ModelColumns.AS_OF).geq(java.sql.Date.valueOf(VALIDATION_FROM));
    org.apache.spark.sql.Column fits = CalibrationSplit.fitsCalibration(List.of("bl_number"));
    TrainResult original = keyed.train(labelled);
    // Other outcomes on the rows that check the calibration: the calibration must not move.
    TrainResult checkFlipped = keyed.train(flipLabels(validation.and(org.apache.spark.sql.functions.not(fits))));
    // Other outcomes on the rows it is fitted on: it must (so the first check can fail).
    TrainResult fitFlipped = keyed.train(flipLabels(validation.and(fits)));

    assertThat(coefficients(checkFlipped)).isEqualTo(coefficients(original));
    assertThat(coefficients(fitFlipped)).isNotEqualTo(coefficients(original));
    assertThat(original.params().get("calibration"))
        .isEqualTo("Platt scaling of the score into the hit chance, fitted on the validation rows whose"
            + " xxhash64(bl_number) is even; checked on the others");
  }

  private static Dataset<Row> flipLabels(org.apache.spark.sql.Column where) {
    org.apache.spark.sql.Column label = org.apache.spark.sql.functions.col(ModelColumns.LABEL);
    return labelled.withColumn(
        ModelColumns.LABEL, org.apache.spark.sql.functions.when(where, label.multiply(-1).plus(1.0)).otherwise(label));
  }

  private static List<Double> coefficients(TrainResult result) {
    PlattCalibration calibration =
        java.util.Arrays.stream(result.model().stages())
            .filter(PlattCalibration.class::isInstance)
            .map(PlattCalibration.class::cast)
            .findFirst()
            .orElseThrow();
    return List.of(calibration.getSlope(), calibration.getIntercept());
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
    List<Row> scoresA = a.model().transform(rows).select("bl_number", ModelColumns.SCORE)
        .orderBy("bl_number").collectAsList();
    List<Row> scoresB = b.model().transform(rows).select("bl_number", ModelColumns.SCORE)
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
        .select("bl_number", ModelColumns.SCORE, ModelColumns.HIT_CHANCE)
        .orderBy("bl_number")
        .collectAsList();
  }
}
