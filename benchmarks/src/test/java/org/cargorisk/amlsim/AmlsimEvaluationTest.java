package org.cargorisk.amlsim;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.amlsim.AmlsimAdapter;
import org.cargorisk.amlsim.AmlsimData;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.features.graph.GraphColumns;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AMLSim evaluation on a tiny sample in AMLSim's format: 60 accounts paying each other at
 * random, 12 of them laundering in three 4-account cycles.
 */
@Slow
class AmlsimEvaluationTest {
  @TempDir static Path folder;
  private static SparkSession spark;

  @BeforeAll
  static void writeSample() throws IOException {
    spark = SparkTestSession.get();
    StringBuilder nodes = new StringBuilder("nodeid,isFraud,init_balance,fraudStep\n");
    for (int i = 0; i < 60; i++) {
      nodes.append(i).append(',').append(i < 12 ? 1 : 0).append(",100.0,-1\n");
    }
    StringBuilder txns = new StringBuilder("sourceNodeId,targetNodeId,value,time\n");
    Random random = new Random(7);
    for (int i = 0; i < 240; i++) {
      int from = random.nextInt(60);
      int to = (from + 1 + random.nextInt(59)) % 60;
      txns.append(from).append(',').append(to).append(',').append(50 + random.nextInt(500)).append(',')
          .append(1 + random.nextInt(60)).append('\n');
    }
    for (int ring = 0; ring < 3; ring++) {
      for (int round = 0; round < 3; round++) {
        for (int hop = 0; hop < 4; hop++) {
          int from = ring * 4 + hop;
          int to = ring * 4 + (hop + 1) % 4;
          txns.append(from).append(',').append(to).append(",15.5,").append(10 + round * 15 + hop).append('\n');
        }
      }
    }
    Files.writeString(folder.resolve(AmlsimAdapter.NODES_FILE), nodes);
    Files.writeString(folder.resolve(AmlsimAdapter.TRANSACTIONS_FILE), txns);
  }

  @Test
  void reportsEveryFeatureSetAgainstRandomWithJsonOnOneLine() {
    AmlsimEvaluationResult result =
        AmlsimEvaluation.builder(spark).data(folder.toString()).seed(3).trees(5, 3).evaluate();

    assertThat(result.accounts()).isEqualTo(60);
    assertThat(result.testPositives()).isBetween(3L, 4L);
    assertThat(result.models().keySet())
        .containsExactly(AmlsimEvaluation.BASIC, AmlsimEvaluation.BASIC_STRUCTURAL, AmlsimEvaluation.BASIC_GRAPH);
    assertThat(result.models().get(AmlsimEvaluation.BASIC).atK())
        .extracting(a -> a.name())
        .containsExactly("1%", "2%", "5%", "10%", "k=positives");
    assertThat(result.featureSets().get(AmlsimEvaluation.BASIC)).noneMatch(f -> f.startsWith("graph_"));
    assertThat(result.featureSets().get(AmlsimEvaluation.BASIC_STRUCTURAL))
        .doesNotContainAnyElementsOf(List.of(GraphColumns.RISK_DIFFUSION, GraphColumns.HOPS_TO_MALAFIDE));
    assertThat(result.featureSets().get(AmlsimEvaluation.BASIC_GRAPH)).containsAll(GraphColumns.FEATURES);
    String json = result.toJson();
    assertThat(json).doesNotContain("\n").startsWith("{").endsWith("}");
    assertThat(json).contains("\"random\":{\"auc_pr\":", "\"basic+graph\":{", "\"k=positives\":{", "\"test_positives\":");
  }

  @Test
  void testLabelsNeverReachTheFeatures() {
    AmlsimEvaluation evaluation = AmlsimEvaluation.builder(spark).data(folder.toString()).seed(3);
    AmlsimData sample = AmlsimAdapter.read(spark, folder.toString());
    Dataset<Row> accounts =
        evaluation.split(
            sample.accounts().select(col(Contracts.FIRM_ID), col(AmlsimAdapter.IS_FRAUD).cast("double").as("label")));
    // The same split with every test account's label flipped.
    Dataset<Row> flipped =
        accounts.withColumn("label", when(col("is_test"), lit(1.0).minus(col("label"))).otherwise(col("label")));

    Dataset<Row> original = evaluation.crossFittedProximity(sample, accounts);
    Dataset<Row> afterFlip = evaluation.crossFittedProximity(sample, flipped);

    assertThat(original.count()).isGreaterThan(40);
    DataFrameAssert.assertSameRows(afterFlip, original);
  }

  @Test
  void aTrainingAccountsOwnLabelDoesNotReachItsFeatures() {
    AmlsimEvaluation evaluation = AmlsimEvaluation.builder(spark).data(folder.toString()).seed(3);
    AmlsimData sample = AmlsimAdapter.read(spark, folder.toString());
    Dataset<Row> accounts =
        evaluation.split(
            sample.accounts().select(col(Contracts.FIRM_ID), col(AmlsimAdapter.IS_FRAUD).cast("double").as("label")));
    Row trainingPositive =
        accounts.where(col("is_test").equalTo(false).and(col("label").equalTo(1.0))).orderBy(Contracts.FIRM_ID).first();
    String firm = trainingPositive.getString(0);
    Dataset<Row> flipped =
        accounts.withColumn("label", when(col(Contracts.FIRM_ID).equalTo(firm), lit(0.0)).otherwise(col("label")));

    Dataset<Row> before = evaluation.crossFittedProximity(sample, accounts).where(col(Contracts.FIRM_ID).equalTo(firm));
    Dataset<Row> after = evaluation.crossFittedProximity(sample, flipped).where(col(Contracts.FIRM_ID).equalTo(firm));
    assertThat(before.count()).isEqualTo(1);
    DataFrameAssert.assertSameRows(after, before);
  }

  @Test
  void refusesAnInvalidTestFraction() {
    assertThatThrownBy(() -> AmlsimEvaluation.builder(spark).testFraction(1.5))
        .hasMessageContaining("--test-fraction");
  }
}
