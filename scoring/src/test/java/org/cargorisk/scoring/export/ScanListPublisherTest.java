package org.cargorisk.scoring.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.lake.Lake;
import org.cargorisk.scoring.selection.Candidates;
import org.cargorisk.scoring.selection.FirmRiskColumns;
import org.cargorisk.scoring.selection.ScanList;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Slow
class ScanListPublisherTest {
  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> firms() {
    StructType schema =
        new StructType()
            .add(FirmRiskColumns.FIRM_ID, DataTypes.StringType)
            .add(FirmRiskColumns.NAME, DataTypes.StringType)
            .add(FirmRiskColumns.COUNTRY, DataTypes.StringType)
            .add(FirmRiskColumns.SCORE, DataTypes.DoubleType)
            .add(FirmRiskColumns.REASONS, DataTypes.createArrayType(DataTypes.StringType))
            .add(FirmRiskColumns.MODEL_VERSION, DataTypes.StringType);
    return org.cargorisk.scoring.selection.ScoredFirms.complete(spark.createDataFrame(
        List.of(
            RowFactory.create("F1", "Andes Fruit", "EC", 0.2, null, "firm-1"),
            RowFactory.create("F2", "Rotterdam Logistics", "NL", 0.9, null, "firm-1"),
            RowFactory.create("F3", "=HYPERLINK(\"x\") Trading", "BE", 0.5, null, "firm-1")),
        schema));
  }

  private ScanListPublisher.Publication publish(Lake lake, Path export, Dataset<Row> candidates) {
    return new ScanListPublisher()
        .date(Candidates.DATE)
        .lake(lake)
        .exportRoot(export.toString())
        .capacities(Map.of("NLRTM", 10))
        .defaultCapacityShare(0.5)
        .explorationShare(0.1)
        .seed(99L)
        .watchlist(Candidates.watchlist(spark,
            Candidates.entry("CONTAINER", "CTRBEANR1", "tip-off", Candidates.DATE, null)))
        .firmListSize(2)
        .publish(candidates, firms());
  }

  @Test
  void oneCallSelectsWritesAndExportsAndARerunChangesNothing(@TempDir Path root) throws Exception {
    Lake lake = new Lake(root.resolve("lake").toString());
    Path export = root.resolve("export");
    Dataset<Row> candidates = new Candidates().many("NLRTM", 30).many("BEANR", 6).frame(spark);

    ScanListPublisher.Publication first = publish(lake, export, candidates);
    Dataset<Row> table = spark.read().format("delta").load(lake.scanList());
    List<Row> firstRows = table.orderBy("office", "rank").collectAsList();
    byte[] csv = Files.readAllBytes(Path.of(first.exports().offices().get(1).csvPath()));

    assertThat(first.offices())
        .extracting(ScanList.OfficeSummary::office, ScanList.OfficeSummary::capacity,
            ScanList.OfficeSummary::rule, ScanList.OfficeSummary::model, ScanList.OfficeSummary::random)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BEANR", 3, 1L, 2L, 0L),
            org.assertj.core.groups.Tuple.tuple("NLRTM", 10, 0L, 9L, 1L));
    assertThat(first.counts()).containsEntry("listed", 13L).containsEntry("firms", 2L)
        .containsEntry("exported_offices", 2L).containsEntry("candidates", 36L)
        .containsEntry("exported_firms", 2L);
    assertThat(first.exports().offices()).extracting(ExportResult.OfficeExport::rows).containsExactly(3L, 10L);

    ScanListPublisher.Publication second = publish(lake, export, candidates);

    assertThat(second).isEqualTo(first);
    DataFrameAssert.assertSameRows(
        spark.read().format("delta").load(lake.scanList()).orderBy("office", "rank").collectAsList(),
        firstRows, table.columns());
    assertThat(Files.readAllBytes(Path.of(second.exports().offices().get(1).csvPath()))).isEqualTo(csv);
    assertThat(spark.read().format("delta").load(lake.firmRisk()).count()).isEqualTo(2);
  }

  /**
   * The firm list reaches investigators as files, like the scan lists: under
   * {@code <export>/firms/<date>/}, owner-only, in rank order, the firm_risk rows of the date and
   * nothing else, every cell formula-neutralised (CSV) and escaped (HTML).
   */
  @Test
  void theFirmListIsExportedOwnerOnlyInRankOrderWithNeutralisedCells(@TempDir Path root) throws Exception {
    Lake lake = new Lake(root.resolve("lake").toString());
    Path export = root.resolve("export");
    Dataset<Row> candidates = new Candidates().many("NLRTM", 5).frame(spark);
    ScanListPublisher.Publication published =
        new ScanListPublisher()
            .date(Candidates.DATE).lake(lake).exportRoot(export.toString())
            .capacities(Map.of("NLRTM", 2)).defaultCapacityShare(0.5).explorationShare(0.0).seed(1L)
            .watchlist(Candidates.watchlist(spark))
            .publish(candidates, firms());

    Path folder = export.resolve("firms").resolve(Candidates.DATE.toString());
    Path csv = folder.resolve("firm_list_" + Candidates.DATE + ".csv");
    Path html = folder.resolve("firm_list_" + Candidates.DATE + ".html");
    assertThat(published.firmExport().csvPath()).endsWith(csv.getFileName().toString());
    assertThat(published.firmExport().rows()).isEqualTo(3);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo(String.join(",", FirmListExporter.CSV_COLUMNS));
    // rank order by raw score: F2 (0.9), F3 (0.5), F1 (0.2); the firm_risk rows, no others
    assertThat(lines.subList(1, lines.size()))
        .extracting(line -> line.split(",")[1])
        .containsExactly("\"F2\"", "\"F3\"", "\"F1\"");
    assertThat(lines.get(2)).contains("\"'=HYPERLINK(\"\"x\"\") Trading\"");
    String page = Files.readString(html);
    assertThat(page).contains("=HYPERLINK(&quot;x&quot;) Trading").doesNotContain("HYPERLINK(\"x\")")
        .contains("Estimated hit chance", "Rotterdam Logistics");
    // one table row per firm, after the header row, in rank order
    assertThat(page.split("<tr>", -1)).hasSize(1 + 1 + 3);
    assertThat(page.indexOf("Rotterdam Logistics")).isLessThan(page.indexOf("Andes Fruit"));
    for (Path path : List.of(folder, export.resolve("firms"))) {
      assertThat(Files.getPosixFilePermissions(path))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
    for (Path path : List.of(csv, html)) {
      assertThat(Files.getPosixFilePermissions(path))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }
}
