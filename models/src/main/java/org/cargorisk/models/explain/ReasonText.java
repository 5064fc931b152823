package org.cargorisk.models.explain;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Numbers and units in the words an officer or investigator writes, as Spark column expressions
 * (no UDF): "3 weeks", "6 hours", "EUR 9,500", "62 %", "2.4 times". Every rounding is half up
 * ({@code round}), and the reason audit of the sample night reads the numbers back with the same
 * intervals, so a sentence never states a number its row does not have.
 */
public final class ReasonText {
  private ReasonText() {}

  /** Days in a month for "N months": the mean Gregorian month. */
  static final double DAYS_PER_MONTH = 30.4375;

  /** A whole number (rounded half up) and its noun: "1 payment", "3 payments". */
  public static Column count(Column value, String singular, String plural) {
    Column whole = round(value, 0).cast("long");
    return concat(whole.cast("string"), lit(" "), when(whole.equalTo(1), singular).otherwise(plural));
  }

  /**
   * A span of days as a person says it: up to 13 days in days, up to 60 days in weeks, up to two
   * years in months, then in years ("5 days", "3 weeks", "5 months", "4 years").
   */
  public static Column days(Column days) {
    return when(days.lt(14), count(days, "day", "days"))
        .when(days.lt(61), count(days.divide(7.0), "week", "weeks"))
        .when(days.lt(730), count(days.divide(DAYS_PER_MONTH), "month", "months"))
        .otherwise(count(days.divide(365.25), "year", "years"));
  }

  /** Hours as a person says them: "less than an hour", "6 hours", from 48 hours on in days. */
  public static Column hours(Column hours) {
    Column magnitude = abs(hours);
    return when(magnitude.lt(0.5), lit("less than an hour"))
        .when(magnitude.lt(48), count(magnitude, "hour", "hours"))
        .otherwise(count(magnitude.divide(24.0), "day", "days"));
  }

  /** An amount in euros, whole, with thousands separators: "EUR 1,234,567". */
  public static Column euros(Column amount) {
    return concat(lit("EUR "), format_number(amount, 0));
  }

  /** A share in [0, 1] as a whole percentage: "62 %". */
  public static Column percent(Column share) {
    return concat(round(share.multiply(100.0), 0).cast("long").cast("string"), lit(" %"));
  }

  /**
   * A ratio as "N times": one decimal below 10 ("2.4 times"), whole from 10 on ("12 times"), and
   * no trailing ".0" ("2 times").
   */
  public static Column times(Column ratio) {
    Column tenths = round(ratio, 1);
    Column number =
        when(tenths.geq(10).or(tenths.equalTo(round(ratio, 0))), round(ratio, 0).cast("long").cast("string"))
            .otherwise(format_string("%.1f", tenths));
    return concat(number, lit(" times"));
  }

  /** 2 to the power of a log2 change, as "N times" ({@link #times}). */
  public static Column timesFromLog2(Column log2) {
    return times(pow(lit(2.0), log2));
  }

  /** " for HS 0803 goods" from an HS code (its heading, 4 digits), or "" without a code. */
  public static Column forHeading(Column hsCode) {
    return coalesce(concat(lit(" for HS "), substring(hsCode, 1, 4), lit(" goods")), lit(" for these goods"));
  }
}
