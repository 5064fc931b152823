package org.cargorisk.models.explain;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.registry.ModelScorer;
import org.cargorisk.models.training.Algorithm;
import org.cargorisk.models.training.ModelTrainer;
import org.cargorisk.models.training.RuleSpec;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReasonCodesTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static Dataset<Row> labelled;

  @BeforeAll
  static void data() {
    labelled = SyntheticFrames.labelled(spark, 300, 5);
  }

  private static PipelineModel fit(Algorithm algorithm) {
    return new ModelTrainer()
        .features(SyntheticFrames.FEATURES)
        .algorithm(algorithm)
        .rules(List.of(new RuleSpec("watchlist_hit", 0.0), new RuleSpec("port_risk_tier", 2.0)))
        .maxIter(5)
        .maxDepth(3)
        .seed(3)
        .fit(labelled, labelled);
  }

  private static Dataset<Row> score(PipelineModel model) {
    return new ModelScorer()
        .model(model, "container-v1", SyntheticFrames.FEATURES)
        .reasonRules(SyntheticFrames.REASON_RULES)
        .score(labelled.drop(ModelColumns.LABEL));
  }

  @Test
  void thePlantedFeatureIsTheTopReasonWhereItFiresForTrees() {
    List<Row> firing =
        score(fit(Algorithm.GBT)).where(col("signal").gt(0.85)).collectAsList();
    // The rule of "signal" holds above 0.8, so where the trees lean on it, it is the top reason.
    assertThat(firing).isNotEmpty();
    for (Row row : firing) {
      List<String> features = row.getList(row.fieldIndex(ModelColumns.REASON_FEATURES));
      List<String> reasons = row.getList(row.fieldIndex(ModelColumns.REASONS));
      assertThat(features).isNotEmpty().hasSizeLessThanOrEqualTo(3);
      assertThat(features.get(0)).isEqualTo("signal");
      assertThat(reasons.get(0))
          .isEqualTo(String.format(java.util.Locale.ROOT, "planted signal at %.2f", row.<Double>getAs("signal")));
      assertThat(row.<String>getAs(ModelColumns.MODEL_VERSION)).isEqualTo("container-v1");
    }
  }

  @Test
  void treeContributionsAddUpToTheModelMargin() {
    PipelineModel model = fit(Algorithm.GBT);
    GBTClassificationModel gbt = null;
    for (Transformer stage : model.stages()) {
      if (stage instanceof GBTClassificationModel g) {
        gbt = g;
      }
    }
    TreeContributions trees = TreeContributions.of(gbt);
    for (Row row :
        model.transform(labelled).select(ModelColumns.FEATURES, ModelColumns.RAW_PREDICTION)
            .limit(20).collectAsList()) {
      Vector features = row.getAs(0);
      double margin = ((Vector) row.getAs(1)).apply(1);
      double sum = trees.bias();
      for (double contribution : trees.contributions(features)) {
        sum += contribution;
      }
      assertThat(sum).isCloseTo(margin, within(1e-9));
    }
  }

  @Test
  void logisticReasonsAreCoefficientTimesStandardisedValue() {
    List<Row> firing =
        score(fit(Algorithm.LOGISTIC)).where(col("signal").gt(0.9)).collectAsList();
    assertThat(firing).isNotEmpty();
    assertThat(firing)
        .allSatisfy(
            row ->
                assertThat(row.getList(row.fieldIndex(ModelColumns.REASON_FEATURES)).get(0))
                    .isEqualTo("signal"));
  }

  @Test
  void rulesReasonsAreTheRulesThatFired() {
    List<Row> rows = score(fit(Algorithm.RULES)).orderBy("bl_number").collectAsList();
    for (Row row : rows) {
      List<String> features = row.getList(row.fieldIndex(ModelColumns.REASON_FEATURES));
      boolean watchlist = row.<Boolean>getAs("watchlist_hit");
      boolean highTier = row.<Integer>getAs("port_risk_tier") > 2;
      assertThat(features.contains("watchlist_hit")).isEqualTo(watchlist);
      assertThat(features.contains("port_risk_tier")).isEqualTo(highTier);
      assertThat(features).doesNotContain("signal", "noise");
      if (watchlist) {
        assertThat(row.getList(row.fieldIndex(ModelColumns.REASONS)))
            .contains("a party is on a watchlist");
      }
    }
  }
}
