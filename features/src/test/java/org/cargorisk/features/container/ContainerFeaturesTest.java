package org.cargorisk.features.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cargorisk.features.container.ContainerFeatureColumns.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.BronzeFixtures;
import org.cargorisk.features.TestReference;
import org.cargorisk.features.inputs.BronzeInputs;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hand-made voyage Guayaquil - Manzanillo - Algeciras - Rotterdam, with a known value for every
 * feature group, plus records after the scoring date that must never reach its features.
 */
@Slow
class ContainerFeaturesTest {
  static final LocalDate D = LocalDate.parse("2026-03-10");
  static SparkSession spark;
  static BronzeInputs present;
  static BronzeInputs withFuture;
  static Dataset<Row> onD;

  @BeforeAll
  static void fixtures() {
    spark = SparkTestSession.get();
    BronzeFixtures f = new BronzeFixtures(spark);
    addPresent(f);
    present = f.inputs();
    addFuture(f);
    withFuture = f.inputs();
    onD = build(withFuture, D, D).cache();
  }

  static void addPresent(BronzeFixtures f) {
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F1", Contracts.NAME, "Shipper", Contracts.REGISTERED_ON, "2026-02-01",
        Contracts.ADDRESS, "Calle 1", Contracts.COUNTRY, "EC", Contracts.SECTOR, "SHIPPER");
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F2", Contracts.NAME, "Consignee", Contracts.REGISTERED_ON, "2020-01-01",
        Contracts.ADDRESS, "Dam 1");
    // history: the lane's usual route calls at Algeciras only; peers weigh 20 t, 0.5 EUR/kg
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL0", Contracts.CONTAINER_ID, "MSKU0000001",
        Contracts.VOYAGE_ID, "VY0", Contracts.FILED_AT, "2026-01-10T06:00:00Z", Contracts.ETA, "2026-01-30T06:00:00Z");
    for (int i = 1; i <= 5; i++) {
      f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BLH" + i, Contracts.CONTAINER_ID, "MSKU900000" + i,
          Contracts.VOYAGE_ID, "VY0", Contracts.SHIPPER_ID, "F20", Contracts.CONSIGNEE_ID, "F21",
          Contracts.FILED_AT, "2026-01-1" + i + "T06:00:00Z", Contracts.ETA, "2026-01-30T06:00:00Z");
    }
    call(f, "VY0", 1, "ECGYE", null, "2026-01-12T12:00:00Z");
    call(f, "VY0", 2, "ESALG", "2026-01-25T00:00:00Z", "2026-01-26T00:00:00Z");
    call(f, "VY0", 3, "NLRTM", "2026-01-30T06:00:00Z", "2026-01-31T00:00:00Z");
    f.add(Source.INSPECTIONS, Contracts.BL_NUMBER, "BL0", Contracts.CONTAINER_ID, "MSKU0000001",
        Contracts.INSPECTED_AT, "2026-01-31T10:00:00Z", Contracts.OUTCOME, "HIT");

    // C1 arrives on D+1: amended after departure, heavier and cheaper than its peers
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL1", Contracts.CONTAINER_ID, "MSKU1000001",
        Contracts.NOTIFY_PARTY_ID, "F2", Contracts.GROSS_WEIGHT_KG, 30000.0, Contracts.DECLARED_VALUE_EUR, 3000.0,
        Contracts.FILED_AT, "2026-02-25T06:00:00Z", BronzeColumns.FIRST_FILED_AT, "2026-02-19T06:00:00Z",
        BronzeColumns.AMENDMENT_COUNT, 1, Contracts.ETA, "2026-03-11T06:00:00Z");
    call(f, "VY1", 1, "ECGYE", null, "2026-02-22T12:00:00Z");
    call(f, "VY1", 2, "PAMIT", "2026-02-26T00:00:00Z", "2026-02-28T12:00:00Z");
    call(f, "VY1", 3, "ESALG", "2026-03-05T00:00:00Z", "2026-03-06T00:00:00Z");
    event(f, "MSKU1000001", "GATE_IN", "ECGYE", "2026-02-21T08:00:00Z", "S1");
    event(f, "MSKU1000001", "LOAD", "ECGYE", "2026-02-22T06:00:00Z", "S1");
    event(f, "MSKU1000001", "DISCHARGE", "PAMIT", "2026-02-26T10:00:00Z", "S1");
    event(f, "MSKU1000001", "TRANSSHIP", "PAMIT", "2026-02-26T12:00:00Z", null);
    event(f, "MSKU1000001", "SEAL_CHANGE", "PAMIT", "2026-02-28T09:00:00Z", "S2");
    event(f, "MSKU1000001", "LOAD", "PAMIT", "2026-02-28T10:00:00Z", "S2");
    // an earlier trip of the same container (before eta - 45 days) is not this trip
    event(f, "MSKU1000001", "TRANSSHIP", "COCTG", "2026-01-05T00:00:00Z", null);

    // C2 was filed late (on D, after arriving on D-1): discharged and gated out already
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL2", Contracts.CONTAINER_ID, "MSKU2000002",
        Contracts.CONSIGNEE_ID, "F3", Contracts.DECLARED_VALUE_EUR, null, Contracts.VOYAGE_ID, "VY9",
        Contracts.FILED_AT, "2026-03-10T12:00:00Z", Contracts.ETA, "2026-03-09T06:00:00Z");
    event(f, "MSKU2000002", "DISCHARGE", "NLRTM", "2026-03-09T06:00:00Z", "S1");
    event(f, "MSKU2000002", "GATE_OUT", "NLRTM", "2026-03-10T06:00:00Z", "S1");

    // C3 arrives on D+2 (scored on D+1); C4 was filed on 1 March and amended after D: the first
    // version is the one known on D (scored with it), the amendment replaces it from 11 March
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL3", Contracts.CONTAINER_ID, "MSKU3000003",
        Contracts.FILED_AT, "2026-03-01T06:00:00Z", Contracts.ETA, "2026-03-12T06:00:00Z");
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL4", Contracts.CONTAINER_ID, "MSKU4000004",
        Contracts.FILED_AT, "2026-03-01T06:00:00Z", Contracts.ETA, "2026-03-11T06:00:00Z",
        BronzeColumns.VALID_TO, "2026-03-11");
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL4", Contracts.CONTAINER_ID, "MSKU4000004",
        Contracts.FILED_AT, "2026-03-11T01:00:00Z", BronzeColumns.FIRST_FILED_AT, "2026-03-01T06:00:00Z",
        BronzeColumns.AMENDMENT_COUNT, 1, Contracts.ETA, "2026-03-11T06:00:00Z");

    // firm risk: the consignee was paid by F7, labelled malafide on 1 March
    f.add(Source.TRANSACTIONS, Contracts.TXN_ID, "T1", Contracts.BOOKED_AT, "2026-02-10T10:00:00Z",
        Contracts.PAYER_ID, "F7", Contracts.PAYEE_ID, "F2", Contracts.AMOUNT, 9500.0);
    f.add(Source.TRANSACTIONS, Contracts.TXN_ID, "T2", Contracts.BOOKED_AT, "2026-02-15T10:00:00Z",
        Contracts.PAYER_ID, "F8", Contracts.PAYEE_ID, "F2", Contracts.AMOUNT, 100.0);
    f.add(Source.FIRM_LABELS, Contracts.FIRM_ID, "F7", Contracts.LABELLED_ON, "2026-03-01", Contracts.LABEL, "MALAFIDE");
  }

  /** Records that happen (or arrive) after D. */
  static void addFuture(BronzeFixtures f) {
    event(f, "MSKU1000001", "DISCHARGE", "NLRTM", "2026-03-11T08:00:00Z", "S9");
    event(f, "MSKU1000001", "GATE_OUT", "NLRTM", "2026-03-12T10:00:00Z", "S9");
    event(f, "MSKU1000001", "TRANSSHIP", "COCTG", "2026-03-10T20:00:00Z", null,
        BronzeColumns.BUSINESS_DATE, "2026-03-11");
    call(f, "VY1", 4, "NLRTM", "2026-03-11T05:00:00Z", null);
    call(f, "VY2", 1, "COCTG", "2026-03-20T00:00:00Z", null);
    f.add(Source.INSPECTIONS, Contracts.BL_NUMBER, "BL0", Contracts.CONTAINER_ID, "MSKU0000001",
        Contracts.INSPECTED_AT, "2026-03-12T10:00:00Z", Contracts.OUTCOME, "HIT");
    f.add(Source.FIRM_LABELS, Contracts.FIRM_ID, "F8", Contracts.LABELLED_ON, "2026-03-15", Contracts.LABEL, "MALAFIDE");
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL5", Contracts.CONTAINER_ID, "MSKU5000005",
        Contracts.FILED_AT, "2026-03-11T06:00:00Z", Contracts.ETA, "2026-03-25T06:00:00Z");
  }

  static void call(BronzeFixtures f, String voyage, int seq, String port, String arrived, String departed) {
    f.add(Source.PORT_CALLS, Contracts.VOYAGE_ID, voyage, Contracts.SEQ, seq, Contracts.PORT, port,
        Contracts.ARRIVED_AT, arrived, Contracts.DEPARTED_AT, departed);
  }

  static void event(BronzeFixtures f, String container, String type, String location, String at, String seal,
      Object... more) {
    Object[] values = {Contracts.CONTAINER_ID, container, Contracts.EVENT_TYPE, type, Contracts.LOCATION, location,
        Contracts.EVENT_AT, at, Contracts.SEAL_NUMBER, seal};
    Object[] all = java.util.Arrays.copyOf(values, values.length + more.length);
    System.arraycopy(more, 0, all, values.length, more.length);
    f.add(Source.CONTAINER_EVENTS, all);
  }

  static Dataset<Row> build(BronzeInputs inputs, LocalDate from, LocalDate to) {
    return ContainerFeatures.builder(spark).bronze(inputs).reference(TestReference.get())
        .from(from).to(to).fitBefore(D).build();
  }

  static Row row(Dataset<Row> features, String bl) {
    return features.where(features.col(BL_NUMBER).equalTo(bl)).first();
  }

  static double value(Row row, String column) {
    return row.<Double>getAs(column);
  }

  @Test
  void scoresTomorrowsArrivalsAndLateFilingsWithTheirKeys() {
    assertThat(onD.columns()).containsExactlyElementsOf(ALL);
    assertThat(onD.orderBy(BL_NUMBER).select(BL_NUMBER).as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("BL1", "BL2", "BL4");
    // BL4 with the version known on D: its first filing, not the amendment that landed after D
    assertThat(value(row(onD, "BL4"), AMENDMENT_COUNT)).isEqualTo(0.0);
    assertThat(value(row(onD, "BL4"), FILING_LEAD_HOURS)).isEqualTo(240.0);
    Row c1 = row(onD, "BL1");
    assertThat(c1.<String>getAs(OFFICE)).isEqualTo("NLRTM");
    assertThat(c1.<java.sql.Date>getAs(AS_OF)).isEqualTo(java.sql.Date.valueOf(D));
    org.apache.spark.sql.Column anyNull = org.apache.spark.sql.functions.lit(false);
    for (String feature : FEATURES) {
      assertThat(onD.schema().apply(feature).dataType().typeName()).as(feature).isEqualTo("double");
      anyNull = anyNull.or(onD.col(feature).isNull());
    }
    assertThat(onD.where(anyNull).isEmpty()).as("no feature is null").isTrue();
  }

  @Test
  void routeFeatures() {
    Row c1 = row(onD, "BL1");
    assertThat(value(c1, ORIGIN_PORT_TIER)).isEqualTo(3.0);
    assertThat(value(c1, ORIGIN_COUNTRY_TIER)).isEqualTo(3.0);
    assertThat(value(c1, ROUTE_INTERMEDIATE_CALLS)).isEqualTo(2.0);
    assertThat(value(c1, ROUTE_MAX_PORT_TIER)).isEqualTo(3.0);
    assertThat(value(c1, ROUTE_HIGH_RISK_PORTS)).isEqualTo(1.0);
    assertThat(value(c1, TRANSSHIPMENT_COUNT)).isEqualTo(1.0);
    // the port the officer reads: this trip's, known by D (not the earlier trip's, not tomorrow's)
    assertThat(c1.<String>getAs(TRANSSHIPMENT_PORTS)).isEqualTo("PAMIT");
    assertThat(row(onD, "BL2").<String>getAs(TRANSSHIPMENT_PORTS)).as("none known: null, not empty").isNull();
    // usual route of the lane: Algeciras only (1 call); C1 also called at Manzanillo
    assertThat(value(c1, ROUTE_DETOUR_CALLS)).isEqualTo(1.0);
    assertThat(value(c1, ROUTE_UNUSUAL)).isEqualTo(1.0);
    assertThat(value(c1, LANE_NEW)).isEqualTo(0.0);
    // Guayaquil in January and February, Manzanillo in February
    assertThat(value(c1, VESSEL_HIGH_RISK_CALLS_90D)).isEqualTo(3.0);
  }

  @Test
  void eventFeatures() {
    Row c1 = row(onD, "BL1");
    assertThat(value(c1, TRANSSHIP_DWELL_HOURS_MAX)).isEqualTo(48.0);
    assertThat(value(c1, SEAL_CHANGE_COUNT)).isEqualTo(1.0);
    assertThat(value(c1, SEAL_MISMATCH_COUNT)).isEqualTo(1.0);
    assertThat(value(c1, EVENT_ORDER_UNUSUAL)).isEqualTo(0.0);
    assertThat(value(c1, GATE_OUT_KNOWN)).isEqualTo(0.0);
    Row c2 = row(onD, "BL2");
    assertThat(value(c2, DISCHARGE_TO_GATE_OUT_HOURS)).isEqualTo(24.0);
    assertThat(value(c2, GATE_OUT_KNOWN)).isEqualTo(1.0);
  }

  @Test
  void goodsFeatures() {
    Row c1 = row(onD, "BL1");
    assertThat(value(c1, HS_CHAPTER)).isEqualTo(8.0);
    assertThat(value(c1, COVER_GOODS)).isEqualTo(1.0);
    assertThat(value(c1, WEIGHT_EXPECTED_RATIO)).isEqualTo(1.5);
    // peers are identical (MAD 0): the scale floor is 1% of the median
    assertThat(value(c1, WEIGHT_ROBUST_Z)).isCloseTo(10000.0 / 200.0, within(1e-9));
    assertThat(value(c1, VALUE_PER_KG_ROBUST_Z)).isCloseTo((0.1 - 0.5) / 0.005, within(1e-9));
    assertThat(value(c1, VALUE_MISSING)).isEqualTo(0.0);
    Row c2 = row(onD, "BL2");
    assertThat(value(c2, VALUE_MISSING)).isEqualTo(1.0);
    assertThat(value(c2, VALUE_PER_KG_ROBUST_Z)).isEqualTo(0.0);
  }

  @Test
  void partyFeatures() {
    Row c1 = row(onD, "BL1");
    assertThat(value(c1, SHIPPER_AGE_DAYS)).isEqualTo(37.0);
    assertThat(value(c1, CONSIGNEE_AGE_DAYS))
        .isEqualTo((double) ChronoUnit.DAYS.between(LocalDate.parse("2020-01-01"), D));
    assertThat(value(c1, FORWARDER_AGE_DAYS)).isEqualTo(0.0);
    assertThat(value(c1, SHIPPER_UNKNOWN)).isEqualTo(0.0);
    assertThat(value(c1, SHIPPER_PRIOR_MANIFESTS)).isEqualTo(1.0);
    assertThat(value(c1, CONSIGNEE_PRIOR_MANIFESTS)).isEqualTo(1.0);
    assertThat(value(c1, SHIPPER_PAST_INSPECTIONS)).isEqualTo(1.0);
    assertThat(value(c1, SHIPPER_PAST_HITS)).isEqualTo(1.0);
    assertThat(value(c1, CONSIGNEE_PAST_HITS)).isEqualTo(1.0);
    assertThat(value(c1, FIRST_TIME_PAIR)).isEqualTo(0.0);
    assertThat(value(c1, CONSIGNEE_NEW_ORIGIN_COUNTRY)).isEqualTo(0.0);
    assertThat(value(c1, NOTIFY_IS_CONSIGNEE)).isEqualTo(1.0);
    assertThat(value(c1, NOTIFY_PARTY_UNKNOWN)).isEqualTo(0.0);
    Row c2 = row(onD, "BL2");
    // BL0, BL1, and BL3 and BL4 (first filed on 1 March; BL4 amended after D)
    assertThat(value(c2, SHIPPER_PRIOR_MANIFESTS)).isEqualTo(4.0);
    assertThat(value(c2, CONSIGNEE_UNKNOWN)).isEqualTo(1.0);
    assertThat(value(c2, FIRST_TIME_PAIR)).isEqualTo(1.0);
    assertThat(value(c2, NOTIFY_PARTY_UNKNOWN)).isEqualTo(1.0);
  }

  @Test
  void firmRiskAndFilingFeatures() {
    Row c1 = row(onD, "BL1");
    assertThat(value(c1, CONSIGNEE_MALAFIDE_LINKS)).isEqualTo(1.0);
    assertThat(value(c1, SHIPPER_MALAFIDE_LINKS)).isEqualTo(0.0);
    assertThat(value(c1, CONSIGNEE_STRUCTURING_90D)).isEqualTo(1.0);
    assertThat(value(c1, FILING_LEAD_HOURS)).isEqualTo(480.0);
    assertThat(value(c1, FILED_AFTER_DEPARTURE)).isEqualTo(0.0);
    assertThat(value(c1, AMENDMENT_COUNT)).isEqualTo(1.0);
    assertThat(value(c1, AMENDMENT_AFTER_DEPARTURE)).isEqualTo(1.0);
    assertThat(value(row(onD, "BL2"), FILING_LEAD_HOURS)).isEqualTo(-30.0);
  }

  @Test
  void recordsAfterTheScoringDateNeverReachItsFeatures() {
    // Same data without the future records: identical features for D.
    DataFrameAssert.assertSameRows(onD, build(present, D, D));
  }

  @Test
  void rangeEqualsDayByDay() {
    Dataset<Row> range = build(withFuture, D, D.plusDays(1));
    Dataset<Row> daily = onD.union(build(withFuture, D.plusDays(1), D.plusDays(1)));
    DataFrameAssert.assertSameRows(range, daily);
    assertThat(range.where(range.col(BL_NUMBER).equalTo("BL3")).count()).isEqualTo(1);
  }

  @Test
  void refusesAnInputWithoutTheContractColumns() {
    BronzeFixtures f = new BronzeFixtures(spark);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new BronzeInputs(
                f.table(Source.MANIFESTS).drop(Contracts.ETA), f.table(Source.PORT_CALLS),
                f.table(Source.CONTAINER_EVENTS), f.table(Source.FIRMS), f.table(Source.TRANSACTIONS),
                f.table(Source.INSPECTIONS), f.table(Source.FIRM_LABELS)))
        .hasMessageContaining("bronze manifests")
        .hasMessageContaining(Contracts.ETA);
  }

}
