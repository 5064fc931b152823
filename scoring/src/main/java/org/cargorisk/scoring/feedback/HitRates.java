package org.cargorisk.scoring.feedback;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.weekofyear;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.scoring.selection.DeltaPartitions;
import org.cargorisk.scoring.selection.ScanListColumns;
import org.cargorisk.scoring.selection.Selection;

/**
 * The feedback loop: inspection outcomes joined to the scan lists that put the containers on
 * the list give the hit rate per selection type (MODEL, RULE, RANDOM), per office and ISO week of
 * selection ({@link HitRateColumns#SCHEMA}). RANDOM is the honest baseline: its hit rate
 * estimates the rate among the containers nobody selected.
 *
 * <p>Attribution: an inspection of (bl_number, container_id) on day I belongs to the latest
 * listing of that container on or before I, and at most {@link #maxDaysToInspection(int)} days
 * before it (default 30), so a container listed on several days counts for the list that led to
 * the inspection. Several inspections of one listing (scan, then physical) count once: a hit if
 * any was a hit, seized kilograms the largest reported quantity. Inspections of containers that
 * were not listed (tip-offs, other selections) are not part of these rates. The inspections'
 * {@code selected_by} is not used: the list says how the container was selected.
 *
 * <p>Recent weeks are incomplete until their inspections have arrived; {@link #write} replaces
 * the whole recomputed range, so re-running it as outcomes come in converges and is idempotent.
 *
 * <pre>{@code
 * HitRates rates = new HitRates().from(date.minusWeeks(8)).to(date);
 * rates.write(rates.compute(scanLists, inspections), new TableIO(spark, lake));
 * }</pre>
 */
public final class HitRates {
  private static final String STEP = "HitRates";
  private static final String HIT = "HIT";
  /** z of the two-sided 95 % interval. */
  private static final double Z = 1.959963984540054;

  private static final String INSPECTED_ON = "__inspected_on";
  private static final String IS_HIT = "__is_hit";
  private static final String LATEST = "__latest";
  private static final String HIT_KG = "__hit_kg";
  private static final String A_DATE = "__attributed_date";
  private static final String A_OFFICE = "__attributed_office";
  private static final String A_BL = "__attributed_bl";
  private static final String A_CONTAINER = "__attributed_container";

  private LocalDate from;
  private LocalDate to;
  private int maxDaysToInspection = 30;

  /** First business date of the scan lists (widened to the Monday of its ISO week). */
  public HitRates from(LocalDate date) {
    this.from = Objects.requireNonNull(date, "from");
    return this;
  }

  /** Last business date of the scan lists (widened to the Sunday of its ISO week). */
  public HitRates to(LocalDate date) {
    this.to = Objects.requireNonNull(date, "to");
    return this;
  }

  /** Inspections later than this many days after the listing are not attributed to it. */
  public HitRates maxDaysToInspection(int days) {
    if (days < 0) {
      throw CargoRiskErrors.invalidConfiguration("max days to inspection", days, "must be at least 0");
    }
    this.maxDaysToInspection = days;
    return this;
  }

  /** Monday of the first week. */
  public LocalDate firstWeek() {
    requireRange();
    return from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Monday of the last week. */
  public LocalDate lastWeek() {
    requireRange();
    return to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /**
   * Hit rates of the weeks in range.
   *
   * @param scanLists the scan-list table ({@link ScanListColumns})
   * @param inspections bronze inspections (bl_number, container_id, inspected_at, outcome,
   *     quantity_kg)
   */
  public Dataset<Row> compute(Dataset<Row> scanLists, Dataset<Row> inspections) {
    requireRange();
    SchemaChecks.requireTypes(
        STEP,
        scanLists.schema(),
        Map.of(
            ScanListColumns.BUSINESS_DATE, DataTypes.DateType,
            ScanListColumns.OFFICE, DataTypes.StringType,
            ScanListColumns.BL_NUMBER, DataTypes.StringType,
            ScanListColumns.CONTAINER_ID, DataTypes.StringType,
            ScanListColumns.SELECTION, DataTypes.StringType));
    SchemaChecks.requireTypes(
        STEP,
        inspections.schema(),
        Map.of(
            Contracts.BL_NUMBER, DataTypes.StringType,
            Contracts.CONTAINER_ID, DataTypes.StringType,
            Contracts.INSPECTED_AT, DataTypes.TimestampType,
            Contracts.OUTCOME, DataTypes.StringType,
            Contracts.QUANTITY_KG, DataTypes.DoubleType));

    LocalDate lastDay = lastWeek().plusDays(6);
    Dataset<Row> listed =
        scanLists
            .where(
                col(ScanListColumns.BUSINESS_DATE)
                    .between(lit(Date.valueOf(firstWeek())), lit(Date.valueOf(lastDay))))
            .select(
                col(ScanListColumns.BUSINESS_DATE),
                col(ScanListColumns.OFFICE),
                col(ScanListColumns.BL_NUMBER),
                col(ScanListColumns.CONTAINER_ID),
                col(ScanListColumns.SELECTION));

    Dataset<Row> inspected =
        inspections.select(
            col(Contracts.BL_NUMBER),
            col(Contracts.CONTAINER_ID),
            col(Contracts.INSPECTED_AT),
            to_date(col(Contracts.INSPECTED_AT)).as(INSPECTED_ON),
            col(Contracts.OUTCOME).equalTo(HIT).as(IS_HIT),
            col(Contracts.QUANTITY_KG));

    // Each inspection to the latest listing on or before it (within the attribution window).
    Dataset<Row> l = listed.alias("l");
    Dataset<Row> i = inspected.alias("i");
    Column days = datediff(col("i." + INSPECTED_ON), col("l." + ScanListColumns.BUSINESS_DATE));
    Dataset<Row> attributed =
        l.join(
                i,
                col("l." + ScanListColumns.BL_NUMBER)
                    .equalTo(col("i." + Contracts.BL_NUMBER))
                    .and(col("l." + ScanListColumns.CONTAINER_ID).equalTo(col("i." + Contracts.CONTAINER_ID)))
                    .and(days.between(0, maxDaysToInspection)))
            .withColumn(
                LATEST,
                row_number()
                    .over(
                        Window.partitionBy(
                                col("i." + Contracts.BL_NUMBER),
                                col("i." + Contracts.CONTAINER_ID),
                                col("i." + Contracts.INSPECTED_AT))
                            .orderBy(
                                col("l." + ScanListColumns.BUSINESS_DATE).desc(),
                                col("l." + ScanListColumns.OFFICE).asc())))
            .where(col(LATEST).equalTo(1))
            .groupBy(
                col("l." + ScanListColumns.BUSINESS_DATE).as(A_DATE),
                col("l." + ScanListColumns.OFFICE).as(A_OFFICE),
                col("l." + ScanListColumns.BL_NUMBER).as(A_BL),
                col("l." + ScanListColumns.CONTAINER_ID).as(A_CONTAINER))
            .agg(
                max(col(IS_HIT)).as(IS_HIT),
                max(when(col(IS_HIT), col(Contracts.QUANTITY_KG))).as(HIT_KG));

    Column weekStart = to_date(date_trunc("week", col(ScanListColumns.BUSINESS_DATE)));
    Dataset<Row> counts =
        listed
            .join(
                attributed,
                col(ScanListColumns.BUSINESS_DATE).equalTo(col(A_DATE))
                    .and(col(ScanListColumns.OFFICE).equalTo(col(A_OFFICE)))
                    .and(col(ScanListColumns.BL_NUMBER).equalTo(col(A_BL)))
                    .and(col(ScanListColumns.CONTAINER_ID).equalTo(col(A_CONTAINER))),
                "left")
            .select(
                col(ScanListColumns.OFFICE),
                weekStart.as(HitRateColumns.WEEK_START),
                format_string(
                        "%d-W%02d",
                        year(date_add(weekStart, 3)),
                        weekofyear(col(ScanListColumns.BUSINESS_DATE)))
                    .as(HitRateColumns.ISO_WEEK),
                col(ScanListColumns.SELECTION),
                col(IS_HIT),
                col(HIT_KG))
            .groupBy(
                HitRateColumns.OFFICE,
                HitRateColumns.ISO_WEEK,
                HitRateColumns.WEEK_START,
                HitRateColumns.SELECTION)
            .agg(
                count(lit(1)).as(HitRateColumns.LISTED),
                count(col(IS_HIT)).as(HitRateColumns.INSPECTED),
                sum(when(col(IS_HIT), 1L).otherwise(0L)).as(HitRateColumns.HITS),
                coalesce(sum(col(HIT_KG)), lit(0.0)).as(HitRateColumns.SEIZED_KG));

    // Null (not 0) when nothing was inspected: no division by zero, and the rates stay null.
    Column inspectedCount = col(HitRateColumns.INSPECTED);
    Column n = when(inspectedCount.gt(0), inspectedCount.cast(DataTypes.DoubleType));
    Column p = col(HitRateColumns.HITS).cast(DataTypes.DoubleType).divide(n);
    Column z2 = lit(Z * Z);
    Column denominator = lit(1.0).plus(z2.divide(n));
    Column center = p.plus(z2.divide(n.multiply(2))).divide(denominator);
    Column half =
        lit(Z)
            .multiply(sqrt(p.multiply(lit(1.0).minus(p)).divide(n).plus(z2.divide(n.multiply(n).multiply(4)))))
            .divide(denominator);
    Column some = inspectedCount.gt(0);
    return DeltaPartitions.conform(
        counts
            .withColumn(HitRateColumns.HIT_RATE, when(some, p))
            .withColumn(HitRateColumns.HIT_RATE_LOW, when(some, center.minus(half)))
            .withColumn(HitRateColumns.HIT_RATE_HIGH, when(some, center.plus(half))),
        HitRateColumns.SCHEMA);
  }

  /** Replaces the weeks of the range in the hit-rate table (replaceWhere on week_start). */
  public void write(Dataset<Row> hitRates, TableIO io) {
    DeltaPartitions.replaceDateRange(
        hitRates, io, LakeTables.HIT_RATES, HitRateColumns.SCHEMA, firstWeek(), lastWeek());
  }

  /**
   * The hit rates of a range summed over offices and weeks, one line per selection type (in
   * list order: RULE, MODEL, RANDOM). One aggregation; it collects at most one row per selection
   * type.
   *
   * @param hitRates rows of the hit-rate table ({@link HitRateColumns#SCHEMA}), e.g. the weeks
   *     just written
   */
  public static HitRateSummary summarize(Dataset<Row> hitRates) {
    SchemaChecks.requireColumns(
        STEP + " summary",
        hitRates.schema(),
        HitRateColumns.SELECTION,
        HitRateColumns.ISO_WEEK,
        HitRateColumns.LISTED,
        HitRateColumns.INSPECTED,
        HitRateColumns.HITS,
        HitRateColumns.SEIZED_KG);
    List<Row> rows =
        hitRates
            .groupBy(col(HitRateColumns.SELECTION))
            .agg(
                sum(col(HitRateColumns.LISTED)),
                sum(col(HitRateColumns.INSPECTED)),
                sum(col(HitRateColumns.HITS)),
                sum(col(HitRateColumns.SEIZED_KG)),
                min(col(HitRateColumns.ISO_WEEK)),
                max(col(HitRateColumns.ISO_WEEK)))
            .collectAsList();
    String first = null;
    String last = null;
    List<HitRateSummary.Selection> selections = new ArrayList<>();
    for (Row row : rows) {
      selections.add(
          new HitRateSummary.Selection(
              row.getString(0),
              row.isNullAt(1) ? 0 : row.getLong(1),
              row.isNullAt(2) ? 0 : row.getLong(2),
              row.isNullAt(3) ? 0 : row.getLong(3),
              row.isNullAt(4) ? 0.0 : row.getDouble(4)));
      first = first == null || row.getString(5).compareTo(first) < 0 ? row.getString(5) : first;
      last = last == null || row.getString(6).compareTo(last) > 0 ? row.getString(6) : last;
    }
    selections.sort(Comparator.comparingInt(s -> listOrder(s.selection())));
    return new HitRateSummary(first, last, selections);
  }

  private static int listOrder(String selection) {
    for (Selection each : Selection.values()) {
      if (each.name().equals(selection)) {
        return each.ordinal();
      }
    }
    return Selection.values().length;
  }

  private void requireRange() {
    if (from == null || to == null) {
      throw CargoRiskErrors.misuse("HitRates", "the period " + from + ".." + to + " is not set; set from and to first");
    }
    if (to.isBefore(from)) {
      throw CargoRiskErrors.invalidConfiguration(
          "hit rate period", from + ".." + to, "to must not be before from");
    }
  }
}
