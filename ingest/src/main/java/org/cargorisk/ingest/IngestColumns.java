package org.cargorisk.ingest;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Source;
import org.cargorisk.lake.BronzeColumns;

/**
 * Column names and schemas of ingest's tables (the bronze history, the quarantine) and of the
 * tables derived from the history ({@link BronzeHistory}).
 */
public final class IngestColumns {
  private IngestColumns() {}

  /** Working column: the record as it was in the file (CSV line, JSON line, Parquet row as JSON). */
  public static final String RAW_RECORD = "_raw_record";

  /**
   * Manifests only: every distinct {@code filed_at} seen for the (bl_number, container_id),
   * sorted. It is the state that makes the amendment count idempotent: a re-run or a late file
   * adds no version that is already in the set. {@code amendment_count = size - 1}, {@code
   * first_filed_at = first element}.
   */
  public static final String FILED_AT_VERSIONS = "_filed_at_versions";

  // ---- quarantine table ----
  /** Source name (manifests, firms, ...). */
  public static final String Q_SOURCE = "source";
  /** Business date of the landing folder. */
  public static final String Q_BUSINESS_DATE = "business_date";
  /** Landing file the record came from. */
  public static final String Q_FILE = "file";
  /** Physical line (CSV, JSON lines) or row (Parquet) number in the file, from 1. */
  public static final String Q_LINE_NUMBER = "line_number";
  /**
   * The record as it was in the file, personal data pseudonymised; for a malformed record of a
   * source with personal data, {@code [redacted: N bytes, keyed-hash H]} (the clear text is in
   * {@code restricted/quarantine_raw}).
   */
  public static final String Q_RAW_RECORD = "raw_record";
  /** Every hard rule the record breaks, e.g. INVALID_IMO:vessel_imo. */
  public static final String Q_REASON_CODES = "reason_codes";
  /** The ingest run that quarantined it. */
  public static final String Q_RUN_ID = "run_id";
  /** When (the run's start time). */
  public static final String Q_QUARANTINED_AT = "quarantined_at";

  /** Schema of the quarantine table (partitioned by business_date). */
  public static final StructType QUARANTINE_SCHEMA =
      new StructType(
          new StructField[] {
            createStructField(Q_SOURCE, StringType, false),
            createStructField(Q_BUSINESS_DATE, DateType, false),
            createStructField(Q_FILE, StringType, false),
            createStructField(Q_LINE_NUMBER, LongType, false),
            createStructField(Q_RAW_RECORD, StringType, true),
            createStructField(Q_REASON_CODES, createArrayType(StringType, false), false),
            createStructField(Q_RUN_ID, StringType, false),
            createStructField(Q_QUARANTINED_AT, TimestampType, false)
          });

  /**
   * Schema of {@code restricted/quarantine_raw} (partitioned by business_date): the quarantine's
   * key columns and the clear raw text of a record whose raw text the quarantine shows redacted.
   */
  public static final StructType QUARANTINE_RAW_SCHEMA = quarantineRawSchema();

  /** The run id first (the restricted table's lookup key), then the quarantine's other columns. */
  private static StructType quarantineRawSchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(QUARANTINE_SCHEMA.apply(Q_RUN_ID));
    for (StructField field : QUARANTINE_SCHEMA.fields()) {
      if (!field.name().equals(Q_RUN_ID)) {
        fields.add(field);
      }
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  /** Lineage columns of every history row and of the tables derived from it. */
  public static final List<StructField> LINEAGE =
      List.of(
          createStructField(BronzeColumns.INGESTED_AT, TimestampType, true),
          createStructField(BronzeColumns.SOURCE_FILE, StringType, true),
          createStructField(BronzeColumns.LINE_NUMBER, LongType, true),
          createStructField(BronzeColumns.BUSINESS_DATE, DateType, true),
          createStructField(BronzeColumns.RUN_ID, StringType, true),
          createStructField(BronzeColumns.QUALITY_FLAGS, createArrayType(StringType, true), true));

  /** Manifests' amendment columns, after the lineage columns. */
  public static final List<StructField> AMENDMENTS =
      List.of(
          createStructField(BronzeColumns.AMENDMENT_COUNT, IntegerType, true),
          createStructField(BronzeColumns.FIRST_FILED_AT, TimestampType, true),
          createStructField(FILED_AT_VERSIONS, createArrayType(TimestampType, true), true));

  // ---- bronze history (every accepted record of every source, by the day it arrived) ----
  /** The record's source (manifests, firms, ...); its contract values are in that struct column. */
  public static final String H_SOURCE = "source";

  /**
   * Schema of {@code bronze/history}: the source, the lineage columns ({@code _business_date}
   * among them: the landing date, the day the record became known), then
   * one struct column per source, named after it, with that source's typed contract columns; a
   * row fills only its own source's struct. One table, so that an ingest keeps every source's
   * accepted records in one commit instead of seven.
   */
  public static final StructType HISTORY_SCHEMA = historySchema();

  private static StructType historySchema() {
    List<StructField> fields = new ArrayList<>();
    fields.add(createStructField(H_SOURCE, StringType, false));
    fields.addAll(LINEAGE);
    for (Source source : Source.values()) {
      // Nullable inside: Delta checks a nested NOT NULL also where the struct itself is null.
      List<StructField> contract = new ArrayList<>();
      for (StructField field : source.schema().fields()) {
        contract.add(createStructField(field.name(), field.dataType(), true));
      }
      fields.add(createStructField(source.sourceName(), new StructType(contract.toArray(StructField[]::new)), true));
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  /**
   * Schema of a source's bronze table as {@link BronzeHistory} derives it (current, as of a day,
   * versions): the typed contract, lineage, and for manifests the amendments.
   */
  public static StructType bronzeSchema(Source source) {
    List<StructField> fields = new ArrayList<>(List.of(source.schema().fields()));
    fields.addAll(LINEAGE);
    if (source == Source.MANIFESTS) {
      fields.addAll(AMENDMENTS);
    }
    return new StructType(fields.toArray(StructField[]::new));
  }
}
