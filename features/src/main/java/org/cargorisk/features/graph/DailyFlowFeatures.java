package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.features.inputs.ExactAmounts;
import org.cargorisk.lake.BronzeColumns;

/**
 * The flow features of {@link FlowFeatures} for every as_of date of a range at once, without a
 * rescan per date: the values of as_of D equal {@code FlowFeatures} over the payments known on D
 * (booked before the end of D, landed by D, booked within the lookback before the end of D). One
 * date (the nightly) is exactly that one-date aggregate.
 *
 * <p>How, for a range: each payment counts for a contiguous span of as_of days, from the later of
 * its booking day and landing date to the last day whose lookback still reaches it, clipped to
 * the range. Then, per firm:
 *
 * <ul>
 *   <li>counts and amounts become +value on the first day of a span and -value on the day after
 *       it, summed cumulatively over the days (amounts in exact units, so the running sum has
 *       no rounding drift);
 *   <li>distinct counterparties (fan-in, fan-out, recent and previous windows): per (firm,
 *       counterparty, direction, window) the covered days as bits of a long per 64-day block,
 *       ORed over its payments (a hash aggregate: no {@code count_distinct}, no Expand, no sort);
 *       pairs with the same bits are counted together;
 *   <li>the pass-through window (money in within 48 hours before a payment out) is one range
 *       window over the payments relevant to the range. A payment out whose window only holds
 *       payments in counting on every day it counts (almost all) passes the same amount on all its
 *       days; for the few others (a payment in that lands later, or leaves the lookback earlier)
 *       the window is evaluated per day by a join on the firm and 48-hour time buckets.
 * </ul>
 */
final class DailyFlowFeatures {
  private DailyFlowFeatures() {}

  private static final long DAY_SECONDS = 86_400L;
  // Working columns.
  private static final String START = "_start";
  private static final String END = "_end";
  private static final String DAY = "_day";
  private static final String SIGN = "_sign";
  private static final String KIND = "_kind";
  private static final String DELTA = "_delta";
  private static final String INFLOW_BEFORE = "_inflow_before";
  private static final String LATEST_INFLOW_START = "_latest_inflow_start";
  private static final String EARLIEST_INFLOW_END = "_earliest_inflow_end";
  private static final String STEADY = "_steady";
  private static final String BUCKET = "_bucket";
  private static final String COPIES = "_copies";
  private static final String UNSTEADY_PASSED = "_unsteady_passed";
  private static final String BLOCK_ID = "_block";
  private static final String MASK = "_mask";
  /** Days per bit mask (a long). */
  private static final long BLOCK = 64;

  // Per-firm running metrics.
  private static final String PAYMENTS = "_payments";
  private static final String STRUCTURING = "_structuring";
  private static final String INFLOW = "_inflow";
  private static final String PASSED = "_passed";
  private static final String IN_ALL = "_in_all";
  private static final String OUT_ALL = "_out_all";
  private static final String IN_RECENT = "_in_recent";
  private static final String OUT_RECENT = "_out_recent";
  private static final String IN_PREVIOUS = "_in_previous";
  private static final String OUT_PREVIOUS = "_out_previous";

  /** Kinds of counterparty span: the whole lookback, the recent window, the window before it. */
  private static final int ALL = 0;

  private static final int RECENT = 1;
  private static final int PREVIOUS = 2;

  private static final List<String> SPAN_METRICS = List.of(PAYMENTS, STRUCTURING, INFLOW, PASSED);
  private static final List<String> PAIR_METRICS =
      List.of(IN_ALL, OUT_ALL, IN_RECENT, OUT_RECENT, IN_PREVIOUS, OUT_PREVIOUS);

  static Dataset<Row> compute(
      Dataset<Row> transactions, LocalDate from, LocalDate to, GraphParameters parameters) {
    Map<String, DataType> required = new HashMap<>();
    required.put(Contracts.BOOKED_AT, DataTypes.TimestampType);
    required.put(Contracts.PAYER_ID, DataTypes.StringType);
    required.put(Contracts.PAYEE_ID, DataTypes.StringType);
    required.put(Contracts.AMOUNT, DataTypes.DoubleType);
    boolean landed = List.of(transactions.columns()).contains(BronzeColumns.BUSINESS_DATE);
    if (landed) {
      required.put(BronzeColumns.BUSINESS_DATE, DataTypes.DateType);
    }
    SchemaChecks.requireTypes("GraphFeatures daily flows (transactions)", transactions.schema(), required);

    long fromDay = from.toEpochDay();
    long toDay = to.toEpochDay();
    long lookback = parameters.lookback().toSeconds();
    long recent = parameters.recentWindow().toSeconds();
    long passThrough = parameters.passThroughWindow().toSeconds();

    if (from.equals(to)) {
      // One date (the nightly): the one-date aggregate over the payments landed by it.
      Dataset<Row> known =
          landed ? transactions.where(col(BronzeColumns.BUSINESS_DATE).leq(lit(Date.valueOf(to)))) : transactions;
      Dataset<Row> flows = FlowFeatures.compute(TransactionGraph.of(known, to, parameters), parameters);
      List<Column> columns = new ArrayList<>();
      columns.add(col(GraphColumns.FIRM_ID));
      columns.add(lit(Date.valueOf(to)).as(GraphColumns.AS_OF));
      for (String column : flows.columns()) {
        if (!column.equals(GraphColumns.FIRM_ID)) {
          columns.add(col(column));
        }
      }
      return flows.select(columns.toArray(Column[]::new));
    }
    Dataset<Row> flows = relevantFlows(transactions, landed, from, to, lookback);

    // The pass-through window, once for the whole range, over the payments relevant to it.
    Column at = col(TransactionGraph.AT);
    Column amount = col(TransactionGraph.AMOUNT);
    Column incoming = col(TransactionGraph.INCOMING);
    Column outgoing = not(incoming);
    WindowSpec frame =
        Window.partitionBy(TransactionGraph.FIRM).orderBy(at).rangeBetween(-passThrough, 0);
    Dataset<Row> framed =
        flows
            .withColumn(
                INFLOW_BEFORE,
                sum(when(incoming, ExactAmounts.units(amount)).otherwise(ExactAmounts.zero())).over(frame))
            .withColumn(LATEST_INFLOW_START, max(when(incoming, col(START))).over(frame))
            .withColumn(EARLIEST_INFLOW_END, min(when(incoming, col(END))).over(frame))
            // Every payment in of the window counts on every day this payment counts.
            .withColumn(
                STEADY,
                col(LATEST_INFLOW_START).isNull()
                    .or(col(LATEST_INFLOW_START).leq(col(START)).and(col(EARLIEST_INFLOW_END).geq(col(END)))));

    Dataset<Row> spanDeltas = spanDeltas(framed, parameters, toDay);
    Dataset<Row> pairDeltas = pairDeltas(framed, recent, fromDay, toDay);
    Dataset<Row> running =
        running(spanDeltas.unionByName(pairDeltas, true), toDay)
            .join(unsteadyPassed(framed, passThrough), new String[] {TransactionGraph.FIRM, DAY}, "left")
            .withColumn(PASSED, col(PASSED).plus(coalesce(col(UNSTEADY_PASSED), ExactAmounts.zero())));
    return output(running.where(col(PAYMENTS).gt(0)));
  }

  /**
   * Payments seen from each firm's side (one scan: both sides come from one row), with the span
   * [START, END] of as_of day numbers (days since 1970-01-01) in the range they count for.
   */
  private static Dataset<Row> relevantFlows(
      Dataset<Row> transactions, boolean landed, LocalDate from, LocalDate to, long lookback) {
    Instant end = TransactionGraph.endOf(to);
    Instant start = TransactionGraph.endOf(from).minusSeconds(lookback);
    // Plain bounds first, so the scan can skip files; the spans below are the exact rule.
    Column known =
        col(Contracts.BOOKED_AT).lt(lit(Timestamp.from(end)))
            .and(col(Contracts.BOOKED_AT).geq(lit(Timestamp.from(start))))
            .and(col(Contracts.AMOUNT).isNotNull());
    if (landed) {
      known = known.and(col(BronzeColumns.BUSINESS_DATE).leq(lit(Date.valueOf(to))));
    }
    Column at = unix_seconds(col(Contracts.BOOKED_AT));
    Column bookedDay = dayOf(at);
    Column firstDay = landed ? greatest(bookedDay, unix_date(col(BronzeColumns.BUSINESS_DATE)).cast("long")) : bookedDay;
    Column lastDay = dayOf(at.plus(lookback)).minus(1);
    Column sides =
        explode(
            array(
                struct(
                    col(Contracts.PAYER_ID).as(TransactionGraph.FIRM),
                    col(Contracts.PAYEE_ID).as(TransactionGraph.COUNTERPARTY),
                    lit(false).as(TransactionGraph.INCOMING)),
                struct(
                    col(Contracts.PAYEE_ID).as(TransactionGraph.FIRM),
                    col(Contracts.PAYER_ID).as(TransactionGraph.COUNTERPARTY),
                    lit(true).as(TransactionGraph.INCOMING))));
    return transactions
        .where(known)
        .select(
            sides.as("_side"),
            at.as(TransactionGraph.AT),
            col(Contracts.AMOUNT).as(TransactionGraph.AMOUNT),
            greatest(firstDay, lit(from.toEpochDay())).as(START),
            least(lastDay, lit(to.toEpochDay())).as(END))
        .where(col(START).leq(col(END)).and(col("_side." + TransactionGraph.FIRM).isNotNull()))
        .select(
            col("_side." + TransactionGraph.FIRM).as(TransactionGraph.FIRM),
            col("_side." + TransactionGraph.COUNTERPARTY).as(TransactionGraph.COUNTERPARTY),
            col("_side." + TransactionGraph.INCOMING).as(TransactionGraph.INCOMING),
            col(TransactionGraph.AT),
            col(TransactionGraph.AMOUNT),
            col(START),
            col(END));
  }

  /** Day number (days since 1970-01-01, UTC) of an epoch second. */
  private static Column dayOf(Column epochSeconds) {
    return floor(epochSeconds.divide((double) DAY_SECONDS));
  }

  /**
   * Counts and amounts per (firm, span), then +value on the span's first day and -value on the
   * day after its last (dropped when after the range).
   */
  private static Dataset<Row> spanDeltas(Dataset<Row> framed, GraphParameters parameters, long toDay) {
    Column amount = col(TransactionGraph.AMOUNT);
    Column incoming = col(TransactionGraph.INCOMING);
    Column justBelow = lit(false);
    for (double threshold : parameters.structuringThresholds()) {
      justBelow =
          justBelow.or(amount.geq(threshold * (1 - parameters.structuringBand())).and(amount.lt(threshold)));
    }
    Dataset<Row> spans =
        framed
            .groupBy(TransactionGraph.FIRM, START, END)
            .agg(
                count(lit(1)).cast("double").as(PAYMENTS),
                sum(when(justBelow, 1.0).otherwise(0.0)).as(STRUCTURING),
                sum(when(incoming, ExactAmounts.units(amount)).otherwise(ExactAmounts.zero())).as(INFLOW),
                sum(when(not(incoming).and(col(STEADY)), least(ExactAmounts.units(amount), col(INFLOW_BEFORE)))
                        .otherwise(ExactAmounts.zero()))
                    .as(PASSED));
    Dataset<Row> signed =
        spans
            .withColumn(
                "_edge",
                explode(
                    array(
                        struct(col(START).as(DAY), lit(1).as(SIGN)),
                        struct(col(END).plus(1).as(DAY), lit(-1).as(SIGN)))))
            .where(col("_edge." + DAY).leq(toDay));
    Column sign = col("_edge." + SIGN);
    List<Column> columns = new ArrayList<>();
    columns.add(col(TransactionGraph.FIRM));
    columns.add(col("_edge." + DAY).as(DAY));
    for (String metric : SPAN_METRICS) {
      Column value = col(metric);
      columns.add(when(sign.gt(0), value).otherwise(value.unary_$minus()).as(metric));
    }
    return signed.select(columns.toArray(Column[]::new));
  }

  /**
   * Distinct counterparties per firm, direction and window kind, without a sort: the days of the
   * range are cut into blocks of 64, and each (firm, counterparty, direction, kind) ORs the day
   * bits of its spans into one long per block (the days it is covered on, spans merged). Pairs
   * with the same bits count together; each covered day then gives +count to the firm on that
   * day and -count on the next.
   */
  private static Dataset<Row> pairDeltas(Dataset<Row> framed, long recent, long fromDay, long toDay) {
    Column at = col(TransactionGraph.AT);
    Column start = col(START);
    Column end = col(END);
    Column recentEnd = least(end, dayOf(at.plus(recent)).minus(1));
    Column previousStart = greatest(start, dayOf(at.plus(recent)));
    Column previousEnd = least(end, dayOf(at.plus(2 * recent)).minus(1));
    Column spans =
        array(
            struct(lit(ALL).as(KIND), start.as(START), end.as(END)),
            struct(lit(RECENT).as(KIND), start.as(START), recentEnd.as(END)),
            struct(lit(PREVIOUS).as(KIND), previousStart.as(START), previousEnd.as(END)));
    Dataset<Row> kinds =
        framed
            .where(col(TransactionGraph.COUNTERPARTY).isNotNull())
            .select(
                col(TransactionGraph.FIRM),
                col(TransactionGraph.COUNTERPARTY),
                col(TransactionGraph.INCOMING),
                explode(spans).as("_span"))
            .select(
                col(TransactionGraph.FIRM),
                col(TransactionGraph.COUNTERPARTY),
                col(TransactionGraph.INCOMING),
                col("_span." + KIND).as(KIND),
                col("_span." + START).minus(fromDay).as(START),
                col("_span." + END).minus(fromDay).as(END))
            .where(col(START).leq(col(END)));
    // Offsets from the first day; a span touches the blocks from its start's to its end's.
    Column block = explode(sequence(col(START).divide(BLOCK).cast("long"), col(END).divide(BLOCK).cast("long")));
    Column blockStart = col(BLOCK_ID).multiply(BLOCK);
    Column low = greatest(col(START), blockStart).minus(blockStart);
    Column high = least(col(END), blockStart.plus(BLOCK - 1)).minus(blockStart);
    // Bits low..high: -1 shifted left by low, AND -1 shifted right (unsigned) by 63 - high.
    Column bits =
        call_function("shiftleft", lit(-1L), low.cast("int"))
            .bitwiseAND(call_function("shiftrightunsigned", lit(-1L), lit(BLOCK - 1).minus(high).cast("int")));
    Dataset<Row> masks =
        kinds
            .withColumn(BLOCK_ID, block)
            .groupBy(
                col(TransactionGraph.FIRM),
                col(TransactionGraph.COUNTERPARTY),
                col(TransactionGraph.INCOMING),
                col(KIND),
                col(BLOCK_ID))
            .agg(bit_or(bits).as(MASK))
            .groupBy(TransactionGraph.FIRM, TransactionGraph.INCOMING, KIND, BLOCK_ID, MASK)
            .agg(count(lit(1)).cast("double").as("_pairs"));
    Column bit = col("_bit");
    Column day = col(BLOCK_ID).multiply(BLOCK).plus(bit).plus(fromDay);
    Dataset<Row> covered =
        masks
            .withColumn("_bit", explode(sequence(lit(0L), lit(BLOCK - 1))))
            .where(call_function("shiftright", col(MASK), bit.cast("int")).bitwiseAND(lit(1L)).equalTo(1L))
            .withColumn(
                "_edge",
                explode(
                    array(
                        struct(day.as(DAY), col("_pairs").as(DELTA)),
                        struct(day.plus(1).as(DAY), col("_pairs").unary_$minus().as(DELTA)))))
            .where(col("_edge." + DAY).leq(toDay));
    Column in = col(TransactionGraph.INCOMING);
    Column kind = col(KIND);
    return covered.select(
        col(TransactionGraph.FIRM),
        col("_edge." + DAY).as(DAY),
        pairChange(in.and(kind.equalTo(ALL))).as(IN_ALL),
        pairChange(not(in).and(kind.equalTo(ALL))).as(OUT_ALL),
        pairChange(in.and(kind.equalTo(RECENT))).as(IN_RECENT),
        pairChange(not(in).and(kind.equalTo(RECENT))).as(OUT_RECENT),
        pairChange(in.and(kind.equalTo(PREVIOUS))).as(IN_PREVIOUS),
        pairChange(not(in).and(kind.equalTo(PREVIOUS))).as(OUT_PREVIOUS));
  }

  private static Column pairChange(Column condition) {
    return when(condition, col("_edge." + DELTA)).otherwise(0.0);
  }

  /**
   * The running sums per firm and day: each day with a change carries the sums up to it, valid
   * until the day before the firm's next change (or the last day of the range).
   */
  private static Dataset<Row> running(Dataset<Row> deltas, long toDay) {
    List<String> metrics = new ArrayList<>(SPAN_METRICS);
    metrics.addAll(PAIR_METRICS);
    List<Column> sums = new ArrayList<>();
    for (String metric : metrics) {
      sums.add(sum(col(metric)).as(metric));
    }
    Dataset<Row> byDay =
        deltas
            .groupBy(TransactionGraph.FIRM, DAY)
            .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
    WindowSpec byFirm = Window.partitionBy(TransactionGraph.FIRM).orderBy(DAY);
    WindowSpec upToDay = byFirm.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    List<Column> columns = new ArrayList<>();
    columns.add(col(TransactionGraph.FIRM));
    columns.add(col(DAY));
    columns.add(coalesce(lead(col(DAY), 1).over(byFirm).minus(1), lit(toDay)).as("_until"));
    for (String metric : metrics) {
      Column total = sum(coalesce(col(metric), lit(0).cast(byDay.schema().apply(metric).dataType()))).over(upToDay);
      // Amounts stay exact units until the pass-through ratio (the unsteady part is added first).
      boolean amount = metric.equals(INFLOW) || metric.equals(PASSED);
      columns.add((amount ? total : total.cast("double")).as(metric));
    }
    return byDay
        .select(columns.toArray(Column[]::new))
        .withColumn(DAY, explode(sequence(col(DAY), col("_until"))))
        .drop("_until");
  }

  /**
   * Money passed on by the payments out whose window is not steady over their span: per such
   * payment (identical ones once, times their copies) and day, the payments in of its window
   * that count on that day, found by a join on the firm and pass-through-sized time buckets.
   */
  private static Dataset<Row> unsteadyPassed(Dataset<Row> framed, long passThrough) {
    Column at = col(TransactionGraph.AT);
    Dataset<Row> out =
        framed
            .where(not(col(TransactionGraph.INCOMING)).and(not(col(STEADY))))
            .groupBy(TransactionGraph.FIRM, TransactionGraph.AT, TransactionGraph.AMOUNT, START, END)
            .agg(count(lit(1)).as(COPIES))
            // A payment in of the window lies in the payment's own bucket or the one before.
            .withColumn(
                BUCKET,
                explode(array(floor(at.divide((double) passThrough)), floor(at.divide((double) passThrough)).minus(1))));
    Dataset<Row> in =
        framed
            .where(col(TransactionGraph.INCOMING))
            .select(
                col(TransactionGraph.FIRM),
                floor(at.divide((double) passThrough)).as(BUCKET),
                at.as("_in_at"),
                ExactAmounts.units(col(TransactionGraph.AMOUNT)).as("_in_amount"),
                col(START).as("_in_start"),
                col(END).as("_in_end"));
    Column first = greatest(col(START), col("_in_start"));
    Column last = least(col(END), col("_in_end"));
    return out.join(in, new String[] {TransactionGraph.FIRM, BUCKET})
        .where(col("_in_at").between(at.minus(passThrough), at).and(first.leq(last)))
        .withColumn(DAY, explode(sequence(first, last)))
        .groupBy(TransactionGraph.FIRM, TransactionGraph.AT, TransactionGraph.AMOUNT, START, END, COPIES, DAY)
        .agg(sum("_in_amount").as("_in_window"))
        .groupBy(TransactionGraph.FIRM, DAY)
        .agg(
            sum(col(COPIES).multiply(least(ExactAmounts.units(col(TransactionGraph.AMOUNT)), col("_in_window"))))
                .as(UNSTEADY_PASSED));
  }

  /** The flow feature columns of {@link FlowFeatures#compute}, plus as_of. */
  private static Dataset<Row> output(Dataset<Row> running) {
    return running.select(
        col(TransactionGraph.FIRM).as(GraphColumns.FIRM_ID),
        date_from_unix_date(col(DAY).cast("int")).as(GraphColumns.AS_OF),
        col(IN_ALL).as(GraphColumns.FAN_IN),
        col(OUT_ALL).as(GraphColumns.FAN_OUT),
        col(IN_RECENT).as(GraphColumns.FAN_IN_RECENT),
        col(OUT_RECENT).as(GraphColumns.FAN_OUT_RECENT),
        FlowFeatures.log2Ratio(col(IN_RECENT), col(IN_PREVIOUS)).as(GraphColumns.FAN_IN_CHANGE),
        FlowFeatures.log2Ratio(col(OUT_RECENT), col(OUT_PREVIOUS)).as(GraphColumns.FAN_OUT_CHANGE),
        FlowFeatures.passThroughRatio(col(PASSED), col(INFLOW)).as(GraphColumns.PASS_THROUGH_RATIO),
        col(STRUCTURING).divide(col(PAYMENTS)).as(GraphColumns.STRUCTURING_SHARE),
        col(STRUCTURING).as(GraphColumns.STRUCTURING_COUNT));
  }
}
