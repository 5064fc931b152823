package org.cargorisk.features.fitted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerRobustZTest {
  static final StructType SCHEMA =
      new StructType().add("heading", DataTypes.StringType, true).add("value", DataTypes.DoubleType, true);
  static SparkSession spark;
  static Dataset<Row> history;

  @BeforeAll
  static void data() {
    spark = SparkTestSession.get();
    // heading 0803: 1, 2, 3, 4, 100 -> median 3, deviations 2,1,0,1,97 -> MAD 1
    // heading 0901: two rows only -> global statistics
    history =
        spark.createDataFrame(
            List.of(
                RowFactory.create("0803", 1.0), RowFactory.create("0803", 2.0),
                RowFactory.create("0803", 3.0), RowFactory.create("0803", 4.0),
                RowFactory.create("0803", 100.0), RowFactory.create("0901", 50.0),
                RowFactory.create("0901", 60.0), RowFactory.create("0901", null)),
            SCHEMA);
  }

  static PeerRobustZ estimator() {
    return new PeerRobustZ().setInputCol("value").setGroupCol("heading").setOutputCol("z")
        .setRatioCol("ratio").setMinGroupSize(3);
  }

  static Dataset<Row> scored(PeerRobustZModel model) {
    Dataset<Row> input =
        spark.createDataFrame(
            List.of(RowFactory.create("0803", 6.0), RowFactory.create("0901", 4.0),
                RowFactory.create("9999", 4.0), RowFactory.create("0803", null)),
            SCHEMA);
    return model.transform(input).orderBy("heading", "value");
  }

  @Test
  void robustZAgainstTheGroupMedianAndMad() {
    PeerRobustZModel model = estimator().fit(history);
    assertThat(model.medianOf("0803")).isEqualTo(3.0);
    assertThat(model.madOf("0803")).isEqualTo(1.0);
    // global over 1,2,3,4,100,50,60: median 4; deviations 3,2,1,0,96,46,56 -> MAD 3
    assertThat(model.medianOf("0901")).isEqualTo(4.0);
    assertThat(model.madOf("0901")).isEqualTo(3.0);
    List<Row> rows = scored(model).collectAsList();
    // ordered: (0803, null), (0803, 6), (0901, 4), (9999, 4)
    assertThat(rows.get(0).isNullAt(rows.get(0).fieldIndex("z"))).isTrue();
    assertThat(rows.get(1).<Double>getAs("z")).isCloseTo((6.0 - 3.0) / 1.4826, within(1e-9));
    assertThat(rows.get(1).<Double>getAs("ratio")).isCloseTo(2.0, within(1e-9));
    assertThat(rows.get(2).<Double>getAs("z")).isCloseTo(0.0, within(1e-9));
    assertThat(rows.get(3).<Double>getAs("ratio")).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void savesAndLoadsEstimatorAndModel(@TempDir Path dir) throws Exception {
    PeerRobustZ estimator = estimator();
    estimator.save(dir.resolve("estimator").toString());
    PeerRobustZ loadedEstimator = PeerRobustZ.load(dir.resolve("estimator").toString());
    assertThat(loadedEstimator.uid()).isEqualTo(estimator.uid());
    assertThat(loadedEstimator.getOrDefault(loadedEstimator.minGroupSize())).isEqualTo(3);

    PeerRobustZModel model = estimator.fit(history);
    model.write().overwrite().save(dir.resolve("model").toString());
    PeerRobustZModel loaded = PeerRobustZModel.load(dir.resolve("model").toString());
    assertThat(Files.exists(dir.resolve("model").resolve("metadata"))).isTrue();
    DataFrameAssert.assertSameRows(scored(loaded), scored(model));
  }

  @Test
  void checksInputsAndRefusesToOverwriteAColumn() {
    assertThatThrownBy(() -> estimator().setOutputCol("value").fit(history))
        .hasMessageContaining("would write column value");
    assertThatThrownBy(() -> estimator().setInputCol("heading").fit(history))
        .hasMessageContaining("heading").hasMessageContaining("numeric");
    assertThatThrownBy(() -> estimator().setGroupCol("hs").fit(history))
        .hasMessageContaining("needs column(s) [hs]");
    assertThatThrownBy(() -> new PeerRobustZ().setMinGroupSize(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copyKeepsParamsUnderTheSameUid() {
    PeerRobustZModel model = estimator().fit(history);
    PeerRobustZModel copy = model.copy(new org.apache.spark.ml.param.ParamMap());
    assertThat(copy).isNotSameAs(model);
    assertThat(copy.uid()).isEqualTo(model.uid());
    assertThat(copy.medianOf("0803")).isEqualTo(3.0);
  }
}
