package org.cargorisk.amlsim;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.contracts.Contracts;

/**
 * The baseline of the AMLSim evaluation: per-account transaction features without any graph
 * structure beyond one-hop counts (the kind the basic firm features hold: volume, counts, mean
 * and largest amounts, simple fan-in/fan-out, active days). Point in time: payments booked before
 * the end of as_of.
 */
final class BasicTransactionFeatures {
  private BasicTransactionFeatures() {}

  static final List<String> FEATURES =
      List.of(
          "basic_payments_in",
          "basic_payments_out",
          "basic_amount_in",
          "basic_amount_out",
          "basic_mean_amount_in",
          "basic_mean_amount_out",
          "basic_max_amount",
          "basic_payers",
          "basic_payees",
          "basic_active_days");

  static Dataset<Row> compute(Dataset<Row> transactions, LocalDate asOf) {
    Timestamp end = Timestamp.from(asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    Dataset<Row> known = transactions.where(col(Contracts.BOOKED_AT).lt(lit(end)));
    Dataset<Row> sides =
        known
            .select(
                col(Contracts.PAYER_ID).as("firm"),
                col(Contracts.PAYEE_ID).as("counterparty"),
                lit(false).as("incoming"),
                col(Contracts.AMOUNT).as("amount"),
                to_date(col(Contracts.BOOKED_AT)).as("day"))
            .unionByName(
                known.select(
                    col(Contracts.PAYEE_ID).as("firm"),
                    col(Contracts.PAYER_ID).as("counterparty"),
                    lit(true).as("incoming"),
                    col(Contracts.AMOUNT).as("amount"),
                    to_date(col(Contracts.BOOKED_AT)).as("day")))
            .where(col("firm").isNotNull());
    Column incoming = col("incoming");
    Column outgoing = incoming.equalTo(false);
    Dataset<Row> aggregated =
        sides
            .groupBy(col("firm").as(Contracts.FIRM_ID))
            .agg(
                count(when(incoming, 1)).cast("double").as("basic_payments_in"),
                count(when(outgoing, 1)).cast("double").as("basic_payments_out"),
                coalesce(sum(when(incoming, col("amount"))), lit(0.0)).as("basic_amount_in"),
                coalesce(sum(when(outgoing, col("amount"))), lit(0.0)).as("basic_amount_out"),
                max("amount").as("basic_max_amount"),
                count_distinct(when(incoming, col("counterparty"))).cast("double").as("basic_payers"),
                count_distinct(when(outgoing, col("counterparty"))).cast("double").as("basic_payees"),
                count_distinct(col("day")).cast("double").as("basic_active_days"));
    return aggregated
        .withColumn(
            "basic_mean_amount_in",
            when(col("basic_payments_in").gt(0), col("basic_amount_in").divide(col("basic_payments_in"))).otherwise(0.0))
        .withColumn(
            "basic_mean_amount_out",
            when(col("basic_payments_out").gt(0), col("basic_amount_out").divide(col("basic_payments_out")))
                .otherwise(0.0));
  }
}
