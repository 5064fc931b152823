package org.cargorisk.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The score stage: the positive-class probability, or for a logistic model its log-odds, which
 * keeps apart the rows whose probability is exactly 1.0 in double precision (the largest traders
 * of the firm register tied at the top of the firm list before).
 */
class PositiveProbabilityTest {
  private static final SparkSession spark = SparkTestSession.get();

  /** Two rows a logistic model scores with margins 40 and 45: both have probability 1.0. */
  private static Dataset<Row> saturated() {
    StructType schema =
        new StructType()
            .add(ModelColumns.RAW_PREDICTION, SQLDataTypes.VectorType())
            .add(ModelColumns.PROBABILITY, SQLDataTypes.VectorType());
    double[] margins = {40.0, 45.0};
    List<Row> rows =
        java.util.Arrays.stream(margins)
            .mapToObj(m -> {
              double p = 1.0 / (1.0 + Math.exp(-m));
              return RowFactory.create(Vectors.dense(-m, m), Vectors.dense(1.0 - p, p));
            })
            .toList();
    return spark.createDataFrame(rows, schema);
  }

  private static List<Double> scores(PositiveProbability stage) {
    return stage.transform(saturated()).select(ModelColumns.SCORE).as(org.apache.spark.sql.Encoders.DOUBLE())
        .collectAsList();
  }

  @Test
  void theProbabilityTiesSaturatedRowsAndTheLogOddsKeepThemApart() {
    assertThat(scores(new PositiveProbability())).containsExactly(1.0, 1.0);
    assertThat(scores(new PositiveProbability().onMargin())).containsExactly(40.0, 45.0);
  }

  @Test
  void theChoiceIsSavedWithThePipeline(@TempDir Path dir) throws java.io.IOException {
    String path = dir.resolve("stage").toString();
    new PositiveProbability().onMargin().save(path);
    assertThat(scores(PositiveProbability.load(path))).containsExactly(40.0, 45.0);
  }
}
