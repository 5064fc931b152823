package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cargorisk.ingest.LandingFixtures.DAY;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pseudonymisation gap of issue 12: a firms record too malformed for its director name and
 * bank account to be hashed where they stand must not reach any analyst-facing table in clear
 * text. Its raw text is redacted in the quarantine and kept, clear, in the owner-only
 * {@code restricted/quarantine_raw}, keyed like the quarantine row. Records that parse keep their
 * raw text with the personal values hashed inside.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PseudonymisationTest {
  private static final String KEY = "gap-test-pseudonym-key";
  private static final LocalDate NEXT_DAY = DAY.plusDays(1);
  private static final String RUN_ID = "run-gap";

  /** Personal values that must appear in no analyst-facing row. */
  private static final String SHIFTED_DIRECTOR = "Maria Olsson-Hidden";
  private static final String SHIFTED_ACCOUNT = "SE4550000000058398257466";
  private static final String JSON_DIRECTOR = "Pieter Verborgen";
  private static final String ESCAPED_DIRECTOR = "Anna \"Nan\" Stillwater";
  private static final String UNICODE_DIRECTOR = "J\u00f6rg Unsichtbar";

  private final SparkSession spark = SparkTestSession.get();
  @TempDir static Path landing;
  @TempDir static Path lakeRoot;
  private Lake lake;
  private final List<String> malformedLines = new ArrayList<>();
  private String parsedBadLine;

  @BeforeAll
  void ingestFirmsWithMalformedRecords() throws IOException {
    lake = new Lake(lakeRoot.toString());
    Map<String, String> good = LandingFixtures.firm();
    // CSV day: a good firm; a firm whose name has an unquoted comma, so every later field is
    // shifted one place (director name lands in bank_account, the account in an extra field);
    // a firm whose director name has doubled quotes (parsed, but not verbatim in the line);
    // a firm that parses but breaks a rule (its raw text keeps the hashed values).
    String header = String.join(",", good.keySet());
    String shifted =
        "F000901,Nordic Reefer, Ltd,SE,2015-06-01,,Hamngatan 1 Goteborg,FORWARDER,"
            + SHIFTED_DIRECTOR + "," + SHIFTED_ACCOUNT;
    Map<String, String> escaped = LandingFixtures.with(good, Contracts.FIRM_ID, "F000902");
    escaped.put(Contracts.DIRECTOR_NAME, ESCAPED_DIRECTOR);
    escaped.put(Contracts.COUNTRY, "XX");
    Map<String, String> ruleBroken = LandingFixtures.with(good, Contracts.FIRM_ID, "F000903");
    ruleBroken.put(Contracts.COUNTRY, "XX");
    String escapedLine = csvLine(escaped);
    parsedBadLine = csvLine(ruleBroken);
    LandingFixtures.write(
        LandingFixtures.folder(landing, Source.FIRMS, DAY).resolve("firms.csv"),
        List.of(header, csvLine(good), shifted, escapedLine, parsedBadLine));
    malformedLines.add(shifted);
    malformedLines.add(escapedLine);

    // JSON day: a line cut off before its closing brace, and a director written with a JSON
    // escape (parsed to "Jörg", which is not verbatim in the line).
    String broken =
        "{\"firm_id\":\"F000904\",\"name\":\"Cut Off BV\",\"country\":\"NL\",\"registered_on\":\"2019-01-02\","
            + "\"address\":\"Kade 2\",\"sector\":\"AGENT\",\"director_name\":\"" + JSON_DIRECTOR + "\"";
    String unicode =
        "{\"firm_id\":\"F000905\",\"name\":\"Escape GmbH\",\"country\":\"ZZ\",\"registered_on\":\"2019-01-02\","
            + "\"address\":\"Ufer 3\",\"sector\":\"AGENT\",\"director_name\":\"J\\u00f6rg Unsichtbar\"}";
    // The first line of a JSON lines file must be an object (else the file is refused whole).
    String goodJson =
        "{\"firm_id\":\"F000906\",\"name\":\"Whole Line BV\",\"country\":\"NL\",\"registered_on\":\"2019-01-02\","
            + "\"address\":\"Kade 4\",\"sector\":\"AGENT\"}";
    LandingFixtures.write(
        LandingFixtures.folder(landing, Source.FIRMS, NEXT_DAY).resolve("firms.json"), List.of(goodJson, broken, unicode));
    malformedLines.add(broken);
    malformedLines.add(unicode);

    Ingest.of(spark)
        .landing(landing.toString())
        .lake(lake)
        .from(DAY)
        .date(NEXT_DAY)
        .runId(RUN_ID)
        .ingestedAt(NEXT_DAY.atStartOfDay(ZoneOffset.UTC).toInstant())
        .pseudonymKey(KEY)
        .execute();
  }

  private static String csvLine(Map<String, String> row) {
    return String.join(",", row.values().stream().map(LandingFixtures::quote).toList());
  }

  private Dataset<Row> table(String path) {
    return spark.read().format("delta").load(path);
  }

  /** Every row of every analyst-facing table of the lake, as JSON text. */
  private List<String> analystFacingRows() {
    List<String> rows = new ArrayList<>();
    rows.addAll(table(lake.table(LakeTables.HISTORY)).toJSON().collectAsList());
    rows.addAll(table(lake.quarantine()).toJSON().collectAsList());
    return rows;
  }

  @Test
  void malformedPersonalDataAppearsInNoAnalystFacingTable() {
    List<String> rows = analystFacingRows();
    assertThat(rows).isNotEmpty();
    for (String secret :
        List.of(SHIFTED_DIRECTOR, SHIFTED_ACCOUNT, JSON_DIRECTOR, "Stillwater", "Unsichtbar", "Jan de Vries",
            "NL91ABNA0417164300")) {
      assertThat(rows).as("rows holding " + secret).noneMatch(row -> row.contains(secret));
    }
  }

  @Test
  void theQuarantineShowsTheMalformedRecordsRedactedWithTheirReasons() {
    List<Row> quarantined =
        table(lake.quarantine())
            .where(col(IngestColumns.Q_RAW_RECORD).startsWith("[redacted"))
            .orderBy(IngestColumns.Q_BUSINESS_DATE, IngestColumns.Q_LINE_NUMBER)
            .collectAsList();
    assertThat(quarantined).hasSize(4);
    List<String> redacted = quarantined.stream().map(r -> r.<String>getAs(IngestColumns.Q_RAW_RECORD)).toList();
    for (int i = 0; i < 4; i++) {
      int bytes = malformedLines.get(i).getBytes(StandardCharsets.UTF_8).length;
      assertThat(redacted.get(i)).matches("\\[redacted: " + bytes + " bytes, keyed-hash [0-9a-f]{16}\\]");
    }
    assertThat(quarantined.get(0).<String>getAs(IngestColumns.Q_FILE)).endsWith("firms.csv");
    assertThat(quarantined.get(0).getList(quarantined.get(0).fieldIndex(IngestColumns.Q_REASON_CODES)))
        .contains("FIELD_COUNT_MISMATCH");
    assertThat(quarantined.get(2).getList(quarantined.get(2).fieldIndex(IngestColumns.Q_REASON_CODES)))
        .contains("MALFORMED_JSON");
    assertThat(quarantined.get(0).getLong(quarantined.get(0).fieldIndex(IngestColumns.Q_LINE_NUMBER))).isEqualTo(3L);
    assertThat(quarantined.get(2).getLong(quarantined.get(2).fieldIndex(IngestColumns.Q_LINE_NUMBER))).isEqualTo(2L);
  }

  @Test
  void aRecordThatParsesKeepsItsRawTextWithThePersonalValuesHashed() {
    Row row =
        table(lake.quarantine())
            .where(col(IngestColumns.Q_RAW_RECORD).contains("F000903"))
            .first();
    String hashedDirector =
        spark.range(1).select(sha2(concat(lit(KEY), lit("|"), lit("Jan de Vries")), 256)).first().getString(0);
    assertThat(row.<String>getAs(IngestColumns.Q_RAW_RECORD))
        .isEqualTo(parsedBadLine.replace("Jan de Vries", hashedDirector)
            .replace("NL91ABNA0417164300", Pseudonymisation.hex((KEY + "|").getBytes(StandardCharsets.UTF_8), "NL91ABNA0417164300")));
    // The UDF gives the same pseudonyms as Spark's sha2 did: existing lakes stay consistent.
    Row bronze = BronzeHistory.current(new TableIO(spark, lake), Source.FIRMS).where(col(Contracts.FIRM_ID).equalTo("F000123")).first();
    assertThat(bronze.<String>getAs(Contracts.DIRECTOR_NAME)).isEqualTo(hashedDirector);
  }

  @Test
  void theRestrictedTableKeepsTheClearLinesKeyedLikeTheQuarantineInAnOwnerOnlyFolder() throws IOException {
    List<Row> restricted =
        table(lake.quarantineRaw()).orderBy(IngestColumns.Q_BUSINESS_DATE, IngestColumns.Q_LINE_NUMBER).collectAsList();
    assertThat(restricted).extracting(r -> r.<String>getAs(IngestColumns.Q_RAW_RECORD)).containsExactlyElementsOf(malformedLines);
    assertThat(restricted).allMatch(r -> RUN_ID.equals(r.getAs(IngestColumns.Q_RUN_ID)));
    long joined =
        table(lake.quarantineRaw())
            .join(
                table(lake.quarantine()),
                new String[] {IngestColumns.Q_RUN_ID, IngestColumns.Q_FILE, IngestColumns.Q_LINE_NUMBER})
            .count();
    assertThat(joined).as("restricted rows that match a quarantine row").isEqualTo(4);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(lake.restricted()))))
        .isEqualTo("rwx------");
  }

  @Test
  void theKeyIsNotInTheQueryPlan() {
    Dataset<Row> firms =
        spark.createDataFrame(
            List.of(org.apache.spark.sql.RowFactory.create("F1", "Jan de Vries", null, "F1,Jan de Vries,",
                scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toSeq())),
            new org.apache.spark.sql.types.StructType()
                .add(Contracts.FIRM_ID, "string")
                .add(Contracts.DIRECTOR_NAME, "string")
                .add(Contracts.BANK_ACCOUNT, "string")
                .add(IngestColumns.RAW_RECORD, "string")
                .add(org.cargorisk.validation.ValidationColumns.FORMAT_REASONS, "array<string>"));
    Dataset<Row> hashed = Pseudonymisation.apply(firms, Source.FIRMS, KEY);
    assertThat(hashed.first().<String>getAs(IngestColumns.RAW_RECORD)).doesNotContain("Jan de Vries");
    assertThat(hashed.queryExecution().toString()).contains("keyed_hash").doesNotContain(KEY);
  }
}
