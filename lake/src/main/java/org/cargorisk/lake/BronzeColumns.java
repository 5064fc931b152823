package org.cargorisk.lake;

/** Lineage columns that ingest adds to every bronze row (DESIGN.md, "The lake"). */
public final class BronzeColumns {
  private BronzeColumns() {}

  /** When the row was written by ingest (the run's start time). */
  public static final String INGESTED_AT = "_ingested_at";
  /** The landing file the row came from. */
  public static final String SOURCE_FILE = "_source_file";
  /** Line (CSV, JSON) or row (Parquet) number within the file, from 1. */
  public static final String LINE_NUMBER = "_line_number";
  /** The business date of the landing folder the row arrived in. */
  public static final String BUSINESS_DATE = "_business_date";
  /** The ingest run that wrote the row. */
  public static final String RUN_ID = "_run_id";
  /** Soft quality flags (e.g. UNKNOWN_SHIPPER): the row is kept, the flag is recorded. */
  public static final String QUALITY_FLAGS = "_quality_flags";
  /**
   * A record version's end of validity (read views only, not a column of a stored table): the
   * business date from which a later version of the same key replaced it, null while it is
   * current. A version is the one known at the end of day D when {@code _business_date <= D} and
   * ({@code _valid_to} is null or {@code D < _valid_to}); see {@code BronzeHistory#versions}.
   */
  public static final String VALID_TO = "_valid_to";
  /** Manifests only: how many later versions (amendments) replaced the first filing. */
  public static final String AMENDMENT_COUNT = "amendment_count";
  /** Manifests only: when the first version of the (bl_number, container_id) was filed. */
  public static final String FIRST_FILED_AT = "first_filed_at";
}
