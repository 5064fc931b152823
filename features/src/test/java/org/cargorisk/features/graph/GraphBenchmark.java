package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;

/**
 * Feature time on a synthetic random payment graph (run by bench/graph-benchmark.sh, not a test):
 * N transactions among F firms over one year from spark.range, 2 % of payments going to 20 hub
 * firms (payment providers) so the hub cap is exercised, 0.5 % cash deposits, and 200 MALAFIDE
 * labels. The transactions are written to Parquet first, so only the features are timed.
 *
 * <p>Arguments: transactions firms [work folder].
 */
public final class GraphBenchmark {
  private GraphBenchmark() {}

  public static void main(String[] args) throws Exception {
    long transactions = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    long firms = args.length > 1 ? Long.parseLong(args[1]) : 200_000L;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("graph-benchmark");
    LocalDate asOf = LocalDate.parse("2026-03-31");
    long end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();

    SparkSession spark = SparkSession.builder().appName("graph-benchmark").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");

    long generateStart = System.nanoTime();
    Dataset<Row> generated =
        spark
            .range(transactions)
            .select(
                concat(lit("T"), col("id").cast("string")).as(Contracts.TXN_ID),
                timestamp_seconds(lit(end).minus(pmod(xxhash64(col("id"), lit(1)), lit(365L * 86_400)))).as(Contracts.BOOKED_AT),
                when(pmod(xxhash64(col("id"), lit(2)), lit(200)).equalTo(0), lit(null).cast("string"))
                    .otherwise(concat(lit("F"), pmod(xxhash64(col("id"), lit(3)), lit(firms)).cast("string")))
                    .as(Contracts.PAYER_ID),
                when(pmod(xxhash64(col("id"), lit(4)), lit(50)).equalTo(0),
                        concat(lit("HUB"), pmod(xxhash64(col("id"), lit(5)), lit(20)).cast("string")))
                    .otherwise(concat(lit("F"), pmod(xxhash64(col("id"), lit(6)), lit(firms)).cast("string")))
                    .as(Contracts.PAYEE_ID),
                exp(rand(7).multiply(8)).as(Contracts.AMOUNT),
                lit("EUR").as(Contracts.CURRENCY),
                lit("WIRE").as(Contracts.CHANNEL),
                lit("NL").as(Contracts.PAYER_COUNTRY),
                lit("NL").as(Contracts.PAYEE_COUNTRY),
                lit(null).cast("string").as(Contracts.REFERENCE));
    String transactionsPath = work.resolve("transactions").toString();
    generated.write().mode("overwrite").parquet(transactionsPath);
    Dataset<Row> labels =
        spark
            .range(200)
            .select(
                concat(lit("F"), col("id").multiply(firms / 200).cast("string")).as(Contracts.FIRM_ID),
                lit(java.sql.Date.valueOf(asOf.minusDays(10))).as(Contracts.LABELLED_ON),
                lit("MALAFIDE").as(Contracts.LABEL),
                lit("BENCH").as(Contracts.LABEL_SOURCE));
    double generateSeconds = (System.nanoTime() - generateStart) / 1e9;

    long start = System.nanoTime();
    Dataset<Row> features =
        GraphFeatures.builder(spark)
            .transactions(spark.read().parquet(transactionsPath))
            .labels(labels)
            .asOf(asOf)
            .build();
    Row summary =
        features
            .agg(
                org.apache.spark.sql.functions.count(lit(1)),
                org.apache.spark.sql.functions.sum(GraphColumns.TEMPORAL_CYCLES),
                org.apache.spark.sql.functions.max(GraphColumns.GATHER_SCATTER),
                org.apache.spark.sql.functions.sum(when(col(GraphColumns.HOPS_TO_MALAFIDE).leq(2), 1).otherwise(0)))
            .first();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "graph features: %d transactions, %d firms, master %s, %d cores: %.1f s (generation %.1f s)%n"
            + "  rows %d, cycle memberships %.0f, max gather-scatter %.0f (cap %d), firms within 2 hops of MALAFIDE %d%n",
        transactions, firms, spark.sparkContext().master(), spark.sparkContext().defaultParallelism(),
        seconds, generateSeconds, summary.getLong(0), summary.getDouble(1), summary.getDouble(2),
        GraphParameters.defaults().maxCounterparties(), summary.getLong(3));
    spark.stop();
  }
}
