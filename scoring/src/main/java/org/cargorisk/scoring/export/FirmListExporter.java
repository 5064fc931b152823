package org.cargorisk.scoring.export;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.explain.ReasonText;
import org.cargorisk.scoring.selection.FirmRiskColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the day's firm list for financial investigators: one CSV and one printable,
 * self-contained HTML page in {@code <export>/firms/<date>/firm_list_<date>.csv} (and {@code
 * .html}), made from the written {@code gold/firm_risk} rows of the date, in rank order.
 *
 * <p>The same rules as the scan lists ({@link ScanListExporter}): folders and files owner-only
 * ({@link OwnerOnlyFiles}), every CSV field quoted and formula-neutralised and every HTML cell
 * escaped ({@link ExportCells}), a bounded collect (the list is cut to its size before it is
 * written; more than {@link #maxRows(int)} rows fail the export), and no wall-clock time in the
 * files, so the same list gives the same bytes. Firms only: the table has no person-level column.
 *
 * <pre>{@code
 * ExportResult.OfficeExport files = new FirmListExporter()
 *     .exportRoot(config.export()).date(date)
 *     .exportTable(spark, lake);
 * }</pre>
 */
public final class FirmListExporter {
  private static final Logger LOG = LoggerFactory.getLogger(FirmListExporter.class);
  private static final String STEP = "FirmListExporter";

  /** The export folder below the export root (beside the offices' UN/LOCODE folders). */
  public static final String FOLDER = "firms";

  /** Default bound on the exported rows. */
  public static final int DEFAULT_MAX_ROWS = 10_000;

  /** The exported columns, in file order (also the CSV header). */
  public static final List<String> CSV_COLUMNS = csvColumns();

  private static List<String> csvColumns() {
    List<String> columns =
        new ArrayList<>(
            List.of(
                FirmRiskColumns.RANK,
                FirmRiskColumns.FIRM_ID,
                FirmRiskColumns.NAME,
                FirmRiskColumns.COUNTRY,
                FirmRiskColumns.SECTOR,
                FirmRiskColumns.REGISTERED_ON,
                FirmRiskColumns.SCORE,
                FirmRiskColumns.HIT_CHANCE,
                FirmRiskColumns.REASONS));
    columns.addAll(FirmRiskColumns.KEY_FIGURES);
    columns.addAll(
        List.of(
            FirmRiskColumns.BUSINESS_DATE,
            FirmRiskColumns.MODEL_VERSION));
    return List.copyOf(columns);
  }

  private static final String CSV_LINE = "__csv_line";
  private static final String HTML_ROW = "__html_row";

  private String exportRoot;
  private LocalDate date;
  private int maxRows = DEFAULT_MAX_ROWS;

  /** Root folder of customer-facing exports ({@code --export}); local path or Hadoop URI. */
  public FirmListExporter exportRoot(String root) {
    if (root == null || root.isBlank()) {
      throw CargoRiskErrors.invalidConfiguration("export", root, "must not be empty");
    }
    this.exportRoot = root;
    return this;
  }

  public FirmListExporter date(LocalDate businessDate) {
    this.date = Objects.requireNonNull(businessDate, "date");
    return this;
  }

  /** Upper bound on the exported list; a longer list fails the export. */
  public FirmListExporter maxRows(int rows) {
    if (rows < 1) {
      throw CargoRiskErrors.invalidConfiguration("max firm list rows", rows, "must be at least 1");
    }
    this.maxRows = rows;
    return this;
  }

  /** Reads the lake's firm_risk table and exports the date from it. */
  public ExportResult.OfficeExport exportTable(SparkSession spark, Lake lake) {
    return export(new TableIO(spark, lake).read(LakeTables.FIRM_RISK));
  }

  /**
   * Writes the CSV and HTML of the date's firm list.
   *
   * @param firmRisk the firm_risk table (any dates; schema {@link FirmRiskColumns#SCHEMA})
   * @return the files, under the pseudo-office {@value #FOLDER}
   */
  public ExportResult.OfficeExport export(Dataset<Row> firmRisk) {
    if (exportRoot == null || date == null) {
      throw CargoRiskErrors.invalidConfiguration(
          "firm list export", exportRoot == null ? "export root" : "date", "must be set before export()");
    }
    SchemaChecks.requireColumns(STEP, firmRisk.schema(), CSV_COLUMNS.toArray(String[]::new));
    SparkSession spark = firmRisk.sparkSession();
    spark.sparkContext().setJobDescription("EXPORT " + date + " firm list files");
    List<Row> rows =
        firmRisk
            .where(col(FirmRiskColumns.BUSINESS_DATE).equalTo(lit(Date.valueOf(date))))
            .orderBy(col(FirmRiskColumns.RANK))
            .limit(maxRows + 1)
            .select(col(FirmRiskColumns.MODEL_VERSION), csvLine().as(CSV_LINE), htmlRow().as(HTML_ROW))
            .collectAsList();
    spark.sparkContext().setJobDescription(null);
    if (rows.size() > maxRows) {
      throw CargoRiskErrors.internal(
          String.format(
              "The firm list of %s has more than %d rows. Keep the firm list to what investigators"
                  + " can open (ScanListPublisher.firmListSize), or raise the export bound.",
              date, maxRows),
          null);
    }
    OwnerOnlyFiles files = new OwnerOnlyFiles(spark.sparkContext().hadoopConfiguration());
    String folder = files.folder(exportRoot, FOLDER, date.toString());
    String base = "firm_list_" + date;
    StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
    rows.forEach(r -> csv.append(r.getString(1)).append("\r\n"));
    String csvPath = files.write(folder, base + ".csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    String htmlPath = files.write(folder, base + ".html", html(rows).getBytes(StandardCharsets.UTF_8));
    LOG.info("Firm list of {}: {} firm(s) exported to {}", date, rows.size(), folder);
    return new ExportResult.OfficeExport(FOLDER, rows.size(), csvPath, htmlPath);
  }

  private static Column csvLine() {
    List<Column> fields = new ArrayList<>();
    for (String name : CSV_COLUMNS) {
      fields.add(ExportCells.csvField(csvValue(name)));
    }
    return concat_ws(",", fields.toArray(Column[]::new));
  }

  /**
   * How a column reads in the CSV: numbers plain (a spreadsheet sorts them), the score with
   * six decimals (it separates firms four decimals may not), shares and the hit chance with four.
   */
  private static Column csvValue(String name) {
    return switch (name) {
      case FirmRiskColumns.SCORE -> fixed(col(name), "%.6f");
      case FirmRiskColumns.HIT_CHANCE, FirmRiskColumns.CASH_SHARE_90D -> fixed(col(name), "%.4f");
      case FirmRiskColumns.PAYMENT_VOLUME_90D -> fixed(col(name), "%.2f");
      case FirmRiskColumns.PAYMENTS_90D,
          FirmRiskColumns.STRUCTURING_COUNT_90D,
          FirmRiskColumns.THIRD_PARTY_PAYMENTS_90D,
          FirmRiskColumns.MALAFIDE_LINKS,
          FirmRiskColumns.COMPANY_AGE_DAYS -> col(name).cast("long");
      case FirmRiskColumns.REASONS -> array_join(col(name), " | ");
      default -> col(name);
    };
  }

  private static Column fixed(Column value, String format) {
    return when(value.isNotNull(), format_string(format, value));
  }

  /** A whole number with thousands separators ("1,234,567"); empty when null. */
  private static Column whole(String name) {
    return when(col(name).isNotNull(), format_number(col(name), 0));
  }

  private static Column htmlRow() {
    Column cashPercent =
        when(col(FirmRiskColumns.CASH_SHARE_90D).isNotNull(),
            concat(format_string("%.0f", col(FirmRiskColumns.CASH_SHARE_90D).multiply(100)), lit(" %")));
    Column hitChance =
        when(col(FirmRiskColumns.HIT_CHANCE).isNotNull(),
            concat(format_string("%.0f", col(FirmRiskColumns.HIT_CHANCE).multiply(100)), lit(" %")));
    Column registered =
        concat(
            col(FirmRiskColumns.REGISTERED_ON).cast("string"),
            when(col(FirmRiskColumns.COMPANY_AGE_DAYS).isNotNull(),
                concat(lit(" ("), ReasonText.days(col(FirmRiskColumns.COMPANY_AGE_DAYS)), lit(")")))
                .otherwise(lit("")));
    return concat(
        lit("<tr>"),
        cell("num", col(FirmRiskColumns.RANK)),
        cell("", concat_ws(" ", col(FirmRiskColumns.FIRM_ID), col(FirmRiskColumns.NAME))),
        cell("", concat_ws(" / ", col(FirmRiskColumns.COUNTRY), col(FirmRiskColumns.SECTOR))),
        cell("", registered),
        cell("num", fixed(col(FirmRiskColumns.SCORE), "%.4f")),
        cell("num", hitChance),
        lit("<td>"), ExportCells.htmlLines(col(FirmRiskColumns.REASONS)), lit("</td>"),
        cell("num", whole(FirmRiskColumns.PAYMENT_VOLUME_90D)),
        cell("num", whole(FirmRiskColumns.PAYMENTS_90D)),
        cell("num", cashPercent),
        cell("num", whole(FirmRiskColumns.STRUCTURING_COUNT_90D)),
        cell("num", whole(FirmRiskColumns.THIRD_PARTY_PAYMENTS_90D)),
        cell("num", whole(FirmRiskColumns.MALAFIDE_LINKS)),
        lit("</tr>"));
  }

  private static Column cell(String cssClass, Column value) {
    return concat(
        lit(cssClass.isEmpty() ? "<td>" : "<td class=\"" + cssClass + "\">"),
        ExportCells.htmlText(value),
        lit("</td>"));
  }

  private String html(List<Row> rows) {
    TreeSet<String> versions = new TreeSet<>();
    rows.forEach(r -> { if (!r.isNullAt(0)) { versions.add(r.getString(0)); } });
    String title = "Firm risk list " + date;
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>").append(ExportCells.escapeHtml(title)).append("</title>\n")
        .append("<style>\n")
        .append("@page{size:A4 landscape;margin:10mm}\n")
        .append("body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;margin:1.5em}\n")
        .append("table{border-collapse:collapse;width:100%}\n")
        .append("th,td{border:1px solid #888;padding:3px 5px;vertical-align:top;text-align:left}\n")
        .append("th{background:#eee}td.num,th.num{text-align:right;white-space:nowrap}\n")
        .append("thead{display:table-header-group}tr{page-break-inside:avoid}\n")
        .append("@media print{body{margin:0;font-size:8pt}}\n")
        .append("</style></head><body>\n")
        .append("<h1>").append(ExportCells.escapeHtml(title)).append("</h1>\n")
        .append("<p>Business date ").append(date).append(". Listed: ").append(rows.size())
        .append(" firm(s), highest risk first. Model version: ")
        .append(ExportCells.escapeHtml(String.join(", ", versions))).append(".</p>\n")
        .append("<p><b>Score</b>: the model's risk score, which orders the firms (higher is riskier); it is"
            + " not a probability. <b>Estimated hit chance</b>: the calibrated probability that an"
            + " investigation finds the firm involved (MALAFIDE), estimated on investigated firms of"
            + " past weeks. <b>Payments</b>: paid or received in the 90 days up to the business date,"
            + " amounts summed as booked (mostly EUR; other currencies are not converted). <b>Cash</b>:"
            + " share of that volume in cash deposits and withdrawals. <b>Below 10,000</b>: payments"
            + " of 9,000 to 9,999.99 (just under the reporting threshold). <b>Third parties</b>:"
            + " payments with firms that share no manifest with it. <b>Malafide links</b>:"
            + " counterparties already labelled MALAFIDE. Confidential: for financial investigators"
            + " only.</p>\n")
        .append("<table><thead><tr><th class=\"num\">Rank</th><th>Firm</th><th>Country / sector</th>"
            + "<th>Registered on (age)</th><th class=\"num\">Score</th>"
            + "<th class=\"num\">Estimated hit chance</th><th>Reasons</th>"
            + "<th class=\"num\">Payments 90 days (amount)</th><th class=\"num\">Payments 90 days"
            + " (number)</th><th class=\"num\">Cash</th><th class=\"num\">Below 10,000</th>"
            + "<th class=\"num\">Third parties</th><th class=\"num\">Malafide links</th>"
            + "</tr></thead><tbody>\n");
    rows.forEach(r -> html.append(r.getString(2)).append('\n'));
    html.append("</tbody></table>\n</body></html>\n");
    return html.toString();
  }
}
