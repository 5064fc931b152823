package org.cargorisk.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class RankingEvaluatorTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final StructType SCHEMA =
      new StructType()
          .add("score", DataTypes.DoubleType)
          .add("label", DataTypes.IntegerType)
          .add("quantity_kg", DataTypes.DoubleType);

  /**
   * 20 rows, scores 1.00, 0.95, ..., 0.05; hits at ranks 1, 3, 4, 10 and 20 with 100, 50, 0,
   * 30 and 20 kg. By hand: top 1 (5%) has 1 hit; top 2 (10%) 1 hit; top 4 (20%) 3 hits.
   */
  private Dataset<Row> twentyRows() {
    List<Row> rows = new ArrayList<>();
    for (int rank = 1; rank <= 20; rank++) {
      int hit = (rank == 1 || rank == 3 || rank == 4 || rank == 10 || rank == 20) ? 1 : 0;
      double quantity =
          switch (rank) {
            case 1 -> 100;
            case 3 -> 50;
            case 10 -> 30;
            case 20 -> 20;
            default -> 0;
          };
      rows.add(RowFactory.create(1.05 - rank * 0.05, hit, quantity));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void precisionRecallAndLiftMatchAHandComputedRanking() {
    RankingReport report =
        new RankingEvaluator()
            .quantityColumn("quantity_kg")
            .rates(0.05, 0.10, 0.20)
            .capacity("capacity", 10)
            .evaluate(twentyRows());

    assertThat(report.rows()).isEqualTo(20);
    assertThat(report.positives()).isEqualTo(5);
    assertThat(report.baseRate()).isEqualTo(0.25);

    RankingReport.AtK five = report.at("5%");
    assertThat(five.k()).isEqualTo(1);
    assertThat(five.hits()).isEqualTo(1);
    assertThat(five.precision()).isEqualTo(1.0);
    assertThat(five.recall()).isEqualTo(0.2);
    assertThat(five.quantityRecall()).isEqualTo(100.0 / 200.0);
    assertThat(five.lift()).isEqualTo(4.0);

    RankingReport.AtK ten = report.at("10%");
    assertThat(ten.k()).isEqualTo(2);
    assertThat(ten.precision()).isEqualTo(0.5);

    RankingReport.AtK twenty = report.at("20%");
    assertThat(twenty.hits()).isEqualTo(3);
    assertThat(twenty.precision()).isEqualTo(0.75);
    assertThat(twenty.recall()).isEqualTo(0.6);
    assertThat(twenty.quantityRecall()).isEqualTo(150.0 / 200.0);

    RankingReport.AtK capacity = report.at("capacity");
    assertThat(capacity.hits()).isEqualTo(4);
    assertThat(capacity.quantityRecall()).isEqualTo(180.0 / 200.0);
  }

  @Test
  void aucRocMatchesTheHandComputedPairCount() {
    // Pairs (hit, non-hit) where the hit scores higher: hit at rank r beats the non-hits below.
    // Non-hits below rank 1: 15; rank 3: 14; rank 4: 14; rank 10: 9; rank 20: 0 => 52 of 75.
    RankingReport report = new RankingEvaluator().evaluate(twentyRows());
    assertThat(report.aucRoc()).isCloseTo(52.0 / 75.0, within(1e-9));
    assertThat(report.aucPr()).isBetween(0.0, 1.0);
  }

  @Test
  void tiesAreBrokenPessimistically() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(RowFactory.create(0.5, i < 5 ? 1 : 0, 0.0));
    }
    RankingReport report =
        new RankingEvaluator().rates(0.5).evaluate(spark.createDataFrame(rows, SCHEMA));
    assertThat(report.at("50%").hits()).isZero();
  }

  @Test
  void rateNamesReadAsPercentages() {
    assertThat(RankingEvaluator.rateName(0.01)).isEqualTo("1%");
    assertThat(RankingEvaluator.rateName(0.1)).isEqualTo("10%");
    assertThat(RankingEvaluator.rateName(0.025)).isEqualTo("2.5%");
  }
}
