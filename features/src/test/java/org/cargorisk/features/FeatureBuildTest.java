package org.cargorisk.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.container.ContainerFeatures;
import org.cargorisk.features.container.ContainerStatistics;
import org.cargorisk.features.container.StatisticsStore;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.features.inputs.BronzeInputs;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature build against a lake: fitted statistics are saved per cutoff and re-used, so the
 * features of a later scoring date are computed with the statistics the training features used,
 * and data that arrives after the cutoff never reaches them unless a refit is asked for.
 */
@Slow
class FeatureBuildTest {
  /** The training build's first as_of: the statistics' cutoff. */
  static final LocalDate TRAINING = LocalDate.parse("2026-03-01");
  /** A later scoring night. */
  static final LocalDate SCORING = LocalDate.parse("2026-03-10");

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-11T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path lakeDir;

  private ReferenceData reference(SparkSession spark) {
    return ReferenceData.load(
        spark.sparkContext().hadoopConfiguration(),
        TestPaths.repoRoot().resolve("data-samples/reference").toString());
  }

  /**
   * History before the cutoff: six banana manifests at 0.4 to 0.65 EUR/kg; BL_T scored on the
   * training night; BL_S (0.5 EUR/kg) scored on the later night.
   */
  private static BronzeFixtures history(SparkSession spark) {
    BronzeFixtures f = new BronzeFixtures(spark);
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F1", Contracts.NAME, "Shipper", Contracts.REGISTERED_ON, "2020-01-01",
        Contracts.ADDRESS, "Calle 1");
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F2", Contracts.NAME, "Consignee", Contracts.REGISTERED_ON, "2020-01-01",
        Contracts.ADDRESS, "Dam 1");
    for (int i = 0; i < 6; i++) {
      f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BLH" + i, Contracts.CONTAINER_ID, "MSKU100000" + i,
          Contracts.FILED_AT, "2026-02-0" + (i + 1) + "T06:00:00Z", Contracts.ETA, "2026-02-20T06:00:00Z",
          Contracts.DECLARED_VALUE_EUR, 8000.0 + 1000.0 * i);
    }
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL_T", Contracts.CONTAINER_ID, "MSKU2000001",
        Contracts.FILED_AT, "2026-02-25T06:00:00Z", Contracts.ETA, "2026-03-02T06:00:00Z");
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL_S", Contracts.CONTAINER_ID, "MSKU3000001",
        Contracts.FILED_AT, "2026-03-03T06:00:00Z", Contracts.ETA, "2026-03-11T06:00:00Z");
    f.add(Source.FIRM_LABELS, Contracts.FIRM_ID, "F9", Contracts.LABELLED_ON, "2026-01-01", Contracts.LABEL, "CLEARED");
    return f;
  }

  /** Six manifests filed after the cutoff at 50 EUR/kg: a refit after them sees other medians. */
  private static void plantFuture(BronzeFixtures f) {
    for (int i = 0; i < 6; i++) {
      f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BLF" + i, Contracts.CONTAINER_ID, "MSKU400000" + i,
          Contracts.FILED_AT, "2026-03-0" + (i + 2) + "T06:00:00Z", Contracts.ETA, "2026-03-25T06:00:00Z",
          Contracts.DECLARED_VALUE_EUR, 1_000_000.0);
    }
  }

  private void writeBronze(BronzeFixtures f) {
    f.writeHistory(io(f.table(Source.FIRMS).sparkSession()));
  }

  private TableIO io(SparkSession spark) {
    return new TableIO(spark, new Lake(lakeDir.toString()));
  }

  private FeatureBuild build(SparkSession spark, LocalDate from, LocalDate to) {
    return FeatureBuild.builder(spark)
        .lake(new Lake(lakeDir.toString()))
        .reference(reference(spark))
        .from(from)
        .to(to)
        .clock(CLOCK);
  }

  private Dataset<Row> containerRows(SparkSession spark, LocalDate asOf) {
    return spark.read().format("delta").load(new Lake(lakeDir.toString()).containerFeatures())
        .where(col(ContainerFeatureColumns.AS_OF).equalTo(lit(asOf)));
  }

  @Test
  void scoringFeaturesUseTheTrainingStatisticsAndIgnoreAPlantedFutureRow() {
    SparkSession spark = SparkTestSession.get();
    BronzeFixtures fixtures = history(spark);
    writeBronze(fixtures);
    // The statistics as training fitted them, in memory, before the future rows existed.
    ContainerStatistics atTraining =
        ContainerFeatures.builder(spark).bronze(fixtures.inputs()).reference(reference(spark))
            .from(TRAINING).to(TRAINING).fitStatistics();

    java.util.Set<Object> before =
        new java.util.HashSet<>(scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().getPersistentRDDs()).keySet());
    FeatureBuildResult training = build(spark, TRAINING, TRAINING.plusDays(1)).execute();
    // the intermediate results the container features keep are dropped after the write (Delta
    // keeps its own log states cached)
    assertThat(scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().getPersistentRDDs()).entrySet())
        .filteredOn(entry -> !before.contains(entry.getKey()))
        .extracting(entry -> entry.getValue().name())
        .allMatch(name -> name != null && name.startsWith("Delta Table State"));
    assertThat(training.statistics().fitted()).isTrue();
    assertThat(training.statistics().cutoff()).isEqualTo(TRAINING);
    assertThat(training.containerRows()).isEqualTo(1);

    plantFuture(fixtures);
    writeBronze(fixtures);
    FeatureBuildResult scoring = build(spark, SCORING, SCORING).execute();

    // no refit: the version saved by the training build, named on every row
    assertThat(scoring.statistics().fitted()).isFalse();
    assertThat(scoring.statistics().id()).isEqualTo(TRAINING.toString());
    assertThat(new StatisticsStore(new Lake(lakeDir.toString()).models(), spark.sparkContext().hadoopConfiguration())
            .versions())
        .extracting(StatisticsStore.Version::id)
        .containsExactly(TRAINING.toString());
    Dataset<Row> written = containerRows(spark, SCORING);
    assertThat(written.select(ContainerFeatureColumns.STATISTICS_VERSION).distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly(TRAINING.toString());

    // equal to the features computed with the training-time statistics, planted rows and all
    Dataset<Row> firmTable =
        spark.read().format("delta").load(new Lake(lakeDir.toString()).firmFeatures())
            .where(col(FirmFeatureColumns.AS_OF).equalTo(lit(SCORING)));
    BronzeInputs bronze = BronzeInputs.versions(io(spark), SCORING).inputs();
    Dataset<Row> withTrainingStatistics =
        ContainerFeatures.builder(spark).bronze(bronze).reference(reference(spark)).from(SCORING).to(SCORING)
            .firmFeatures(firmTable).statistics(atTraining).build();
    DataFrameAssert.assertSameRows(written.drop(ContainerFeatureColumns.STATISTICS_VERSION), withTrainingStatistics);
    Row scored = written.where(col(ContainerFeatureColumns.BL_NUMBER).equalTo("BL_S")).first();
    double trainingZ = scored.getAs(ContainerFeatureColumns.VALUE_PER_KG_ROBUST_Z);

    // a refit sees the planted rows (so the comparison above could fail) and saves a new version
    FeatureBuildResult refit = build(spark, SCORING, SCORING).refitStatistics().execute();
    assertThat(refit.statistics().fitted()).isTrue();
    assertThat(refit.statistics().id()).isEqualTo(SCORING.toString());
    double refitZ =
        containerRows(spark, SCORING).where(col(ContainerFeatureColumns.BL_NUMBER).equalTo("BL_S")).first()
            .getAs(ContainerFeatureColumns.VALUE_PER_KG_ROBUST_Z);
    assertThat(refitZ).isNotEqualTo(trainingZ);

    // the champion's version can be asked for by id: back to the training statistics
    FeatureBuildResult pinned = build(spark, SCORING, SCORING).statisticsVersion(TRAINING.toString()).execute();
    assertThat(pinned.statistics().id()).isEqualTo(TRAINING.toString());
    DataFrameAssert.assertSameRows(containerRows(spark, SCORING), written);
  }

  @Test
  void aStatisticsVersionFittedAfterTheFirstAsOfIsRefused() {
    SparkSession spark = SparkTestSession.get();
    BronzeFixtures fixtures = history(spark);
    writeBronze(fixtures);
    ContainerStatistics fitted =
        ContainerFeatures.builder(spark).bronze(fixtures.inputs()).reference(reference(spark))
            .from(SCORING).to(SCORING).fitStatistics();
    new StatisticsStore(new Lake(lakeDir.toString()).models(), spark.sparkContext().hadoopConfiguration())
        .save(SCORING, fitted, CLOCK.instant());

    assertThatThrownBy(() -> build(spark, TRAINING, SCORING).statisticsVersion(SCORING.toString()).execute())
        .hasMessageContaining("--statistics")
        .hasMessageContaining("cutoff is after the first as_of " + TRAINING);
    // refused before anything was written
    assertThat(lakeDir.resolve("silver")).doesNotExist();
    assertThatThrownBy(() -> build(spark, SCORING, SCORING).statisticsVersion("2026-01-05").execute())
        .hasMessageContaining("Feature statistics version 2026-01-05 not found")
        .hasMessageContaining(SCORING.toString());
  }
}
