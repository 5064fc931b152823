package org.cargorisk.scoring.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.weekofyear;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunLog;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.ingest.IngestColumns;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.scoring.feedback.HitRateColumns;
import org.cargorisk.scoring.feedback.HitRates;
import org.cargorisk.scoring.report.ChartData.CategoryValue;
import org.cargorisk.models.training.Labels;

/**
 * Computes the data of a run report from the lake: the run's record ({@code gold/runs}), the
 * quarantine of its landing dates per source and reason code, the scan lists' hit rate per
 * selection type and week ({@link HitRates}, computed directly, so it needs no hit-rate table),
 * and the hit rate of all inspections per recorded selection and week. Every collect is a
 * bounded aggregate (one run row, sources × reason codes, weeks × selection types).
 *
 * <pre>{@code
 * RunReportData data = new RunReport(spark, lake).run("nightly-2026-03-31-...").compute();
 * RunReportData last = new RunReport(spark, lake).latest("nightly").compute();
 * }</pre>
 */
public final class RunReport {
  private static final Pattern LANDING_DATE = Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})");
  private static final String REASON = "__reason";
  private static final String WEEK = "__week";
  private static final String WEEK_START = "__week_start";

  private final SparkSession spark;
  private final Lake lake;
  private String runId;
  private String latestOfJob;

  public RunReport(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** The run to report on. */
  public RunReport run(String id) {
    this.runId = id;
    this.latestOfJob = null;
    return this;
  }

  /** The latest run (by start time) of a job, e.g. nightly. */
  public RunReport latest(String job) {
    this.latestOfJob = job;
    this.runId = null;
    return this;
  }

  public RunReportData compute() {
    if (runId == null && latestOfJob == null) {
      throw new IllegalStateException("choose the run (or the latest of a job) first");
    }
    if (!tables().exists(LakeTables.RUNS)) {
      throw CargoRiskErrors.missingInput(
          "the runs table", lake.runs(), "Run a job (e.g. `cargorisk nightly`) against this lake first.");
    }
    Dataset<Row> runs = new RunLog(spark, lake).read();
    List<Row> found =
        (runId != null
                ? runs.where(col(RunLog.RUN_ID).equalTo(runId))
                : runs.where(col(RunLog.JOB).equalTo(latestOfJob)).orderBy(col(RunLog.STARTED_AT).desc()))
            .limit(1)
            .collectAsList();
    if (found.isEmpty()) {
      throw CargoRiskErrors.missingInput(
          runId != null ? "run " + runId : "a run of job " + latestOfJob,
          lake.runs(),
          "Check the run id (the runs table lists them: run_id, job, business_date).");
    }
    Row run = found.get(0);
    Date business = run.getAs(RunLog.BUSINESS_DATE);
    LocalDate businessDate = business == null ? null : business.toLocalDate();
    LocalDate[] dates = landingDates(run, businessDate);
    Timestamp started = run.getAs(RunLog.STARTED_AT);
    Timestamp ended = run.getAs(RunLog.ENDED_AT);
    return new RunReportData(
        run.getAs(RunLog.RUN_ID),
        run.getAs(RunLog.JOB),
        businessDate,
        run.getAs(RunLog.OUTCOME),
        started.toInstant(),
        ended == null ? null : ended.toInstant(),
        run.getAs(RunLog.ERROR_MESSAGE),
        dates[0],
        dates[1],
        steps(run),
        dates[0] == null ? List.of() : quarantine(dates[0], dates[1]),
        dates[0] == null ? List.of() : listHitRates(dates[0], dates[1]),
        dates[0] == null ? List.of() : recordedHitRates(dates[0], dates[1]));
  }

  /** First and last landing date in the run's input files; its business date when it read none. */
  static LocalDate[] landingDates(Row run, LocalDate businessDate) {
    LocalDate first = null;
    LocalDate last = null;
    List<String> files = run.isNullAt(run.fieldIndex(RunLog.INPUT_FILES)) ? List.of() : run.getList(run.fieldIndex(RunLog.INPUT_FILES));
    for (String file : files) {
      Matcher matcher = LANDING_DATE.matcher(file);
      if (matcher.find()) {
        LocalDate date = LocalDate.parse(matcher.group(1));
        first = first == null || date.isBefore(first) ? date : first;
        last = last == null || date.isAfter(last) ? date : last;
      }
    }
    return first == null ? new LocalDate[] {businessDate, businessDate} : new LocalDate[] {first, last};
  }

  private static List<RunReportData.StepSummary> steps(Row run) {
    List<RunReportData.StepSummary> steps = new ArrayList<>();
    if (run.isNullAt(run.fieldIndex(RunLog.STEPS))) {
      return steps;
    }
    for (Row step : run.<Row>getList(run.fieldIndex(RunLog.STEPS))) {
      Instant started = step.<Timestamp>getAs("started_at").toInstant();
      Timestamp ended = step.getAs("ended_at");
      double seconds = ended == null ? Double.NaN : Duration.between(started, ended.toInstant()).toMillis() / 1000.0;
      Map<String, Long> counts = step.isNullAt(step.fieldIndex("counts")) ? Map.of() : step.getJavaMap(step.fieldIndex("counts"));
      steps.add(new RunReportData.StepSummary(step.getAs("name"), step.getAs("outcome"), seconds, counts));
    }
    return steps;
  }

  private List<CategoryValue> quarantine(LocalDate first, LocalDate last) {
    if (!tables().exists(LakeTables.QUARANTINE)) {
      return List.of();
    }
    List<CategoryValue> values = new ArrayList<>();
    for (Row row :
        tables().read(LakeTables.QUARANTINE)
            .where(col(IngestColumns.Q_BUSINESS_DATE).between(lit(Date.valueOf(first)), lit(Date.valueOf(last))))
            .select(col(IngestColumns.Q_SOURCE), explode(col(IngestColumns.Q_REASON_CODES)).as(REASON))
            .groupBy(REASON, IngestColumns.Q_SOURCE)
            .agg(count(lit(1)))
            .orderBy(REASON, IngestColumns.Q_SOURCE)
            .collectAsList()) {
      values.add(new CategoryValue(row.getString(0), row.getString(1), row.getLong(2)));
    }
    return values;
  }

  private List<CategoryValue> listHitRates(LocalDate first, LocalDate last) {
    TableIO io = tables();
    if (!io.exists(LakeTables.SCAN_LIST) || !io.exists(LakeTables.HISTORY)) {
      return List.of();
    }
    Dataset<Row> rates =
        new HitRates()
            .from(first)
            .to(last)
            .compute(io.read(LakeTables.SCAN_LIST), BronzeHistory.current(io.read(LakeTables.HISTORY), Source.INSPECTIONS));
    List<CategoryValue> values = new ArrayList<>();
    for (Row row :
        rates
            .groupBy(HitRateColumns.WEEK_START, HitRateColumns.ISO_WEEK, HitRateColumns.SELECTION)
            .agg(sum(HitRateColumns.INSPECTED), sum(HitRateColumns.HITS))
            .orderBy(HitRateColumns.WEEK_START, HitRateColumns.SELECTION)
            .collectAsList()) {
      long inspected = row.getLong(3);
      values.add(
          new CategoryValue(row.getString(1), row.getString(2), inspected == 0 ? Double.NaN : (double) row.getLong(4) / inspected));
    }
    return values;
  }

  private List<CategoryValue> recordedHitRates(LocalDate first, LocalDate last) {
    if (!tables().exists(LakeTables.HISTORY)) {
      return List.of();
    }
    Column day = to_date(col(Contracts.INSPECTED_AT));
    Column weekStart = to_date(date_trunc("week", col(Contracts.INSPECTED_AT)));
    List<CategoryValue> values = new ArrayList<>();
    for (Row row :
        BronzeHistory.current(tables().read(LakeTables.HISTORY), Source.INSPECTIONS)
            .where(day.between(lit(Date.valueOf(first)), lit(Date.valueOf(last))))
            .groupBy(
                weekStart.as(WEEK_START),
                format_string("%d-W%02d", year(date_add(weekStart, 3)), weekofyear(day)).as(WEEK),
                col(Contracts.SELECTED_BY))
            .agg(count(lit(1)), sum(when(col(Contracts.OUTCOME).equalTo(Labels.HIT), 1L).otherwise(0L)))
            .orderBy(WEEK_START, Contracts.SELECTED_BY)
            .collectAsList()) {
      values.add(new CategoryValue(row.getString(1), row.getString(2), (double) row.getLong(4) / row.getLong(3)));
    }
    return values;
  }

  private TableIO tables() {
    return new TableIO(spark, lake);
  }
}
