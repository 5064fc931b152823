package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.SchemaChecks;

/**
 * The transaction network as of a date: the point-in-time filter and the edge tables every graph
 * feature starts from. Only transactions booked in [end - lookback, end) count, where end is the
 * start of the day after as_of (UTC).
 */
final class TransactionGraph {
  /** Edge tables: payer firm, payee firm. */
  static final String SRC = "src";

  static final String DST = "dst";
  /** Booking time in epoch seconds (UTC). */
  static final String AT = "at";

  static final String AMOUNT = "amount";
  /** Per-firm flow tables: the firm, its counterparty (null for cash), direction. */
  static final String FIRM = "firm";

  static final String COUNTERPARTY = "counterparty";
  static final String INCOMING = "incoming";
  /** Country of the counterparty's account (payer_country for incoming money), may be null. */
  static final String COUNTERPARTY_COUNTRY = "counterparty_country";

  private final Dataset<Row> transfers;
  private final Dataset<Row> flows;
  private final long endSeconds;

  private TransactionGraph(Dataset<Row> transfers, Dataset<Row> flows, long endSeconds) {
    this.transfers = transfers;
    this.flows = flows;
    this.endSeconds = endSeconds;
  }

  /** Start of the day after as_of, UTC: everything booked before it is known on as_of. */
  static Instant endOf(LocalDate asOf) {
    return asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static TransactionGraph of(Dataset<Row> transactions, LocalDate asOf, GraphParameters parameters) {
    SchemaChecks.requireTypes(
        "GraphFeatures (transactions)",
        transactions.schema(),
        Map.of(
            Contracts.BOOKED_AT, DataTypes.TimestampType,
            Contracts.PAYER_ID, DataTypes.StringType,
            Contracts.PAYEE_ID, DataTypes.StringType,
            Contracts.AMOUNT, DataTypes.DoubleType));
    Instant end = endOf(asOf);
    Instant start = end.minus(parameters.lookback());
    List<String> columns = List.of(transactions.columns());
    Column payerCountry =
        columns.contains(Contracts.PAYER_COUNTRY) ? col(Contracts.PAYER_COUNTRY) : lit(null).cast("string");
    Column payeeCountry =
        columns.contains(Contracts.PAYEE_COUNTRY) ? col(Contracts.PAYEE_COUNTRY) : lit(null).cast("string");
    Dataset<Row> known =
        transactions
            .where(
                col(Contracts.BOOKED_AT)
                    .lt(lit(Timestamp.from(end)))
                    .and(col(Contracts.BOOKED_AT).geq(lit(Timestamp.from(start))))
                    .and(col(Contracts.AMOUNT).isNotNull()))
            .select(
                col(Contracts.PAYER_ID).as(SRC),
                col(Contracts.PAYEE_ID).as(DST),
                unix_seconds(col(Contracts.BOOKED_AT)).as(AT),
                col(Contracts.AMOUNT).as(AMOUNT),
                payerCountry.as("src_country"),
                payeeCountry.as("dst_country"));
    // Firm-to-firm money: both sides known, self transfers (own accounts) are no edge.
    Dataset<Row> transfers =
        known
            .where(col(SRC).isNotNull().and(col(DST).isNotNull()).and(col(SRC).notEqual(col(DST))))
            .select(SRC, DST, AT, AMOUNT);
    // Both sides from one row (one scan): the payer's outgoing row and the payee's incoming row.
    Column sides =
        explode(
            array(
                struct(col(SRC).as(FIRM), col(DST).as(COUNTERPARTY), lit(false).as(INCOMING),
                    col("dst_country").as(COUNTERPARTY_COUNTRY)),
                struct(col(DST).as(FIRM), col(SRC).as(COUNTERPARTY), lit(true).as(INCOMING),
                    col("src_country").as(COUNTERPARTY_COUNTRY))));
    Dataset<Row> flows =
        known
            .select(sides.as("side"), col(AT), col(AMOUNT))
            .select(
                col("side." + FIRM).as(FIRM),
                col("side." + COUNTERPARTY).as(COUNTERPARTY),
                col("side." + INCOMING).as(INCOMING),
                col(AT),
                col(AMOUNT),
                col("side." + COUNTERPARTY_COUNTRY).as(COUNTERPARTY_COUNTRY))
            .where(col(FIRM).isNotNull());
    return new TransactionGraph(transfers, flows, end.getEpochSecond());
  }

  /** Firm-to-firm transfers in the window: src, dst, at (epoch seconds), amount. */
  Dataset<Row> transfers() {
    return transfers;
  }

  /**
   * Every payment seen from each firm's side: firm, counterparty (null for cash), incoming, at,
   * amount, counterparty_country.
   */
  Dataset<Row> flows() {
    return flows;
  }

  long endSeconds() {
    return endSeconds;
  }

  /** Total amount per directed pair: src, dst, amount. */
  Dataset<Row> pairs() {
    return transfers.groupBy(SRC, DST).agg(sum(AMOUNT).as(AMOUNT));
  }

  /**
   * Undirected weighted pairs for diffusion: each unordered pair once in each direction, weight =
   * money in both directions.
   */
  Dataset<Row> undirectedPairs() {
    Dataset<Row> ordered =
        transfers
            .select(
                least(col(SRC), col(DST)).as(SRC), greatest(col(SRC), col(DST)).as(DST), col(AMOUNT))
            .groupBy(SRC, DST)
            .agg(sum(AMOUNT).as(AMOUNT));
    return ordered.unionByName(ordered.select(col(DST).as(SRC), col(SRC).as(DST), col(AMOUNT)));
  }

  /**
   * The hub cap: pairs kept for path enumeration. Each firm keeps its top-N payees and top-N
   * payers by amount (ties by id, so the cap is deterministic); a pair is kept only if both sides
   * keep it. A firm with at most N counterparties on a side keeps all of them, so small-degree
   * patterns only lose an edge to a hub that ranks them below its top N.
   */
  Dataset<Row> cappedPairs(int maxCounterparties) {
    Dataset<Row> pairs = pairs();
    Dataset<Row> ranked =
        pairs
            .withColumn(
                "out_rank",
                row_number().over(Window.partitionBy(SRC).orderBy(col(AMOUNT).desc(), col(DST))))
            .withColumn(
                "in_rank",
                row_number().over(Window.partitionBy(DST).orderBy(col(AMOUNT).desc(), col(SRC))));
    return ranked
        .where(col("out_rank").leq(maxCounterparties).and(col("in_rank").leq(maxCounterparties)))
        .select(SRC, DST);
  }

  /**
   * Daily edges of the capped graph: one edge per pair and day, at the day's first booking (so
   * "some money moved on or after this time" holds for the day), with the day's amount.
   */
  Dataset<Row> dailyEdges(int maxCounterparties) {
    Dataset<Row> capped = cappedPairs(maxCounterparties);
    return transfers
        .join(capped, new String[] {SRC, DST}, "left_semi")
        .withColumn("day", col(AT).divide(86_400).cast(DataTypes.LongType))
        .groupBy(col(SRC), col(DST), col("day"))
        .agg(min(AT).as(AT), sum(AMOUNT).as(AMOUNT))
        .drop("day");
  }
}
