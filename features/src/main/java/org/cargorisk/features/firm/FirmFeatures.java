package org.cargorisk.features.firm;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.cargorisk.features.firm.FirmFeatureColumns.*;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.graph.GraphFeatures;
import org.cargorisk.features.graph.GraphParameters;
import org.cargorisk.features.inputs.BronzeInputs;
import org.cargorisk.features.inputs.ExactAmounts;
import org.cargorisk.features.inputs.PointInTime;
import org.cargorisk.features.inputs.ReferenceLookups;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.reference.ReferenceData;

/**
 * Firm features for every firm and every {@code as_of} date in a range, in one pass.
 *
 * <p>How: transactions are seen from each firm's side (a payment is an outgoing row for the payer
 * and an incoming row for the payee) and summed per firm and <em>known day</em> (the later of the
 * booking date and the landing business date). Those daily rows are unioned with one empty row
 * per (firm, as_of), and range windows over the day number give the trailing 30- and 90-day sums
 * for every as_of at once. Distinct-counterparty counts and malafide links are turned into +1/-1
 * events on the days a counterparty enters or leaves the window, and summed cumulatively. Every
 * window ends at as_of, so nothing known after as_of reaches a feature.
 *
 * <p>One as_of date (the nightly) takes a cheaper plan with the same values: no daily rows and
 * no windows, but one sum per firm over the payments of the 90 days (the 30-day sums over their
 * last 30), and the distinct counterparties of the 90 days instead of interval events. The values
 * are the range's bit for bit: counts are whole numbers and amounts are summed in exact units
 * ({@link ExactAmounts}), so the order of the additions does not matter.
 *
 * <p>A firm appears from its {@code registered_on} date: bronze keeps only the latest version of
 * a firm, so its address, director and account are the latest known ones.
 */
public final class FirmFeatures {
  /** Amounts in [9000, 10000) sit just below the 10,000 reporting threshold. */
  static final double STRUCTURING_LOW = 9000.0;

  static final double STRUCTURING_HIGH = 10000.0;
  /** A round amount is a positive multiple of 1000. */
  static final double ROUND_UNIT = 1000.0;

  private static final String FIRM = "_firm";
  private static final String COUNTERPARTY = "_counterparty";
  private static final String INCOMING = "_incoming";
  private static final String DAY = "_day";
  private static final String DAY_NUMBER = "_day_number";
  private static final String GRID = "_grid";
  private static final String SIDE = "_side";
  private static final String COUNTERPARTY_COUNTRY = "_counterparty_country";

  private final SparkSession spark;
  private BronzeInputs bronze;
  private ReferenceData reference;
  private LocalDate from;
  private LocalDate to;
  private GraphParameters graphParameters = GraphParameters.defaults();
  private boolean graphFlowsEnabled = true;

  private FirmFeatures(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  public static FirmFeatures builder(SparkSession spark) {
    return new FirmFeatures(spark);
  }

  /** Uses given bronze-shaped tables (tests, notebooks). */
  public FirmFeatures bronze(BronzeInputs inputs) {
    this.bronze = inputs;
    return this;
  }

  public FirmFeatures reference(ReferenceData value) {
    this.reference = value;
    return this;
  }

  /** First as_of date (inclusive). */
  public FirmFeatures from(LocalDate value) {
    this.from = value;
    return this;
  }

  /** Last as_of date (inclusive). */
  public FirmFeatures to(LocalDate value) {
    this.to = value;
    return this;
  }

  /** Parameters of the graph flow features (lookback, windows, thresholds); defaults otherwise. */
  public FirmFeatures graphParameters(GraphParameters value) {
    this.graphParameters = Objects.requireNonNull(value, "graphParameters");
    return this;
  }

  /**
   * Leaves out the graph flow features ({@link FirmFeatureColumns#GRAPH_FEATURES}): their columns
   * stay, filled with 0, and the transactions' graph lookback (a year) is not read for them. For
   * lakes whose models do not use them (configuration {@code features.graph.enabled=false}); a
   * model trained with them must not score rows built without them.
   */
  public FirmFeatures skipGraphFlows() {
    this.graphFlowsEnabled = false;
    return this;
  }

  /** The firm features, one row per firm and as_of in [from, to], in {@link FirmFeatureColumns#SCHEMA} order. */
  public Dataset<Row> build() {
    if (bronze == null || reference == null || from == null || to == null) {
      throw CargoRiskErrors.invalidConfiguration(
          "firm features", "bronze=" + bronze + ", reference, from=" + from + ", to=" + to,
          "bronze, reference, from and to must all be set");
    }
    if (to.isBefore(from)) {
      throw CargoRiskErrors.invalidConfiguration(
          "firm features range", from + ".." + to, "the first date must not be after the last");
    }
    List<LocalDate> corrections = correctionDays();
    Dataset<Row> result = null;
    LocalDate start = from;
    for (LocalDate next : corrections) {
      result = union(result, part(start, next.minusDays(1)).buildRange());
      start = next;
    }
    return union(result, part(start, to).buildRange());
  }

  private static Dataset<Row> union(Dataset<Row> built, Dataset<Row> part) {
    return built == null ? part : built.unionByName(part);
  }

  /**
   * The days in (from, to] on which a later version of a payment or a firm label replaced an
   * earlier one (a correction): the range is built in parts that end the day before each, so that
   * every part reads the payments and labels as known at its last day and its trailing windows
   * see, for each as_of, exactly the versions known then (the night's values). Corrections are
   * rare; without any the range is one part. At most one day per as_of date is collected.
   */
  private List<LocalDate> correctionDays() {
    if (from.equals(to)) {
      return List.of(); // one as_of (the night): no day in (from, to], no Spark job to ask
    }
    Column replacedInRange =
        col(BronzeColumns.VALID_TO).gt(lit(Date.valueOf(from))).and(col(BronzeColumns.VALID_TO).leq(lit(Date.valueOf(to))));
    List<LocalDate> days = new ArrayList<>();
    for (Row row :
        bronze.transactions().where(replacedInRange).select(BronzeColumns.VALID_TO)
            .union(bronze.firmLabels().where(replacedInRange).select(BronzeColumns.VALID_TO))
            .distinct()
            .orderBy(BronzeColumns.VALID_TO)
            .collectAsList()) {
      days.add(row.getDate(0).toLocalDate());
    }
    return days;
  }

  /** The same build for [first, last], with the payments and labels known at the end of {@code last}. */
  private FirmFeatures part(LocalDate first, LocalDate last) {
    Column current = col(BronzeColumns.VALID_TO).isNull().or(col(BronzeColumns.VALID_TO).gt(lit(Date.valueOf(last))));
    FirmFeatures part = new FirmFeatures(spark);
    part.bronze =
        new BronzeInputs(
            bronze.manifests(), bronze.portCalls(), bronze.containerEvents(), bronze.firms(),
            bronze.transactions().where(current), bronze.inspections(), bronze.firmLabels().where(current));
    part.reference = reference;
    part.from = first;
    part.to = last;
    part.graphParameters = graphParameters;
    part.graphFlowsEnabled = graphFlowsEnabled;
    return part;
  }

  private Dataset<Row> buildRange() {
    ReferenceLookups lookups = new ReferenceLookups(reference);
    Dataset<Row> grid = grid();
    Dataset<Row> joined = from.equals(to) ? windowsOn(grid, lookups) : windowsOverRange(grid, lookups);
    Column a30 = ExactAmounts.amount(col("a30"));
    Column a90 = ExactAmounts.amount(col("a90"));
    Dataset<Row> base = joined.select(
        col(FIRM_ID),
        col(AS_OF),
        col(Contracts.COUNTRY).as(COUNTRY),
        col(Contracts.SECTOR).as(SECTOR),
        col("n30").as(TXN_COUNT_30D),
        col("n90").as(TXN_COUNT_90D),
        a30.as(TXN_AMOUNT_30D),
        a90.as(TXN_AMOUNT_90D),
        // log of (daily volume last 30 days + 1) over (daily volume of the 60 days before + 1)
        log(a30.divide(30).plus(1).divide(a90.minus(a30).divide(60).plus(1))).as(VELOCITY_CHANGE),
        share(ExactAmounts.amount(col("cash90")), a90).as(CASH_SHARE_90D),
        share(col("round90"), col("n90")).as(ROUND_AMOUNT_SHARE_90D),
        col("structuring90").as(STRUCTURING_COUNT_90D),
        col("fan_in").as(FAN_IN_90D),
        col("fan_out").as(FAN_OUT_90D),
        col("third90").as(THIRD_PARTY_PAYMENTS_90D),
        col("high_risk90").as(HIGH_RISK_COUNTRY_PAYMENTS_90D),
        greatest(datediff(col(AS_OF), col(Contracts.REGISTERED_ON)), lit(0)).cast("double").as(COMPANY_AGE_DAYS),
        col(SHARED_ADDRESS_COUNT),
        col(SHARED_DIRECTOR_COUNT),
        col(SHARED_BANK_ACCOUNT_COUNT),
        col("malafide").as(MALAFIDE_LINKS));
    // Without the graph flows the columns stay, filled with 0 (the table contract: never null).
    Dataset<Row> withGraph =
        graphFlowsEnabled ? base.join(graphFlows(), toSeq(List.of(FIRM_ID, AS_OF)), "left") : base;
    List<Column> output = new ArrayList<>();
    for (String column : ALL) {
      if (!GRAPH_FEATURES.contains(column)) {
        output.add(col(column));
      } else if (graphFlowsEnabled) {
        output.add(coalesce(col(column), lit(0.0)).as(column));
      } else {
        output.add(lit(0.0).as(column));
      }
    }
    return withGraph.select(output.toArray(Column[]::new));
  }

  /**
   * The window sums of every (firm, as_of) of the range, joined to the grid: daily rows per firm
   * and known day, unioned with one empty row per grid cell, and range windows over the day number.
   */
  private Dataset<Row> windowsOverRange(Dataset<Row> grid, ReferenceLookups lookups) {
    Dataset<Row> daily =
        transactionDays(lookups)
            .unionByName(fanEvents(), true)
            .unionByName(malafideEvents(), true)
            .unionByName(grid.select(col(FIRM_ID).as(FIRM), col(AS_OF).as(DAY), lit(true).as(GRID)), true);
    for (String metric : METRICS) {
      daily = daily.withColumn(metric, coalesce(col(metric), zeroOf(daily, metric)));
    }
    daily = daily.withColumn(GRID, coalesce(col(GRID), lit(false)))
        .withColumn(DAY_NUMBER, datediff(col(DAY), lit("1970-01-01").cast("date")));

    WindowSpec upToDay =
        Window.partitionBy(FIRM).orderBy(DAY_NUMBER).rangeBetween(Window.unboundedPreceding(), 0);
    Dataset<Row> windowed =
        daily
            .select(
                col(FIRM),
                col(DAY),
                col(GRID),
                trailing("n", 30).as("n30"),
                trailing("n", 90).as("n90"),
                trailing("amount", 30).as("a30"),
                trailing("amount", 90).as("a90"),
                trailing("cash_amount", 90).as("cash90"),
                trailing("round_n", 90).as("round90"),
                trailing("structuring_n", 90).as("structuring90"),
                trailing("third_party_n", 90).as("third90"),
                trailing("high_risk_n", 90).as("high_risk90"),
                sum("fan_in_delta").over(upToDay).as("fan_in"),
                sum("fan_out_delta").over(upToDay).as("fan_out"),
                sum("malafide_delta").over(upToDay).as("malafide"))
            .where(col(GRID));
    return grid.join(
        windowed,
        grid.col(FIRM_ID).equalTo(windowed.col(FIRM)).and(grid.col(AS_OF).equalTo(windowed.col(DAY))));
  }

  /**
   * The same window sums for one as_of date D (the nightly), per firm without daily rows or
   * windows: the payments of [D - 89, D] summed once per firm (the 30-day sums over the days from
   * D - 29), the distinct counterparties of those days, and the malafide links known by D. Counts
   * are whole numbers and amounts exact units, so the sums are the range's bit for bit.
   */
  private Dataset<Row> windowsOn(Dataset<Row> grid, ReferenceLookups lookups) {
    Column last30 = col(DAY).geq(lit(Date.valueOf(to.minusDays(29))));
    Dataset<Row> payments =
        transactionFacts(lookups)
            .groupBy(FIRM)
            .agg(
                sum(when(last30, col("n")).otherwise(0.0)).as("n30"),
                sum("n").as("n90"),
                sum(when(last30, col("amount")).otherwise(ExactAmounts.zero())).as("a30"),
                sum("amount").as("a90"),
                sum("cash_amount").as("cash90"),
                sum("round_n").as("round90"),
                sum("structuring_n").as("structuring90"),
                sum("third_party_n").as("third90"),
                sum("high_risk_n").as("high_risk90"));
    Dataset<Row> fans =
        fanCountsOn(to).select(col(FIRM), col("fan_in_delta").as("fan_in"), col("fan_out_delta").as("fan_out"));
    Dataset<Row> malafide =
        malafideEvents().where(col(DAY).leq(lit(Date.valueOf(to)))).groupBy(FIRM).agg(sum("malafide_delta").as("malafide"));
    // One row per firm from each part; a firm's value comes from one part, so the sum is that value.
    List<String> sums =
        List.of("n30", "n90", "a30", "a90", "cash90", "round90", "structuring90", "third90", "high_risk90",
            "fan_in", "fan_out", "malafide");
    List<Column> aggregates = new ArrayList<>();
    sums.forEach(name -> aggregates.add(sum(name).as(name)));
    Dataset<Row> perFirm =
        payments.unionByName(fans, true).unionByName(malafide, true)
            .groupBy(FIRM)
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    Dataset<Row> joined = grid.join(perFirm, grid.col(FIRM_ID).equalTo(perFirm.col(FIRM)), "left");
    for (String name : sums) {
      joined = joined.withColumn(name, coalesce(col(name), zeroOf(joined, name)));
    }
    return joined;
  }

  /**
   * The graph flow features ({@link FirmFeatureColumns#GRAPH_FEATURES}) of every as_of, in one
   * pass over the transactions known by the last as_of ({@link GraphFeatures#dailyFlows}: for each
   * as_of, the payments landed by it and booked before its end, within the graph lookback). Firms
   * without payments get no row (0 after the join).
   */
  private Dataset<Row> graphFlows() {
    List<Column> columns = new ArrayList<>();
    columns.add(col(FIRM_ID));
    columns.add(col(AS_OF));
    GRAPH_FEATURES.forEach(feature -> columns.add(col(feature)));
    return GraphFeatures.dailyFlows(bronze.transactions(), from, to, graphParameters)
        .select(columns.toArray(Column[]::new));
  }

  /**
   * The sum of a daily metric over the {@code days} days ending on the row's day: a sliding range
   * window (exact: counts are whole numbers, amounts {@link ExactAmounts} units).
   */
  private static Column trailing(String metric, int days) {
    return sum(metric).over(Window.partitionBy(FIRM).orderBy(DAY_NUMBER).rangeBetween(-(days - 1), 0));
  }

  private static final List<String> METRICS =
      List.of(
          "n", "amount", "cash_amount", "round_n", "structuring_n", "third_party_n", "high_risk_n",
          "fan_in_delta", "fan_out_delta", "malafide_delta");

  /** 0 of the column's type: amounts are exact units (long), the other metrics doubles. */
  private static Column zeroOf(Dataset<Row> rows, String column) {
    return lit(0).cast(rows.schema().apply(column).dataType());
  }

  private static Column share(Column part, Column whole) {
    return when(whole.gt(0), part.divide(whole)).otherwise(0.0);
  }

  /**
   * One row per firm registered and known by as_of (its record as known at the end of as_of),
   * with the firm's static attributes and shared counts.
   */
  private Dataset<Row> grid() {
    Dataset<Row> dates =
        spark.range(1).select(
            explode(sequence(lit(from), lit(to), expr("interval 1 day"))).as(AS_OF));
    Dataset<Row> firms = bronze.firms();
    Dataset<Row> grid =
        firms
            .join(
                dates,
                firms.col(Contracts.REGISTERED_ON).leq(dates.col(AS_OF))
                    .and(PointInTime.valid(
                        firms.col(BronzeColumns.BUSINESS_DATE), firms.col(BronzeColumns.VALID_TO), dates.col(AS_OF))))
            .withColumn("_address", lower(trim(col(Contracts.ADDRESS))));
    return grid
        .withColumn(SHARED_ADDRESS_COUNT, sharedCount("_address"))
        .withColumn(SHARED_DIRECTOR_COUNT, sharedCount(Contracts.DIRECTOR_NAME))
        .withColumn(SHARED_BANK_ACCOUNT_COUNT, sharedCount(Contracts.BANK_ACCOUNT))
        .select(
            col(Contracts.FIRM_ID).as(FIRM_ID),
            col(AS_OF),
            col(Contracts.COUNTRY),
            col(Contracts.SECTOR),
            col(Contracts.REGISTERED_ON),
            col(SHARED_ADDRESS_COUNT),
            col(SHARED_DIRECTOR_COUNT),
            col(SHARED_BANK_ACCOUNT_COUNT));
  }

  /** Other firms registered by as_of with the same (non-null) value of a column. */
  private static Column sharedCount(String column) {
    return when(
            col(column).isNotNull(),
            count(lit(1)).over(Window.partitionBy(col(AS_OF), col(column))).minus(1))
        .otherwise(0)
        .cast("double");
  }

  /** Transactions from each firm's side: firm, counterparty, direction, known day. */
  private Dataset<Row> perspectives() {
    Dataset<Row> txns =
        bronze
            .transactions()
            .withColumn(
                DAY,
                PointInTime.knownDay(col(Contracts.BOOKED_AT), col(BronzeColumns.BUSINESS_DATE)));
    // Both sides from one row (one scan): the payer's outgoing row and the payee's incoming row.
    Column sides =
        explode(
            array(
                struct(
                    col(Contracts.PAYER_ID).as(FIRM),
                    col(Contracts.PAYEE_ID).as(COUNTERPARTY),
                    col(Contracts.PAYEE_COUNTRY).as(COUNTERPARTY_COUNTRY),
                    lit(false).as(INCOMING)),
                struct(
                    col(Contracts.PAYEE_ID).as(FIRM),
                    col(Contracts.PAYER_ID).as(COUNTERPARTY),
                    col(Contracts.PAYER_COUNTRY).as(COUNTERPARTY_COUNTRY),
                    lit(true).as(INCOMING))));
    return txns.select(sides.as(SIDE), col(DAY), col(Contracts.AMOUNT), col(Contracts.CHANNEL))
        .select(
            col(SIDE + "." + FIRM).as(FIRM),
            col(SIDE + "." + COUNTERPARTY).as(COUNTERPARTY),
            col(SIDE + "." + COUNTERPARTY_COUNTRY).as(COUNTERPARTY_COUNTRY),
            col(SIDE + "." + INCOMING).as(INCOMING),
            col(DAY),
            col(Contracts.AMOUNT),
            col(Contracts.CHANNEL))
        .where(col(FIRM).isNotNull());
  }

  /**
   * Pairs of firms named on the same manifest line (shipper, consignee, notify party, forwarder),
   * from the first day a version of the line naming both was known: the later of the line's
   * first filing and the day that version landed. A pair stays once known: an amendment that
   * replaces a party adds the new pairs and keeps the old (the firms were on one line; a front
   * company swapped in after departure is a signal, not an erasure), so a later version never
   * changes an earlier day's pairs.
   */
  private Dataset<Row> shipmentPartners() {
    Dataset<Row> manifests =
        bronze
            .manifests()
            .withColumn(
                DAY,
                PointInTime.knownDay(col(BronzeColumns.FIRST_FILED_AT), col(BronzeColumns.BUSINESS_DATE)));
    String[] roles = {
      Contracts.SHIPPER_ID, Contracts.CONSIGNEE_ID, Contracts.NOTIFY_PARTY_ID, Contracts.FORWARDER_ID
    };
    // Every ordered pair of roles from one row (one scan of the manifests).
    List<Column> pairs = new ArrayList<>();
    for (String a : roles) {
      for (String b : roles) {
        if (!a.equals(b)) {
          pairs.add(struct(col(a).as(FIRM), col(b).as(COUNTERPARTY)));
        }
      }
    }
    return manifests
        .where(col(DAY).leq(lit(to)))
        .select(explode(array(pairs.toArray(Column[]::new))).as(SIDE), col(DAY))
        .select(col(SIDE + "." + FIRM).as(FIRM), col(SIDE + "." + COUNTERPARTY).as(COUNTERPARTY), col(DAY))
        .where(col(FIRM).isNotNull().and(col(COUNTERPARTY).isNotNull()).and(col(FIRM).notEqual(col(COUNTERPARTY))))
        .groupBy(FIRM, COUNTERPARTY)
        .agg(min(DAY).as("_partner_since"));
  }

  /**
   * Each payment from each firm's side within the 90-day windows of [from, to], with its known day
   * and metrics: n = 1, amount and cash_amount in {@link ExactAmounts} units, and 0/1 flags.
   */
  private Dataset<Row> transactionFacts(ReferenceLookups lookups) {
    Dataset<Row> partners = shipmentPartners();
    // Only the days the 90-day windows of [from, to] reach.
    Dataset<Row> sides = perspectives().where(col(DAY).between(lit(from.minusDays(89)), lit(to)));
    // A hash join: sorting both sides (the payments and every partner pair of the history) for a
    // sort-merge join cost more than the join itself.
    Dataset<Row> withPartners =
        sides.join(partners.hint("shuffle_hash"), toSeq(List.of(FIRM, COUNTERPARTY)), "left");
    Column amount = col(Contracts.AMOUNT);
    Column isCash = col(Contracts.CHANNEL).startsWith("CASH");
    Column thirdParty =
        col(COUNTERPARTY).isNotNull()
            .and(col("_partner_since").isNull().or(col("_partner_since").gt(col(DAY))));
    // Amounts are summed exactly (ExactAmounts): a sum of doubles depends in its last bits on the
    // order the shuffle delivers the payments in (another order on a cluster), and features must
    // be the same wherever they are computed.
    Column units = coalesce(ExactAmounts.units(amount), ExactAmounts.zero());
    return withPartners.select(
        col(FIRM),
        col(DAY),
        lit(1.0).as("n"),
        units.as("amount"),
        when(isCash, units).otherwise(ExactAmounts.zero()).as("cash_amount"),
        when(amount.geq(ROUND_UNIT).and(pmod(amount, lit(ROUND_UNIT)).equalTo(0)), 1.0).otherwise(0.0).as("round_n"),
        when(amount.geq(STRUCTURING_LOW).and(amount.lt(STRUCTURING_HIGH)), 1.0).otherwise(0.0).as("structuring_n"),
        when(thirdParty, 1.0).otherwise(0.0).as("third_party_n"),
        when(lookups.countryTier(col(COUNTERPARTY_COUNTRY)).equalTo(3), 1.0).otherwise(0.0).as("high_risk_n"));
  }

  /** Daily sums per firm and known day. */
  private Dataset<Row> transactionDays(ReferenceLookups lookups) {
    List<Column> sums = new ArrayList<>();
    for (String metric : List.of("amount", "cash_amount", "round_n", "structuring_n", "third_party_n", "high_risk_n")) {
      sums.add(sum(metric).as(metric));
    }
    return transactionFacts(lookups)
        .groupBy(col(FIRM), col(DAY))
        .agg(sum("n").as("n"), sums.toArray(Column[]::new));
  }

  private static scala.collection.immutable.Seq<String> toSeq(List<String> names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(names).toList();
  }

  /**
   * +1 on the day a counterparty starts counting towards the firm's 90-day fan-in (or fan-out)
   * and -1 on the day it stops (90 days after its last payment, or when its next payment starts
   * a new interval), so a cumulative sum gives the distinct counterparties of the last 90 days.
   */
  private Dataset<Row> fanEvents() {
    // A day more than 90 days before `from` opens and closes its interval before `from`: it
    // changes no count of the range, and the next day of a kept day is kept (or after `to`).
    Dataset<Row> days =
        perspectives()
            .where(col(COUNTERPARTY).isNotNull().and(col(DAY).between(lit(from.minusDays(90)), lit(to))))
            .select(FIRM, COUNTERPARTY, INCOMING, DAY)
            .distinct();
    WindowSpec next = Window.partitionBy(FIRM, COUNTERPARTY, INCOMING).orderBy(DAY);
    Dataset<Row> intervals =
        days.withColumn(
            "_end", least(date_add(col(DAY), 90), coalesce(lead(col(DAY), 1).over(next), date_add(col(DAY), 90))));
    Dataset<Row> starts = intervals.select(col(FIRM), col(DAY), col(INCOMING), lit(1.0).as("_delta"));
    Dataset<Row> ends = intervals.select(col(FIRM), col("_end").as(DAY), col(INCOMING), lit(-1.0).as("_delta"));
    return starts
        .unionByName(ends)
        .groupBy(FIRM, DAY)
        .agg(
            sum(when(col(INCOMING), col("_delta")).otherwise(0.0)).as("fan_in_delta"),
            sum(when(col(INCOMING), 0.0).otherwise(col("_delta"))).as("fan_out_delta"));
  }

  /**
   * The fan events of one as_of date D in one row per firm, on D itself: the cumulative sum of
   * {@link #fanEvents()} at D is 1 for each (counterparty, direction) with a payment known on a
   * day in [D - 89, D] (the interval of its last such day is still open on D; every earlier one
   * closed by that day), so the distinct counterparties of those days are the whole count. A
   * hash aggregate instead of the interval events' sort, window and +1/-1 rows (the nightly).
   */
  private Dataset<Row> fanCountsOn(LocalDate day) {
    return perspectives()
        .where(col(COUNTERPARTY).isNotNull().and(col(DAY).between(lit(day.minusDays(89)), lit(day))))
        .select(FIRM, COUNTERPARTY, INCOMING)
        .distinct()
        .groupBy(FIRM)
        .agg(
            sum(when(col(INCOMING), 1.0).otherwise(0.0)).as("fan_in_delta"),
            sum(when(col(INCOMING), 0.0).otherwise(1.0)).as("fan_out_delta"))
        .select(col(FIRM), lit(Date.valueOf(day)).as(DAY), col("fan_in_delta"), col("fan_out_delta"));
  }

  /**
   * +1 on the day a direct counterparty (by payment or shared manifest) is known to be labelled
   * MALAFIDE: the later of the first contact and the label's known day.
   */
  private Dataset<Row> malafideEvents() {
    Dataset<Row> labels =
        bronze
            .firmLabels()
            .where(col(Contracts.LABEL).equalTo("MALAFIDE"))
            .groupBy(col(Contracts.FIRM_ID).as(COUNTERPARTY))
            .agg(
                min(PointInTime.knownDay(
                        col(Contracts.LABELLED_ON).cast("timestamp"), col(BronzeColumns.BUSINESS_DATE)))
                    .as("_labelled"));
    // Only edges to a MALAFIDE firm count: the few labelled firms (broadcast) cut the payments and
    // partner pairs before they are grouped per edge, not after (all edges of the history).
    Dataset<Row> labelled = broadcast(labels.select(COUNTERPARTY));
    List<String> keys = new ArrayList<>(List.of(COUNTERPARTY));
    Dataset<Row> paymentEdges =
        perspectives()
            .where(col(COUNTERPARTY).isNotNull().and(col(DAY).leq(lit(to))))
            .join(labelled, toSeq(keys), "left_semi")
            .groupBy(FIRM, COUNTERPARTY)
            .agg(min(DAY).as("_since"));
    Dataset<Row> partnerEdges =
        shipmentPartners()
            .join(labelled, toSeq(keys), "left_semi")
            .withColumnRenamed("_partner_since", "_since");
    Dataset<Row> edges =
        paymentEdges.unionByName(partnerEdges).groupBy(FIRM, COUNTERPARTY).agg(min("_since").as("_since"));
    return edges
        .join(labels, toSeq(keys))
        .where(col(FIRM).notEqual(col(COUNTERPARTY)))
        .select(col(FIRM), greatest(col("_since"), col("_labelled")).as(DAY))
        .groupBy(FIRM, DAY)
        .agg(count(lit(1)).cast("double").as("malafide_delta"));
  }
}
