package org.cargorisk.audit;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakePermissions;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access table {@code restricted/access_log}: one row per list or report that a job wrote
 * or read for a person (a scan list per office, the firm list, a model or run report, an
 * analysis export file): who, what, when, which run.
 *
 * <ul>
 *   <li><b>Shaped like {@code data_access}</b>, the look-up source of the integrity list (issue
 *       16: account, organisation, role, container or B/L or list queried, kind of look-up,
 *       timestamp), so CargoRisk's own users can be watched like everyone else's: the columns
 *       that name a single container or B/L are null here, since a job hands over whole lists.
 *   <li><b>Pseudonymised</b>: the account is the keyed hash of the principal ({@link
 *       KeyedHash}, the key of directors' names), never the clear name.
 *   <li><b>Append-only</b>: created with {@code delta.appendOnly = true}, so Delta refuses any
 *       update or delete of a recorded look.
 *   <li><b>Restricted</b>: under {@code restricted/}, owner-only on file systems with
 *       permissions; on S3 the bucket policy keeps the prefix to the engine's role.
 * </ul>
 */
public final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  /** When the list or report was handed over. */
  public static final String ACCESSED_AT = "accessed_at";
  /** Keyed hash of the principal (the OS user or the configured {@code security.principal}). */
  public static final String ACCOUNT = "account";
  /** The principal's organisation ({@code security.organisation}), or null. */
  public static final String ORGANISATION = "organisation";
  /** The principal's role ({@code security.role}), or null. */
  public static final String ROLE = "role";
  /** What was looked at: a {@link Kind}. */
  public static final String LOOKUP_KIND = "lookup_kind";
  /** A single container looked up; null for a whole list (data_access shape). */
  public static final String CONTAINER_ID = "container_id";
  /** A single B/L looked up; null for a whole list (data_access shape). */
  public static final String BL_NUMBER = "bl_number";
  /** The customs office of a scan list; null for other kinds. */
  public static final String OFFICE = "office";
  /** The business date of the list or export; null for reports not about one date. */
  public static final String BUSINESS_DATE = "business_date";
  /** Rows in the list or file; null for reports. */
  public static final String ROWS = "rows";
  /** The file or table handed over. */
  public static final String TARGET = "target";
  /** The job that wrote it (score, train, report, export-analysis). */
  public static final String JOB = "job";
  /** The run that wrote it (gold/runs). */
  public static final String RUN_ID = "run_id";

  /** Schema of the access table. */
  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField(ACCESSED_AT, TimestampType, false),
              createStructField(ACCOUNT, StringType, false),
              createStructField(ORGANISATION, StringType, true),
              createStructField(ROLE, StringType, true),
              createStructField(LOOKUP_KIND, StringType, false),
              createStructField(CONTAINER_ID, StringType, true),
              createStructField(BL_NUMBER, StringType, true),
              createStructField(OFFICE, StringType, true),
              createStructField(BUSINESS_DATE, DateType, true),
              createStructField(ROWS, LongType, true),
              createStructField(TARGET, StringType, false),
              createStructField(JOB, StringType, false),
              createStructField(RUN_ID, StringType, false)));

  /** The kinds of lists and reports a job hands over. */
  public enum Kind {
    SCAN_LIST,
    FIRM_LIST,
    MODEL_REPORT,
    RUN_REPORT,
    ANALYSIS_EXPORT
  }

  /**
   * Who looked, as stored: the account already pseudonymised.
   *
   * @param account keyed hash of the principal
   * @param organisation the principal's organisation, or null
   * @param role the principal's role, or null
   */
  public record Who(String account, String organisation, String role) {
    public Who {
      Objects.requireNonNull(account, "account");
    }

    /** Pseudonymises {@code principal} with {@code key}; neither is kept. */
    public static Who pseudonymised(String key, String principal, String organisation, String role) {
      if (key == null || key.isEmpty() || principal == null || principal.isBlank()) {
        throw new IllegalArgumentException("the access table needs a pseudonym key and a principal");
      }
      return new Who(KeyedHash.of(key, principal), organisation, role);
    }
  }

  /**
   * One list or report handed over.
   *
   * @param kind what it is
   * @param office the office of a scan list, else null
   * @param businessDate its business date, or null
   * @param rows its rows, or null for a report
   * @param target the file or table
   */
  public record Look(Kind kind, String office, LocalDate businessDate, Long rows, String target) {
    public Look {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(target, "target");
    }
  }

  private final SparkSession spark;
  private final Lake lake;

  public AccessLog(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** Appends one row per look, all at {@code at} by {@code who} in run {@code runId}. */
  public void append(Who who, String job, String runId, Instant at, List<Look> looks) {
    if (looks.isEmpty()) {
      return;
    }
    LakePermissions.ensureOwnerOnly(spark.sparkContext().hadoopConfiguration(), lake.restricted());
    TableIO io = new TableIO(spark, lake);
    io.createIfMissing(LakeTables.ACCESS_LOG, SCHEMA, Map.of("delta.appendOnly", "true"));
    Timestamp when = Timestamp.from(at);
    List<Row> rows =
        looks.stream()
            .map(
                look ->
                    RowFactory.create(
                        when,
                        who.account(),
                        who.organisation(),
                        who.role(),
                        look.kind().name(),
                        null,
                        null,
                        look.office(),
                        look.businessDate() == null ? null : Date.valueOf(look.businessDate()),
                        look.rows(),
                        look.target(),
                        job,
                        runId))
            .toList();
    Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
    io.append(LakeTables.ACCESS_LOG, frame.coalesce(1));
    LOG.info("Recorded {} look(s) of run {} in the access table", looks.size(), runId);
  }

  /** The access table, for audits and tests. */
  public Dataset<Row> read() {
    return new TableIO(spark, lake).read(LakeTables.ACCESS_LOG);
  }
}
