package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.BronzeFixtures;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.jobs.config.ConfigKeys;
import org.cargorisk.jobs.config.ConfigLoader;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.TableIO;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EndToEnd
class FeaturesJobTest {
  static final LocalDate D = LocalDate.parse("2026-03-10");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-11T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path lakeDir;

  private CargoRiskConfig config() {
    return ConfigLoader.load(
        null,
        Map.of(
            ConfigKeys.LAKE, lakeDir.toString(),
            ConfigKeys.REFERENCE_DIR, TestPaths.repoRoot().resolve("data-samples/reference").toString()));
  }

  private void writeBronze(SparkSession spark) {
    BronzeFixtures f = new BronzeFixtures(spark);
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F1", Contracts.NAME, "Shipper", Contracts.REGISTERED_ON, "2025-01-01",
        Contracts.ADDRESS, "Calle 1");
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F2", Contracts.NAME, "Consignee", Contracts.REGISTERED_ON, "2020-01-01",
        Contracts.ADDRESS, "Dam 1");
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL0", Contracts.CONTAINER_ID, "MSKU0000001",
        Contracts.FILED_AT, "2026-01-10T06:00:00Z", Contracts.ETA, "2026-01-30T06:00:00Z");
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL1", Contracts.CONTAINER_ID, "MSKU1000001",
        Contracts.FILED_AT, "2026-02-25T06:00:00Z", Contracts.ETA, "2026-03-10T06:00:00Z");
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL2", Contracts.CONTAINER_ID, "MSKU2000002",
        Contracts.FILED_AT, "2026-02-26T06:00:00Z", Contracts.ETA, "2026-03-11T06:00:00Z");
    f.add(Source.PORT_CALLS, Contracts.SEQ, 1, Contracts.PORT, "ECGYE", Contracts.DEPARTED_AT, "2026-02-27T00:00:00Z");
    f.add(Source.CONTAINER_EVENTS, Contracts.CONTAINER_ID, "MSKU1000001", Contracts.EVENT_TYPE, "LOAD",
        Contracts.LOCATION, "ECGYE", Contracts.EVENT_AT, "2026-02-27T00:00:00Z");
    f.add(Source.TRANSACTIONS, Contracts.TXN_ID, "T1", Contracts.BOOKED_AT, "2026-03-01T10:00:00Z",
        Contracts.PAYER_ID, "F2", Contracts.PAYEE_ID, "F1", Contracts.AMOUNT, 9500.0);
    f.add(Source.INSPECTIONS, Contracts.BL_NUMBER, "BL0", Contracts.CONTAINER_ID, "MSKU0000001",
        Contracts.INSPECTED_AT, "2026-01-31T10:00:00Z");
    f.add(Source.FIRM_LABELS, Contracts.FIRM_ID, "F9", Contracts.LABELLED_ON, "2026-01-01", Contracts.LABEL, "CLEARED");
    f.writeHistory(new TableIO(spark, new Lake(lakeDir.toString())));
  }

  @Test
  void writesTheAsOfPartitionsAndReRunsIdempotently() throws Exception {
    SparkSession spark = SparkTestSession.get();
    writeBronze(spark);
    Lake lake = new Lake(lakeDir.toString());
    LocalDate first = D.minusDays(1);

    assertThat(new FeaturesJob().from(first).execute(spark, config(), D, CLOCK)).isZero();
    Dataset<Row> containers = spark.read().format("delta").load(lake.containerFeatures()).localCheckpoint();
    Dataset<Row> firms = spark.read().format("delta").load(lake.firmFeatures()).localCheckpoint();
    // BL1 scored on 9 March (arrives on the 10th), BL2 on the 10th; two firms on two dates
    assertThat(containers.orderBy(ContainerFeatureColumns.AS_OF)
            .select(ContainerFeatureColumns.BL_NUMBER).as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("BL1", "BL2");
    assertThat(firms.count()).isEqualTo(4);
    assertThat(DeltaTable.forPath(spark, lake.containerFeatures()).detail().select("partitionColumns").first()
            .getList(0))
        .containsExactly(ContainerFeatureColumns.AS_OF);

    // a re-run of D (inside the first run's range): same tables, nothing duplicated or lost
    assertThat(new FeaturesJob().execute(spark, config(), D, CLOCK)).isZero();
    DataFrameAssert.assertSameRows(spark.read().format("delta").load(lake.containerFeatures()), containers);
    DataFrameAssert.assertSameRows(spark.read().format("delta").load(lake.firmFeatures()), firms);
    assertThat(firms.columns()).containsExactlyElementsOf(FirmFeatureColumns.ALL);
    assertThat(lakeDir.resolve("models").resolve(FeaturesJob.STATISTICS_FOLDER).resolve(first.toString())
            .resolve("lanes").resolve("metadata"))
        .exists();
  }

  @Test
  void withTheGraphSwitchOffTheGraphFlowColumnsAreZero() throws Exception {
    SparkSession spark = SparkTestSession.get();
    writeBronze(spark);
    CargoRiskConfig off =
        ConfigLoader.load(
            null,
            Map.of(
                ConfigKeys.LAKE, lakeDir.toString(),
                ConfigKeys.REFERENCE_DIR, TestPaths.repoRoot().resolve("data-samples/reference").toString(),
                ConfigKeys.FEATURES_GRAPH_ENABLED, "false"));
    assertThat(new FeaturesJob().execute(spark, off, D, CLOCK)).isZero();
    Row f1 =
        spark.read().format("delta").load(new Lake(lakeDir.toString()).firmFeatures())
            .where(org.apache.spark.sql.functions.col(FirmFeatureColumns.FIRM_ID).equalTo("F1"))
            .first();
    // F2 paid F1 on 1 March: the transaction features count it, the switched-off graph ones not
    assertThat(f1.<Double>getAs(FirmFeatureColumns.TXN_COUNT_30D)).isEqualTo(1.0);
    for (String feature : FirmFeatureColumns.GRAPH_FEATURES) {
      assertThat(f1.<Double>getAs(feature)).as(feature).isEqualTo(0.0);
    }
  }

  @Test
  void missingBronzeHistoryIsAClearUserError() {
    SparkSession spark = SparkTestSession.get();
    assertThatThrownBy(() -> new FeaturesJob().execute(spark, config(), D, CLOCK))
        .hasMessageContaining("Bronze history not found")
        .hasMessageContaining("cargorisk ingest");
  }
}
