package org.cargorisk.scoring.feedback;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;
import org.cargorisk.scoring.selection.ScanListColumns;

/**
 * The {@code gold/hit_rates} table: per office, ISO week of selection and selection type, how
 * many listed containers were inspected and how many were hits. Partitioned by {@link
 * #WEEK_START}.
 */
public final class HitRateColumns {
  private HitRateColumns() {}

  public static final String OFFICE = ScanListColumns.OFFICE;
  /** ISO 8601 week of the scan lists, e.g. {@code 2026-W10}. */
  public static final String ISO_WEEK = "iso_week";
  /** Monday of that week (partition column). */
  public static final String WEEK_START = "week_start";
  public static final String SELECTION = ScanListColumns.SELECTION;
  /** Containers listed that week (a container listed on two days counts twice). */
  public static final String LISTED = "listed";
  /** Listed containers with at least one inspection attributed to the listing. */
  public static final String INSPECTED = "inspected";
  /** Inspected containers with a HIT. */
  public static final String HITS = "hits";
  /** hits / inspected; null when nothing was inspected. */
  public static final String HIT_RATE = "hit_rate";
  /** Lower bound of the 95 % Wilson interval of the hit rate. */
  public static final String HIT_RATE_LOW = "hit_rate_low";
  /** Upper bound of the 95 % Wilson interval of the hit rate. */
  public static final String HIT_RATE_HIGH = "hit_rate_high";
  /** Seized kilograms over the hits (per container, the largest reported quantity). */
  public static final String SEIZED_KG = "seized_kg";

  public static final StructType SCHEMA =
      new StructType()
          .add(OFFICE, StringType, false)
          .add(ISO_WEEK, StringType, false)
          .add(WEEK_START, DateType, false)
          .add(SELECTION, StringType, false)
          .add(LISTED, LongType, false)
          .add(INSPECTED, LongType, false)
          .add(HITS, LongType, false)
          .add(HIT_RATE, DoubleType, true)
          .add(HIT_RATE_LOW, DoubleType, true)
          .add(HIT_RATE_HIGH, DoubleType, true)
          .add(SEIZED_KG, DoubleType, false);
}
