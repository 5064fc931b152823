package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cargorisk.features.inputs.ExactAmounts;

/**
 * Per-firm flow features in one pass over the firm's payments: fan-in/fan-out and their change
 * between the recent window and the window before it, pass-through ratio and structuring. One
 * as_of date; {@link DailyFlowFeatures} gives the same values for a range of dates at once.
 */
final class FlowFeatures {
  private FlowFeatures() {}

  private static final String INFLOW_BEFORE = "inflow_before";

  // Amounts are summed exactly (ExactAmounts: whole ten-thousandths in a long): a sum of doubles
  // depends on the order Spark adds them in (partitions, shuffles), so the pass-through ratio
  // differed in its last bits between partitionings and between this one-date computation and
  // DailyFlowFeatures. Exact sums, turned into doubles only for the ratio, give the same bits.

  static Dataset<Row> compute(TransactionGraph graph, GraphParameters parameters) {
    long end = graph.endSeconds();
    long recent = parameters.recentWindow().toSeconds();
    long passThrough = parameters.passThroughWindow().toSeconds();
    Column at = col(TransactionGraph.AT);
    Column incoming = col(TransactionGraph.INCOMING);
    Column outgoing = not(incoming);
    Column amount = col(TransactionGraph.AMOUNT);
    Column exactAmount = ExactAmounts.units(amount);
    Column counterparty = col(TransactionGraph.COUNTERPARTY);
    Column inRecent = at.geq(end - recent);
    Column inPrevious = at.geq(end - 2 * recent).and(at.lt(end - recent));

    // Money that came in during the pass-through window before (and at) each payment. A range
    // window per firm: hubs make long partitions, but a sort, not a join, so no blow-up.
    Dataset<Row> withInflow =
        graph
            .flows()
            .withColumn(
                INFLOW_BEFORE,
                sum(when(incoming, exactAmount).otherwise(ExactAmounts.zero()))
                    .over(
                        Window.partitionBy(TransactionGraph.FIRM)
                            .orderBy(at)
                            .rangeBetween(-passThrough, 0)));

    Column justBelow = lit(false);
    for (double threshold : parameters.structuringThresholds()) {
      justBelow =
          justBelow.or(amount.geq(threshold * (1 - parameters.structuringBand())).and(amount.lt(threshold)));
    }

    // Per (firm, counterparty, direction) first, with recency flags; then plain sums per firm.
    // Six count_distincts would make Spark expand every payment six times.
    Dataset<Row> perCounterparty =
        withInflow
            .groupBy(TransactionGraph.FIRM, TransactionGraph.COUNTERPARTY, TransactionGraph.INCOMING)
            .agg(
                max(when(inRecent, 1.0).otherwise(0.0)).as("recent"),
                max(when(inPrevious, 1.0).otherwise(0.0)).as("previous"),
                sum(when(incoming, exactAmount).otherwise(ExactAmounts.zero())).as("inflow"),
                sum(when(outgoing, least(exactAmount, col(INFLOW_BEFORE))).otherwise(ExactAmounts.zero())).as("passed"),
                sum(when(justBelow, 1.0).otherwise(0.0)).as(GraphColumns.STRUCTURING_COUNT),
                count(lit(1)).as("payments"));
    // A cash payment has no counterparty: it counts as a payment, not as a payer or payee.
    Column firmIn = incoming.and(counterparty.isNotNull());
    Column firmOut = outgoing.and(counterparty.isNotNull());
    Dataset<Row> aggregated =
        perCounterparty
            .groupBy(TransactionGraph.FIRM)
            .agg(
                sum(when(firmIn, 1.0).otherwise(0.0)).as(GraphColumns.FAN_IN),
                sum(when(firmOut, 1.0).otherwise(0.0)).as(GraphColumns.FAN_OUT),
                sum(when(firmIn, col("recent")).otherwise(0.0)).as("in_recent"),
                sum(when(firmOut, col("recent")).otherwise(0.0)).as("out_recent"),
                sum(when(firmIn, col("previous")).otherwise(0.0)).as("in_previous"),
                sum(when(firmOut, col("previous")).otherwise(0.0)).as("out_previous"),
                sum("inflow").as("inflow"),
                sum("passed").as("passed"),
                sum(GraphColumns.STRUCTURING_COUNT).as(GraphColumns.STRUCTURING_COUNT),
                sum("payments").as("payments"));

    return aggregated.select(
        col(TransactionGraph.FIRM).as(GraphColumns.FIRM_ID),
        col(GraphColumns.FAN_IN),
        col(GraphColumns.FAN_OUT),
        col("in_recent").as(GraphColumns.FAN_IN_RECENT),
        col("out_recent").as(GraphColumns.FAN_OUT_RECENT),
        log2Ratio(col("in_recent"), col("in_previous")).as(GraphColumns.FAN_IN_CHANGE),
        log2Ratio(col("out_recent"), col("out_previous")).as(GraphColumns.FAN_OUT_CHANGE),
        passThroughRatio(col("passed"), col("inflow")).as(GraphColumns.PASS_THROUGH_RATIO),
        col(GraphColumns.STRUCTURING_COUNT).divide(col("payments")).as(GraphColumns.STRUCTURING_SHARE),
        col(GraphColumns.STRUCTURING_COUNT));
  }

  /** log2((recent + 1) / (previous + 1)). */
  static Column log2Ratio(Column recent, Column previous) {
    return log(2.0, recent.plus(1).cast("double").divide(previous.plus(1)));
  }

  /**
   * passed / inflow from the exact sums, divided as doubles. Overlapping windows can match one
   * inflow to two outflows: capped at 1 (all of it passed).
   */
  static Column passThroughRatio(Column passed, Column inflow) {
    return when(inflow.gt(0), least(lit(1.0), passed.cast("double").divide(inflow.cast("double"))))
        .otherwise(0.0);
  }
}
