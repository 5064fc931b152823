package org.cargorisk.features.firm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cargorisk.features.firm.FirmFeatureColumns.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.BronzeFixtures;
import org.cargorisk.features.TestReference;
import org.cargorisk.features.inputs.BronzeInputs;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Slow
class FirmFeaturesTest {
  static final LocalDate D = LocalDate.parse("2026-03-10");
  static SparkSession spark;
  static BronzeInputs inputs;

  @BeforeAll
  static void fixtures() {
    spark = SparkTestSession.get();
    BronzeFixtures f = new BronzeFixtures(spark);
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F1", Contracts.NAME, "Shipper", Contracts.REGISTERED_ON, "2026-02-01",
        Contracts.ADDRESS, "Calle 1", Contracts.COUNTRY, "EC", Contracts.SECTOR, "SHIPPER");
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F2", Contracts.NAME, "Consignee", Contracts.REGISTERED_ON, "2020-01-01",
        Contracts.ADDRESS, "Dam 1", Contracts.DIRECTOR_NAME, "h-director");
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F3", Contracts.NAME, "Same address", Contracts.REGISTERED_ON, "2021-01-01",
        Contracts.ADDRESS, " DAM 1 ");
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F4", Contracts.NAME, "Same director", Contracts.REGISTERED_ON, "2021-01-01",
        Contracts.ADDRESS, "Elsewhere 9", Contracts.DIRECTOR_NAME, "h-director");
    // registered after D: not a firm yet on D
    f.add(Source.FIRMS, Contracts.FIRM_ID, "F5", Contracts.NAME, "Later", Contracts.REGISTERED_ON, "2026-03-20",
        Contracts.ADDRESS, "Dam 1");
    // F1 and F2 share a manifest since January: F1 is not a third party of F2
    f.add(Source.MANIFESTS, Contracts.BL_NUMBER, "BL0", Contracts.CONTAINER_ID, "MSKU0000001",
        Contracts.FILED_AT, "2026-01-10T06:00:00Z", Contracts.ETA, "2026-01-30T06:00:00Z");
    txn(f, "T1", "2026-03-05T10:00:00Z", "F6", "F2", 9500.0, "WIRE", "EC");
    txn(f, "T2", "2026-03-06T10:00:00Z", "F1", "F2", 5000.0, "WIRE", "NL");
    txn(f, "T3", "2026-03-08T10:00:00Z", null, "F2", 2000.0, "CASH_DEPOSIT", null);
    txn(f, "T4", "2026-01-01T10:00:00Z", "F2", "F9", 1000.0, "WIRE", null);
    txn(f, "T6", "2026-01-20T10:00:00Z", "F7", "F2", 10.5, "WIRE", null);
    txn(f, "T7", "2026-01-25T10:00:00Z", "F8", "F2", 20.5, "WIRE", null);
    // the future: a payment and a label after D must never reach the features of D
    txn(f, "T5", "2026-03-12T10:00:00Z", "F10", "F2", 9999.0, "CASH_DEPOSIT", "EC");
    // booked before D but landed on the 14th: not known on D
    f.add(Source.TRANSACTIONS, Contracts.TXN_ID, "T8", Contracts.BOOKED_AT, "2026-03-09T10:00:00Z",
        Contracts.PAYER_ID, "F11", Contracts.PAYEE_ID, "F2", Contracts.AMOUNT, 300.0,
        org.cargorisk.lake.BronzeColumns.BUSINESS_DATE, "2026-03-14");
    f.add(Source.FIRM_LABELS, Contracts.FIRM_ID, "F7", Contracts.LABELLED_ON, "2026-03-01", Contracts.LABEL, "MALAFIDE");
    f.add(Source.FIRM_LABELS, Contracts.FIRM_ID, "F8", Contracts.LABELLED_ON, "2026-03-15", Contracts.LABEL, "MALAFIDE");
    f.add(Source.FIRM_LABELS, Contracts.FIRM_ID, "F9", Contracts.LABELLED_ON, "2026-03-01", Contracts.LABEL, "CLEARED");
    inputs = f.inputs();
    // One computation for most tests (the machine is shared; keep the suite fast).
    week = build(D, LocalDate.parse("2026-03-16")).cache();
  }

  static Dataset<Row> week;

  private static void txn(BronzeFixtures f, String id, String at, String payer, String payee,
      double amount, String channel, String payerCountry) {
    f.add(Source.TRANSACTIONS, Contracts.TXN_ID, id, Contracts.BOOKED_AT, at, Contracts.PAYER_ID, payer,
        Contracts.PAYEE_ID, payee, Contracts.AMOUNT, amount, Contracts.CHANNEL, channel,
        Contracts.PAYER_COUNTRY, payerCountry);
  }

  private static Dataset<Row> build(LocalDate from, LocalDate to) {
    return FirmFeatures.builder(spark).bronze(inputs).reference(TestReference.get()).from(from).to(to).build();
  }

  private static Row firm(Dataset<Row> features, String id, LocalDate asOf) {
    return features
        .where(features.col(FIRM_ID).equalTo(id).and(features.col(AS_OF).equalTo(java.sql.Date.valueOf(asOf))))
        .first();
  }

  @Test
  void outputMatchesTheTableContract() {
    Dataset<Row> features = week;
    assertThat(features.columns()).containsExactlyElementsOf(ALL);
    for (String feature : FEATURES) {
      assertThat(features.schema().apply(feature).dataType().typeName()).as(feature).isEqualTo("double");
    }
  }

  @Test
  void transactionFeaturesOfAHandMadeFirm() {
    Row f2 = firm(week, "F2", D);
    // in the last 30 days: T1, T2, T3 (T6, T7 in February; T4 in January; T5 after D)
    assertThat(f2.<Double>getAs(TXN_COUNT_30D)).isEqualTo(3.0);
    assertThat(f2.<Double>getAs(TXN_AMOUNT_30D)).isEqualTo(16500.0);
    assertThat(f2.<Double>getAs(TXN_COUNT_90D)).isEqualTo(6.0);
    assertThat(f2.<Double>getAs(TXN_AMOUNT_90D)).isEqualTo(17531.0);
    assertThat(f2.<Double>getAs(VELOCITY_CHANGE))
        .isCloseTo(Math.log((1 + 16500.0 / 30) / (1 + 1031.0 / 60)), within(1e-9));
    assertThat(f2.<Double>getAs(CASH_SHARE_90D)).isCloseTo(2000.0 / 17531.0, within(1e-9));
    // round: 5000, 2000, 1000 of six payments
    assertThat(f2.<Double>getAs(ROUND_AMOUNT_SHARE_90D)).isCloseTo(3.0 / 6.0, within(1e-9));
    assertThat(f2.<Double>getAs(STRUCTURING_COUNT_90D)).isEqualTo(1.0);
    // payers F6, F1, F7, F8 (cash has no counterparty); payee F9
    assertThat(f2.<Double>getAs(FAN_IN_90D)).isEqualTo(4.0);
    assertThat(f2.<Double>getAs(FAN_OUT_90D)).isEqualTo(1.0);
    // every counterparty but F1 (a shipment partner) is a third party: F6, F7, F8, F9
    assertThat(f2.<Double>getAs(THIRD_PARTY_PAYMENTS_90D)).isEqualTo(4.0);
    assertThat(f2.<Double>getAs(HIGH_RISK_COUNTRY_PAYMENTS_90D)).isEqualTo(1.0);
  }

  @Test
  void registryFeatures() {
    Dataset<Row> features = week;
    Row f2 = firm(features, "F2", D);
    assertThat(f2.<Double>getAs(COMPANY_AGE_DAYS))
        .isEqualTo((double) ChronoUnit.DAYS.between(LocalDate.parse("2020-01-01"), D));
    // F3 shares the address (case and spaces ignored); F5 is not registered yet
    assertThat(f2.<Double>getAs(SHARED_ADDRESS_COUNT)).isEqualTo(1.0);
    assertThat(f2.<Double>getAs(SHARED_DIRECTOR_COUNT)).isEqualTo(1.0);
    assertThat(f2.<Double>getAs(SHARED_BANK_ACCOUNT_COUNT)).isEqualTo(0.0);
    assertThat(features.where(features.col(FIRM_ID).equalTo("F5").and(features.col(AS_OF).leq(java.sql.Date.valueOf("2026-03-16")))).isEmpty()).isTrue();
  }

  @Test
  void futureLabelsAndPaymentsNeverLeak() {
    Dataset<Row> features = week;
    // on D: F7 (labelled 1 March) counts, F8 (labelled 15 March) does not yet, CLEARED F9 never
    assertThat(firm(features, "F2", D).<Double>getAs(MALAFIDE_LINKS)).isEqualTo(1.0);
    assertThat(firm(features, "F2", LocalDate.parse("2026-03-15")).<Double>getAs(MALAFIDE_LINKS)).isEqualTo(2.0);
    // T5 (12 March) is not in D's window but is two days later
    assertThat(firm(features, "F2", D).<Double>getAs(TXN_COUNT_30D)).isEqualTo(3.0);
    assertThat(firm(features, "F2", LocalDate.parse("2026-03-12")).<Double>getAs(TXN_COUNT_30D)).isEqualTo(4.0);
  }

  @Test
  void graphFlowFeaturesAreJoinedPointInTime() {
    Row f2 = firm(week, "F2", D);
    // payers in the year up to D: F6, F1, F7, F8 (cash has none; F10 books after D, F11 lands after D)
    assertThat(f2.<Double>getAs(GRAPH_FAN_IN)).isEqualTo(4.0);
    assertThat(f2.<Double>getAs(GRAPH_FAN_OUT)).isEqualTo(1.0);
    // two payers in the last 30 days (F6, F1), two in the 30 before (F7, F8): log2(3 / 3)
    assertThat(f2.<Double>getAs(GRAPH_FAN_IN_CHANGE)).isCloseTo(0.0, within(1e-12));
    // T1 (9,500) of its six payments is just below the threshold
    assertThat(f2.<Double>getAs(GRAPH_STRUCTURING_SHARE)).isCloseTo(1.0 / 6.0, within(1e-12));
    // its only payment out (1 January) had no money in before it
    assertThat(f2.<Double>getAs(GRAPH_PASS_THROUGH_RATIO)).isEqualTo(0.0);
    // the future reaches the later nights only: F10 from the 12th, F11 from the 14th
    assertThat(firm(week, "F2", LocalDate.parse("2026-03-13")).<Double>getAs(GRAPH_FAN_IN)).isEqualTo(5.0);
    assertThat(firm(week, "F2", LocalDate.parse("2026-03-14")).<Double>getAs(GRAPH_FAN_IN)).isEqualTo(6.0);
    // a firm without payments gets zeros, not nulls
    assertThat(firm(week, "F3", D).<Double>getAs(GRAPH_FAN_IN)).isEqualTo(0.0);
  }

  @Test
  void counterpartiesLeaveTheWindowAfter90Days() {
    // F9 was paid on 1 January: still in the 90-day fan-out on 31 March, gone on 1 April
    Dataset<Row> features = build(LocalDate.parse("2026-03-31"), LocalDate.parse("2026-04-01"));
    assertThat(firm(features, "F2", LocalDate.parse("2026-03-31")).<Double>getAs(FAN_OUT_90D)).isEqualTo(1.0);
    assertThat(firm(features, "F2", LocalDate.parse("2026-04-01")).<Double>getAs(FAN_OUT_90D)).isEqualTo(0.0);
  }

  @Test
  void aRangeEqualsTheOneDateBuildsOfItsDates() {
    // The graph flows and windows of a range come from one pass; each date must equal its own
    // build, over the days the future arrives: T5 booked on the 12th, T8 landed on the 14th, F8
    // labelled on the 15th.
    LocalDate first = D.plusDays(2);
    LocalDate last = D.plusDays(5);
    Dataset<Row> oneByOne = null;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      oneByOne = oneByOne == null ? build(day, day) : oneByOne.union(build(day, day));
    }
    Dataset<Row> range =
        week.where(week.col(AS_OF).between(java.sql.Date.valueOf(first), java.sql.Date.valueOf(last)));
    DataFrameAssert.assertSameRows(range, oneByOne);
  }

  @Test
  void withoutGraphFlowsTheirColumnsAreZeroAndTheOthersUnchanged() {
    Dataset<Row> without =
        FirmFeatures.builder(spark).bronze(inputs).reference(TestReference.get()).from(D).to(D)
            .skipGraphFlows().build();
    assertThat(without.columns()).containsExactlyElementsOf(ALL);
    Row f2 = firm(without, "F2", D);
    for (String feature : GRAPH_FEATURES) {
      assertThat(f2.<Double>getAs(feature)).as(feature).isEqualTo(0.0);
    }
    // with them, F2 has four payers in the year
    assertThat(firm(week, "F2", D).<Double>getAs(GRAPH_FAN_IN)).isEqualTo(4.0);
    java.util.List<String> others = new java.util.ArrayList<>(ALL);
    others.removeAll(GRAPH_FEATURES);
    org.apache.spark.sql.Column[] columns = others.stream().map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
    DataFrameAssert.assertSameRows(
        without.select(columns), week.where(week.col(AS_OF).equalTo(java.sql.Date.valueOf(D))).select(columns));
  }

  @Test
  void aOneDateBuildEqualsTheRangeAtTheWindowEdges() {
    // One date (the nightly) has its own plan: one sum per firm instead of sliding windows,
    // distinct counterparties instead of interval events. At the edges of the windows it must give the
    // range's values: T6 (20 January) is in the 30-day window of 18 February, not of the 19th;
    // T4 (1 January) is in the 90-day sums and fan-out of 31 March, not of 1 April.
    LocalDate first = LocalDate.parse("2026-02-18");
    LocalDate last = LocalDate.parse("2026-04-01");
    Dataset<Row> range = build(first, last);
    for (String day : java.util.List.of("2026-02-18", "2026-02-19", "2026-03-31", "2026-04-01")) {
      LocalDate asOf = LocalDate.parse(day);
      Dataset<Row> oneDate = build(asOf, asOf);
      DataFrameAssert.assertSameRows(range.where(range.col(AS_OF).equalTo(java.sql.Date.valueOf(asOf))), oneDate);
    }
    assertThat(firm(build(first, first), "F2", first).<Double>getAs(TXN_AMOUNT_30D)).isEqualTo(31.0);
    LocalDate nextDay = first.plusDays(1);
    assertThat(firm(build(nextDay, nextDay), "F2", nextDay).<Double>getAs(TXN_AMOUNT_30D)).isEqualTo(20.5);
    LocalDate lastIn = LocalDate.parse("2026-03-31");
    assertThat(firm(build(lastIn, lastIn), "F2", lastIn).<Double>getAs(FAN_OUT_90D)).isEqualTo(1.0);
    assertThat(firm(build(last, last), "F2", last).<Double>getAs(FAN_OUT_90D)).isEqualTo(0.0);
    assertThat(firm(build(last, last), "F2", last).<Double>getAs(MALAFIDE_LINKS)).isEqualTo(2.0);
  }

  @Test
  void rangeEqualsDayByDay() {
    LocalDate first = LocalDate.parse("2026-03-09");
    Dataset<Row> range = build(first, first.plusDays(1));
    Dataset<Row> daily = build(first, first).union(build(first.plusDays(1), first.plusDays(1)));
    DataFrameAssert.assertSameRows(range, daily);
  }

  @Test
  void amountsAreSummedExactlyOnBothPaths() {
    // 0.1 + 0.2 + 1.1 in doubles is 1.4000000000000001 (in this order, the days' order); the
    // features sum exact ten-thousandths, so both the nightly and the range give 1.4.
    BronzeFixtures f = new BronzeFixtures(spark);
    f.add(Source.FIRMS, Contracts.FIRM_ID, "E1", Contracts.NAME, "Exact", Contracts.REGISTERED_ON, "2020-01-01",
        Contracts.ADDRESS, "Kade 2", Contracts.COUNTRY, "NL", Contracts.SECTOR, "FORWARDER");
    txn(f, "X1", "2026-03-01T10:00:00Z", "E2", "E1", 0.1, "CASH_DEPOSIT", null);
    txn(f, "X2", "2026-03-02T10:00:00Z", "E3", "E1", 0.2, "WIRE", null);
    txn(f, "X3", "2026-03-03T10:00:00Z", "E4", "E1", 1.1, "WIRE", null);
    BronzeInputs exact = f.inputs();
    LocalDate first = LocalDate.parse("2026-03-09");
    for (LocalDate[] range : new LocalDate[][] {{D, D}, {first, D}}) {
      Dataset<Row> features =
          FirmFeatures.builder(spark).bronze(exact).reference(TestReference.get()).from(range[0]).to(range[1])
              .skipGraphFlows().build();
      Row e1 = firm(features, "E1", D);
      assertThat(e1.<Double>getAs(TXN_AMOUNT_30D)).as("30 days from " + range[0]).isEqualTo(1.4);
      assertThat(e1.<Double>getAs(TXN_AMOUNT_90D)).as("90 days from " + range[0]).isEqualTo(1.4);
      assertThat(e1.<Double>getAs(CASH_SHARE_90D)).isEqualTo(0.1 / 1.4);
    }
  }
}
