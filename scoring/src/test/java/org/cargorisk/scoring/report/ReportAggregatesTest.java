package org.cargorisk.scoring.report;

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
import org.cargorisk.scoring.report.ChartData.CalibrationBin;
import org.cargorisk.scoring.report.ChartData.FeatureWeight;
import org.cargorisk.scoring.report.ChartData.RankCurve;
import org.cargorisk.scoring.report.ChartData.RankPoint;
import org.cargorisk.scoring.report.ChartData.ScoreBin;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

/**
 * Chart data on ten hand-made rows (score, label), worked out by hand:
 *
 * <pre>
 *   score 0.95 0.85 0.85 0.70 0.55 0.40 0.30 0.20 0.10 1.00
 *   label    1    1    0    0    1    0    0    0    0    0
 * </pre>
 *
 * Ranked (ties: non-hits first): 1.00(0) 0.95(1) 0.85(0) 0.85(1) 0.70(0) 0.55(1) 0.40 ... 3 hits
 * in 10 rows, base rate 0.3.
 */
class ReportAggregatesTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final StructType SCHEMA =
      new StructType().add("score", DataTypes.DoubleType).add("label", DataTypes.DoubleType);

  private Dataset<Row> rows() {
    double[][] values = {
      {0.95, 1}, {0.85, 1}, {0.85, 0}, {0.70, 0}, {0.55, 1}, {0.40, 0}, {0.30, 0}, {0.20, 0}, {0.10, 0}, {1.00, 0}
    };
    List<Row> rows = new ArrayList<>();
    for (double[] v : values) {
      rows.add(RowFactory.create(v[0], v[1]));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void rankCurveCountsHitsInTheTopKWithPessimisticTies() {
    RankCurve curve = ReportAggregates.rankCurve("m", rows(), "score", "label", new double[] {0.2, 0.3, 0.4, 0.6, 1.0});

    assertThat(curve.rows()).isEqualTo(10);
    assertThat(curve.positives()).isEqualTo(3);
    List<RankPoint> p = curve.points();
    // top 2: 1.00(0) 0.95(1) -> 1 hit
    assertThat(p.get(0).k()).isEqualTo(2);
    assertThat(p.get(0).hits()).isEqualTo(1);
    assertThat(p.get(0).precision()).isCloseTo(0.5, within(1e-12));
    assertThat(p.get(0).recall()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(p.get(0).lift()).isCloseTo(0.5 / 0.3, within(1e-12));
    // top 3 takes the non-hit of the 0.85 tie first: still 1 hit
    assertThat(p.get(1).hits()).isEqualTo(1);
    // top 4: both 0.85 -> 2 hits
    assertThat(p.get(2).hits()).isEqualTo(2);
    // top 6 reaches 0.55 -> all 3 hits
    assertThat(p.get(3).hits()).isEqualTo(3);
    assertThat(p.get(3).recall()).isCloseTo(1.0, within(1e-12));
    assertThat(p.get(4).precision()).isCloseTo(0.3, within(1e-12));
    assertThat(p.get(4).lift()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void randomSelectionExpectsTheBaseRateAndProportionalRecall() {
    RankCurve random = RankCurve.random(10, 3, new double[] {0.2, 1.0});

    assertThat(random.points().get(0).k()).isEqualTo(2);
    assertThat(random.points().get(0).precision()).isCloseTo(0.3, within(1e-12));
    assertThat(random.points().get(0).recall()).isCloseTo(0.2, within(1e-12));
    assertThat(random.points().get(0).hits()).isCloseTo(0.6, within(1e-12));
    assertThat(random.points().get(1).recall()).isCloseTo(1.0, within(1e-12));
    assertThat(random.points()).allSatisfy(p -> assertThat(p.lift()).isEqualTo(1.0));
  }

  @Test
  void calibrationBinsHoldMeanScoreAndObservedHitRate() {
    // Bins of width 0.5: [0, 0.5) holds 0.40 0.30 0.20 0.10 (no hit); [0.5, 1] the other six,
    // 1.00 included in the last bin, with hits 0.95 0.85 0.55.
    List<CalibrationBin> bins = ReportAggregates.calibration(rows(), "score", "label", 2);

    assertThat(bins).hasSize(2);
    assertThat(bins.get(0).rows()).isEqualTo(4);
    assertThat(bins.get(0).meanScore()).isCloseTo(0.25, within(1e-12));
    assertThat(bins.get(0).hitRate()).isEqualTo(0.0);
    assertThat(bins.get(1).lower()).isEqualTo(0.5);
    assertThat(bins.get(1).rows()).isEqualTo(6);
    assertThat(bins.get(1).meanScore()).isCloseTo((0.95 + 0.85 + 0.85 + 0.70 + 0.55 + 1.00) / 6, within(1e-12));
    assertThat(bins.get(1).hitRate()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void scoreHistogramCountsHitsAndNonHitsPerBinWithEmptyBinsAsZero() {
    List<ScoreBin> bins = ReportAggregates.scoreHistogram(rows(), "score", "label", 5);

    // [0,.2): 0.10 | [.2,.4): 0.30 0.20 | [.4,.6): 0.55(hit) 0.40 | [.6,.8): 0.70 | [.8,1]: 0.95(h) 0.85(h) 0.85 1.00
    assertThat(bins).extracting(ScoreBin::hits).containsExactly(0L, 0L, 1L, 0L, 2L);
    assertThat(bins).extracting(ScoreBin::nonHits).containsExactly(1L, 2L, 1L, 1L, 2L);
    assertThat(bins.get(4).upper()).isEqualTo(1.0);

    List<ScoreBin> empty = ReportAggregates.scoreHistogram(rows().where("score < 0"), "score", "label", 3);
    assertThat(empty).hasSize(3).allSatisfy(b -> assertThat(b.hits() + b.nonHits()).isZero());
  }

  @Test
  void importancesAreNormalisedStrongestFirstWithoutZeros() {
    List<FeatureWeight> weights =
        FeatureImportances.normalised(List.of("a", "b", "c", "d"), new double[] {1.0, 0.0, 3.0, 1.0});

    assertThat(weights).extracting(FeatureWeight::feature).containsExactly("c", "a", "d");
    assertThat(weights).extracting(FeatureWeight::weight).containsExactly(0.6, 0.2, 0.2);
  }
}
