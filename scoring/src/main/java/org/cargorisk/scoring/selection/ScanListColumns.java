package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code gold/scan_list} table: one row per listed container, per office and business date.
 * Partitioned by {@link #BUSINESS_DATE}. Holds firm ids, never person-level fields (no director
 * names, no bank accounts).
 */
public final class ScanListColumns {
  private ScanListColumns() {}

  /** The business date the list is for (partition column). */
  public static final String BUSINESS_DATE = "business_date";
  /** Customs office: UN/LOCODE of the port of discharge. */
  public static final String OFFICE = CandidateColumns.OFFICE;
  /**
   * Position on the office's list, 1..n: RULE first, then MODEL, both by score descending, then
   * RANDOM in draw order. Equal scores are ordered by xxhash64(bl_number, container_id), then
   * B/L, then container: fixed, and unrelated to risk.
   */
  public static final String RANK = "rank";
  public static final String BL_NUMBER = CandidateColumns.BL_NUMBER;
  public static final String CONTAINER_ID = CandidateColumns.CONTAINER_ID;
  /**
   * The model's risk score, which orders the list (uncalibrated, 0-1, not a probability; null when
   * no model scored the container).
   */
  public static final String SCORE = CandidateColumns.SCORE;
  /**
   * Estimated hit chance: calibrated probability that an inspection of the container finds
   * something; rises with the score (null when no model scored the container).
   */
  public static final String HIT_CHANCE = CandidateColumns.HIT_CHANCE;
  /** {@link Selection}: RULE, MODEL or RANDOM. */
  public static final String SELECTION = "selection";
  /** Up to three sentences saying why the container is listed. */
  public static final String REASONS = CandidateColumns.REASONS;
  public static final String MODEL_VERSION = CandidateColumns.MODEL_VERSION;
  /** Seed of the random picks (from configuration), so the draw can be replayed. */
  public static final String SELECTION_SEED = "selection_seed";
  /** The office's capacity (containers per day) the list was sized for. */
  public static final String CAPACITY = "capacity";

  /** How many reason sentences a listed container carries at most. */
  public static final int MAX_REASONS = 3;

  /** The output contract, column order included. */
  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add(BUSINESS_DATE, DateType, false)
            .add(OFFICE, StringType, false)
            .add(RANK, IntegerType, false)
            .add(BL_NUMBER, StringType, false)
            .add(CONTAINER_ID, StringType, false)
            .add(SCORE, DoubleType, true)
            .add(HIT_CHANCE, DoubleType, true)
            .add(SELECTION, StringType, false)
            .add(REASONS, DataTypes.createArrayType(StringType, false), false)
            .add(MODEL_VERSION, StringType, true)
            .add(SELECTION_SEED, LongType, false)
            .add(CAPACITY, IntegerType, false);
    // The descriptive columns of the candidates, nullable, with their feature-table types.
    for (String column : CandidateColumns.DESCRIPTIVE) {
      schema = schema.add(column, CandidateColumns.TYPES.get(column), true);
    }
    return schema;
  }
}
