package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cargorisk.ingest.LandingFixtures.DAY;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.validation.ReasonCode;
import org.cargorisk.validation.ValidationColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingReaderTest {
  private final SparkSession spark = SparkTestSession.get();
  private final LandingReader reader = new LandingReader(spark);

  @TempDir Path landing;

  @Test
  void absentFolderMeansNoData() {
    assertThat(reader.discover(landing.toString(), Source.MANIFESTS, DAY)).isEmpty();
  }

  @Test
  void unknownHeaderColumnFailsNamingFileAndColumn() {
    Path file =
        LandingFixtures.csv(
            landing, Source.FIRMS, DAY, "firms.csv",
            List.of(LandingFixtures.with(LandingFixtures.firm(), "firm_colour", "red")));
    assertThatThrownBy(() -> reader.discover(landing.toString(), Source.FIRMS, DAY))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining(file.getFileName().toString())
        .hasMessageContaining("header column 'firm_colour' is not in the firms contract")
        .satisfies(e -> assertThat(((CargoRiskException) e).code()).isEqualTo(ErrorCode.UNREADABLE_FILE));
  }

  @Test
  void missingRequiredColumnFailsNamingFileAndColumn() {
    Map<String, String> firm = LandingFixtures.firm();
    firm.remove(Contracts.SECTOR);
    LandingFixtures.csv(landing, Source.FIRMS, DAY, "firms.csv", List.of(firm));
    assertThatThrownBy(() -> reader.discover(landing.toString(), Source.FIRMS, DAY))
        .hasMessageContaining("firms.csv")
        .hasMessageContaining("required column 'sector' is missing from the header");
  }

  @Test
  void optionalColumnsMayBeAbsent() {
    Map<String, String> firm = LandingFixtures.firm();
    firm.remove(Contracts.EORI);
    firm.remove(Contracts.DIRECTOR_NAME);
    LandingFixtures.csv(landing, Source.FIRMS, DAY, "firms.csv", List.of(firm));
    List<LandingFile> files = reader.discover(landing.toString(), Source.FIRMS, DAY);
    Row row = reader.read(files.get(0)).first();
    assertThat(row.<String>getAs(Contracts.EORI)).isNull();
    assertThat(row.<String>getAs(Contracts.SECTOR)).isEqualTo("SHIPPER");
  }

  @Test
  void wrongFormatFailsNamingTheFile() throws Exception {
    // A CSV file named .json: its first line is not a JSON object.
    Path file = LandingFixtures.csv(landing, Source.FIRMS, DAY, "firms.csv", List.of(LandingFixtures.firm()));
    java.nio.file.Files.move(file, file.resolveSibling("firms.json"));
    assertThatThrownBy(() -> reader.discover(landing.toString(), Source.FIRMS, DAY))
        .hasMessageContaining("firms.json")
        .hasMessageContaining("line 1 is not a JSON object");

    LandingFixtures.write(LandingFixtures.folder(landing, Source.MANIFESTS, DAY).resolve("m.parquet"), List.of("not parquet"));
    assertThatThrownBy(() -> reader.discover(landing.toString(), Source.MANIFESTS, DAY))
        .hasMessageContaining("m.parquet")
        .hasMessageContaining("not a readable Parquet file");

    LandingFixtures.write(LandingFixtures.folder(landing, Source.PORT_CALLS, DAY).resolve("calls.xlsx"), List.of("x"));
    assertThatThrownBy(() -> reader.discover(landing.toString(), Source.PORT_CALLS, DAY))
        .hasMessageContaining("calls.xlsx")
        .hasMessageContaining("unknown file type");

    LandingFixtures.write(LandingFixtures.folder(landing, Source.INSPECTIONS, DAY).resolve("empty.csv"), List.of());
    assertThatThrownBy(() -> reader.discover(landing.toString(), Source.INSPECTIONS, DAY))
        .hasMessageContaining("empty.csv")
        .hasMessageContaining("no header row");
  }

  @Test
  void csvLinesKeepTheirPhysicalNumbersAndRawText() {
    Map<String, String> event = LandingFixtures.containerEvent();
    String header = String.join(",", event.keySet());
    String good = String.join(",", event.values());
    Path file =
        LandingFixtures.write(
            LandingFixtures.folder(landing, Source.CONTAINER_EVENTS, DAY).resolve("events.csv"),
            List.of(
                header,                                                        // 1
                good,                                                          // 2
                "",                                                            // 3 blank: not a record
                "MSKU9070323,LOAD,ECGYE,2026-03-01T10:00:00Z,\"SL,1\"",         // 4 quoted comma
                "MSKU9070323,LOAD,ECGYE,2026-03-01T10:00:00Z,\"SL",            // 5 a multi-line field
                "1\"",                                                         // 6 ... its second line
                "MSKU9070323,LOAD,ECGYE"));                                    // 7 too few fields
    List<Row> rows =
        reader.read(reader.discover(landing.toString(), Source.CONTAINER_EVENTS, DAY).get(0))
            .orderBy(BronzeColumns.LINE_NUMBER)
            .collectAsList();
    assertThat(rows).extracting(r -> r.<Long>getAs(BronzeColumns.LINE_NUMBER)).containsExactly(2L, 4L, 5L, 6L, 7L);
    assertThat(rows.get(0).<String>getAs(BronzeColumns.SOURCE_FILE)).endsWith("events.csv").startsWith("file:");
    assertThat(rows.get(1).<String>getAs(Contracts.SEAL_NUMBER)).isEqualTo("SL,1");
    assertThat(rows.get(1).<String>getAs(IngestColumns.RAW_RECORD)).isEqualTo("MSKU9070323,LOAD,ECGYE,2026-03-01T10:00:00Z,\"SL,1\"");
    assertThat(rows).extracting(r -> r.getList(r.fieldIndex(ValidationColumns.FORMAT_REASONS)).toString())
        .containsExactly(
            "[]", "[]",
            List.of(ReasonCode.MALFORMED_CSV.name()).toString(),
            List.of(ReasonCode.MALFORMED_CSV.name(), ReasonCode.FIELD_COUNT_MISMATCH.name()).toString(),
            List.of(ReasonCode.FIELD_COUNT_MISMATCH.name()).toString());
    assertThat(file).exists();
  }

  @Test
  void jsonLinesFlagMalformedLinesAndUnknownFields() {
    LandingFixtures.write(
        LandingFixtures.folder(landing, Source.FIRM_LABELS, DAY).resolve("labels.jsonl"),
        List.of(
            "{\"firm_id\":\"F1\",\"labelled_on\":\"2026-02-14\",\"label\":\"MALAFIDE\",\"source\":\"FIOD\"}",
            "{\"firm_id\":\"F2\",\"labelled_on\":\"2026-02-14\",\"label\":\"CLEARED\",\"source\":\"FIOD\",\"note\":1}",
            "{\"firm_id\":\"F3\",",
            "{\"firm_id\":\"F4\",\"labelled_on\":20260214,\"label\":\"CLEARED\",\"source\":\"FIOD\"}"));
    List<Row> rows =
        reader.read(reader.discover(landing.toString(), Source.FIRM_LABELS, DAY).get(0))
            .orderBy(BronzeColumns.LINE_NUMBER)
            .select(col(Contracts.FIRM_ID), col(Contracts.LABELLED_ON), col(ValidationColumns.FORMAT_REASONS))
            .collectAsList();
    assertThat(rows.get(0).getList(2)).isEmpty();
    assertThat(rows.get(1).getList(2)).containsExactly(ReasonCode.UNKNOWN_FIELD.name());
    assertThat(rows.get(2).getList(2)).containsExactly(ReasonCode.MALFORMED_JSON.name());
    // A number where a date belongs is kept as its text, for validation to reject.
    assertThat(rows.get(3).getString(1)).isEqualTo("20260214");
  }

  /**
   * The files of several dates are read by one scan; every record keeps its own file and
   * business date, also where the landing path holds characters a URI encodes (a space, a %).
   */
  @Test
  void filesOfSeveralDatesReadAtOnceKeepTheirFileAndDate() throws Exception {
    Path odd = java.nio.file.Files.createDirectories(landing.resolve("landing 2026 %20"));
    Map<String, java.time.LocalDate> dates = new java.util.LinkedHashMap<>();
    List<LandingFile> files = new java.util.ArrayList<>();
    for (int day = 0; day < 3; day++) {
      java.time.LocalDate date = DAY.plusDays(day);
      List<Map<String, String>> firms = new java.util.ArrayList<>();
      for (int i = 0; i <= day; i++) {
        firms.add(LandingFixtures.with(LandingFixtures.firm(), Contracts.FIRM_ID, "F" + day + i));
      }
      LandingFixtures.csv(odd, Source.FIRMS, date, "firms.csv", firms);
      for (LandingFile file : reader.discover(odd.toString(), Source.FIRMS, date)) {
        files.add(file);
        dates.put(file.path(), date);
      }
    }
    List<Row> rows =
        reader.read(files, dates)
            .select(col(Contracts.FIRM_ID), col(BronzeColumns.SOURCE_FILE), col(BronzeColumns.BUSINESS_DATE),
                col(BronzeColumns.LINE_NUMBER))
            .orderBy(Contracts.FIRM_ID)
            .collectAsList();
    assertThat(rows).hasSize(6);
    for (Row row : rows) {
      int day = row.getString(0).charAt(1) - '0';
      assertThat(row.getString(1)).isEqualTo(files.get(day).path()).contains("landing 2026 %20");
      assertThat(row.getDate(2).toLocalDate()).isEqualTo(DAY.plusDays(day));
      assertThat(row.getLong(3)).isEqualTo(row.getString(0).charAt(2) - '0' + 2L);
    }
  }
}
