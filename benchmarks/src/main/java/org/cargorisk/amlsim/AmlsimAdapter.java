package org.cargorisk.amlsim;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.timestamp_seconds;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Reads an IBM AMLSim sample ({@code nodes.csv}: nodeid, isFraud, init_balance, fraudStep;
 * {@code transactions.csv}: sourceNodeId, targetNodeId, value, time) and maps it onto the
 * CargoRisk contracts, so the firm graph features run on it unchanged.
 *
 * <p>Mappings (docs/GRAPH.md, "AMLSim"):
 *
 * <ul>
 *   <li>account n -> firm {@code "A" + n} (name {@code "AMLSim account n"}, no other attributes);
 *   <li>sourceNodeId / targetNodeId -> payer_id / payee_id;
 *   <li>time (the simulation step) -> booked_at = base date + step days, 12:00 UTC: AMLSim steps
 *       are days and carry no time of day, so payments of one step are simultaneous;
 *   <li>value -> amount, currency EUR (AMLSim has no currency), channel WIRE, no countries, no
 *       reference;
 *   <li>txn_id -> {@code "AMLSIM-" + a row id} unique within one read (the file has exact
 *       duplicate rows, so no natural key exists);
 *   <li>isFraud -> the label (1 = account in a laundering pattern); fraudStep kept for reference.
 * </ul>
 *
 * The as-of date is the base date plus the last step: every payment is known on it.
 */
public final class AmlsimAdapter {
  private AmlsimAdapter() {}

  public static final String NODES_FILE = "nodes.csv";
  public static final String TRANSACTIONS_FILE = "transactions.csv";
  /** Ground-truth label column of {@link AmlsimData#accounts()}: 1 laundering, 0 not. */
  public static final String IS_FRAUD = "is_fraud";
  /** Step the account's laundering started at, -1 when not given. */
  public static final String FRAUD_STEP = "fraud_step";
  /** Default base date of step 0. */
  public static final LocalDate DEFAULT_BASE_DATE = LocalDate.parse("2026-01-01");

  static final StructType NODES_SCHEMA =
      new StructType()
          .add("nodeid", DataTypes.LongType, false)
          .add("isFraud", DataTypes.IntegerType, false)
          .add("init_balance", DataTypes.DoubleType, true)
          .add("fraudStep", DataTypes.IntegerType, true);
  static final StructType TRANSACTIONS_SCHEMA =
      new StructType()
          .add("sourceNodeId", DataTypes.LongType, false)
          .add("targetNodeId", DataTypes.LongType, false)
          .add("value", DataTypes.DoubleType, false)
          .add("time", DataTypes.IntegerType, false);

  /** Reads the sample in {@code directory} with step 0 on {@link #DEFAULT_BASE_DATE}. */
  public static AmlsimData read(SparkSession spark, String directory) {
    return read(spark, directory, DEFAULT_BASE_DATE);
  }

  public static AmlsimData read(SparkSession spark, String directory, LocalDate baseDate) {
    Dataset<Row> nodes = readCsv(spark, directory, NODES_FILE, NODES_SCHEMA);
    Dataset<Row> payments = readCsv(spark, directory, TRANSACTIONS_FILE, TRANSACTIONS_SCHEMA);

    long baseSeconds = baseDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    Dataset<Row> transactions =
        payments.select(
            concat(lit("AMLSIM-"), monotonically_increasing_id().cast("string")).as(Contracts.TXN_ID),
            timestamp_seconds(col("time").cast("long").multiply(86_400).plus(baseSeconds + 12 * 3_600))
                .as(Contracts.BOOKED_AT),
            firmId(col("sourceNodeId")).as(Contracts.PAYER_ID),
            firmId(col("targetNodeId")).as(Contracts.PAYEE_ID),
            col("value").as(Contracts.AMOUNT),
            lit("EUR").as(Contracts.CURRENCY),
            lit("WIRE").as(Contracts.CHANNEL),
            lit(null).cast("string").as(Contracts.PAYER_COUNTRY),
            lit(null).cast("string").as(Contracts.PAYEE_COUNTRY),
            lit(null).cast("string").as(Contracts.REFERENCE));
    Dataset<Row> firms =
        nodes.select(
            firmId(col("nodeid")).as(Contracts.FIRM_ID),
            concat(lit("AMLSim account "), col("nodeid").cast("string")).as(Contracts.NAME),
            lit(null).cast("string").as(Contracts.COUNTRY),
            lit(null).cast("date").as(Contracts.REGISTERED_ON),
            lit(null).cast("string").as(Contracts.EORI),
            lit(null).cast("string").as(Contracts.ADDRESS),
            lit(null).cast("string").as(Contracts.SECTOR),
            lit(null).cast("string").as(Contracts.DIRECTOR_NAME),
            lit(null).cast("string").as(Contracts.BANK_ACCOUNT));
    Dataset<Row> accounts =
        nodes.select(
            firmId(col("nodeid")).as(Contracts.FIRM_ID),
            col("isFraud").as(IS_FRAUD),
            col("fraudStep").as(FRAUD_STEP));

    // One bounded aggregate: the last step.
    Row last = payments.agg(max("time")).first();
    if (last.isNullAt(0)) {
      throw CargoRiskErrors.insufficientData(
          "AMLSim file " + directory + "/" + TRANSACTIONS_FILE + " holds no transactions; use a"
              + " complete AMLSim sample.");
    }
    return new AmlsimData(transactions, firms, accounts, baseDate.plusDays(last.getInt(0)));
  }

  /** The firm id of an AMLSim account number. */
  public static Column firmId(Column node) {
    return concat(lit("A"), node.cast("string"));
  }

  private static Dataset<Row> readCsv(SparkSession spark, String directory, String file, StructType schema) {
    String path = directory + "/" + file;
    try {
      Path hadoopPath = new Path(path);
      FileSystem fs = FileSystem.get(URI.create(path), spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(hadoopPath)) {
        throw CargoRiskErrors.missingInput(
            "AMLSim file " + file,
            path,
            "Point --data at an AMLSim sample folder holding " + NODES_FILE + " and " + TRANSACTIONS_FILE + ".");
      }
      try (java.io.BufferedReader reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(fs.open(hadoopPath), java.nio.charset.StandardCharsets.UTF_8))) {
        String header = reader.readLine();
        String expected = String.join(",", schema.fieldNames());
        if (header == null || !header.trim().equals(expected)) {
          throw CargoRiskErrors.unreadableFile(
              path,
              "header is '" + header + "'",
              "An AMLSim " + file + " starts with the header '" + expected + "'.");
        }
      }
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot read " + path, e);
    }
    // The header was checked above; FAILFAST: a malformed row stops the read with its content
    // instead of becoming nulls.
    return spark
        .read()
        .option("header", "true")
        .option("mode", "FAILFAST")
        .schema(schema)
        .csv(path);
  }
}
