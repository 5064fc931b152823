package org.cargorisk.audit;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code runs} table: one row per job run, appended when the run ends (either way). */
public final class RunLog {
  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

  public static final String RUN_ID = "run_id";
  public static final String JOB = "job";
  public static final String BUSINESS_DATE = "business_date";
  public static final String ARGUMENTS = "arguments";
  public static final String USER = "user";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String OUTCOME = "outcome";
  public static final String ERROR_MESSAGE = "error_message";
  public static final String INPUT_FILES = "input_files";
  public static final String INPUT_VERSIONS = "input_versions";
  public static final String OUTPUT_VERSIONS = "output_versions";
  public static final String COUNTS = "counts";
  public static final String STEPS = "steps";

  private static final StructType STEP =
      createStructType(
          List.of(
              createStructField("name", StringType, false),
              createStructField("started_at", TimestampType, false),
              createStructField("ended_at", TimestampType, true),
              createStructField("outcome", StringType, true),
              createStructField("counts", createMapType(StringType, LongType), true)));

  /** Schema of the runs table. */
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField(RUN_ID, StringType, false),
              createStructField(JOB, StringType, false),
              createStructField(BUSINESS_DATE, DateType, true),
              createStructField(ARGUMENTS, StringType, true),
              createStructField(USER, StringType, true),
              createStructField(STARTED_AT, TimestampType, false),
              createStructField(ENDED_AT, TimestampType, true),
              createStructField(OUTCOME, StringType, false),
              createStructField(ERROR_MESSAGE, StringType, true),
              createStructField(INPUT_FILES, createArrayType(StringType), true),
              createStructField(INPUT_VERSIONS, createMapType(StringType, LongType), true),
              createStructField(OUTPUT_VERSIONS, createMapType(StringType, LongType), true),
              createStructField(COUNTS, createMapType(StringType, LongType), true),
              createStructField(STEPS, createArrayType(STEP), true)));

  private final SparkSession spark;
  private final Lake lake;

  public RunLog(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** Appends the record. Redacts URI credentials in the error message as a last defence. */
  public void append(RunRecord record) {
    Row row =
        RowFactory.create(
            record.runId(),
            record.job(),
            record.businessDate() == null ? null : Date.valueOf(record.businessDate()),
            Redaction.redactUris(record.arguments()),
            record.user(),
            Timestamp.from(record.startedAt()),
            record.endedAt() == null ? null : Timestamp.from(record.endedAt()),
            record.outcome(),
            Redaction.redactUris(record.errorMessage()),
            scala.jdk.javaapi.CollectionConverters.asScala(record.inputFiles()).toSeq(),
            scalaMap(record.inputVersions()),
            scalaMap(record.outputVersions()),
            scalaMap(record.counts()),
            scala.jdk.javaapi.CollectionConverters.asScala(
                    record.steps().stream()
                        .map(
                            s ->
                                RowFactory.create(
                                    s.name(),
                                    Timestamp.from(s.startedAt()),
                                    s.endedAt() == null ? null : Timestamp.from(s.endedAt()),
                                    s.outcome(),
                                    scalaMap(s.counts())))
                        .toList())
                .toSeq());
    Dataset<Row> frame = spark.createDataFrame(List.of(row), SCHEMA);
    new TableIO(spark, lake).append(LakeTables.RUNS, frame.coalesce(1));
    LOG.info("Recorded run {} of {} ({})", record.runId(), record.job(), record.outcome());
  }

  /** The runs table, for reports and tests. */
  public Dataset<Row> read() {
    return new TableIO(spark, lake).read(LakeTables.RUNS);
  }

  private static scala.collection.immutable.Map<String, Long> scalaMap(Map<String, Long> map) {
    return scala.collection.immutable.Map.from(
        scala.jdk.javaapi.CollectionConverters.asScala(new TreeMap<>(map)));
  }
}
