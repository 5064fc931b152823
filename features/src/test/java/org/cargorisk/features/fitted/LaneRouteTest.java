package org.cargorisk.features.fitted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class LaneRouteTest {
  static final StructType SCHEMA =
      new StructType()
          .add("lane", DataTypes.StringType, true)
          .add("route", DataTypes.StringType, true)
          .add("calls", DataTypes.DoubleType, true);
  static SparkSession spark;
  static Dataset<Row> history;

  @BeforeAll
  static void data() {
    spark = SparkTestSession.get();
    history =
        spark.createDataFrame(
            List.of(
                RowFactory.create("ECGYE>NLRTM", "ESALG", 1.0),
                RowFactory.create("ECGYE>NLRTM", "ESALG", 1.0),
                RowFactory.create("ECGYE>NLRTM", "PAMIT-ESALG", 2.0),
                RowFactory.create("COCTG>BEANR", "", 0.0)),
            SCHEMA);
  }

  static LaneRoute estimator() {
    return new LaneRoute().setLaneCol("lane").setRouteCol("route").setCallsCol("calls")
        .setDetourCol("detour").setUnusualRouteCol("unusual").setNewLaneCol("new_lane");
  }

  static Dataset<Row> scored(LaneRouteModel model) {
    Dataset<Row> input =
        spark.createDataFrame(
            List.of(
                RowFactory.create("ECGYE>NLRTM", "ESALG", 1.0),
                RowFactory.create("ECGYE>NLRTM", "PAMIT-COCTG-ESALG", 3.0),
                RowFactory.create("COCTG>BEANR", "", 0.0)),
            SCHEMA);
    return model.transform(input).select("lane", "calls", "detour", "unusual", "new_lane");
  }

  static Dataset<Row> expected(Object[]... rows) {
    StructType schema =
        new StructType().add("lane", DataTypes.StringType).add("calls", DataTypes.DoubleType)
            .add("detour", DataTypes.DoubleType).add("unusual", DataTypes.DoubleType)
            .add("new_lane", DataTypes.DoubleType);
    return spark.createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  @Test
  void flagsDetoursAgainstTheLanesUsualRoute() {
    // ECGYE>NLRTM: usual ESALG (2 of 3), median 1 call; COCTG>BEANR seen once: a new lane
    DataFrameAssert.assertSameRows(
        scored(estimator().fit(history)),
        expected(
            new Object[] {"ECGYE>NLRTM", 1.0, 0.0, 0.0, 0.0},
            new Object[] {"ECGYE>NLRTM", 3.0, 2.0, 1.0, 0.0},
            new Object[] {"COCTG>BEANR", 0.0, 0.0, 0.0, 1.0}));
  }

  @Test
  void savesAndLoads(@TempDir Path dir) throws Exception {
    LaneRouteModel model = estimator().setMinLaneCount(1).fit(history);
    model.write().overwrite().save(dir.resolve("model").toString());
    LaneRouteModel loaded = LaneRouteModel.load(dir.resolve("model").toString());
    assertThat(loaded.getOrDefault(loaded.usualRoutes())).containsExactly("", "ESALG");
    DataFrameAssert.assertSameRows(scored(loaded), scored(model));
    LaneRoute estimator = estimator();
    estimator.write().overwrite().save(dir.resolve("estimator").toString());
    assertThat(LaneRoute.load(dir.resolve("estimator").toString()).uid()).isEqualTo(estimator.uid());
  }

  @Test
  void refusesToOverwriteAColumn() {
    assertThatThrownBy(() -> estimator().setDetourCol("calls").fit(history))
        .hasMessageContaining("would write column calls");
  }
}
