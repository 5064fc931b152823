package org.cargorisk.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.ingest.HistoryFixtures;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.models.training.TrainingParams;
import org.junit.jupiter.api.Test;

/** The jobs' path through the lake: Delta inputs, registration, evaluation and promotion. */
@Slow
class ModelLifecycleTest {
  private final SparkSession spark = SparkTestSession.get();
  private static final LocalDate CUTOFF = LocalDate.of(2026, 3, 10);
  private static final Instant NOW = Instant.parse("2026-03-10T05:00:00Z");

  private Lake lakeWithFeaturesAndInspections() throws Exception {
    Lake lake = new Lake(Files.createTempDirectory("cargorisk-lifecycle").toString());
    Dataset<Row> labelled = SyntheticFrames.labelled(spark, 300, 33);
    SyntheticFrames.features(labelled)
        // the lineage column the feature build writes: the fitted statistics' version
        .withColumn("feature_statistics", org.apache.spark.sql.functions.lit("2026-01-15"))
        .write()
        .format("delta")
        .save(lake.containerFeatures());
    HistoryFixtures.append(
        lake, Source.INSPECTIONS, SyntheticFrames.inspections(labelled),
        org.apache.spark.sql.functions.to_date(org.apache.spark.sql.functions.col("inspected_at")));
    return lake;
  }

  private ModelLifecycle lifecycle(Lake lake) {
    return new ModelLifecycle(spark, lake)
        .model(org.cargorisk.models.registry.ModelKind.CONTAINER, SyntheticFrames.SPECS)
        .params(new TrainingParams(5, 3, 0.1, 9, 3, 7))
        .officeCapacities(Map.of("NLRTM", 2));
  }

  @Test
  void trainRegistersTheFirstChampionAndPromotionNeedsABetterModelOrAForce() throws Exception {
    Lake lake = lakeWithFeaturesAndInspections();

    ModelLifecycle first = lifecycle(lake);
    ModelLifecycle.TrainOutcome outcome = first.train(CUTOFF, "analyst", NOW);
    assertThat(outcome.becameChampion()).isTrue();
    assertThat(outcome.registered().status()).isEqualTo(ModelStatus.CHAMPION);
    assertThat(outcome.registered().inputVersions())
        .containsEntry("silver/container_features", 0L)
        .containsEntry("bronze/history", 0L);
    assertThat(outcome.registered().metrics()).containsOnlyKeys("gbt", "logistic", "rules");
    // the registry names the statistics the training features were computed with
    assertThat(outcome.registered().featureStatistics()).isEqualTo("2026-01-15");
    assertThat(new ModelRegistry(spark, lake).version("container", 1).featureStatistics()).isEqualTo("2026-01-15");
    // Validation weeks: 3 weeks ending at T - delay - 1.
    EvaluationResult trained = outcome.registered().evaluation();
    assertThat(trained.from()).isEqualTo("2026-02-10");
    assertThat(trained.to()).isEqualTo("2026-03-02");

    LocalDate[] period = first.defaultPeriod(CUTOFF);
    EvaluationResult evaluated = lifecycle(lake).evaluate(1, period[0], period[1]);
    assertThat(evaluated.overall().rows()).isEqualTo(trained.overall().rows());
    assertThat(evaluated.primaryValue()).isEqualTo(trained.primaryValue());
    assertThat(evaluated.overall().aucPr()).isCloseTo(trained.overall().aucPr(), within(1e-12));

    ModelLifecycle.TrainOutcome again = lifecycle(lake).train(CUTOFF, "analyst", NOW);
    assertThat(again.registered().version()).isEqualTo(2);
    assertThat(again.registered().status()).isEqualTo(ModelStatus.CANDIDATE);

    // The same data and seed give an equal model: not better, so refused.
    assertThatThrownBy(
            () -> lifecycle(lake).promote(2, period[0], period[1], null, "analyst", NOW))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("does not beat champion container-v1");

    PromotionResult forced =
        lifecycle(lake).promote(2, period[0], period[1], "retrain check", "lead", NOW);
    assertThat(forced.champion().forced()).isTrue();
    assertThat(forced.champion().promotedBy()).isEqualTo("lead");
    ModelRegistry registry = new ModelRegistry(spark, lake);
    assertThat(registry.champion("container").orElseThrow().version()).isEqualTo(2);
    assertThat(registry.version("container", 1).status()).isEqualTo(ModelStatus.RETIRED);
  }

  @Test
  void theValidationPeriodEndsTheLabelDelayBeforeTheTrainingDate() {
    Lake lake = new Lake("/nonexistent/lake");
    // Outcomes take 10 days to arrive: the 3 validation weeks end on T - 11, so the last 10
    // days (whose containers may still be waiting for their outcome) are neither trained on nor
    // counted as non-hits.
    LocalDate[] period =
        lifecycle(lake)
            .params(new TrainingParams(5, 3, 0.1, 9, 3, 10))
            .defaultPeriod(LocalDate.of(2026, 3, 31));
    assertThat(period).containsExactly(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 20));
    assertThat(
            lifecycle(lake)
                .params(new TrainingParams(5, 3, 0.1, 9, 3, 0))
                .defaultPeriod(LocalDate.of(2026, 3, 31))[1])
        .isEqualTo(LocalDate.of(2026, 3, 30));
    assertThatThrownBy(() -> new TrainingParams(5, 3, 0.1, 9, 3, -1))
        .hasMessageContaining("model.label-delay-days = '-1'")
        .hasMessageContaining("must be between 0 and 365");
  }

  /**
   * The firm model trains on every firm feature of the catalog, the graph flow features joined
   * into silver/firm_features included, and the registry lists them.
   */
  @Test
  void theFirmModelTrainsWithTheGraphFeatures() throws Exception {
    Lake lake = new Lake(Files.createTempDirectory("cargorisk-lifecycle-firm").toString());
    java.util.List<String> columns = new java.util.ArrayList<>(java.util.List.of(
        "concat('F', id) AS firm_id",
        "date_add(DATE'2026-01-05', CAST(id % 56 AS INT)) AS as_of",
        "'NL' AS country",
        "'IMPORTER' AS sector"));
    for (String feature : org.cargorisk.features.firm.FirmFeatureColumns.FEATURES) {
      // one in five firms is malafide; the 365-day fan-in tells them apart, the rest is noise
      columns.add(feature.equals(org.cargorisk.features.firm.FirmFeatureColumns.GRAPH_FAN_IN)
          ? "IF(id % 5 = 0, 3.0, 0.0) + rand(7) AS " + feature
          : "rand(" + feature.length() + ") AS " + feature);
    }
    Dataset<Row> firms = spark.range(400).selectExpr(columns.toArray(String[]::new));
    firms.write().format("delta").save(lake.firmFeatures());
    HistoryFixtures.append(lake, Source.FIRM_LABELS, spark.range(400)
        .selectExpr(
            "concat('F', id) AS firm_id",
            "date_add(DATE'2026-01-06', CAST(id % 56 AS INT)) AS labelled_on",
            "IF(id % 5 = 0, 'MALAFIDE', 'CLEARED') AS label",
            "'FIOD' AS source"),
        org.apache.spark.sql.functions.col("labelled_on"));

    ModelLifecycle.TrainOutcome outcome =
        new ModelLifecycle(spark, lake)
            .model(org.cargorisk.models.registry.ModelKind.FIRM)
            .params(new TrainingParams(5, 3, 0.1, 9, 3, 7))
            .train(LocalDate.of(2026, 3, 3), "analyst", NOW);

    assertThat(outcome.registered().features())
        .containsAll(org.cargorisk.features.firm.FirmFeatureColumns.GRAPH_FEATURES)
        .containsExactlyElementsOf(org.cargorisk.features.firm.FirmFeatureColumns.FEATURES);
    assertThat(new ModelRegistry(spark, lake).version("firm", 1).features())
        .contains(org.cargorisk.features.firm.FirmFeatureColumns.GRAPH_FAN_IN);
    // the firm model has no fitted feature statistics
    assertThat(outcome.registered().featureStatistics()).isNull();
  }

  /**
   * The promotion guard on a first training: the firm model learns a relation that reverses in
   * its validation weeks (payments with high-risk countries mark the cleared firms before 10
   * February and the malafide ones after), so on validation it ranks worse than the rules-only
   * baseline, whose one rule (such payments) is right there. There is no champion yet, and still
   * it is not made champion: the rules-only model of the same training is registered and serves,
   * its registry note says why. Promoting the refused version by hand is refused too, on a lake
   * with no champion, unless forced.
   */
  @Test
  void aWorseModelThanRulesOnlyIsRefusedEvenWithoutAChampionAndRulesOnlyServes() throws Exception {
    Lake lake = new Lake(Files.createTempDirectory("cargorisk-guard").toString());
    String rule = org.cargorisk.features.firm.FirmFeatureColumns.HIGH_RISK_COUNTRY_PAYMENTS_90D;
    java.util.List<String> columns = new java.util.ArrayList<>(java.util.List.of(
        "concat('F', id) AS firm_id",
        "date_add(DATE'2026-01-05', CAST(id % 56 AS INT)) AS as_of",
        "'NL' AS country",
        "'IMPORTER' AS sector"));
    String malafide = "id % 3 = 0";
    String validation = "date_add(DATE'2026-01-06', CAST(id % 56 AS INT)) >= DATE'2026-02-10'";
    for (String feature : org.cargorisk.features.firm.FirmFeatureColumns.FEATURES) {
      columns.add(feature.equals(rule)
          ? "IF((" + malafide + ") = (" + validation + "), 1.0, 0.0) AS " + feature
          : "rand(" + feature.length() + ") AS " + feature);
    }
    spark.range(420).selectExpr(columns.toArray(String[]::new)).write().format("delta").save(lake.firmFeatures());
    HistoryFixtures.append(lake, Source.FIRM_LABELS, spark.range(420)
        .selectExpr(
            "concat('F', id) AS firm_id",
            "date_add(DATE'2026-01-06', CAST(id % 56 AS INT)) AS labelled_on",
            "IF(" + malafide + ", 'MALAFIDE', 'CLEARED') AS label",
            "'FIOD' AS source"),
        org.apache.spark.sql.functions.col("labelled_on"));
    java.util.function.Supplier<ModelLifecycle> firm = () ->
        new ModelLifecycle(spark, lake)
            .model(org.cargorisk.models.registry.ModelKind.FIRM)
            .params(new TrainingParams(5, 3, 0.1, 9, 3, 7));

    ModelLifecycle.TrainOutcome outcome = firm.get().train(LocalDate.of(2026, 3, 3), "analyst", NOW);

    EvaluationResult gbt = outcome.result().evaluations().get(org.cargorisk.models.training.Algorithm.GBT);
    EvaluationResult rules = outcome.result().evaluations().get(org.cargorisk.models.training.Algorithm.RULES);
    assertThat(gbt.overall().aucPr()).isLessThan(rules.overall().aucPr());
    // firms are measured at the investigators' capacity: 5 a week over the 3 validation weeks
    assertThat(gbt.primaryMetric()).isEqualTo(EvaluationResult.PRECISION_AT_CAPACITY);
    assertThat(gbt.capacity().k()).isEqualTo(15);
    assertThat(outcome.becameChampion()).isFalse();
    assertThat(outcome.guard().passes()).isFalse();
    assertThat(outcome.guard().reason())
        .startsWith("firm-v1 (gbt) does not beat rules-only on its validation 2026-02-10 to 2026-03-02: AUC-PR ");
    assertThat(outcome.registered().label()).isEqualTo("firm-v1");
    assertThat(outcome.registered().status()).isEqualTo(ModelStatus.CANDIDATE);

    ModelRegistry registry = new ModelRegistry(spark, lake);
    ModelVersion champion = registry.champion("firm").orElseThrow();
    assertThat(champion).isEqualTo(outcome.rulesChampion());
    assertThat(champion.version()).isEqualTo(2);
    assertThat(champion.algorithm()).isEqualTo("rules");
    assertThat(champion.note()).isEqualTo("rules-only serves: " + outcome.guard().reason());
    assertThat(champion.evaluation()).isEqualTo(rules);
    assertThat(BaselineGuard.check(champion).passes()).isTrue();
    assertThat(registry.version("firm", 1).status()).isEqualTo(ModelStatus.CANDIDATE);

    // Promoting the refused version by hand: refused, also where there is no champion at all.
    Lake empty = new Lake(Files.createTempDirectory("cargorisk-guard-empty").toString());
    ModelRegistry emptyRegistry = new ModelRegistry(spark, empty);
    emptyRegistry.register("firm", outcome.result(), LocalDate.of(2026, 3, 3), Map.of(), NOW);
    Dataset<Row> period = firm.get().evaluationSet(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 3, 2));
    assertThatThrownBy(
            () -> new ModelPromotion(emptyRegistry).model("firm").version(1)
                .evaluationSet(period, LocalDate.of(2026, 2, 10), LocalDate.of(2026, 3, 2))
                .promotedBy("analyst").at(NOW).execute())
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("firm-v1 (gbt) does not beat rules-only")
        .hasMessageContaining("--force");
    assertThat(emptyRegistry.champion("firm")).isEmpty();
  }
}
