package org.cargorisk.features.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.features.catalog.GraphFeatureSpecs;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Graph features on tiny hand-made graphs. One network holds several disjoint patterns (a cycle,
 * a reversed-time "cycle", a fan-in, a scatter-gather, a pass-through firm, a structuring firm, a
 * chain away from a MALAFIDE firm, firms sharing an address or director, a trading firm) and is
 * computed once; the hub cap gets its own graphs.
 */
@Slow
class GraphFeaturesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");
  private static SparkSession spark;
  private static Map<String, Row> features;
  private static int txnCounter;

  @BeforeAll
  static void computeNetwork() {
    spark = SparkTestSession.get();
    List<Row> txns = new ArrayList<>();
    // Time-ordered 3-cycle within a week.
    txns.add(txn("2026-03-10T10:00:00Z", "CA", "CB", 100));
    txns.add(txn("2026-03-11T10:00:00Z", "CB", "CC", 100));
    txns.add(txn("2026-03-12T10:00:00Z", "CC", "CA", 100));
    // The same shape with time running backwards: not a temporal cycle.
    txns.add(txn("2026-03-12T10:00:00Z", "RA", "RB", 100));
    txns.add(txn("2026-03-11T10:00:00Z", "RB", "RC", 100));
    txns.add(txn("2026-03-10T10:00:00Z", "RC", "RA", 100));
    // A 2-cycle stretched over 3 weeks: outside the 7-day bound.
    txns.add(txn("2026-03-01T10:00:00Z", "SA", "SB", 100));
    txns.add(txn("2026-03-22T10:00:00Z", "SB", "SA", 100));
    // Fan-in: three payers in the last 30 days, one in the 30 days before.
    txns.add(txn("2026-03-20T10:00:00Z", "FP1", "FX", 50));
    txns.add(txn("2026-03-21T10:00:00Z", "FP2", "FX", 50));
    txns.add(txn("2026-03-22T10:00:00Z", "FP3", "FX", 50));
    txns.add(txn("2026-02-15T10:00:00Z", "FP4", "FX", 50));
    // Scatter-gather: GS splits over three intermediaries that all pay GT the next day.
    for (String middle : List.of("GM1", "GM2", "GM3")) {
      txns.add(txn("2026-03-05T09:00:00Z", "GS", middle, 300));
      txns.add(txn("2026-03-06T09:00:00Z", middle, "GT", 290));
    }
    // Pass-through: 1000 in, 800 out a day later, 200 out nine days later.
    txns.add(txn("2026-03-10T00:00:00Z", "PIN", "PX", 1000));
    txns.add(txn("2026-03-11T00:00:00Z", "PX", "POUT1", 800));
    txns.add(txn("2026-03-19T00:00:00Z", "PX", "POUT2", 200));
    // Structuring: two of four cash deposits just below 10 000.
    txns.add(cash("2026-03-01T10:00:00Z", "ST", 9500));
    txns.add(cash("2026-03-02T10:00:00Z", "ST", 9900));
    txns.add(cash("2026-03-03T10:00:00Z", "ST", 5000));
    txns.add(cash("2026-03-04T10:00:00Z", "ST", 10000));
    // A chain away from a MALAFIDE firm, ten days apart (no paths, just links).
    txns.add(txn("2026-01-01T10:00:00Z", "LM", "L1", 100));
    txns.add(txn("2026-01-11T10:00:00Z", "L1", "L2", 100));
    txns.add(txn("2026-01-21T10:00:00Z", "L2", "L3", 100));
    // Labelled only after as_of: no seed yet.
    txns.add(txn("2026-01-05T10:00:00Z", "LATER_BAD", "LQ", 100));
    // Booked after as_of: unknown on as_of.
    txns.add(txn("2026-04-01T00:00:00Z", "FUTURE1", "FUTURE2", 100));
    // Trade: TS ships to TC; paid by its consignee and by an unrelated firm from another country.
    txns.add(txnWithCountries("2026-03-15T10:00:00Z", "TC", "TS", 1000, "NL", "EC"));
    txns.add(txnWithCountries("2026-03-16T10:00:00Z", "TZ", "TS", 500, "PA", "EC"));

    Dataset<Row> labels =
        spark.createDataFrame(
            List.of(
                RowFactory.create("LM", Date.valueOf("2026-02-01"), "MALAFIDE", "FIOD"),
                RowFactory.create("LATER_BAD", Date.valueOf("2026-04-15"), "MALAFIDE", "FIOD"),
                RowFactory.create("K3", Date.valueOf("2026-03-01"), "MALAFIDE", "FIOD")),
            Source.FIRM_LABELS.schema());
    Dataset<Row> firms =
        spark.createDataFrame(
            List.of(
                firm("K1", "Dock Street 1, Rotterdam", "dir-aaa", "acct-1"),
                firm("K2", "  dock street 1,   ROTTERDAM ", "dir-bbb", "acct-2"),
                firm("K3", "Other Road 5", "dir-bbb", "acct-3"),
                firm("K4", "Lonely Lane 9", "dir-ccc", "acct-4"),
                firm("TS", "Quay 1, Guayaquil", "dir-ts", "acct-ts")),
            Source.FIRMS.schema());
    StructType manifestSchema =
        new StructType()
            .add(Contracts.SHIPPER_ID, DataTypes.StringType)
            .add(Contracts.CONSIGNEE_ID, DataTypes.StringType)
            .add(Contracts.FORWARDER_ID, DataTypes.StringType)
            .add(Contracts.NOTIFY_PARTY_ID, DataTypes.StringType)
            .add(Contracts.ORIGIN_COUNTRY, DataTypes.StringType)
            .add(Contracts.PORT_OF_LOADING, DataTypes.StringType)
            .add(Contracts.DECLARED_VALUE_EUR, DataTypes.DoubleType)
            .add(Contracts.FILED_AT, DataTypes.TimestampType);
    Dataset<Row> manifests =
        spark.createDataFrame(
            List.of(
                RowFactory.create("TS", "TC", null, null, "EC", "ECGYE", 1000.0, ts("2026-03-01T00:00:00Z")),
                // Filed after as_of: TZ is not yet a party.
                RowFactory.create("TS", "TZ", null, null, "PA", "PABLB", 500.0, ts("2026-04-02T00:00:00Z"))),
            manifestSchema);

    Dataset<Row> result =
        GraphFeatures.builder(spark)
            .transactions(spark.createDataFrame(txns, Source.TRANSACTIONS.schema()))
            .firms(firms)
            .labels(labels)
            .manifests(manifests)
            .asOf(AS_OF)
            .build();
    features = byFirm(result);
  }

  @Test
  void outputHasTheDocumentedSchemaAndOneRowPerFirmWithoutNulls() {
    assertThat(features).containsKeys("CA", "FX", "GS", "K4", "ST");
    Row any = features.get("CA");
    assertThat(any.schema().fieldNames()).containsExactly(GraphColumns.SCHEMA.fieldNames());
    assertThat(any.getDate(1)).isEqualTo(Date.valueOf(AS_OF));
    for (Row row : features.values()) {
      for (String feature : GraphColumns.FEATURES) {
        assertThat(row.isNullAt(row.fieldIndex(feature))).as(feature + " of " + row.getString(0)).isFalse();
      }
    }
  }

  @Test
  void transactionsAfterAsOfAreIgnored() {
    assertThat(features).doesNotContainKeys("FUTURE1", "FUTURE2");
  }

  @Test
  void findsTheTimeOrderedCycleAndNotTheReversedOrStretchedOne() {
    for (String firm : List.of("CA", "CB", "CC")) {
      assertThat(value(firm, GraphColumns.TEMPORAL_CYCLES)).as(firm).isEqualTo(1.0);
    }
    for (String firm : List.of("RA", "RB", "RC", "SA", "SB")) {
      assertThat(value(firm, GraphColumns.TEMPORAL_CYCLES)).as(firm).isZero();
    }
  }

  @Test
  void countsFanInAndItsChange() {
    assertThat(value("FX", GraphColumns.FAN_IN)).isEqualTo(4.0);
    assertThat(value("FX", GraphColumns.FAN_IN_RECENT)).isEqualTo(3.0);
    // log2((3 + 1) / (1 + 1)) = 1
    assertThat(value("FX", GraphColumns.FAN_IN_CHANGE)).isCloseTo(1.0, within(1e-9));
    assertThat(value("FX", GraphColumns.FAN_OUT)).isZero();
    assertThat(value("FP1", GraphColumns.FAN_OUT)).isEqualTo(1.0);
  }

  @Test
  void detectsScatterGatherAtBothEndsAndItsIntermediaries() {
    assertThat(value("GS", GraphColumns.SCATTER_GATHER_ENDPOINT)).isEqualTo(3.0);
    assertThat(value("GT", GraphColumns.SCATTER_GATHER_ENDPOINT)).isEqualTo(3.0);
    assertThat(value("GM1", GraphColumns.SCATTER_GATHER_INTERMEDIARY)).isEqualTo(1.0);
    assertThat(value("GM1", GraphColumns.GATHER_SCATTER)).isEqualTo(1.0);
    // A plain chain is no scatter-gather.
    assertThat(value("PIN", GraphColumns.SCATTER_GATHER_ENDPOINT)).isZero();
    assertThat(value("FX", GraphColumns.SCATTER_GATHER_ENDPOINT)).isZero();
  }

  @Test
  void passThroughRatioCountsOnlyMoneyLeavingWithin48Hours() {
    assertThat(value("PX", GraphColumns.PASS_THROUGH_RATIO)).isCloseTo(0.8, within(1e-9));
    assertThat(value("PIN", GraphColumns.PASS_THROUGH_RATIO)).isZero();
  }

  @Test
  void countsPaymentsJustBelowTheThreshold() {
    assertThat(value("ST", GraphColumns.STRUCTURING_COUNT)).isEqualTo(2.0);
    assertThat(value("ST", GraphColumns.STRUCTURING_SHARE)).isCloseTo(0.5, within(1e-9));
    assertThat(value("FX", GraphColumns.STRUCTURING_COUNT)).isZero();
  }

  @Test
  void riskDiffusionDecaysWithDistanceAndHopsCountSteps() {
    double one = value("L1", GraphColumns.RISK_DIFFUSION);
    double two = value("L2", GraphColumns.RISK_DIFFUSION);
    double three = value("L3", GraphColumns.RISK_DIFFUSION);
    assertThat(one).isGreaterThan(two);
    assertThat(two).isGreaterThan(three);
    assertThat(three).isGreaterThan(0.0);
    assertThat(value("CA", GraphColumns.RISK_DIFFUSION)).isZero();
    assertThat(value("L1", GraphColumns.HOPS_TO_MALAFIDE)).isEqualTo(1.0);
    assertThat(value("L2", GraphColumns.HOPS_TO_MALAFIDE)).isEqualTo(2.0);
    assertThat(value("L3", GraphColumns.HOPS_TO_MALAFIDE)).isEqualTo(3.0);
    // Unreachable: max hops + 1. The seed itself has no other MALAFIDE firm near.
    assertThat(value("CA", GraphColumns.HOPS_TO_MALAFIDE)).isEqualTo(5.0);
    assertThat(value("LM", GraphColumns.HOPS_TO_MALAFIDE)).isEqualTo(5.0);
  }

  @Test
  void labelsEstablishedAfterAsOfAreIgnored() {
    assertThat(value("LQ", GraphColumns.RISK_DIFFUSION)).isZero();
    assertThat(value("LQ", GraphColumns.HOPS_TO_MALAFIDE)).isEqualTo(5.0);
  }

  @Test
  void componentsLinkFirmsSharingAnAddressOrADirector() {
    // K1 -address- K2 -director- K3 (MALAFIDE); K4 alone.
    assertThat(value("K1", GraphColumns.SHARED_COMPONENT_SIZE)).isEqualTo(3.0);
    assertThat(value("K3", GraphColumns.SHARED_COMPONENT_SIZE)).isEqualTo(3.0);
    assertThat(value("K1", GraphColumns.SHARED_COMPONENT_MALAFIDE)).isEqualTo(1.0);
    assertThat(value("K3", GraphColumns.SHARED_COMPONENT_MALAFIDE)).isZero();
    assertThat(value("K4", GraphColumns.SHARED_COMPONENT_SIZE)).isEqualTo(1.0);
    assertThat(value("CA", GraphColumns.SHARED_COMPONENT_SIZE)).isEqualTo(1.0);
  }

  @Test
  void tradeSignalsSetPaymentsAgainstShipments() {
    // 500 of 1500 came from TZ, no party of TS's shipments known on as_of, from PA (off lane).
    assertThat(value("TS", GraphColumns.PAYER_NOT_PARTY_SHARE)).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(value("TS", GraphColumns.PAYER_OFF_LANE_SHARE)).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(value("TS", GraphColumns.PAYMENT_TO_DECLARED))
        .isCloseTo(Math.log10(1501.0 / 1001.0), within(1e-9));
    assertThat(value("TC", GraphColumns.PAYMENT_TO_DECLARED)).isZero();
    assertThat(value("FX", GraphColumns.PAYER_NOT_PARTY_SHARE)).isZero();
  }

  @Test
  void hubCapBoundsTheHubWithoutChangingSmallDegreeResults() {
    List<Row> txns = new ArrayList<>();
    for (String middle : List.of("M1", "M2")) {
      txns.add(txn("2026-03-05T09:00:00Z", "S", middle, 300));
      txns.add(txn("2026-03-06T09:00:00Z", middle, "T", 290));
    }
    txns.add(txn("2026-03-07T09:00:00Z", "T", "S", 100));
    for (int i = 0; i < 30; i++) {
      txns.add(txn("2026-03-10T09:00:00Z", "IN" + i, "HUB", 100 + i));
      txns.add(txn("2026-03-11T09:00:00Z", "HUB", "OUT" + i, 100 + i));
    }
    Dataset<Row> transactions = spark.createDataFrame(txns, Source.TRANSACTIONS.schema());
    Map<String, Row> uncapped =
        byFirm(GraphFeatures.builder(spark).transactions(transactions).asOf(AS_OF).maxCounterparties(1000).build());
    Map<String, Row> capped =
        byFirm(GraphFeatures.builder(spark).transactions(transactions).asOf(AS_OF).maxCounterparties(5).build());

    assertThat(value(uncapped, "HUB", GraphColumns.GATHER_SCATTER)).isEqualTo(30.0);
    assertThat(value(capped, "HUB", GraphColumns.GATHER_SCATTER)).isEqualTo(5.0);
    // The hub's full fan-in is not a path feature: the cap does not touch it.
    assertThat(value(capped, "HUB", GraphColumns.FAN_IN)).isEqualTo(30.0);
    for (String firm : List.of("S", "M1", "M2", "T")) {
      for (String feature : GraphColumns.FEATURES) {
        assertThat(value(capped, firm, feature)).as(firm + " " + feature).isEqualTo(value(uncapped, firm, feature));
      }
    }
    assertThat(value(capped, "S", GraphColumns.SCATTER_GATHER_ENDPOINT)).isEqualTo(2.0);
    assertThat(value(capped, "S", GraphColumns.TEMPORAL_CYCLES)).isEqualTo(2.0);
  }

  @Test
  void sharedValuesAboveTheCapLinkNobody() {
    List<Row> firms = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      firms.add(firm("AG" + i, "Formation Agent Plaza 1", "dir-" + i, "acct-" + i));
    }
    GraphParameters p = GraphParameters.defaults();
    GraphParameters lowCap =
        new GraphParameters(p.lookback(), p.recentWindow(), p.pathWindow(), p.passThroughWindow(),
            p.maxCounterparties(), p.structuringThresholds(), p.structuringBand(),
            p.diffusionIterations(), p.restartProbability(), p.maxHops(), 3, p.maxComponentIterations());
    Map<String, Row> result =
        byFirm(
            GraphFeatures.builder(spark)
                .transactions(spark.createDataFrame(List.of(), Source.TRANSACTIONS.schema()))
                .firms(spark.createDataFrame(firms, Source.FIRMS.schema()))
                .asOf(AS_OF)
                .parameters(lowCap)
                .build());
    assertThat(value(result, "AG0", GraphColumns.SHARED_COMPONENT_SIZE)).isEqualTo(1.0);
  }

  @Test
  void failsClearlyOnAMissingColumnOrDate() {
    Dataset<Row> noAmount =
        spark.createDataFrame(List.of(), Source.TRANSACTIONS.schema()).drop(Contracts.AMOUNT);
    assertThatThrownBy(() -> GraphFeatures.builder(spark).transactions(noAmount).asOf(AS_OF).build())
        .hasMessageContaining("amount")
        .hasMessageContaining("GraphFeatures (transactions)");
    assertThatThrownBy(
            () ->
                GraphFeatures.builder(spark)
                    .transactions(spark.createDataFrame(List.of(), Source.TRANSACTIONS.schema()))
                    .build())
        .hasMessageContaining("as-of date is required");
    assertThatThrownBy(() -> GraphFeatures.builder(spark).maxCounterparties(0))
        .hasMessageContaining("graph.maxCounterparties");
  }

  @Test
  void everyFeatureHasACatalogEntryInOrder() {
    assertThat(GraphFeatureSpecs.ALL.stream().map(FeatureSpec::name).toList())
        .containsExactlyElementsOf(GraphColumns.FEATURES);
    assertThat(GraphFeatureSpecs.ALL).allSatisfy(spec -> assertThat(spec.meaning()).isNotBlank());
  }

  // ---- fixtures ----

  private static double value(String firm, String feature) {
    return value(features, firm, feature);
  }

  private static double value(Map<String, Row> rows, String firm, String feature) {
    assertThat(rows).as("features of " + firm).containsKey(firm);
    Row row = rows.get(firm);
    return row.getDouble(row.fieldIndex(feature));
  }

  private static Map<String, Row> byFirm(Dataset<Row> result) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : result.orderBy(GraphColumns.FIRM_ID).collectAsList()) {
      assertThat(rows.put(row.getString(0), row)).as("one row per firm: " + row.getString(0)).isNull();
    }
    return rows;
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  private static Row txn(String at, String payer, String payee, double amount) {
    return txnWithCountries(at, payer, payee, amount, null, null);
  }

  private static Row txnWithCountries(
      String at, String payer, String payee, double amount, String payerCountry, String payeeCountry) {
    return RowFactory.create(
        "T" + (++txnCounter), ts(at), payer, payee, amount, "EUR", "WIRE", payerCountry, payeeCountry, null);
  }

  private static Row cash(String at, String payee, double amount) {
    return RowFactory.create(
        "T" + (++txnCounter), ts(at), null, payee, amount, "EUR", "CASH_DEPOSIT", null, "NL", null);
  }

  private static Row firm(String id, String address, String director, String account) {
    return RowFactory.create(
        id, "Firm " + id, "NL", Date.valueOf("2015-01-01"), null, address, "SHIPPER", director, account);
  }
}
