package org.cargorisk.scoring.feedback;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback step of a night, against the lake: the scan lists of the last weeks up to the
 * business date ({@code gold/scan_list}) joined with the inspection outcomes ingested so far
 * ({@code bronze/inspections}) by {@link HitRates}, written to {@code gold/hit_rates} (the weeks
 * of the range are replaced, so re-running a night, or running it again as late outcomes
 * arrive, gives the same table as one clean run), and summed up for the console.
 *
 * <pre>{@code
 * FeedbackLoop.Result result = new FeedbackLoop(spark, lake).date(date).weeks(8).execute();
 * out.println(result.summary().line());
 * }</pre>
 */
public final class FeedbackLoop {
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackLoop.class);

  /** Weeks recomputed by default: outcomes of older lists have arrived by then. */
  public static final int DEFAULT_WEEKS = 8;

  private final SparkSession spark;
  private final Lake lake;
  private LocalDate date;
  private int weeks = DEFAULT_WEEKS;
  private int maxDaysToInspection = 30;

  /**
   * What the step did.
   *
   * @param from first business date of the recomputed scan lists (a Monday)
   * @param to last business date (the Sunday of the date's week)
   * @param summary the hit rates of those weeks over all offices
   * @param inputVersions Delta versions of the scan-list and inspection tables read
   */
  public record Result(
      LocalDate from, LocalDate to, HitRateSummary summary, Map<String, Long> inputVersions) {
    public Result {
      inputVersions = Map.copyOf(inputVersions);
    }
  }

  public FeedbackLoop(SparkSession spark, Lake lake) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.lake = Objects.requireNonNull(lake, "lake");
  }

  /** The business date of the night: the last week recomputed is this date's ISO week. */
  public FeedbackLoop date(LocalDate businessDate) {
    this.date = Objects.requireNonNull(businessDate, "date");
    return this;
  }

  /** ISO weeks recomputed, ending with the date's week (default {@value #DEFAULT_WEEKS}). */
  public FeedbackLoop weeks(int count) {
    this.weeks = checkWeeks(count);
    return this;
  }

  /** The weeks as {@code feedback --weeks} takes them: 1 to 520 (ten years). */
  public static int checkWeeks(int count) {
    if (count < 1 || count > 520) {
      throw CargoRiskErrors.invalidConfiguration("--weeks", count, "must be between 1 and 520");
    }
    return count;
  }

  /** See {@link HitRates#maxDaysToInspection(int)}. */
  public FeedbackLoop maxDaysToInspection(int days) {
    this.maxDaysToInspection = days;
    return this;
  }

  public Result execute() {
    if (date == null) {
      throw new IllegalStateException("set the business date before running the feedback step");
    }
    HitRates rates =
        new HitRates()
            .from(date.minusWeeks(weeks - 1L))
            .to(date)
            .maxDaysToInspection(maxDaysToInspection);
    Map<String, Long> versions = new LinkedHashMap<>();
    TableIO io = new TableIO(spark, lake);
    TableIO.Pinned lists = io.readLatest(LakeTables.SCAN_LIST, "scan lists");
    TableIO.Pinned inspections = BronzeHistory.readPinned(io);
    // The feedback's run record names its inputs by lake-relative path.
    versions.put(lists.table().path(), lists.version());
    versions.put(inspections.table().path(), inspections.version());
    LOG.info(
        "Hit rates of the scan lists {} to {} (scan_list v{}, bronze history v{})",
        rates.firstWeek(),
        rates.lastWeek().plusDays(6),
        lists.version(),
        inspections.version());

    rates.write(rates.compute(lists.data(), BronzeHistory.current(inspections.data(), Source.INSPECTIONS)), io);
    Dataset<Row> written =
        io.read(LakeTables.HIT_RATES)
            .where(
                col(HitRateColumns.WEEK_START)
                    .between(lit(Date.valueOf(rates.firstWeek())), lit(Date.valueOf(rates.lastWeek()))));
    HitRateSummary summary = HitRates.summarize(written);
    LOG.info("{}", summary.line());
    return new Result(rates.firstWeek(), rates.lastWeek().plusDays(6), summary, versions);
  }
}
