package org.cargorisk.features.fitted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages saved by an earlier build still load: the files under {@code
 * src/test/resources/org/cargorisk/features/fitted/saved} were written on 2026-11-25 by the
 * build of commit 7915419, where the estimator and the model each declared their own Params
 * (fitted on the fixtures of {@link LaneRouteTest} and {@link PeerRobustZTest}). They are frozen on
 * purpose: do not regenerate them, since a lake keeps the statistics it saved (feature-statistics
 * per cutoff) and later builds must read them. A change that breaks this test breaks saved
 * lakes.
 */
class SavedFittedStagesTest {
  @BeforeAll
  static void data() {
    LaneRouteTest.data();
    PeerRobustZTest.data();
  }

  /**
   * The saved stage's folder in the source tree: Spark ML loads folders, and the tests run from
   * the features test-jar in the build's one test JVM (parent pom), where the resource is a jar
   * entry.
   */
  private static String saved(String stage) {
    return TestPaths.repoRoot()
        .resolve("features/src/test/resources/org/cargorisk/features/fitted/saved")
        .resolve(stage)
        .toString();
  }

  @Test
  void laneRouteEstimatorLoadsWithItsParamsAndDefault() {
    LaneRoute loaded = LaneRoute.load(saved("lane-route"));
    assertThat(loaded.uid()).isEqualTo("laneRoute_saved");
    assertThat(loaded.getOrDefault(loaded.laneCol())).isEqualTo("lane");
    assertThat(loaded.getOrDefault(loaded.routeCol())).isEqualTo("route");
    assertThat(loaded.getOrDefault(loaded.callsCol())).isEqualTo("calls");
    assertThat(loaded.getOrDefault(loaded.detourCol())).isEqualTo("detour");
    assertThat(loaded.getOrDefault(loaded.unusualRouteCol())).isEqualTo("unusual");
    assertThat(loaded.getOrDefault(loaded.newLaneCol())).isEqualTo("new_lane");
    assertThat(loaded.isSet(loaded.minLaneCount())).isFalse();
    assertThat((int) loaded.getOrDefault(loaded.minLaneCount())).isEqualTo(3);
    assertThat(loaded.params()).hasSize(7);
  }

  @Test
  void laneRouteModelLoadsAndScoresAsWhenItWasSaved(@TempDir Path dir) throws Exception {
    LaneRouteModel loaded = LaneRouteModel.load(saved("lane-route-model"));
    assertThat(loaded.uid()).startsWith("laneRouteModel_");
    assertThat(loaded.getOrDefault(loaded.lanes())).containsExactly("ECGYE>NLRTM");
    assertThat(loaded.getOrDefault(loaded.usualRoutes())).containsExactly("ESALG");
    assertThat(loaded.getOrDefault(loaded.usualCalls())).containsExactly(1.0);
    assertThat(loaded.params()).hasSize(9);
    Object[][] expected = {
      {"ECGYE>NLRTM", 1.0, 0.0, 0.0, 0.0},
      {"ECGYE>NLRTM", 3.0, 2.0, 1.0, 0.0},
      {"COCTG>BEANR", 0.0, 0.0, 0.0, 1.0}
    };
    DataFrameAssert.assertSameRows(LaneRouteTest.scored(loaded), LaneRouteTest.expected(expected));

    // Saved again by this build, it loads the same.
    loaded.save(dir.resolve("again").toString());
    LaneRouteModel again = LaneRouteModel.load(dir.resolve("again").toString());
    assertThat(again.uid()).isEqualTo(loaded.uid());
    DataFrameAssert.assertSameRows(LaneRouteTest.scored(again), LaneRouteTest.expected(expected));
  }

  @Test
  void peerRobustZEstimatorLoadsWithItsParamsAndDefaults() {
    PeerRobustZ loaded = PeerRobustZ.load(saved("peer-robust-z"));
    assertThat(loaded.uid()).isEqualTo("peerRobustZ_saved");
    assertThat(loaded.getOrDefault(loaded.inputCol())).isEqualTo("value");
    assertThat(loaded.getOrDefault(loaded.groupCol())).isEqualTo("heading");
    assertThat(loaded.getOrDefault(loaded.outputCol())).isEqualTo("z");
    assertThat(loaded.getOrDefault(loaded.ratioCol())).isEqualTo("ratio");
    assertThat((int) loaded.getOrDefault(loaded.minGroupSize())).isEqualTo(3);
    assertThat(loaded.isSet(loaded.accuracy())).isFalse();
    assertThat((int) loaded.getOrDefault(loaded.accuracy())).isEqualTo(10000);
    assertThat(loaded.params()).hasSize(6);

    PeerRobustZ defaults = PeerRobustZ.load(saved("peer-robust-z-defaults"));
    assertThat(defaults.isSet(defaults.ratioCol())).isFalse();
    assertThat(defaults.getOrDefault(defaults.ratioCol())).isEmpty();
    assertThat((int) defaults.getOrDefault(defaults.minGroupSize())).isEqualTo(5);
  }

  @Test
  void peerRobustZModelLoadsAndScoresAsWhenItWasSaved() {
    PeerRobustZModel loaded = PeerRobustZModel.load(saved("peer-robust-z-model"));
    assertThat(loaded.uid()).startsWith("peerRobustZModel_");
    assertThat(loaded.getOrDefault(loaded.ratioCol())).isEqualTo("ratio");
    assertThat(loaded.medianOf("0803")).isEqualTo(3.0);
    assertThat(loaded.madOf("0803")).isEqualTo(1.0);
    assertThat(loaded.medianOf("0901")).isEqualTo(4.0);
    assertThat(loaded.madOf("0901")).isEqualTo(3.0);
    assertThat(loaded.params()).hasSize(9);
    List<Row> rows = PeerRobustZTest.scored(loaded).collectAsList();
    // ordered: (0803, null), (0803, 6), (0901, 4), (9999, 4)
    assertThat(rows.get(0).isNullAt(rows.get(0).fieldIndex("z"))).isTrue();
    assertThat(rows.get(1).<Double>getAs("z")).isCloseTo((6.0 - 3.0) / 1.4826, within(1e-9));
    assertThat(rows.get(1).<Double>getAs("ratio")).isCloseTo(2.0, within(1e-9));
    assertThat(rows.get(2).<Double>getAs("z")).isCloseTo(0.0, within(1e-9));
    assertThat(rows.get(3).<Double>getAs("ratio")).isCloseTo(1.0, within(1e-9));
  }
}
