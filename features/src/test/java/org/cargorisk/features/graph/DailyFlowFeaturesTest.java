package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Source;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flow features of a range of as_of dates in one pass ({@link GraphFeatures#dailyFlows})
 * equal the one-date flow features of each date over the payments known on it. A short lookback
 * (10 days, recent window 3 days) lets payments leave the lookback inside the range, and the
 * planted payments hit every rule that makes a value change from one day to the next: late
 * landings, a payer that leaves and comes back, money in that leaves the lookback while the
 * payment out it fed still counts, identical payments, cash, a self transfer, midnight. The
 * one-date features are the reference: their own tests (GraphFeaturesTest) pin their meaning.
 */
@Slow
class DailyFlowFeaturesTest {
  private static final LocalDate FROM = LocalDate.parse("2026-03-05");
  private static final LocalDate TO = LocalDate.parse("2026-03-14");
  private static final GraphParameters SHORT =
      new GraphParameters(
          Duration.ofDays(10), Duration.ofDays(3), Duration.ofDays(7), Duration.ofHours(48), 50,
          List.of(10_000.0), 0.1, 15, 0.15, 4, 25, 30);
  private static SparkSession spark;
  private static Dataset<Row> transactions;
  private static int counter;

  @BeforeAll
  static void plant() {
    spark = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    // Pass-through firm P: money in on the 2nd leaves the lookback after the 11th, while the
    // payment out it fed (3rd) still counts on the 12th.
    rows.add(txn("2026-03-02T12:00:00Z", "2026-03-02", "X1", "P", 1000));
    rows.add(txn("2026-03-03T10:00:00Z", "2026-03-03", "P", "Y1", 800));
    // Money in booked on the 6th lands only on the 9th: the payments out of the 7th pass
    // nothing until then. Two identical payments out.
    rows.add(txn("2026-03-06T08:00:00Z", "2026-03-09", "X2", "P", 500));
    rows.add(txn("2026-03-07T08:00:00Z", "2026-03-07", "P", "Y2", 700));
    rows.add(txn("2026-03-07T09:00:00Z", "2026-03-07", "P", "Y3", 300));
    rows.add(txn("2026-03-07T09:00:00Z", "2026-03-07", "P", "Y3", 300));
    // Money in and out at the same second, and at midnight.
    rows.add(txn("2026-03-08T00:00:00Z", "2026-03-08", "X3", "P", 200));
    rows.add(txn("2026-03-08T00:00:00Z", "2026-03-08", "P", "Y4", 150));
    // Fan-in firm F: F1 pays before the range, leaves the lookback after the 10th, comes back on
    // the 12th; F2 in the range; F3 lands two days late; cash in (structuring) and out.
    rows.add(txn("2026-03-01T10:00:00Z", "2026-03-01", "F1", "F", 50));
    rows.add(txn("2026-03-12T10:00:00Z", "2026-03-12", "F1", "F", 60));
    rows.add(txn("2026-03-06T10:00:00Z", "2026-03-06", "F2", "F", 9500));
    rows.add(txn("2026-03-09T10:00:00Z", "2026-03-11", "F3", "F", 70));
    rows.add(txn("2026-03-08T10:00:00Z", "2026-03-08", null, "F", 9900));
    rows.add(txn("2026-03-08T11:00:00Z", "2026-03-08", "F", null, 400));
    rows.add(txn("2026-03-10T10:00:00Z", "2026-03-10", "F", "F2", 80));
    // Booked a second before midnight eleven days before the 5th: counts on the 5th only.
    rows.add(txn("2026-02-24T23:59:59Z", "2026-02-25", "E1", "E", 10));
    rows.add(txn("2026-02-20T10:00:00Z", "2026-02-20", "E2", "E", 10));
    // A self transfer (own accounts): a payment out and in of S.
    rows.add(txn("2026-03-06T10:00:00Z", "2026-03-06", "S", "S", 9000));
    // Booked after the range, and booked in it but landed after it: never counted.
    rows.add(txn("2026-03-15T10:00:00Z", "2026-03-15", "F4", "F", 10));
    rows.add(txn("2026-03-13T10:00:00Z", "2026-03-20", "F5", "F", 10));
    StructType schema = Source.TRANSACTIONS.schema().add(BronzeColumns.BUSINESS_DATE, DataTypes.DateType);
    transactions = spark.createDataFrame(rows, schema);
  }

  private static Row txn(String at, String landed, String payer, String payee, double amount) {
    String channel = payer == null ? "CASH_DEPOSIT" : payee == null ? "CASH_WITHDRAWAL" : "WIRE";
    return RowFactory.create(
        "T" + (++counter), Timestamp.from(Instant.parse(at)), payer, payee, amount, "EUR", channel, null, null,
        null, Date.valueOf(landed));
  }

  /** The one-date flow features of every date of the range, each over the payments landed by it. */
  private static Dataset<Row> dayByDay(LocalDate from, LocalDate to, GraphParameters parameters) {
    Dataset<Row> all = null;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Dataset<Row> known = transactions.where(col(BronzeColumns.BUSINESS_DATE).leq(lit(Date.valueOf(day))));
      Dataset<Row> flows =
          GraphFeatures.flows(known, day, parameters).withColumn(GraphColumns.AS_OF, lit(Date.valueOf(day)));
      all = all == null ? flows : all.unionByName(flows);
    }
    return all;
  }

  private static Dataset<Row> inOrder(Dataset<Row> flows) {
    Dataset<Row> daily = dayByDay(FROM, FROM, SHORT);
    return flows.select(List.of(daily.columns()).stream().map(c -> col(c)).toArray(Column[]::new));
  }

  @Test
  void aRangeEqualsTheOneDateFeaturesOfEachDate() {
    DataFrameAssert.assertSameRows(inOrder(GraphFeatures.dailyFlows(transactions, FROM, TO, SHORT)), dayByDay(FROM, TO, SHORT));
  }

  @Test
  void aRangeEqualsEachDateWithTheDefaultYearLookback() {
    // A year's lookback: nothing leaves it, the late landings still move the values.
    LocalDate from = LocalDate.parse("2026-03-08");
    LocalDate to = LocalDate.parse("2026-03-11");
    GraphParameters defaults = GraphParameters.defaults();
    DataFrameAssert.assertSameRows(
        inOrder(GraphFeatures.dailyFlows(transactions, from, to, defaults)), dayByDay(from, to, defaults));
  }

  @Test
  void twoDatesEqualTheOneDateFeatures() {
    // X1's money in leaves the lookback between the two dates, Y1's payment out does not.
    LocalDate first = LocalDate.parse("2026-03-11");
    LocalDate last = first.plusDays(1);
    DataFrameAssert.assertSameRows(
        inOrder(GraphFeatures.dailyFlows(transactions, first, last, SHORT)), dayByDay(first, last, SHORT));
  }

  @Test
  void aRangeLongerThanOneBitBlockGivesTheSameDays() {
    // 70 days: the counterparty day bits span two 64-day blocks, the second from the 9th of March.
    LocalDate first = FROM.minusDays(60);
    Dataset<Row> long70 = GraphFeatures.dailyFlows(transactions, first, TO, SHORT);
    DataFrameAssert.assertSameRows(
        long70.where(col(GraphColumns.AS_OF).geq(lit(Date.valueOf(FROM)))),
        GraphFeatures.dailyFlows(transactions, FROM, TO, SHORT));
  }

  @Test
  void theValuesThatChangeFromDayToDay() {
    Dataset<Row> range = GraphFeatures.dailyFlows(transactions, FROM, TO, SHORT);
    // F1 paid F on the 1st (in the lookback until the 10th) and again on the 12th.
    assertThat(value(range, "F", "2026-03-10", GraphColumns.FAN_IN)).isEqualTo(2.0);
    assertThat(value(range, "F", "2026-03-11", GraphColumns.FAN_IN)).isEqualTo(2.0); // F2, F3 (landed)
    assertThat(value(range, "F", "2026-03-12", GraphColumns.FAN_IN)).isEqualTo(3.0);
    // P on the 8th: the 500 in of the 6th lands only on the 9th, so the payments out of the 7th
    // pass nothing yet; Y1 passes 800 of X1's 1000, Y4 150 of X3's 200 (the same second).
    assertThat(value(range, "P", "2026-03-08", GraphColumns.PASS_THROUGH_RATIO))
        .isEqualTo((800.0 + 150.0) / (1000.0 + 200.0));
    // From the 9th the 500 feeds Y2 and both Y3 (overlapping windows: capped at 1).
    assertThat(value(range, "P", "2026-03-09", GraphColumns.PASS_THROUGH_RATIO)).isEqualTo(1.0);
    // X1's payment of the 2nd leaves the lookback after the 11th; the 800 out of the 3rd it fed
    // still counts on the 12th but passes nothing: (500 + 600 + 150) / (500 + 200), capped.
    assertThat(value(range, "P", "2026-03-11", GraphColumns.FAN_IN)).isEqualTo(3.0);
    assertThat(value(range, "P", "2026-03-12", GraphColumns.FAN_IN)).isEqualTo(2.0);
    assertThat(value(range, "P", "2026-03-12", GraphColumns.PASS_THROUGH_RATIO)).isEqualTo(1.0);
    assertThat(value(range, "P", "2026-03-12", GraphColumns.FAN_OUT)).isEqualTo(4.0);
    // E: the second before midnight counts on the 5th only.
    assertThat(value(range, "E", "2026-03-05", GraphColumns.FAN_IN)).isEqualTo(1.0);
    assertThat(range.where(col(GraphColumns.FIRM_ID).equalTo("E").and(col(GraphColumns.AS_OF).gt(lit(Date.valueOf("2026-03-05"))))).isEmpty())
        .isTrue();
  }

  @Test
  void refusesAnEmptyRange() {
    assertThatThrownBy(() -> GraphFeatures.dailyFlows(transactions, TO, FROM, SHORT))
        .hasMessageContaining("dailyFlows");
  }

  @Test
  void thePassThroughRatioSumsAmountsExactly() {
    // 0.1 + 0.2 + 1.1 is not 1.4 in doubles, whatever the order Spark adds them in: 0.7 passed
    // on would give a ratio a bit off 0.5, differing with the partitioning. Exact sums give 0.5
    // on both paths.
    List<Row> rows =
        List.of(
            txn("2026-03-10T08:00:00Z", "2026-03-10", "Q1", "Q", 0.1),
            txn("2026-03-10T09:00:00Z", "2026-03-10", "Q2", "Q", 0.2),
            txn("2026-03-10T10:00:00Z", "2026-03-10", "Q3", "Q", 1.1),
            txn("2026-03-10T11:00:00Z", "2026-03-10", "Q", "Q4", 0.7));
    Dataset<Row> payments = spark.createDataFrame(rows, transactions.schema());
    LocalDate day = LocalDate.parse("2026-03-11");
    for (int partitions : new int[] {1, 3}) {
      Dataset<Row> laidOut = payments.repartition(partitions);
      Dataset<Row> oneDate =
          GraphFeatures.flows(laidOut, day, SHORT).withColumn(GraphColumns.AS_OF, lit(Date.valueOf(day)));
      Dataset<Row> range = GraphFeatures.dailyFlows(laidOut, day.minusDays(1), day, SHORT);
      assertThat(value(oneDate, "Q", "2026-03-11", GraphColumns.PASS_THROUGH_RATIO)).isEqualTo(0.5);
      assertThat(value(range, "Q", "2026-03-11", GraphColumns.PASS_THROUGH_RATIO)).isEqualTo(0.5);
    }
  }

  private static double value(Dataset<Row> features, String firm, String asOf, String column) {
    List<Row> rows =
        features
            .where(col(GraphColumns.FIRM_ID).equalTo(firm).and(col(GraphColumns.AS_OF).equalTo(lit(Date.valueOf(asOf)))))
            .select(column)
            .collectAsList();
    assertThat(rows).as(firm + " on " + asOf).hasSize(1);
    return rows.get(0).getDouble(0);
  }
}
