package org.cargorisk.scoring.export;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Identifiers;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.ingest.Ingest;
import org.cargorisk.ingest.LandingFixtures;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.TableIO;
import org.cargorisk.scoring.selection.Candidates;
import org.cargorisk.scoring.selection.ScanList;
import org.cargorisk.scoring.selection.ScanListColumns;
import org.cargorisk.scoring.selection.ScanListSelector;
import org.cargorisk.scoring.selection.ScanListTables;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, end to end: formula-injection strings a sender writes into a landing CSV pass ingest
 * unchanged (bronze keeps what was sent) and come out of the office's exported CSV neutralised
 * (a leading apostrophe), never as a cell a spreadsheet would run. The model score is fixed here
 * (the scoring path does not touch the text columns); the rows come from bronze.
 */
@EndToEnd
class InjectionFromLandingToExportTest {
  private static final List<String> GOODS =
      List.of("=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3+cmd|' /C calc'!A0", "@SUM(1,2)", "=HYPERLINK(\"http://x\",\"y\")");

  private final SparkSession spark = SparkTestSession.get();

  private static String container(int i) {
    String firstTen = String.format("MSKU%06d", 100_000 + i);
    return firstTen + Identifiers.iso6346CheckDigit(firstTen);
  }

  @Test
  void injectionStringsFromLandingAreNeutralisedInTheExportedCsv(@TempDir Path root) throws IOException {
    Path landing = root.resolve("landing");
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < GOODS.size(); i++) {
      Map<String, String> row = LandingFixtures.with(LandingFixtures.manifest(), Contracts.GOODS_DESCRIPTION, GOODS.get(i));
      row = LandingFixtures.with(row, Contracts.CONTAINER_ID, container(i));
      // Identifiers may start with a dash (they are letters, digits and dashes).
      row = LandingFixtures.with(row, Contracts.BL_NUMBER, "-" + (i + 2) + "-3");
      row = LandingFixtures.with(row, Contracts.SHIPPER_ID, "-1-1");
      rows.add(row);
    }
    LandingFixtures.csv(landing, Source.MANIFESTS, Candidates.DATE, "manifests.csv", rows);
    Lake lake = new Lake(root.resolve("lake").toString());
    Ingest.of(spark)
        .landing(landing.toString())
        .lake(lake)
        .date(Candidates.DATE)
        .runId("injection")
        .ingestedAt(Candidates.DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
        .pseudonymKey("key")
        .execute();

    List<Row> bronze = BronzeHistory.current(new TableIO(spark, lake), Source.MANIFESTS)
        .orderBy(Contracts.CONTAINER_ID).collectAsList();
    assertThat(bronze).extracting(r -> r.<String>getAs(Contracts.GOODS_DESCRIPTION))
        .containsExactlyElementsOf(GOODS); // stored as sent
    Candidates candidates = new Candidates();
    for (int i = 0; i < bronze.size(); i++) {
      Row row = bronze.get(i);
      candidates.add(Candidates.DATE, row.getAs(Contracts.PORT_OF_DISCHARGE), row.getAs(Contracts.BL_NUMBER),
          row.getAs(Contracts.CONTAINER_ID), 0.9 - i / 100.0, row.getAs(Contracts.SHIPPER_ID),
          row.getAs(Contracts.CONSIGNEE_ID), row.getAs(Contracts.GOODS_DESCRIPTION));
    }
    ScanList list =
        new ScanListSelector().date(Candidates.DATE).seed(1L).capacities(Map.of("NLRTM", 10))
            .watchlist(Candidates.watchlist(spark))
            .select(candidates.frame(spark));
    String table = lake.scanList();
    ScanListTables.writeScanList(lake, Candidates.DATE, list.rows());

    ExportResult result =
        new ScanListExporter().exportRoot(root.resolve("export").toString()).date(Candidates.DATE)
            .export(spark.read().format("delta").load(table).where(col(ScanListColumns.OFFICE).equalTo("NLRTM")));

    assertThat(result.offices()).hasSize(1);
    List<List<String>> records = ScanListExporterTest.Csv.parse(Files.readString(Path.of(result.offices().get(0).csvPath())));
    List<List<String>> data = records.subList(1, records.size());
    assertThat(data).hasSize(GOODS.size());
    int goods = ScanListExporter.CSV_COLUMNS.indexOf(Contracts.GOODS_DESCRIPTION);
    assertThat(data).extracting(r -> r.get(goods))
        .containsExactlyInAnyOrderElementsOf(GOODS.stream().map(g -> "'" + g).toList());
    int bl = ScanListExporter.CSV_COLUMNS.indexOf(ScanListColumns.BL_NUMBER);
    assertThat(data).extracting(r -> r.get(bl)).allMatch(b -> b.startsWith("'-"));
    for (List<String> record : records) {
      assertThat(record).noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
    }
  }
}
