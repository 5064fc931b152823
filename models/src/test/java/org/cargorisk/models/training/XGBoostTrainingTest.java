package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.models.registry.ModelScorer;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional XGBoost algorithm on the planted-signal frame ({@link SyntheticFrames}: a hit when
 * {@code signal} is above 0.8, 5 % of labels flipped). Skipped, with the reason, where XGBoost's
 * native library cannot load on this platform.
 */
@Slow
class XGBoostTrainingTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static final LocalDate VALIDATION_FROM = SyntheticFrames.START.plusWeeks(5);
  private static final LocalDate VALIDATION_TO = SyntheticFrames.START.plusWeeks(8).minusDays(1);

  private static Dataset<Row> labelled;
  private static TrainResult first;

  static ModelTraining training() {
    return new ModelTraining()
        .features(SyntheticFrames.FEATURES)
        .rules(RuleSpec.defaultsFor(SyntheticFrames.SPECS))
        .algorithm(Algorithm.XGBOOST)
        .maxIter(20)
        .maxDepth(3)
        .stepSize(0.3)
        .seed(7)
        .validation(VALIDATION_FROM, VALIDATION_TO)
        .evaluator(new ModelEvaluator().officeCapacities(Map.of("NLRTM", 1)));
  }

  @BeforeAll
  static void trainOnce() {
    String problem = nativeLibraryProblem();
    assumeTrue(
        problem == null,
        () -> "XGBoost's native library does not load on this platform ("
            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + problem
            + "; the xgboost algorithm is unavailable here, skipping its tests");
    labelled = SyntheticFrames.labelled(spark, 400, 11);
    // Without the baselines (GBT, logistic, rules): ModelTrainingTest covers those.
    first = training().withoutBaselines().train(labelled);
  }

  @Test
  void ranksThePlantedPositivesOnTop() {
    // The 15 highest raw scores of the validation weeks are all rows with the planted signal.
    List<Row> top =
        first
            .model()
            .transform(labelled.where(col(ModelColumns.AS_OF).geq(java.sql.Date.valueOf(VALIDATION_FROM))))
            .orderBy(col(ModelColumns.SCORE).desc(), col("bl_number"))
            .select("bl_number", "signal", ModelColumns.SCORE)
            .limit(15)
            .collectAsList();
    assertThat(top).hasSize(15).allSatisfy(row -> assertThat(row.getDouble(1)).isGreaterThan(0.8));
    EvaluationResult xgboost = first.evaluation();
    assertThat(xgboost.algorithm()).isEqualTo("xgboost");
    assertThat(xgboost.overall().aucRoc()).isGreaterThan(0.85);
    // Calibrated like every model: the mean hit chance is near the validation hit rate (the
    // calibration saw half of these rows, with Platt's targets).
    assertThat(xgboost.meanScore()).isCloseTo(xgboost.overall().baseRate(), org.assertj.core.api.Assertions.within(0.1));
  }

  @Test
  void recordsItsParametersAndIsNoBaselineOfTheOthers() {
    assertThat(first.algorithm()).isEqualTo(Algorithm.XGBOOST);
    assertThat(Algorithm.XGBOOST.isBaseline()).isFalse();
    assertThat(Algorithm.fromName("XGBoost")).isEqualTo(Algorithm.XGBOOST);
    assertThat(first.params())
        .containsEntry("algorithm", "xgboost")
        .containsEntry("numRound", "20")
        .containsEntry("maxDepth", "3")
        .containsEntry("eta", "0.3")
        .containsEntry("seed", "7")
        .containsEntry("classWeights", "inverse class frequency")
        .containsEntry("xgboostVersion", "3.1.1");
  }

  @Test
  void theSameDataAndSeedGiveTheSameModel() {
    TrainResult second = training().withoutBaselines().train(SyntheticFrames.labelled(spark, 400, 11));
    assertThat(second.evaluations()).containsOnlyKeys(Algorithm.XGBOOST);
    assertThat(second.evaluation()).isEqualTo(first.evaluation());
    assertThat(scores(second.model())).isEqualTo(scores(first.model()));
  }

  @Test
  void reasonCodesComeFromItsShapContributionsAndPointAtThePlantedFeature() {
    List<Row> top =
        new ModelScorer()
            .model(first.model(), "container-xgboost-test", first.features())
            .reasonRules(SyntheticFrames.REASON_RULES)
            .score(labelled)
            .orderBy(col(ModelColumns.SCORE).desc(), col("bl_number"))
            .select(ModelColumns.REASON_FEATURES, ModelColumns.REASONS)
            .limit(10)
            .collectAsList();
    assertThat(top)
        .allSatisfy(
            row -> {
              assertThat(row.<String>getList(0)).first().isEqualTo("signal");
              assertThat(row.<String>getList(1).get(0)).startsWith("planted signal at ");
            });
  }

  @Test
  void savesAndLoadsWithItsPipelineLikeTheRegistryDoes(@TempDir Path folder) throws Exception {
    String path = folder.resolve("xgboost-model").toString();
    first.model().write().overwrite().save(path);
    assertThat(Files.isDirectory(Path.of(path))).isTrue();
    PipelineModel loaded = PipelineModel.load(path);
    assertThat(scores(loaded)).isEqualTo(scores(first.model()));
  }

  private static List<Row> scores(PipelineModel model) {
    return model
        .transform(labelled)
        .select("bl_number", ModelColumns.SCORE, ModelColumns.HIT_CHANCE)
        .orderBy("bl_number")
        .collectAsList();
  }

  /** Null when XGBoost's native library loads and builds a matrix, else what went wrong. */
  private static String nativeLibraryProblem() {
    try {
      new ml.dmlc.xgboost4j.java.DMatrix(new float[] {1f, 2f}, 2, 1, Float.NaN).dispose();
      return null;
    } catch (LinkageError | Exception e) {
      return e.toString();
    }
  }
}
