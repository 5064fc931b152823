package org.cargorisk.models.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlattCalibrationTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static final StructType SCHEMA =
      new StructType()
          .add(ModelColumns.SCORE, DataTypes.DoubleType)
          .add(ModelColumns.LABEL, DataTypes.DoubleType);

  /** 100 rows with scores 0.005 .. 0.995; a row is a hit when {@code hit(i)}. */
  private static Dataset<Row> rows(java.util.function.IntPredicate hit) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(RowFactory.create((i + 0.5) / 100, hit.test(i) ? 1.0 : 0.0));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void hitsRisingWithTheScoreGiveAStrictlyIncreasingHitChanceNearTheHitRate() {
    // Hits get likelier up the scores: 1 in 10 rows below 0.5, then 1 in 2 up to 0.9, then all.
    Dataset<Row> rising = rows(i -> i < 50 ? i % 10 == 0 : i < 90 ? i % 2 == 0 : true);
    PlattCalibration calibration = new PlattCalibrator().fit(rising);

    assertThat(calibration.getSlope()).isPositive();
    List<Row> scored =
        calibration.transform(rising).orderBy(ModelColumns.SCORE)
            .select(ModelColumns.SCORE, ModelColumns.HIT_CHANCE, ModelColumns.LABEL).collectAsList();
    for (int i = 1; i < scored.size(); i++) {
      assertThat(scored.get(i).getDouble(1)).isGreaterThan(scored.get(i - 1).getDouble(1));
    }
    // The Spark column and the Java formula agree.
    assertThat(scored.get(37).getDouble(1)).isCloseTo(calibration.hitChance(scored.get(37).getDouble(0)), within(1e-12));
    double meanChance = scored.stream().mapToDouble(r -> r.getDouble(1)).average().orElseThrow();
    double hitRate = scored.stream().mapToDouble(r -> r.getDouble(2)).average().orElseThrow();
    // Logistic regression with Platt's targets: the mean is the corrected rate (hits + 1) / (n + 2).
    assertThat(meanChance).isCloseTo(hitRate, within(0.01));
  }

  @Test
  void hitsFallingWithTheScoreGiveTheHitRateToEveryRowNotAReversedOrder() {
    // 10 hits, all among the lowest scores.
    PlattCalibration calibration = new PlattCalibrator().fit(rows(i -> i < 10));

    assertThat(calibration.getSlope()).isZero();
    assertThat(calibration.hitChance(0.01)).isCloseTo(11.0 / 102, within(1e-12));
    assertThat(calibration.hitChance(0.99)).isCloseTo(11.0 / 102, within(1e-12));
  }

  @Test
  void noHitAtAllStillGivesAChanceAboveZero() {
    PlattCalibration calibration = new PlattCalibrator().fit(rows(i -> false));

    assertThat(calibration.hitChance(0.5)).isPositive().isLessThan(0.02);
    assertThatThrownBy(() -> new PlattCalibrator().fit(rows(i -> false).limit(0)))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("no validation row");
  }

  @Test
  void savesAndLoadsWithAPipeline(@TempDir Path folder) throws Exception {
    Dataset<Row> rising = rows(i -> i % 3 == 0 && i > 30);
    PlattCalibration calibration = new PlattCalibrator().fit(rising);
    PipelineModel pipeline =
        new PipelineModel("calibrated", new Transformer[] {calibration});
    String path = folder.resolve("pipeline").toString();
    pipeline.write().overwrite().save(path);

    PipelineModel loaded = PipelineModel.load(path);

    assertThat(loaded.transform(rising).select(ModelColumns.HIT_CHANCE).collectAsList())
        .isEqualTo(pipeline.transform(rising).select(ModelColumns.HIT_CHANCE).collectAsList());
    assertThatThrownBy(() -> new PlattCalibration().setCoefficients(-0.5, 0))
        .hasMessageContaining("at least 0, cannot be: -0.5");
  }
}
