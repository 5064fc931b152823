package org.cargorisk.features.inputs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.to_date;

import org.apache.spark.sql.Column;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.BronzeColumns;

/**
 * Point-in-time rules of the features (DESIGN.md, "Point in time"), as Column expressions. A
 * feature for {@code as_of} D may use a record only if it was known by the end of business date
 * D: its event time is before D+1 00:00 UTC and, for a bronze row, it is the version of its
 * record known at the end of D (it arrived in a landing folder of a business date not after D,
 * and no later version had arrived by then). All times are UTC (the session time zone).
 */
public final class PointInTime {
  private PointInTime() {}

  /** D+1 00:00 UTC, the first instant after business date {@code asOf}. */
  public static Column endOf(Column asOf) {
    return date_add(asOf, 1).cast("timestamp");
  }

  /** True if a timestamp lies before the end of business date {@code asOf}. */
  public static Column before(Column timestamp, Column asOf) {
    return timestamp.lt(endOf(asOf));
  }

  /**
   * True if a bronze row version with this event time and validity ({@code businessDate} ..
   * {@code validTo}) is the one known at the end of {@code asOf}: its event time is before the
   * end of the day and it is the version of its record that was current then.
   */
  public static Column knownBy(Column timestamp, Column businessDate, Column validTo, Column asOf) {
    return before(timestamp, asOf).and(valid(businessDate, validTo, asOf));
  }

  /**
   * True if a row version with this validity was the one known at the end of {@code asOf}
   * ({@link org.cargorisk.ingest.BronzeHistory#validAt}).
   */
  public static Column valid(Column businessDate, Column validTo, Column asOf) {
    return BronzeHistory.validAt(businessDate, validTo, asOf);
  }

  /** {@link #valid} for a bronze row version's own lineage columns. */
  public static Column valid(Column asOf) {
    return valid(col(BronzeColumns.BUSINESS_DATE), col(BronzeColumns.VALID_TO), asOf);
  }

  /**
   * The first business date by whose end a record is known: the later of its event date and its
   * landing business date. A record is usable for {@code as_of} D exactly when this is {@code <= D}.
   */
  public static Column knownDay(Column timestamp, Column businessDate) {
    return greatest(to_date(timestamp), businessDate);
  }
}
