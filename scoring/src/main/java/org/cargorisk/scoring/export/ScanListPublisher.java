package org.cargorisk.scoring.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.scoring.selection.FirmRiskColumns;
import org.cargorisk.scoring.selection.FirmRiskRanker;
import org.cargorisk.scoring.selection.ScanList;
import org.cargorisk.scoring.selection.ScanListSelector;
import org.cargorisk.scoring.selection.ScanListTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call a {@code score} job makes after scoring: select the day's scan lists, write
 * {@code gold/scan_list} and {@code gold/firm_risk} (replaceWhere on the date), and export each
 * office's CSV and HTML from the written table. Re-running it for a date gives the same tables
 * and the same files.
 *
 * <pre>{@code
 * Publication published = new ScanListPublisher()
 *     .date(date).lake(lake).exportRoot(config.export())
 *     .capacities(config.officeCapacities())
 *     .defaultCapacityShare(config.defaultCapacityShare())
 *     .explorationShare(config.explorationShare())
 *     .seed(config.selectionSeed())
 *     .watchlist(reference.watchlistFrame(spark))
 *     .firmListSize(500)
 *     .publish(scoredContainers, scoredFirms);
 * }</pre>
 *
 * <p>The selection's candidates are persisted for the duration of the call, because they are
 * used twice: for the list itself and for the per-office summary (which also counts offices that
 * list nothing). A day's candidates are one row per container arriving that day.
 */
public final class ScanListPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ScanListPublisher.class);

  private final ScanListSelector selector = new ScanListSelector();
  private final ScanListExporter exporter = new ScanListExporter();
  private final FirmListExporter firmExporter = new FirmListExporter();
  private LocalDate date;
  private Lake lake;
  private boolean exportSet;
  /** The firms investigators can go through on one list (the highest ranked). */
  public static final int DEFAULT_FIRM_LIST_SIZE = 100;

  private int firmListSize = DEFAULT_FIRM_LIST_SIZE;

  /**
   * What was published.
   *
   * @param date the business date
   * @param seed the seed of the random picks
   * @param offices per-office counts (candidates, capacity, RULE/MODEL/RANDOM, rule overflow)
   * @param firms rows written to firm_risk for the date (0 without scored firms)
   * @param exports the files written per office
   * @param firmExport the firm list's files for investigators (null without scored firms)
   */
  public record Publication(
      LocalDate date,
      long seed,
      List<ScanList.OfficeSummary> offices,
      long firms,
      ExportResult exports,
      ExportResult.OfficeExport firmExport) {
    public Publication {
      offices = List.copyOf(offices);
    }

    /** Containers listed over all offices. */
    public long listed() {
      return offices.stream().mapToLong(ScanList.OfficeSummary::listed).sum();
    }

    /** Counts for a run record, by name. */
    public Map<String, Long> counts() {
      Map<String, Long> counts = new TreeMap<>();
      counts.put("candidates", offices.stream().mapToLong(ScanList.OfficeSummary::candidates).sum());
      counts.put("listed", listed());
      counts.put("rule", offices.stream().mapToLong(ScanList.OfficeSummary::rule).sum());
      counts.put("model", offices.stream().mapToLong(ScanList.OfficeSummary::model).sum());
      counts.put("random", offices.stream().mapToLong(ScanList.OfficeSummary::random).sum());
      counts.put("rule_overflow", offices.stream().mapToLong(ScanList.OfficeSummary::ruleOverflow).sum());
      counts.put("firms", firms);
      counts.put("exported_offices", (long) exports.offices().size());
      counts.put("exported_firms", firmExport == null ? 0L : firmExport.rows());
      return counts;
    }
  }

  public ScanListPublisher date(LocalDate businessDate) {
    this.date = Objects.requireNonNull(businessDate, "date");
    selector.date(businessDate);
    exporter.date(businessDate);
    firmExporter.date(businessDate);
    return this;
  }

  public ScanListPublisher lake(Lake lakeRoot) {
    this.lake = Objects.requireNonNull(lakeRoot, "lake");
    return this;
  }

  public ScanListPublisher exportRoot(String root) {
    exporter.exportRoot(root);
    firmExporter.exportRoot(root);
    exportSet = true;
    return this;
  }

  public ScanListPublisher capacities(Map<String, Integer> officeCapacities) {
    selector.capacities(officeCapacities);
    return this;
  }

  public ScanListPublisher defaultCapacityShare(double share) {
    selector.defaultCapacityShare(share);
    return this;
  }

  public ScanListPublisher explorationShare(double share) {
    selector.explorationShare(share);
    return this;
  }

  public ScanListPublisher seed(long seed) {
    selector.seed(seed);
    return this;
  }

  public ScanListPublisher watchlist(Dataset<Row> watchlistFrame) {
    selector.watchlist(watchlistFrame);
    return this;
  }

  /** Keep the n highest-ranked firms in firm_risk and its export (default {@value #DEFAULT_FIRM_LIST_SIZE}). */
  public ScanListPublisher firmListSize(int n) {
    new FirmRiskRanker().top(n); // validates
    this.firmListSize = n;
    return this;
  }

  public ScanListPublisher maxRowsPerOffice(int rows) {
    exporter.maxRowsPerOffice(rows);
    return this;
  }

  /**
   * Selects, writes and exports.
   *
   * @param scoredContainers the day's scored candidates ({@code CandidateColumns})
   * @param scoredFirms scored firms ({@code FirmRiskColumns.INPUT_TYPES}), or null for none
   */
  public Publication publish(Dataset<Row> scoredContainers, Dataset<Row> scoredFirms) {
    if (date == null || lake == null || !exportSet) {
      throw CargoRiskErrors.invalidConfiguration(
          "scan list publication", date + ", " + lake, "date, lake and exportRoot must be set");
    }
    SparkSession spark = scoredContainers.sparkSession();
    ScanList list = selector.select(scoredContainers);
    Dataset<Row> decisions = list.decisions().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ScanList persisted = new ScanList(list.date(), list.seed(), list.rows(), decisions);
      ScanListTables.writeScanList(lake, persisted);
      List<ScanList.OfficeSummary> offices = persisted.summary();

      long firms = 0;
      ExportResult.OfficeExport firmExport = null;
      if (scoredFirms != null) {
        FirmRiskRanker ranker = new FirmRiskRanker().date(date).top(firmListSize);
        ScanListTables.writeFirmRisk(lake, date, ranker.rank(scoredFirms));
        firms =
            new TableIO(spark, lake).read(LakeTables.FIRM_RISK)
                .where(col(FirmRiskColumns.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
                .count();
        // The investigators' files, from the written table like the offices' scan lists.
        firmExport = firmExporter.maxRows(firmListSize).exportTable(spark, lake);
      }

      ExportResult exports = exporter.exportTable(spark, lake);
      Publication publication =
          new Publication(date, list.seed(), offices, firms, exports, firmExport);
      LOG.info("Published scan lists for {}: {}", date, publication.counts());
      return publication;
    } finally {
      decisions.unpersist();
    }
  }
}
