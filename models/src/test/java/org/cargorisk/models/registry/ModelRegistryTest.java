package org.cargorisk.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.models.registry.ModelScorer;
import org.cargorisk.models.training.Algorithm;
import org.cargorisk.models.training.ModelTraining;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.models.training.TrainResult;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Slow
class ModelRegistryTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static final LocalDate FROM = SyntheticFrames.START.plusWeeks(5);
  private static final LocalDate TO = SyntheticFrames.START.plusWeeks(8).minusDays(1);
  private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

  private static Dataset<Row> labelled;
  private static TrainResult good;
  private static TrainResult poor;

  private static ModelTraining training(List<String> features, Algorithm algorithm) {
    return new ModelTraining()
        .features(features)
        .algorithm(algorithm)
        .maxIter(5)
        .maxDepth(3)
        .seed(1)
        .validation(FROM, TO);
  }

  @BeforeAll
  static void train() {
    labelled = SyntheticFrames.labelled(spark, 300, 21);
    good = training(SyntheticFrames.FEATURES, Algorithm.GBT).train(labelled);
    poor = training(List.of("noise"), Algorithm.LOGISTIC).train(labelled);
  }

  private static ModelRegistry registry() throws IOException {
    Path lake = Files.createTempDirectory("cargorisk-registry");
    return new ModelRegistry(spark, new Lake(lake.toString()));
  }

  private static ModelPromotion promotion(ModelRegistry registry, int version) {
    return new ModelPromotion(registry)
        .model("container")
        .version(version)
        .evaluationSet(labelled.where(ModelColumns.AS_OF + " >= '" + FROM + "'"), FROM, TO)
        .evaluator(new ModelEvaluator().officeCapacities(Map.of("NLRTM", 1)))
        .promotedBy("analyst")
        .at(T0.plusSeconds(60));
  }

  @Test
  void aRegisteredModelLoadsAndScoresIdentically() throws IOException {
    ModelRegistry registry = registry();
    ModelVersion registered =
        registry.register(
            "container", good, TO.plusDays(8), Map.of("silver/container_features", 4L), T0);

    ModelVersion read = registry.version("container", 1);
    assertThat(read).isEqualTo(registered);
    assertThat(read.status()).isEqualTo(ModelStatus.CANDIDATE);
    assertThat(read.features()).isEqualTo(SyntheticFrames.FEATURES);
    assertThat(read.inputVersions()).containsEntry("silver/container_features", 4L);
    assertThat(read.evaluation()).isEqualTo(good.evaluation());
    assertThat(read.codeVersion()).isEqualTo("dev");
    assertThat(read.modelPath()).endsWith("models/container/1");

    Dataset<Row> input = labelled.drop(ModelColumns.LABEL);
    List<Row> before =
        new ModelScorer()
            .model(good.model(), read.label(), good.features())
            .score(input)
            .select("bl_number", ModelColumns.SCORE, ModelColumns.REASONS)
            .orderBy("bl_number")
            .collectAsList();
    List<Row> after =
        new ModelScorer()
            .model(registry.load(read))
            .score(input)
            .select("bl_number", ModelColumns.SCORE, ModelColumns.REASONS)
            .orderBy("bl_number")
            .collectAsList();
    assertThat(after).isEqualTo(before);

    assertThat(registry.register("container", good, TO.plusDays(9), Map.of(), T0).version())
        .isEqualTo(2);
    assertThat(registry.register("firm", good, TO.plusDays(9), Map.of(), T0).version())
        .isEqualTo(1);
  }

  @Test
  void aWorseChallengerIsRefusedAndAForcedPromotionIsRecorded() throws IOException {
    ModelRegistry registry = registry();
    registry.register("container", good, TO.plusDays(8), Map.of(), T0);
    registry.register("container", poor, TO.plusDays(8), Map.of(), T0);

    PromotionResult first = promotion(registry, 1).execute();
    assertThat(first.previousChampion()).isNull();
    assertThat(first.champion().note()).contains("first champion; container-v1 (gbt) beats rules-only");
    assertThat(registry.champion("container").orElseThrow().version()).isEqualTo(1);

    assertThatThrownBy(() -> promotion(registry, 2).execute())
        .isInstanceOf(CargoRiskException.class)
        .satisfies(
            e -> assertThat(((CargoRiskException) e).code()).isEqualTo(ErrorCode.PROMOTION_REFUSED))
        // it passes the promotion guard (its rules-only baseline has no rule on "noise") but not
        // the champion
        .hasMessageContaining("container-v2 does not beat champion container-v1")
        .hasMessageContaining("challenger precision@capacity")
        .hasMessageContaining("champion precision@capacity");
    assertThat(registry.champion("container").orElseThrow().version()).isEqualTo(1);

    PromotionResult forced = promotion(registry, 2).force("new feature set, monitored").execute();
    assertThat(forced.previousChampionEvaluation().beats(forced.challengerEvaluation())).isTrue();
    ModelVersion champion = registry.champion("container").orElseThrow();
    assertThat(champion.version()).isEqualTo(2);
    assertThat(champion.forced()).isTrue();
    assertThat(champion.promotedBy()).isEqualTo("analyst");
    assertThat(champion.promotedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(champion.note()).contains("forced: new feature set, monitored");
    assertThat(registry.version("container", 1).status()).isEqualTo(ModelStatus.RETIRED);
  }
}
