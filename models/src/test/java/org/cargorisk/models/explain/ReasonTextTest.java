package org.cargorisk.models.explain;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

/** Numbers and units as a person writes them, at the boundaries of each unit. */
class ReasonTextTest {
  private static final SparkSession spark = SparkTestSession.get();

  private static List<String> say(Function<Column, Column> text, Double... values) {
    return spark.createDataset(List.of(values), Encoders.DOUBLE()).toDF("v")
        .select(text.apply(col("v"))).as(Encoders.STRING()).collectAsList();
  }

  @Test
  void daysReadAsDaysWeeksMonthsOrYears() {
    assertThat(say(ReasonText::days, 1.0, 13.0, 14.0, 20.0, 60.0, 61.0, 150.0, 364.0, 730.0, 14114.0))
        .containsExactly("1 day", "13 days", "2 weeks", "3 weeks", "9 weeks", "2 months", "5 months", "12 months",
            "2 years", "39 years");
  }

  @Test
  void hoursReadAsHoursOrDays() {
    assertThat(say(ReasonText::hours, 0.3, 1.0, 6.2, 47.4, 50.0, 490.9, -5.0))
        .containsExactly("less than an hour", "1 hour", "6 hours", "47 hours", "2 days", "20 days", "5 hours");
  }

  @Test
  void amountsHaveCurrencyAndThousandsSeparators() {
    assertThat(say(ReasonText::euros, 9500.0, 1_234_567.6, 12.0))
        .containsExactly("EUR 9,500", "EUR 1,234,568", "EUR 12");
  }

  @Test
  void sharesArePercentagesAndRatiosAreTimes() {
    assertThat(say(ReasonText::percent, 0.625, 0.5, 1.0)).containsExactly("63 %", "50 %", "100 %");
    assertThat(say(ReasonText::times, 2.0, 2.44, 1.96, 12.3, 4.0))
        .containsExactly("2 times", "2.4 times", "2 times", "12 times", "4 times");
  }

  @Test
  void countsAgreeWithTheirNoun() {
    assertThat(say(v -> ReasonText.count(v, "payment", "payments"), 1.0, 2.0, 0.0))
        .containsExactly("1 payment", "2 payments", "0 payments");
  }
}
