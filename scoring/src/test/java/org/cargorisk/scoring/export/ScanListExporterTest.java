package org.cargorisk.scoring.export;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.lake.Lake;
import org.cargorisk.scoring.selection.Candidates;
import org.cargorisk.scoring.selection.FirmRiskColumns;
import org.cargorisk.scoring.selection.ScanList;
import org.cargorisk.scoring.selection.ScanListColumns;
import org.cargorisk.scoring.selection.ScanListSelector;
import org.cargorisk.scoring.selection.ScanListTables;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanListExporterTest {
  private static final String DATE = Candidates.DATE.toString();
  private static final List<String> INJECTIONS =
      List.of(
          "=cmd|' /C calc'!A0",
          "+SUM(1,2)",
          "-2+3+cmd|' /C calc'!A0",
          "@SUM(1,2)",
          "\t=1+1",
          "\r=1+1",
          "plain \"quoted\" goods, with comma\nand a line break");

  @TempDir static Path lake;
  private static Dataset<Row> table;

  @BeforeAll
  static void writeScanLists() {
    SparkSession spark = SparkTestSession.get();
    Candidates fixture = new Candidates().many("NLRTM", 12).many("BEANR", 9);
    for (int i = 0; i < INJECTIONS.size(); i++) {
      fixture.add(Candidates.DATE, "NLRTM", "BLINJ" + i, "CTRINJ" + i, 0.9 + i / 1000.0,
          "S1", "C1", INJECTIONS.get(i));
    }
    fixture.add(Candidates.DATE, "BEANR", "BLWATCH", "CTRWATCH", 0.1, "S1", "=HYPERLINK(1)", "x");
    Dataset<Row> watchlist =
        Candidates.watchlist(
            spark,
            Candidates.entry("BL", "BLWATCH", "<script>alert('x')</script> & tip-off",
                Candidates.DATE, null));
    ScanList list =
        new ScanListSelector()
            .date(Candidates.DATE)
            .seed(5L)
            .capacities(Map.of("NLRTM", 10, "BEANR", 4))
            .watchlist(watchlist)
            .select(fixture.frame(spark));
    String path = lake.resolve("gold/scan_list").toString();
    ScanListTables.writeScanList(new Lake(lake.toString()), Candidates.DATE, list.rows());
    table = spark.read().format("delta").load(path);
  }

  private static ExportResult export(Path root) {
    return new ScanListExporter().exportRoot(root.toString()).date(Candidates.DATE).export(table);
  }

  @Test
  void eachOfficeFileHoldsOnlyThatOfficesContainers(@TempDir Path root) throws IOException {
    ExportResult result = export(root);

    assertThat(result.offices()).extracting(ExportResult.OfficeExport::office)
        .containsExactly("BEANR", "NLRTM");
    for (ExportResult.OfficeExport office : result.offices()) {
      Path csv = root.resolve(office.office()).resolve(DATE)
          .resolve("scan_list_" + office.office() + "_" + DATE + ".csv");
      assertThat(Path.of(office.csvPath())).isEqualTo(csv);
      List<List<String>> records = Csv.parse(Files.readString(csv));
      assertThat(records.get(0)).containsExactlyElementsOf(ScanListExporter.CSV_COLUMNS);
      List<List<String>> data = records.subList(1, records.size());
      int officeColumn = ScanListExporter.CSV_COLUMNS.indexOf(ScanListColumns.OFFICE);
      int containerColumn = ScanListExporter.CSV_COLUMNS.indexOf(ScanListColumns.CONTAINER_ID);
      assertThat(data).hasSize((int) office.rows())
          .allMatch(r -> r.get(officeColumn).equals(office.office()));
      List<String> expected =
          table.where(table.col(ScanListColumns.OFFICE).equalTo(office.office()))
              .orderBy(ScanListColumns.RANK).select(ScanListColumns.CONTAINER_ID)
              .collectAsList().stream().map(r -> r.getString(0)).toList();
      assertThat(data).extracting(r -> r.get(containerColumn)).containsExactlyElementsOf(expected);
      String html = Files.readString(Path.of(office.htmlPath()));
      List<String> others =
          office.office().equals("NLRTM") ? List.of("CTRBEANR", "CTRWATCH") : List.of("CTRNLRTM", "CTRINJ");
      assertThat(Files.readString(csv) + html).doesNotContain(others);
    }
  }

  @Test
  void csvCellsCannotRunAsFormulasAndHtmlIsEscaped(@TempDir Path root) throws IOException {
    ExportResult result = export(root);
    String nlrtm = Files.readString(Path.of(result.offices().get(1).csvPath()));
    List<List<String>> records = Csv.parse(nlrtm);
    int goods = ScanListExporter.CSV_COLUMNS.indexOf(Contracts.GOODS_DESCRIPTION);
    List<String> descriptions = records.stream().skip(1).map(r -> r.get(goods)).toList();
    assertThat(descriptions)
        .contains(
            "'=cmd|' /C calc'!A0", "'+SUM(1,2)", "'-2+3+cmd|' /C calc'!A0", "'@SUM(1,2)",
            "'\t=1+1", "'\r=1+1", "plain \"quoted\" goods, with comma\nand a line break");
    for (ExportResult.OfficeExport office : result.offices()) {
      for (List<String> record : Csv.parse(Files.readString(Path.of(office.csvPath())))) {
        assertThat(record).noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
      }
    }
    // Every field is quoted, so commas and line breaks cannot shift columns.
    assertThat(nlrtm.lines().findFirst().orElseThrow()).startsWith("rank,");
    assertThat(nlrtm).contains("\"1\",\"CTRINJ6\"");

    String beanr = Files.readString(Path.of(result.offices().get(0).csvPath()));
    assertThat(beanr).contains("\"'=HYPERLINK(1)\"");
    String html = Files.readString(Path.of(result.offices().get(0).htmlPath()));
    assertThat(html)
        .contains("B/L BLWATCH on watchlist: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; tip-off")
        .doesNotContain("<script>")
        .contains("<table>")
        .doesNotContain("http://", "https://", "<link", "src=");
  }

  @Test
  void theHtmlShowsWhatAnOfficerNeedsFromEachRowsOwnDataAndExplainsTheNumbers(@TempDir Path root)
      throws IOException {
    ExportResult result = export(root);
    String html = Files.readString(Path.of(result.offices().get(1).htmlPath()));
    List<List<String>> csv = Csv.parse(Files.readString(Path.of(result.offices().get(1).csvPath())));
    java.time.ZoneId zone =
        java.time.ZoneId.of(SparkTestSession.get().conf().get("spark.sql.session.timeZone"));
    java.time.format.DateTimeFormatter eta = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm XXX");

    assertThat(html)
        .contains("@page{size:A4 landscape")
        .contains(ScanListExporter.HOW_TO_READ)
        .contains("<th>Score</th><th>Est. hit chance</th><th>Goods (HS code)</th>"
            + "<th>Origin / loaded at</th><th>Transshipped via</th><th>ETA</th><th>Consignee</th>");
    assertThat(ScanListExporter.HOW_TO_READ)
        .contains("<b>Score</b>", "<b>Estimated hit chance</b>", "<b>RULE</b>", "<b>MODEL</b>", "<b>RANDOM</b>");
    List<String> htmlRows =
        Arrays.stream(html.split("<tr>")).filter(r -> r.startsWith("<td")).toList();
    List<Row> rows =
        table.where(table.col(ScanListColumns.OFFICE).equalTo("NLRTM")).orderBy(ScanListColumns.RANK).collectAsList();
    assertThat(htmlRows).hasSize(rows.size());
    int hitChanceColumn = ScanListExporter.CSV_COLUMNS.indexOf(ScanListColumns.HIT_CHANCE);
    int scoreColumn = ScanListExporter.CSV_COLUMNS.indexOf(ScanListColumns.SCORE);
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String cells = htmlRows.get(i);
      double chance = row.getAs(ScanListColumns.HIT_CHANCE);
      double score = row.getAs(ScanListColumns.SCORE);
      assertThat(chance).isEqualTo(score / 4);
      assertThat(cells)
          .startsWith("<td class=\"num\">" + row.getAs(ScanListColumns.RANK) + "</td>")
          .contains(
              row.<String>getAs(ScanListColumns.CONTAINER_ID),
              "B/L " + row.<String>getAs(ScanListColumns.BL_NUMBER),
              String.format(java.util.Locale.ROOT, "%.6f", score),
              chance < 0.0005 ? "&lt; 0.1 %" : String.format(java.util.Locale.ROOT, "%.1f %%", chance * 100),
              "HS " + row.<String>getAs(Contracts.HS_CODE) + "<br>"
                  + ExportCells.escapeHtml(row.<String>getAs(Contracts.GOODS_DESCRIPTION)),
              row.<String>getAs(Contracts.ORIGIN_COUNTRY) + "<br>" + row.<String>getAs(Contracts.PORT_OF_LOADING),
              "<td>" + row.<String>getAs(org.cargorisk.scoring.selection.CandidateColumns.TRANSSHIPMENT_PORTS) + "</td>",
              row.<java.sql.Timestamp>getAs(Contracts.ETA).toInstant().atZone(zone).format(eta),
              row.<String>getAs(Contracts.CONSIGNEE_ID));
      assertThat(csv.get(i + 1).get(hitChanceColumn)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", chance));
      assertThat(csv.get(i + 1).get(scoreColumn)).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", score));
    }
  }

  @Test
  void foldersAndFilesAreOwnerOnlyAndReExportGivesTheSameBytes(@TempDir Path root) throws IOException {
    ExportResult first = export(root);
    byte[] csv = Files.readAllBytes(Path.of(first.offices().get(1).csvPath()));
    byte[] html = Files.readAllBytes(Path.of(first.offices().get(1).htmlPath()));
    // A run killed half way leaves a temporary file; the next export removes it.
    Path folder = Path.of(first.offices().get(1).csvPath()).getParent();
    Files.writeString(folder.resolve(OwnerOnlyFiles.TEMP_PREFIX + "scan_list_NLRTM_" + DATE + ".csv-123"), "half");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

    ExportResult second = export(root);

    assertThat(Files.readAllBytes(Path.of(second.offices().get(1).csvPath()))).isEqualTo(csv);
    assertThat(Files.readAllBytes(Path.of(second.offices().get(1).htmlPath()))).isEqualTo(html);
    for (ExportResult.OfficeExport office : second.offices()) {
      Path csvFile = Path.of(office.csvPath());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csvFile))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(office.htmlPath()))))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csvFile.getParent())))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csvFile.getParent().getParent())))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(csvFile.getParent())) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder(csvFile.getFileName().toString(),
                Path.of(office.htmlPath()).getFileName().toString());
      }
    }
  }

  @Test
  void personLevelFieldsAreNeverExported(@TempDir Path root) throws IOException {
    List<String> personFields = List.of(Contracts.DIRECTOR_NAME, Contracts.BANK_ACCOUNT);
    assertThat(ScanListColumns.SCHEMA.fieldNames()).doesNotContainAnyElementsOf(personFields);
    assertThat(FirmRiskColumns.SCHEMA.fieldNames()).doesNotContainAnyElementsOf(personFields);
    assertThat(ScanListExporter.CSV_COLUMNS).doesNotContainAnyElementsOf(personFields);

    // Even a frame that wrongly carries person-level columns exports none of their values.
    Dataset<Row> leaky =
        table.withColumn(Contracts.DIRECTOR_NAME, lit("Jan de Vries"))
            .withColumn(Contracts.BANK_ACCOUNT, lit("NL91ABNA0417164300"));
    ExportResult result =
        new ScanListExporter().exportRoot(root.toString()).date(Candidates.DATE).export(leaky);
    for (ExportResult.OfficeExport office : result.offices()) {
      String text = Files.readString(Path.of(office.csvPath())) + Files.readString(Path.of(office.htmlPath()));
      assertThat(text).doesNotContain("Jan de Vries", "NL91ABNA0417164300", "director", "bank");
    }
  }

  @Test
  void anOversizedListOrAnOfficeThatIsNoLocodeIsRefused(@TempDir Path root) {
    assertThatThrownBy(
            () -> new ScanListExporter().exportRoot(root.toString()).date(Candidates.DATE)
                .maxRowsPerOffice(3).export(table))
        .hasMessageContaining("more than 3 rows")
        .hasMessageContaining("BEANR");
    Dataset<Row> traversal = table.withColumn(ScanListColumns.OFFICE, lit("../../etc"));
    assertThatThrownBy(
            () -> new ScanListExporter().exportRoot(root.toString()).date(Candidates.DATE).export(traversal))
        .hasMessageContaining("UN/LOCODE")
        .hasMessageContaining("'../../etc'");
    assertThat(root.resolve("etc")).doesNotExist();
  }

  /** A strict RFC 4180 reader for the tests: every field must be quoted. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> records = new ArrayList<>();
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean header = true;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          if (!header && field.length() > 0) {
            throw new AssertionError("quote inside an unquoted field at " + i);
          }
          quoted = true;
        } else if (c == ',') {
          record.add(field.toString());
          field.setLength(0);
        } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          record = new ArrayList<>();
          header = false;
          i++;
        } else {
          if (!header) {
            throw new AssertionError("unquoted data character '" + c + "' at " + i + " in " + Arrays.toString(record.toArray()));
          }
          field.append(c);
        }
      }
      assertThat(record).as("file ends with CRLF").isEmpty();
      return records;
    }
  }
}
