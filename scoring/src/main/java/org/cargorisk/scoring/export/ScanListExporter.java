package org.cargorisk.scoring.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.scoring.selection.CandidateColumns;
import org.cargorisk.scoring.selection.Selection;
import org.cargorisk.scoring.selection.ScanListColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the scan lists of one date for customs: per office one CSV and one printable,
 * self-contained HTML page, in {@code <export>/<office>/<date>/scan_list_<office>_<date>.csv}
 * (and {@code .html}).
 *
 * <ul>
 *   <li><b>Office scoping.</b> Each office's files are made from the scan-list table filtered on
 *       that office (never by splitting a shared file), so they hold only its containers.
 *   <li><b>Owner-only.</b> Folders 700, files 600, written to a temporary name and renamed
 *       ({@link OwnerOnlyFiles}; what happens on s3a is described there).
 *   <li><b>No personal data.</b> Only the scan-list columns below are exported: containers, B/Ls,
 *       firm ids; the scan list has no person-level column at all.
 *   <li><b>CSV injection.</b> Every CSV field is quoted and a field starting with {@code = + - @},
 *       tab or CR gets a leading apostrophe ({@link ExportCells}, Spark built-ins); HTML text is
 *       escaped.
 *   <li><b>Bounded collect.</b> The driver writes the files, so it collects one office's list at
 *       a time. A list holds at most the office's capacity plus its must-scan overflow; the
 *       exporter takes at most {@link #maxRowsPerOffice(int)} + 1 rows and fails when there are
 *       more, so a wrong capacity can never pull an unbounded table onto the driver.
 *   <li><b>Deterministic.</b> No wall-clock time in the files: the same list gives the same bytes.
 * </ul>
 *
 * <pre>{@code
 * ExportResult result = new ScanListExporter()
 *     .exportRoot(config.export()).date(date)
 *     .exportTable(spark, lake);
 * }</pre>
 */
public final class ScanListExporter {
  private static final Logger LOG = LoggerFactory.getLogger(ScanListExporter.class);
  private static final String STEP = "ScanListExporter";
  private static final Pattern OFFICE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");

  /** Default bound on one office's exported rows. */
  public static final int DEFAULT_MAX_ROWS_PER_OFFICE = 100_000;

  /** The exported columns, in file order (also the CSV header). */
  public static final List<String> CSV_COLUMNS = csvColumns();

  private static List<String> csvColumns() {
    List<String> columns =
        new ArrayList<>(
            List.of(
                ScanListColumns.RANK,
                ScanListColumns.CONTAINER_ID,
                ScanListColumns.BL_NUMBER,
                ScanListColumns.SCORE,
                ScanListColumns.HIT_CHANCE,
                ScanListColumns.SELECTION,
                ScanListColumns.REASONS,
                ScanListColumns.OFFICE,
                ScanListColumns.BUSINESS_DATE,
                ScanListColumns.MODEL_VERSION,
                ScanListColumns.SELECTION_SEED,
                ScanListColumns.CAPACITY));
    columns.addAll(CandidateColumns.DESCRIPTIVE);
    return List.copyOf(columns);
  }

  private static final String CSV_LINE = "__csv_line";
  private static final String HTML_ROW = "__html_row";

  private String exportRoot;
  private LocalDate date;
  private int maxRowsPerOffice = DEFAULT_MAX_ROWS_PER_OFFICE;

  /** Root folder of customer-facing exports ({@code --export}); local path or Hadoop URI. */
  public ScanListExporter exportRoot(String root) {
    if (root == null || root.isBlank()) {
      throw CargoRiskErrors.invalidConfiguration("export", root, "must not be empty");
    }
    this.exportRoot = root;
    return this;
  }

  public ScanListExporter date(LocalDate businessDate) {
    this.date = Objects.requireNonNull(businessDate, "date");
    return this;
  }

  /** Upper bound on one office's list; an office with more rows fails the export. */
  public ScanListExporter maxRowsPerOffice(int rows) {
    if (rows < 1) {
      throw CargoRiskErrors.invalidConfiguration("max rows per office", rows, "must be at least 1");
    }
    this.maxRowsPerOffice = rows;
    return this;
  }

  /** Reads the lake's scan-list table and exports the date from it. */
  public ExportResult exportTable(SparkSession spark, Lake lake) {
    return export(new TableIO(spark, lake).read(LakeTables.SCAN_LIST));
  }

  /**
   * Writes the files of every office listed on the date.
   *
   * @param scanLists the scan-list table (any dates; schema {@link ScanListColumns#SCHEMA})
   */
  public ExportResult export(Dataset<Row> scanLists) {
    if (exportRoot == null || date == null) {
      throw CargoRiskErrors.invalidConfiguration(
          "export", exportRoot == null ? "export root" : "date", "must be set before export()");
    }
    SchemaChecks.requireColumns(
        STEP, scanLists.schema(), CSV_COLUMNS.toArray(String[]::new));
    Dataset<Row> day =
        scanLists.where(col(ScanListColumns.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))));
    SparkSession spark = scanLists.sparkSession();
    OwnerOnlyFiles files = new OwnerOnlyFiles(spark.sparkContext().hadoopConfiguration());

    // One row per office: bounded by the number of customs offices.
    List<String> offices =
        day.select(ScanListColumns.OFFICE).distinct().orderBy(ScanListColumns.OFFICE)
            .collectAsList().stream()
            .map(r -> r.getString(0))
            .toList();
    List<ExportResult.OfficeExport> exports = new ArrayList<>();
    for (String office : offices) {
      exports.add(exportOffice(spark, files, day, office));
    }
    spark.sparkContext().setJobDescription(null);
    LOG.info("Exported scan lists of {} for {} office(s) to {}", date, exports.size(), exportRoot);
    return new ExportResult(date, exports);
  }

  private ExportResult.OfficeExport exportOffice(
      SparkSession spark, OwnerOnlyFiles files, Dataset<Row> day, String office) {
    if (office == null || !OFFICE.matcher(office).matches()) {
      // The office names a folder: refuse anything that is not a UN/LOCODE (no "../").
      throw CargoRiskErrors.wrongColumnType(
          STEP,
          ScanListColumns.OFFICE,
          "UN/LOCODE (2 letters + 3 letters or digits 2-9, used as the export folder name)",
          "'" + office + "'");
    }
    // A description, not a group: the calling job keeps its job group.
    spark.sparkContext().setJobDescription("EXPORT " + date + " " + office + ": scan list files");
    List<Row> rows =
        day.where(col(ScanListColumns.OFFICE).equalTo(office))
            .orderBy(col(ScanListColumns.RANK))
            .limit(maxRowsPerOffice + 1)
            .select(
                col(ScanListColumns.SELECTION),
                col(ScanListColumns.MODEL_VERSION),
                col(ScanListColumns.CAPACITY),
                col(ScanListColumns.SELECTION_SEED),
                csvLine().as(CSV_LINE),
                htmlRow().as(HTML_ROW))
            .collectAsList();
    if (rows.size() > maxRowsPerOffice) {
      throw CargoRiskErrors.internal(
          String.format(
              "The scan list of office %s for %s has more than %d rows; a list holds at most the"
                  + " office's capacity plus its must-scan overflow. Check office.%s.capacity and"
                  + " the watchlist, or raise the export bound.",
              office, date, maxRowsPerOffice, office),
          null);
    }
    String folder = files.folder(exportRoot, office, date.toString());
    String base = "scan_list_" + office + "_" + date;

    StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
    rows.forEach(r -> csv.append(r.getString(4)).append("\r\n"));
    String csvPath = files.write(folder, base + ".csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    String htmlPath =
        files.write(folder, base + ".html", html(office, rows).getBytes(StandardCharsets.UTF_8));
    LOG.info("Office {}: {} container(s) exported to {}", office, rows.size(), folder);
    return new ExportResult.OfficeExport(office, rows.size(), csvPath, htmlPath);
  }

  private static Column csvLine() {
    List<Column> fields = new ArrayList<>();
    for (String name : CSV_COLUMNS) {
      fields.add(ExportCells.csvField(displayed(name)));
    }
    return concat_ws(",", fields.toArray(Column[]::new));
  }

  /** How a column reads in the files: fixed decimals, reasons joined, times with their offset. */
  private static Column displayed(String name) {
    return switch (name) {
      case ScanListColumns.SCORE -> score();
      case ScanListColumns.HIT_CHANCE -> fixed(col(name));
      case ScanListColumns.REASONS -> array_join(col(name), " | ");
      case CandidateColumns.ETA -> eta();
      default -> col(name);
    };
  }

  /**
   * The score with six decimals: the model separates containers by small differences, and four
   * decimals would show ties the ranking does not have. Empty (null) when no model scored it.
   */
  private static Column score() {
    Column score = col(ScanListColumns.SCORE);
    return when(score.isNotNull(), format_string("%.6f", score));
  }

  /** A probability with four decimals (CSV); null stays null. */
  private static Column fixed(Column probability) {
    return when(probability.isNotNull(), format_string("%.4f", probability));
  }

  /**
   * The estimated hit chance as a person reads it: a percentage with one decimal, and "&lt; 0.1 %"
   * below 0.05 % rather than a "0.0 %" that would read as "never".
   */
  static Column hitChancePercent(Column chance) {
    return when(chance.isNull(), lit(null).cast("string"))
        .when(chance.lt(0.0005), lit("< 0.1 %"))
        .otherwise(format_string("%.1f %%", chance.multiply(100)));
  }

  /** ETA as on the CSV: local date and time with the offset. */
  private static Column eta() {
    return date_format(col(CandidateColumns.ETA), "yyyy-MM-dd HH:mm XXX");
  }

  /**
   * One table row: what the officer needs at the quay. Goods = HS code over the description;
   * route = origin country, port of loading, then the transshipment ports ("via ...").
   */
  private static Column htmlRow() {
    Column via = col(CandidateColumns.TRANSSHIPMENT_PORTS);
    return concat(
        lit("<tr><td class=\"num\">"),
        ExportCells.htmlText(col(ScanListColumns.RANK)),
        lit("</td><td class=\"id\">"),
        ExportCells.htmlText(col(ScanListColumns.CONTAINER_ID)),
        lit("<br><span class=\"sub\">B/L "),
        ExportCells.htmlText(col(ScanListColumns.BL_NUMBER)),
        lit("</span></td><td>"),
        ExportCells.htmlText(col(ScanListColumns.SELECTION)),
        lit("</td><td class=\"num\">"),
        ExportCells.htmlText(score()),
        lit("</td><td class=\"num\">"),
        ExportCells.htmlText(hitChancePercent(col(ScanListColumns.HIT_CHANCE))),
        lit("</td><td>HS "),
        ExportCells.htmlText(col(CandidateColumns.HS_CODE)),
        lit("<br>"),
        ExportCells.htmlText(col(CandidateColumns.GOODS_DESCRIPTION)),
        lit("</td><td>"),
        ExportCells.htmlText(col(CandidateColumns.ORIGIN_COUNTRY)),
        lit("<br>"),
        ExportCells.htmlText(col(CandidateColumns.PORT_OF_LOADING)),
        lit("</td><td>"),
        ExportCells.htmlText(when(via.isNull(), lit("none known")).otherwise(via)),
        lit("</td><td>"),
        ExportCells.htmlText(eta()),
        lit("</td><td class=\"id\">"),
        ExportCells.htmlText(col(CandidateColumns.CONSIGNEE_ID)),
        lit("</td><td>"),
        ExportCells.htmlLines(col(ScanListColumns.REASONS)),
        lit("</td></tr>"));
  }

  /** What the list's numbers and selection types mean, printed above the table. */
  public static final String HOW_TO_READ =
      "<b>How to read this list.</b> <b>Score</b>: the model's risk score. The list is"
          + " ordered by it; a higher score means riskier than the other containers of the day,"
          + " but it is not a probability. <b>Estimated hit chance</b>: the share of containers"
          + " with this score in which inspection found something, estimated from past inspection"
          + " outcomes and checked on outcomes it was not estimated from. <b>RULE</b>: must be"
          + " inspected (watchlist or tip-off), whatever its score. <b>MODEL</b>: among the"
          + " highest scores of the day. <b>RANDOM</b>: drawn at random from the other containers"
          + " to measure the honest hit rate; inspect it like the others.";

  private String html(String office, List<Row> rows) {
    Map<String, Integer> bySelection = new LinkedHashMap<>();
    for (Selection selection : Selection.values()) {
      bySelection.put(selection.name(), 0);
    }
    TreeSet<String> versions = new TreeSet<>();
    for (Row row : rows) {
      bySelection.merge(row.getString(0), 1, Integer::sum);
      if (!row.isNullAt(1)) {
        versions.add(row.getString(1));
      }
    }
    String capacity = rows.isEmpty() ? "" : String.valueOf(rows.get(0).getInt(2));
    String seed = rows.isEmpty() ? "" : String.valueOf(rows.get(0).getLong(3));
    String title = "Scan list " + office + " " + date;
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>").append(ExportCells.escapeHtml(title)).append("</title>\n")
        .append("<style>\n")
        // One A4 landscape sheet wide: the table fits 277 mm, long lists repeat the header.
        .append("@page{size:A4 landscape;margin:10mm}\n")
        .append("body{font-family:Arial,Helvetica,sans-serif;font-size:9pt;margin:1em}\n")
        .append("h1{font-size:14pt;margin:0 0 4px}p{margin:0 0 6px}\n")
        .append("table{border-collapse:collapse;width:100%;table-layout:fixed}\n")
        .append("th,td{border:1px solid #888;padding:2px 4px;vertical-align:top;text-align:left;"
            + "overflow-wrap:anywhere}\n")
        // Headers break between words only; numbers never break.
        .append("th{background:#eee;overflow-wrap:normal;font-size:90%}\n")
        .append("td.num{text-align:right;white-space:nowrap}.sub{color:#444;font-size:90%}\n")
        .append("td.id{font-family:'DejaVu Sans Mono',monospace;font-size:90%}\n")
        .append("thead{display:table-header-group}tr{page-break-inside:avoid}\n")
        .append("@media print{body{margin:0;font-size:8pt}h1{font-size:12pt}}\n")
        .append("</style></head><body>\n")
        .append("<h1>").append(ExportCells.escapeHtml(title)).append("</h1>\n")
        .append("<p>Office ").append(ExportCells.escapeHtml(office))
        .append(", business date ").append(date)
        .append(", capacity ").append(ExportCells.escapeHtml(capacity))
        .append(" containers. Listed: ").append(rows.size());
    bySelection.forEach((selection, n) -> html.append(", ").append(selection).append(' ').append(n));
    html.append(". Model version: ").append(ExportCells.escapeHtml(String.join(", ", versions)))
        .append("; random selection seed ").append(ExportCells.escapeHtml(seed)).append(".</p>\n")
        .append("<p class=\"note\">").append(HOW_TO_READ)
        .append(" Confidential: for this office only.</p>\n")
        .append("<table><colgroup><col style=\"width:4%\"><col style=\"width:12%\">"
            + "<col style=\"width:7%\"><col style=\"width:6%\"><col style=\"width:6%\">"
            + "<col style=\"width:15%\"><col style=\"width:6%\"><col style=\"width:8%\">"
            + "<col style=\"width:8%\"><col style=\"width:7%\"><col style=\"width:21%\">"
            + "</colgroup>\n<thead><tr><th>Rank</th><th>Container / B/L</th><th>Selection</th>"
            + "<th>Score</th><th>Est. hit chance</th><th>Goods (HS code)</th>"
            + "<th>Origin / loaded at</th><th>Transshipped via</th><th>ETA</th><th>Consignee</th>"
            + "<th>Reasons</th></tr></thead><tbody>\n");
    rows.forEach(r -> html.append(r.getString(5)).append('\n'));
    html.append("</tbody></table>\n</body></html>\n");
    return html.toString();
  }
}
