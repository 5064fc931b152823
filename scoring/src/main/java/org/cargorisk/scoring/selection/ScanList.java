package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan lists of one business date, all offices.
 *
 * @param date the business date
 * @param seed the seed of the random picks (also in every row)
 * @param rows the listed containers, schema {@link ScanListColumns#SCHEMA}; lazy
 * @param decisions every candidate of the date with its selection (null when not listed) and the
 *     per-office working columns; what {@link #summary()} counts, including offices that list
 *     nothing
 */
public record ScanList(LocalDate date, long seed, Dataset<Row> rows, Dataset<Row> decisions) {
  private static final Logger LOG = LoggerFactory.getLogger(ScanList.class);

  /**
   * What was selected per office.
   *
   * @param office UN/LOCODE of the office
   * @param candidates containers scored for the office on the date
   * @param capacity containers per day the list was sized for
   * @param rule RULE picks (all rule hits, even beyond capacity)
   * @param model MODEL picks
   * @param random RANDOM picks
   * @param ruleOverflow rule hits beyond capacity ({@code max(0, rule - capacity)}): the office
   *     has more must-scan containers than it can scan
   */
  public record OfficeSummary(
      String office,
      long candidates,
      int capacity,
      long rule,
      long model,
      long random,
      long ruleOverflow) {
    public long listed() {
      return rule + model + random;
    }
  }

  /**
   * Counts per office in one aggregation (one row per office: a bounded collect), ordered by
   * office. Logs a warning for every office whose rule hits exceed its capacity.
   */
  public List<OfficeSummary> summary() {
    Column selection = col(ScanListColumns.SELECTION);
    List<Row> rows =
        decisions
            .groupBy(col(CandidateColumns.OFFICE))
            .agg(
                count(lit(1)),
                max(col(ScanListColumns.CAPACITY)),
                sum(when(selection.equalTo(Selection.RULE.name()), 1).otherwise(0)),
                sum(when(selection.equalTo(Selection.MODEL.name()), 1).otherwise(0)),
                sum(when(selection.equalTo(Selection.RANDOM.name()), 1).otherwise(0)))
            .orderBy(col(CandidateColumns.OFFICE))
            .collectAsList();
    List<OfficeSummary> summaries =
        rows.stream()
            .map(
                r -> {
                  int capacity = r.getInt(2);
                  long rule = r.getLong(3);
                  return new OfficeSummary(
                      r.getString(0),
                      r.getLong(1),
                      capacity,
                      rule,
                      r.getLong(4),
                      r.getLong(5),
                      Math.max(0, rule - capacity));
                })
            .toList();
    for (OfficeSummary office : summaries) {
      if (office.ruleOverflow() > 0) {
        LOG.warn(
            "Office {} on {}: {} must-scan (RULE) containers exceed its capacity of {} by {};"
                + " all are listed. If this repeats, raise office.{}.capacity or review watchlist.csv in"
                + " reference.dir.",
            office.office(),
            date,
            office.rule(),
            office.capacity(),
            office.ruleOverflow(),
            office.office());
      }
    }
    return summaries;
  }
}
