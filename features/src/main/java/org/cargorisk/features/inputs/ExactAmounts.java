package org.cargorisk.features.inputs;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/**
 * Money summed exactly: an amount becomes whole ten-thousandths of its currency in a long, and
 * sums of those are exact and independent of the order Spark adds them in (partitions, shuffles,
 * a cluster), so a feature has the same bits wherever and however it is computed. A sum of
 * doubles is not: its last bits depend on that order.
 *
 * <p>Why a long and not a Spark decimal: a decimal wider than 18 digits (every decimal sum is)
 * is a {@code BigDecimal} per value inside Spark, and cost the nightly firm features about 20 s at
 * scale M; a long sum is a machine add. Range: the ingest accepts amounts up to 1e10 (1e14 units,
 * exactly representable in a double, so the conversion itself is exact to a ten-thousandth), and a
 * long holds the sum of 92,000 such payments; beyond that Spark's ANSI mode fails the sum instead
 * of wrapping round.
 */
public final class ExactAmounts {
  private ExactAmounts() {}

  /** Units per currency unit: amounts are kept to a ten-thousandth (payments have cents). */
  public static final double UNITS_PER_CURRENCY = 10_000.0;

  /** The amount in whole ten-thousandths (long), rounded half up; null stays null. */
  public static Column units(Column amount) {
    return floor(amount.multiply(UNITS_PER_CURRENCY).plus(0.5));
  }

  /** Zero units, for {@code when(...).otherwise(...)} and coalesce. */
  public static Column zero() {
    return lit(0L);
  }

  /**
   * A sum of units back as an amount (double): the long is exact in a double up to 2^53 units and
   * one division by 10,000 rounds correctly, so the result is the double nearest the exact sum.
   */
  public static Column amount(Column units) {
    return units.cast("double").divide(UNITS_PER_CURRENCY);
  }
}
