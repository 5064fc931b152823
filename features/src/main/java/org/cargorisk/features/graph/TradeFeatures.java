package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.SchemaChecks;

/**
 * Trade-based money-laundering signals: the firm's payments set against its shipments (manifests
 * filed before the end of as_of). Only firms party to at least one shipment get values; for the
 * others the signals are undefined and reported as 0.
 *
 * <ul>
 *   <li>payer not a party: share of incoming money whose payer never appears with the firm on a
 *       manifest (as shipper, consignee, forwarder or notify party);
 *   <li>payer off the trade lane: share of incoming money from a payer country that is neither an
 *       origin country nor a loading country of the firm's shipments, nor the firm's own country;
 *   <li>payments vs declared value: log10((money received + 1) / (declared value of the shipments
 *       it shipped + 1)), for shippers (over- or under-invoicing shows as far from 0).
 * </ul>
 */
final class TradeFeatures {
  private TradeFeatures() {}

  private static final String FIRM = "trader";
  private static final String PARTNER = "partner";
  private static final String COUNTRY = "lane_country";

  static Dataset<Row> compute(
      Dataset<Row> manifests, TransactionGraph graph, Dataset<Row> firms, java.time.LocalDate asOf) {
    SchemaChecks.requireTypes(
        "GraphFeatures (manifests)",
        manifests.schema(),
        Map.of(
            Contracts.SHIPPER_ID, DataTypes.StringType,
            Contracts.CONSIGNEE_ID, DataTypes.StringType,
            Contracts.FORWARDER_ID, DataTypes.StringType,
            Contracts.NOTIFY_PARTY_ID, DataTypes.StringType,
            Contracts.ORIGIN_COUNTRY, DataTypes.StringType,
            Contracts.PORT_OF_LOADING, DataTypes.StringType,
            Contracts.DECLARED_VALUE_EUR, DataTypes.DoubleType,
            Contracts.FILED_AT, DataTypes.TimestampType));
    Dataset<Row> known =
        manifests.where(col(Contracts.FILED_AT).lt(lit(Timestamp.from(TransactionGraph.endOf(asOf)))));
    Column parties =
        filter(
            array(
                col(Contracts.SHIPPER_ID),
                col(Contracts.CONSIGNEE_ID),
                col(Contracts.FORWARDER_ID),
                col(Contracts.NOTIFY_PARTY_ID)),
            party -> party.isNotNull().and(party.notEqual("")));
    Dataset<Row> shipments =
        known.select(
            parties.as("parties"),
            col(Contracts.SHIPPER_ID).as("shipper"),
            upper(col(Contracts.ORIGIN_COUNTRY)).as("origin"),
            upper(substring(col(Contracts.PORT_OF_LOADING), 1, 2)).as("loading_country"),
            col(Contracts.DECLARED_VALUE_EUR).as("declared"));
    Dataset<Row> byParty = shipments.withColumn(FIRM, explode(col("parties")));

    Dataset<Row> partners =
        byParty
            .select(col(FIRM), explode(col("parties")).as(PARTNER))
            .where(col(FIRM).notEqual(col(PARTNER)))
            .distinct();
    Dataset<Row> lanes =
        byParty
            .select(col(FIRM), col("origin").as(COUNTRY))
            .unionByName(byParty.select(col(FIRM), col("loading_country").as(COUNTRY)));
    if (firms != null && List.of(firms.columns()).contains(Contracts.COUNTRY)) {
      lanes = lanes.unionByName(firms.select(col(Contracts.FIRM_ID).as(FIRM), upper(col(Contracts.COUNTRY)).as(COUNTRY)));
    }
    lanes = lanes.where(col(COUNTRY).isNotNull()).distinct();
    Dataset<Row> traders = byParty.select(FIRM).distinct();
    Dataset<Row> declared =
        shipments.where(col("shipper").isNotNull()).groupBy(col("shipper").as(FIRM)).agg(sum("declared").as("declared"));

    Dataset<Row> incoming =
        graph
            .flows()
            .where(col(TransactionGraph.INCOMING))
            .join(traders, col(TransactionGraph.FIRM).equalTo(col(FIRM)), "left_semi")
            .join(
                partners.withColumn("is_partner", lit(true)),
                col(TransactionGraph.FIRM).equalTo(col(FIRM)).and(col(TransactionGraph.COUNTERPARTY).equalTo(col(PARTNER))),
                "left")
            .drop(FIRM, PARTNER)
            .join(
                lanes.withColumn("on_lane", lit(true)),
                col(TransactionGraph.FIRM)
                    .equalTo(col(FIRM))
                    .and(upper(col(TransactionGraph.COUNTERPARTY_COUNTRY)).equalTo(col(COUNTRY))),
                "left")
            .drop(FIRM, COUNTRY);
    Column amount = col(TransactionGraph.AMOUNT);
    Dataset<Row> payments =
        incoming
            .groupBy(col(TransactionGraph.FIRM).as(FIRM))
            .agg(
                sum(amount).as("received"),
                sum(when(col(TransactionGraph.COUNTERPARTY).isNotNull(), amount).otherwise(0.0)).as("from_known"),
                sum(when(col(TransactionGraph.COUNTERPARTY).isNotNull().and(col("is_partner").isNull()), amount)
                        .otherwise(0.0))
                    .as("from_strangers"),
                sum(when(col(TransactionGraph.COUNTERPARTY_COUNTRY).isNotNull(), amount).otherwise(0.0))
                    .as("with_country"),
                sum(when(col(TransactionGraph.COUNTERPARTY_COUNTRY).isNotNull().and(col("on_lane").isNull()), amount)
                        .otherwise(0.0))
                    .as("off_lane"));

    return traders
        .join(payments, new String[] {FIRM}, "left")
        .join(declared, new String[] {FIRM}, "left")
        .select(
            col(FIRM).as(GraphColumns.FIRM_ID),
            coalesce(when(col("from_known").gt(0), col("from_strangers").divide(col("from_known"))), lit(0.0))
                .as(GraphColumns.PAYER_NOT_PARTY_SHARE),
            coalesce(when(col("with_country").gt(0), col("off_lane").divide(col("with_country"))), lit(0.0))
                .as(GraphColumns.PAYER_OFF_LANE_SHARE),
            when(
                    col("declared").isNotNull(),
                    log10(coalesce(col("received"), lit(0.0)).plus(1).divide(col("declared").plus(1))))
                .otherwise(0.0)
                .as(GraphColumns.PAYMENT_TO_DECLARED));
  }
}
