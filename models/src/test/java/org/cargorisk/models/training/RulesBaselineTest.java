package org.cargorisk.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules-only baseline on the real container feature columns: the points table from the
 * reference risk tiers fires on them, a planted risky container outranks a clean one after
 * calibration, and ties are broken the same way on every run.
 */
class RulesBaselineTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static final List<String> FEATURES = FeatureCatalog.names(FeatureCatalog.container());
  private static final StructType SCHEMA = schema();

  private static PipelineModel model;

  private static StructType schema() {
    StructType schema = new StructType().add("bl_number", DataTypes.StringType);
    for (String feature : FEATURES) {
      schema = schema.add(feature, DataTypes.DoubleType);
    }
    return schema.add(ModelColumns.LABEL, DataTypes.DoubleType);
  }

  /** A container row: tiers 1 (not listed), every other feature 0, except {@code set}. */
  private static Row container(String id, Map<String, Double> set, double label) {
    List<Object> values = new ArrayList<>();
    values.add(id);
    for (String feature : FEATURES) {
      double fallback = feature.endsWith("_tier") && !feature.startsWith("route") ? 1.0 : 0.0;
      values.add(set.getOrDefault(feature, fallback));
    }
    values.add(label);
    return RowFactory.create(values.toArray());
  }

  private static Map<String, Double> risky() {
    Map<String, Double> set = new HashMap<>();
    set.put(ContainerFeatureColumns.ORIGIN_PORT_TIER, 3.0);
    set.put(ContainerFeatureColumns.ORIGIN_COUNTRY_TIER, 3.0);
    set.put(ContainerFeatureColumns.COVER_GOODS, 1.0);
    return set;
  }

  /** 30 rows: risky ones hit more often than clean ones; half trains, half calibrates. */
  private static Dataset<Row> labelled(int from) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + 15; i++) {
      Map<String, Double> set = i % 3 == 0 ? risky() : new HashMap<>();
      set.put(ContainerFeatureColumns.WEIGHT_ROBUST_Z, (double) i);
      double label = i % 3 == 0 ? (i % 2 == 0 ? 1.0 : (i % 9 == 0 ? 0.0 : 1.0)) : (i % 7 == 0 ? 1.0 : 0.0);
      rows.add(container("BL" + i, set, label));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @BeforeAll
  static void fit() {
    model =
        new ModelTrainer()
            .features(FEATURES)
            .algorithm(Algorithm.RULES)
            .rules(RuleSpec.defaultsFor(FeatureCatalog.container()))
            .fit(labelled(0), labelled(100));
  }

  @Test
  void thePointsTableUsesTheRealContainerFeatureColumns() {
    List<RuleSpec> rules = RuleSpec.defaultsFor(FeatureCatalog.container());
    assertThat(rules).extracting(RuleSpec::feature).allMatch(FEATURES::contains);
    assertThat(rules)
        .extracting(RuleSpec::feature)
        .contains(
            ContainerFeatureColumns.ORIGIN_PORT_TIER,
            ContainerFeatureColumns.ORIGIN_COUNTRY_TIER,
            ContainerFeatureColumns.ROUTE_MAX_PORT_TIER,
            ContainerFeatureColumns.TRANSSHIPMENT_COUNT,
            ContainerFeatureColumns.COVER_GOODS,
            ContainerFeatureColumns.SHIPPER_PAST_HITS);
    // A tier-3 port of loading is worth 3 points: the tier-2 rule plus the tier-3 rule.
    assertThat(rules.stream()
            .filter(r -> r.feature().equals(ContainerFeatureColumns.ORIGIN_PORT_TIER))
            .mapToDouble(RuleSpec::points)
            .sum())
        .isEqualTo(3.0);
    assertThatThrownBy(() -> new RuleSpec("cover_goods", 0.0, 0.0))
        .hasMessageContaining("points must be a positive number");
  }

  @Test
  void aTierThreeOriginWithCoverGoodsOutranksACleanContainer() {
    Dataset<Row> planted =
        spark.createDataFrame(
            List.of(
                container("RISKY", risky(), 0.0),
                container("CLEAN", new HashMap<>(), 0.0),
                container("TIER3-ONLY", Map.of(ContainerFeatureColumns.ORIGIN_PORT_TIER, 3.0), 0.0)),
            SCHEMA);
    List<Row> scored =
        model.transform(planted)
            .select("bl_number", ModelColumns.SCORE, ModelColumns.HIT_CHANCE)
            .orderBy(org.apache.spark.sql.functions.col(ModelColumns.SCORE).desc())
            .collectAsList();
    assertThat(scored).extracting(r -> r.getString(0)).containsExactly("RISKY", "TIER3-ONLY", "CLEAN");
    Row risky = scored.get(0);
    Row clean = scored.get(2);
    // 3 + 3 + 2 of the table's points fire; the clean one fires none (only its tie break).
    double total = RuleSpec.defaultsFor(FeatureCatalog.container()).stream().mapToDouble(RuleSpec::points).sum();
    assertThat(risky.getDouble(1)).isBetween(8.0 / total, 8.0 / total + RulesScorer.TIE_BREAK);
    assertThat(clean.getDouble(1)).isBetween(0.0, RulesScorer.TIE_BREAK);
    // Calibrated: the risky container reads as a higher hit chance, both in [0, 1].
    assertThat(risky.getDouble(2)).isGreaterThan(clean.getDouble(2));
    assertThat(List.of(risky.getDouble(2), clean.getDouble(2))).allMatch(p -> p >= 0 && p <= 1);
  }

  @Test
  void tiesInPointsAreBrokenByTheRowAndTheSameOnEveryRun() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Map<String, Double> set = risky();
      set.put(ContainerFeatureColumns.WEIGHT_ROBUST_Z, (i + 1) / 10.0);
      rows.add(container("SAME-POINTS-" + i, set, 0.0));
    }
    rows.add(container("TWIN-A", risky(), 0.0));
    rows.add(container("TWIN-B", risky(), 0.0));
    Dataset<Row> equalPoints = spark.createDataFrame(rows, SCHEMA);
    List<Row> first = rawScores(equalPoints);
    // The same points, but 21 different feature vectors: 21 distinct places (the twins share one).
    assertThat(first.stream().map(r -> r.getDouble(1)).distinct()).hasSize(21);
    assertThat(rawScores(equalPoints.repartition(3))).isEqualTo(first);
  }

  private static List<Row> rawScores(Dataset<Row> rows) {
    return model.transform(rows).select("bl_number", ModelColumns.SCORE).orderBy("bl_number").collectAsList();
  }
}
