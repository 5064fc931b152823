package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cargorisk.ingest.LandingFixtures.DAY;
import static org.cargorisk.ingest.LandingFixtures.with;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.TableIO;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed landing files and records across all seven sources (issue 12, "Bad
 * input"). Record-level cases are batched into one landing date (one folder per source holding
 * many bad records, each with its own key) and ingested once; each record must end up either in
 * bronze or in the quarantine with the expected reason codes and its raw text, and read =
 * accepted + quarantined per file. File-level cases that cannot be read each get one ingest call
 * and must fail with a {@link CargoRiskException} naming the file (and the column), writing
 * nothing.
 */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
  private static final String KEY = "corpus-pseudonym-key";
  private static final String INJECTION_CMD = "=cmd|' /C calc'!A0";
  private static final String INJECTION_SUM = "+SUM(A1)";
  private static final int TEN_MB = 10 * 1024 * 1024;

  private final SparkSession spark = SparkTestSession.get();

  @TempDir static Path landing;
  @TempDir static Path lakeRoot;
  @TempDir static Path scratch;

  /** One record of the corpus and what must become of it. */
  record Case(
      String id,
      Source source,
      String file,
      long line,
      String raw,
      Set<String> reasons,
      boolean exact,
      boolean superseded) {
    boolean accepted() {
      return reasons.isEmpty();
    }

    @Override
    public String toString() {
      return source.sourceName() + "/" + file + ":" + line + " " + id;
    }
  }

  /** A landing file under construction: lines as bytes, numbered as the reader numbers them. */
  private final class CorpusFile {
    final Source source;
    final String name;
    final List<byte[]> lines = new ArrayList<>();
    boolean trailingNewline = true;
    byte[] prefix = new byte[0];

    CorpusFile(Source source, String name) {
      this.source = source;
      this.name = name;
    }

    CorpusFile header(List<String> columns) {
      lines.add(String.join(",", columns).getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** Adds a line and its expected outcome (no reasons: accepted). */
    CorpusFile add(String id, byte[] line, boolean exact, boolean superseded, String... reasons) {
      lines.add(line);
      cases.add(
          new Case(
              id, source, name, lines.size(), new String(line, StandardCharsets.UTF_8),
              Set.of(reasons), exact, superseded));
      return this;
    }

    CorpusFile add(String id, String line, String... reasons) {
      return add(id, line.getBytes(StandardCharsets.UTF_8), true, false, reasons);
    }

    /** The record must be quarantined with at least these reasons (others may come with them). */
    CorpusFile addAtLeast(String id, String line, String... reasons) {
      return add(id, line.getBytes(StandardCharsets.UTF_8), false, false, reasons);
    }

    void write() {
      Path path = LandingFixtures.folder(landing, source, DAY).resolve(name);
      try (var out = Files.newOutputStream(path)) {
        out.write(prefix);
        for (int i = 0; i < lines.size(); i++) {
          out.write(lines.get(i));
          if (i < lines.size() - 1 || trailingNewline) {
            out.write('\n');
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      filesTried++;
    }
  }

  private final List<Case> cases = new ArrayList<>();
  private int filesTried;
  private int jobErrors;
  private IngestResult result;
  private List<Row> quarantine;
  private Map<Source, List<Row>> bronze;

  // ---- records -------------------------------------------------------------------------------

  private static Map<String, String> tagged(Source source, int i) {
    Map<String, String> row = LandingFixtures.valid(source);
    return switch (source) {
      case MANIFESTS, INSPECTIONS -> with(row, Contracts.BL_NUMBER, "BAD-" + i);
      case PORT_CALLS -> with(row, Contracts.VOYAGE_ID, "V-" + i);
      case CONTAINER_EVENTS ->
          with(row, Contracts.EVENT_AT, String.format("2026-03-02T%02d:%02d:00Z", i / 60, i % 60));
      case FIRMS, FIRM_LABELS -> with(row, Contracts.FIRM_ID, "F-BAD-" + i);
      case TRANSACTIONS -> with(row, Contracts.TXN_ID, "T-BAD-" + i);
    };
  }

  private int counter;

  /** A valid record of the source with its own key, changed by {@code changes} (column, value). */
  private Map<String, String> record(Source source, String... changes) {
    Map<String, String> row = tagged(source, ++counter);
    for (int i = 0; i < changes.length; i += 2) {
      row = with(row, changes[i], changes[i + 1]);
    }
    return row;
  }

  private static String csvLine(Map<String, String> row) {
    return row.values().stream().map(LandingFixtures::quote).collect(Collectors.joining(","));
  }

  private static String jsonLine(Map<String, String> row) {
    return row.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static List<String> header(Source source) {
    return List.copyOf(LandingFixtures.valid(source).keySet());
  }

  private CorpusFile csv(Source source, String name) {
    return new CorpusFile(source, name).header(header(source));
  }

  private CorpusFile json(Source source, String name) {
    return new CorpusFile(source, name);
  }

  private void writeManifests() {
    Source s = Source.MANIFESTS;
    Map<String, String> duplicate = record(s);
    String tenMb = "A".repeat(TEN_MB);
    CorpusFile corpus =
        csv(s, "corpus.csv")
            .add("valid", csvLine(record(s)))
            .add("container check digit", csvLine(record(s, Contracts.CONTAINER_ID, "MSKU9070324")), "INVALID_CONTAINER_ID:container_id")
            .add("container lower case", csvLine(record(s, Contracts.CONTAINER_ID, "msku9070323")), "INVALID_CONTAINER_ID:container_id")
            .add("IMO check digit", csvLine(record(s, Contracts.VESSEL_IMO, "9074728")), "INVALID_IMO:vessel_imo")
            .add("IMO prefix accepted", csvLine(record(s, Contracts.VESSEL_IMO, "IMO9074729")))
            .add("negative weight", csvLine(record(s, Contracts.GROSS_WEIGHT_KG, "-5")), "NUMBER_TOO_SMALL:gross_weight_kg")
            .add("negative value", csvLine(record(s, Contracts.DECLARED_VALUE_EUR, "-0.01")), "NUMBER_TOO_SMALL:declared_value_eur")
            .add("weight over 40 t", csvLine(record(s, Contracts.GROSS_WEIGHT_KG, "40000.5")), "NUMBER_TOO_LARGE:gross_weight_kg")
            .add("text in number", csvLine(record(s, Contracts.PACKAGES, "ten")), "INVALID_NUMBER:packages")
            .add("decimal in integer", csvLine(record(s, Contracts.PACKAGES, "10.5")), "INVALID_NUMBER:packages")
            .add("NaN weight", csvLine(record(s, Contracts.GROSS_WEIGHT_KG, "NaN")), "INVALID_NUMBER:gross_weight_kg")
            .add("Infinity value", csvLine(record(s, Contracts.DECLARED_VALUE_EUR, "Infinity")), "INVALID_NUMBER:declared_value_eur")
            .add("thousands separator", csvLine(record(s, Contracts.DECLARED_VALUE_EUR, "18,230.00")), "INVALID_NUMBER:declared_value_eur")
            .add("impossible timestamp", csvLine(record(s, Contracts.FILED_AT, "2026-13-45T99:00:00Z")), "INVALID_TIMESTAMP:filed_at")
            .add("day-first timestamp", csvLine(record(s, Contracts.FILED_AT, "02/03/2026 14:05")), "INVALID_TIMESTAMP:filed_at")
            .add("future filed_at", csvLine(record(s, Contracts.FILED_AT, "2027-03-02T00:00:00Z")), "OUT_OF_RANGE:filed_at")
            .add("filed_at before 2000", csvLine(record(s, Contracts.FILED_AT, "1999-12-31T23:59:59Z")), "OUT_OF_RANGE:filed_at")
            .add("eta over a year ahead", csvLine(record(s, Contracts.ETA, "2027-04-01T00:00:00Z")), "OUT_OF_RANGE:eta")
            .add("missing shipper", csvLine(record(s, Contracts.SHIPPER_ID, "")), "MISSING_VALUE:shipper_id")
            .add("blank container", csvLine(record(s, Contracts.CONTAINER_ID, "   ")), "MISSING_VALUE:container_id")
            .add("unknown country", csvLine(record(s, Contracts.ORIGIN_COUNTRY, "ZZ")), "INVALID_COUNTRY:origin_country")
            .add("bad locode", csvLine(record(s, Contracts.PORT_OF_LOADING, "XXR0T")), "INVALID_LOCODE:port_of_loading")
            .add("letters in HS code", csvLine(record(s, Contracts.HS_CODE, "08A390")), "INVALID_HS_CODE:hs_code")
            .add("bad container type", csvLine(record(s, Contracts.CONTAINER_TYPE, "forty")), "INVALID_FORMAT:container_type")
            .add("space in BL number", csvLine(record(s, Contracts.BL_NUMBER, "MAEU 2403")), "INVALID_FORMAT:bl_number")
            .add("CSV injection =cmd in description", csvLine(record(s, Contracts.GOODS_DESCRIPTION, INJECTION_CMD)))
            .add("CSV injection +SUM in description", csvLine(record(s, Contracts.GOODS_DESCRIPTION, INJECTION_SUM)))
            .add("10 MB description", csvLine(record(s, Contracts.GOODS_DESCRIPTION, tenMb)), "TOO_LONG:goods_description")
            .add("long seal", csvLine(record(s, Contracts.SEAL_NUMBER, "S".repeat(21))), "TOO_LONG:seal_number")
            .addAtLeast("field missing", csvLine(record(s)).replaceFirst(",[^,]*$", ""), "FIELD_COUNT_MISMATCH")
            .add("extra field", csvLine(record(s)) + ",EXTRA", "FIELD_COUNT_MISMATCH")
            .addAtLeast("unbalanced quote", csvLine(record(s, Contracts.GOODS_DESCRIPTION, "BANANAS")).replace("BANANAS", "\"BANANAS"), "MALFORMED_CSV")
            .addAtLeast("semicolon line", csvLine(record(s)).replace(',', ';'), "FIELD_COUNT_MISMATCH")
            .addAtLeast("tab line", csvLine(record(s)).replace(',', '\t'), "FIELD_COUNT_MISMATCH")
            .add("quoted comma and quotes", csvLine(record(s, Contracts.GOODS_DESCRIPTION, "BANANAS, \"CAVENDISH\"")))
            .add("duplicate 1", csvLine(duplicate).getBytes(StandardCharsets.UTF_8), true, true)
            .add("duplicate 2 (wins)", csvLine(duplicate))
            .add("Latin-1 bytes in description",
                csvLine(record(s, Contracts.GOODS_DESCRIPTION, "CAF\u00c9 VERDE")).getBytes(StandardCharsets.ISO_8859_1),
                true, false, "INVALID_ENCODING");
    corpus.write();

    // A file cut mid-line by an interrupted transfer: the last record lacks fields.
    CorpusFile truncated = csv(s, "truncated.csv").add("before the cut", csvLine(record(s)));
    String whole = csvLine(record(s));
    truncated.addAtLeast("cut mid-line", whole.substring(0, whole.length() / 2), "FIELD_COUNT_MISMATCH");
    truncated.trailingNewline = false;
    truncated.write();
    // Cut inside a quoted field.
    CorpusFile cutInQuotes = csv(s, "truncated-quote.csv");
    String quoted = csvLine(record(s, Contracts.GOODS_DESCRIPTION, "BANANAS, GREEN"));
    cutInQuotes.addAtLeast("cut inside quotes", quoted.substring(0, quoted.indexOf("GREEN")), "MALFORMED_CSV");
    cutInQuotes.trailingNewline = false;
    cutInQuotes.write();

    // Columns in another order, and optional columns absent: read by name.
    List<String> reversed = new ArrayList<>(header(s));
    java.util.Collections.reverse(reversed);
    Map<String, String> row = record(s);
    new CorpusFile(s, "reordered.csv")
        .header(reversed)
        .add("header in reverse order", reversed.stream().map(c -> LandingFixtures.quote(row.get(c))).collect(Collectors.joining(",")))
        .write();
    List<String> fewer =
        header(s).stream()
            .filter(c -> !List.of(Contracts.NOTIFY_PARTY_ID, Contracts.FORWARDER_ID, Contracts.DECLARED_VALUE_EUR).contains(c))
            .toList();
    Map<String, String> short_ = record(s);
    new CorpusFile(s, "optional-absent.csv")
        .header(fewer)
        .add("optional columns absent", fewer.stream().map(c -> LandingFixtures.quote(short_.get(c))).collect(Collectors.joining(",")))
        .write();
    CorpusFile bom = csv(s, "utf8-bom.csv").add("UTF-8 BOM before header", csvLine(record(s)));
    bom.prefix = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    bom.write();
    csv(s, "header-only.csv").write();
    // File names with characters that Hadoop globbing or path lists give a meaning to.
    for (String name : List.of("with space.csv", "with 'quote' & percent%20.csv", "unicode-é.csv")) {
      csv(s, name).add("file name " + name, csvLine(record(s))).write();
    }
    CorpusFile crlf = csv(s, "crlf.csv");
    crlf.add("CRLF line endings", csvLine(record(s)) + "\r");
    crlf.write();
  }

  private void writeManifestParquet() {
    Source s = Source.MANIFESTS;
    // A Parquet file with wrong column types: packages boolean, filed_at epoch seconds (long).
    List<String> columns = header(s);
    StructType wrong = new StructType();
    StructType right = new StructType();
    for (String c : columns) {
      DataType wrongType =
          c.equals(Contracts.PACKAGES) ? DataTypes.BooleanType
              : c.equals(Contracts.FILED_AT) ? DataTypes.LongType : DataTypes.StringType;
      DataType rightType =
          c.equals(Contracts.PACKAGES) ? DataTypes.IntegerType
              : c.equals(Contracts.GROSS_WEIGHT_KG) || c.equals(Contracts.DECLARED_VALUE_EUR)
                  ? DataTypes.DoubleType : DataTypes.StringType;
      wrong = wrong.add(c, wrongType);
      right = right.add(c, rightType);
    }
    Map<String, String> w1 = record(s);
    Map<String, String> w2 = record(s);
    parquet("wrong-types.parquet", wrong, List.of(w1, w2),
        List.of("INVALID_NUMBER:packages", "INVALID_TIMESTAMP:filed_at"));
    // Nested and binary types: a struct where a number belongs, bytes for text, a decimal count.
    StructType nested = new StructType();
    for (String c : columns) {
      nested = nested.add(c,
          c.equals(Contracts.GROSS_WEIGHT_KG) ? new StructType().add("value", DataTypes.DoubleType)
              : c.equals(Contracts.GOODS_DESCRIPTION) ? DataTypes.BinaryType
              : c.equals(Contracts.PACKAGES) ? DataTypes.createDecimalType(10, 0) : DataTypes.StringType);
    }
    parquet("nested-types.parquet", nested, List.of(record(s)), List.of("INVALID_NUMBER:gross_weight_kg"));
    Map<String, String> r1 = record(s);
    Map<String, String> r2 = record(s, Contracts.GROSS_WEIGHT_KG, "-3");
    parquet("typed.parquet", right, List.of(r1, r2), null);
    cases.add(new Case("typed Parquet, valid", s, "typed.parquet", 1, null, Set.of(), true, false));
    cases.add(new Case("typed Parquet, negative weight", s, "typed.parquet", 2, null,
        Set.of("NUMBER_TOO_SMALL:gross_weight_kg"), true, false));
  }

  /** Writes rows with the schema's types as one Parquet file in the manifests landing folder. */
  private void parquet(String name, StructType schema, List<Map<String, String>> rows, List<String> reasons) {
    List<Row> typed = new ArrayList<>();
    for (Map<String, String> row : rows) {
      Object[] values = new Object[schema.fields().length];
      for (int i = 0; i < values.length; i++) {
        String v = row.get(schema.fields()[i].name());
        DataType t = schema.fields()[i].dataType();
        values[i] =
            v == null || v.isEmpty() ? null
                : t.equals(DataTypes.BooleanType) ? Boolean.TRUE
                : t.equals(DataTypes.LongType) ? 1_772_460_300L
                : t instanceof StructType ? RowFactory.create(Double.valueOf(v))
                : t.equals(DataTypes.BinaryType) ? v.getBytes(StandardCharsets.UTF_8)
                : t instanceof org.apache.spark.sql.types.DecimalType ? new java.math.BigDecimal(v)
                : t.equals(DataTypes.IntegerType) ? Integer.valueOf(v)
                : t.equals(DataTypes.DoubleType) ? Double.valueOf(v) : v;
      }
      typed.add(RowFactory.create(values));
    }
    Path out = scratch.resolve(name);
    spark.createDataFrame(typed, schema).coalesce(1).write().parquet(out.toString());
    try (Stream<Path> parts = Files.list(out)) {
      Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, LandingFixtures.folder(landing, Source.MANIFESTS, DAY).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    filesTried++;
    if (reasons != null) {
      for (int i = 0; i < rows.size(); i++) {
        cases.add(new Case("Parquet wrong column types " + (i + 1), Source.MANIFESTS, name, i + 1, null,
            Set.copyOf(reasons), true, false));
      }
    }
  }

  private void writePortCalls() {
    Source s = Source.PORT_CALLS;
    csv(s, "corpus.csv")
        .add("valid", csvLine(record(s)))
        .add("departed before arrived", csvLine(record(s, Contracts.DEPARTED_AT, "2026-02-28T08:00:00Z")), "DEPARTED_BEFORE_ARRIVED")
        .add("seq zero", csvLine(record(s, Contracts.SEQ, "0")), "NUMBER_TOO_SMALL:seq")
        .add("seq as word", csvLine(record(s, Contracts.SEQ, "two")), "INVALID_NUMBER:seq")
        .add("IMO check digit", csvLine(record(s, Contracts.VESSEL_IMO, "9074720")), "INVALID_IMO:vessel_imo")
        .add("IMO too short", csvLine(record(s, Contracts.VESSEL_IMO, "907472")), "INVALID_IMO:vessel_imo")
        .add("future arrival", csvLine(record(s, Contracts.ARRIVED_AT, "2030-01-01T00:00:00Z", Contracts.DEPARTED_AT, "2030-01-02T00:00:00Z")),
            "OUT_OF_RANGE:arrived_at", "OUT_OF_RANGE:departed_at")
        .add("timestamp with offset", csvLine(record(s, Contracts.ARRIVED_AT, "2026-03-01T09:00:00+01:00")))
        .add("unknown port country", csvLine(record(s, Contracts.PORT, "QQMIT")), "INVALID_LOCODE:port")
        .write();
  }

  private void writeContainerEvents() {
    Source s = Source.CONTAINER_EVENTS;
    Map<String, String> first = record(s);
    CorpusFile events =
        json(s, "corpus.jsonl")
            .add("valid, repeated on the last line", jsonLine(first).getBytes(StandardCharsets.UTF_8), true, true)
            .addAtLeast("broken JSON (cut)", jsonLine(record(s)).substring(0, 30), "MALFORMED_JSON")
            .addAtLeast("JSON array, not object", "[\"MSKU9070323\",\"DISCHARGE\"]", "MALFORMED_JSON")
            .addAtLeast("unquoted keys", "{container_id: MSKU9070323}", "MALFORMED_JSON")
            .add("unknown key", jsonLine(record(s)).replace("}", ",\"colour\":\"red\"}"), "UNKNOWN_FIELD")
            .add("event type outside list", jsonLine(record(s, Contracts.EVENT_TYPE, "TELEPORT")), "INVALID_ENUM:event_type")
            .add("container check digit", jsonLine(record(s, Contracts.CONTAINER_ID, "CSQU3054384")), "INVALID_CONTAINER_ID:container_id")
            .add("timestamp as words", jsonLine(record(s, Contracts.EVENT_AT, "yesterday")), "INVALID_TIMESTAMP:event_at")
            .add("future event", jsonLine(record(s, Contracts.EVENT_AT, "2026-03-05T00:00:00Z")), "OUT_OF_RANGE:event_at")
            .add("number for seal", jsonLine(record(s, Contracts.SEAL_NUMBER, "X")).replace("\"X\"", "12345"))
            .addAtLeast("object for location", jsonLine(record(s, Contracts.LOCATION, "X")).replace("\"X\"", "{\"code\":\"NLRTM\"}"), "INVALID_LOCODE:location")
            .add("null required value", jsonLine(record(s, Contracts.LOCATION, "X")).replace("\"X\"", "null"), "MISSING_VALUE:location")
            .add("exact duplicate (wins)", jsonLine(first));
    events.write();
  }

  private void writeFirms() {
    Source s = Source.FIRMS;
    csv(s, "corpus.csv")
        .add("valid", csvLine(record(s)))
        .add("CSV injection =cmd in name", csvLine(record(s, Contracts.NAME, INJECTION_CMD)))
        .add("CSV injection +SUM in name", csvLine(record(s, Contracts.NAME, INJECTION_SUM)))
        .add("CSV injection @ and - in address", csvLine(record(s, Contracts.ADDRESS, "@SUM(1+1)*cmd|' /C calc'!A0")))
        .add("impossible date", csvLine(record(s, Contracts.REGISTERED_ON, "2011-02-30")), "INVALID_DATE:registered_on")
        .add("date with time", csvLine(record(s, Contracts.REGISTERED_ON, "2011-04-18T00:00:00Z")), "INVALID_DATE:registered_on")
        .add("registered in the future", csvLine(record(s, Contracts.REGISTERED_ON, "2026-03-03")), "OUT_OF_RANGE:registered_on")
        .add("unknown country", csvLine(record(s, Contracts.COUNTRY, "XX")), "INVALID_COUNTRY:country")
        .add("sector outside list", csvLine(record(s, Contracts.SECTOR, "BANK")), "INVALID_ENUM:sector")
        .add("bad bank account", csvLine(record(s, Contracts.BANK_ACCOUNT, "12-34-56")), "INVALID_FORMAT:bank_account")
        .add("name too long", csvLine(record(s, Contracts.NAME, "N".repeat(201))), "TOO_LONG:name")
        .add("id with slash", csvLine(record(s, Contracts.FIRM_ID, "F/001")), "INVALID_FORMAT:firm_id")
        .write();
  }

  private void writeTransactions() {
    Source s = Source.TRANSACTIONS;
    Map<String, String> duplicate = record(s);
    json(s, "corpus.jsonl")
        .add("valid", jsonLine(record(s)))
        .add("negative amount", jsonLine(record(s, Contracts.AMOUNT, "-100")), "NUMBER_TOO_SMALL:amount")
        .add("amount with comma", jsonLine(record(s, Contracts.AMOUNT, "1,000.00")), "INVALID_NUMBER:amount")
        .add("amount as JSON number", jsonLine(record(s, Contracts.AMOUNT, "X")).replace("\"X\"", "9800.5"))
        .add("amount as JSON boolean", jsonLine(record(s, Contracts.AMOUNT, "X")).replace("\"X\"", "true"), "INVALID_NUMBER:amount")
        .add("unknown currency", jsonLine(record(s, Contracts.CURRENCY, "EURO")), "INVALID_CURRENCY:currency")
        .add("no counterparty", jsonLine(record(s, Contracts.PAYER_ID, "", Contracts.PAYEE_ID, "")), "NO_COUNTERPARTY")
        .add("channel outside list", jsonLine(record(s, Contracts.CHANNEL, "BITCOIN")), "INVALID_ENUM:channel")
        .add("booked in the future", jsonLine(record(s, Contracts.BOOKED_AT, "2026-03-04T00:00:01Z")), "OUT_OF_RANGE:booked_at")
        .add("CSV injection in reference", jsonLine(record(s, Contracts.REFERENCE, "=HYPERLINK(\"http://x\")")))
        .addAtLeast("broken JSON (trailing comma)", jsonLine(record(s)).replace("}", ",}"), "MALFORMED_JSON")
        .add("duplicate id 1", jsonLine(duplicate).getBytes(StandardCharsets.UTF_8), true, true)
        .add("duplicate id 2 (wins)", jsonLine(with(duplicate, Contracts.AMOUNT, "1.00")))
        .write();
    CorpusFile bom = json(s, "utf8-bom.jsonl").add("JSON lines with a UTF-8 BOM", jsonLine(record(s)));
    bom.prefix = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    bom.write();
    // Windows line endings in CSV.
    CorpusFile crlf = csv(s, "crlf.csv");
    crlf.add("CSV with CRLF", csvLine(record(s)) + "\r");
    crlf.write();
  }

  private void writeInspections() {
    Source s = Source.INSPECTIONS;
    csv(s, "corpus.csv")
        .add("valid", csvLine(record(s)))
        .add("quantity without hit", csvLine(record(s, Contracts.OUTCOME, "NO_HIT")), "QUANTITY_WITHOUT_HIT")
        .add("negative quantity", csvLine(record(s, Contracts.QUANTITY_KG, "-1")), "NUMBER_TOO_SMALL:quantity_kg")
        .add("method outside list", csvLine(record(s, Contracts.METHOD, "XRAY")), "INVALID_ENUM:method")
        .add("lower-case outcome", csvLine(record(s, Contracts.OUTCOME, "hit")), "INVALID_ENUM:outcome", "QUANTITY_WITHOUT_HIT")
        .add("CSV injection in finding", csvLine(record(s, Contracts.FINDING, INJECTION_CMD)))
        .add("future inspection", csvLine(record(s, Contracts.INSPECTED_AT, "2027-01-01T00:00:00Z")), "OUT_OF_RANGE:inspected_at")
        .add("container check digit", csvLine(record(s, Contracts.CONTAINER_ID, "MSKU9070320")), "INVALID_CONTAINER_ID:container_id")
        .write();
  }

  private void writeFirmLabels() {
    Source s = Source.FIRM_LABELS;
    csv(s, "corpus.csv")
        .add("valid", csvLine(record(s)))
        .add("label outside list", csvLine(record(s, Contracts.LABEL, "BAD")), "INVALID_ENUM:label")
        .add("labelled in the future", csvLine(record(s, Contracts.LABELLED_ON, "2026-03-03")), "OUT_OF_RANGE:labelled_on")
        .add("day-first date", csvLine(record(s, Contracts.LABELLED_ON, "14-02-2026")), "INVALID_DATE:labelled_on")
        .add("source too long", csvLine(record(s, Contracts.LABEL_SOURCE, "S".repeat(51))), "TOO_LONG:source")
        .add("missing firm id", csvLine(record(s, Contracts.FIRM_ID, "")), "MISSING_VALUE:firm_id")
        .add("CSV injection in source", csvLine(record(s, Contracts.LABEL_SOURCE, INJECTION_SUM)))
        .write();
  }

  @BeforeAll
  void ingestTheRecordCorpus() {
    writeManifests();
    writeManifestParquet();
    writePortCalls();
    writeContainerEvents();
    writeFirms();
    writeTransactions();
    writeInspections();
    writeFirmLabels();
    result =
        Ingest.of(spark)
            .landing(landing.toString())
            .lake(new Lake(lakeRoot.toString()))
            .date(DAY)
            .runId("corpus")
            .ingestedAt(DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
            .pseudonymKey(KEY)
            .execute();
    Lake lake = new Lake(lakeRoot.toString());
    quarantine = spark.read().format("delta").load(lake.quarantine()).collectAsList();
    bronze = new java.util.EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      bronze.put(
          source,
          BronzeHistory.current(new TableIO(spark, lake), source)
              .select(BronzeColumns.SOURCE_FILE, BronzeColumns.LINE_NUMBER).collectAsList());
    }
  }

  Stream<Case> records() {
    return cases.stream();
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private List<Row> quarantined(Case c) {
    return quarantine.stream()
        .filter(r -> r.<String>getAs(IngestColumns.Q_SOURCE).equals(c.source().sourceName()))
        .filter(r -> fileName(r.getAs(IngestColumns.Q_FILE)).equals(c.file()))
        .filter(r -> r.<Long>getAs(IngestColumns.Q_LINE_NUMBER) == c.line())
        .toList();
  }

  private boolean inBronze(Case c) {
    return bronze.get(c.source()).stream()
        .anyMatch(r -> fileName(r.getString(0)).equals(c.file()) && r.getLong(1) == c.line());
  }

  /** The raw firm line as quarantine keeps it: director name and bank account as keyed hashes. */
  private static String pseudonymised(String raw) {
    String result = raw;
    for (String column : List.of(Contracts.DIRECTOR_NAME, Contracts.BANK_ACCOUNT)) {
      String value = LandingFixtures.firm().get(column);
      if (column.equals(Contracts.BANK_ACCOUNT) && !raw.contains(value)) {
        value = "12-34-56"; // the "bad bank account" case
      }
      result = result.replace(value, sha256Hex(KEY + "|" + value));
    }
    return result;
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void eachRecordIsAcceptedOrQuarantinedWithItsReasonAndItsRawText(Case c) {
    List<Row> rows = quarantined(c);
    if (c.accepted()) {
      assertThat(rows).as("quarantine rows of an accepted record").isEmpty();
      if (!c.superseded()) {
        assertThat(inBronze(c)).as("accepted record is in bronze").isTrue();
      }
      return;
    }
    assertThat(rows).as("quarantine rows").hasSize(1);
    Row row = rows.get(0);
    List<String> reasons = row.getList(row.fieldIndex(IngestColumns.Q_REASON_CODES));
    if (c.exact()) {
      assertThat(reasons).containsExactlyInAnyOrderElementsOf(c.reasons());
    } else {
      assertThat(reasons).containsAll(c.reasons());
    }
    if (c.raw() != null) {
      String raw = row.getAs(IngestColumns.Q_RAW_RECORD);
      String expected = c.source() == Source.FIRMS ? pseudonymised(c.raw()) : c.raw();
      assertThat(raw.length()).isEqualTo(expected.length());
      assertThat(raw).isEqualTo(expected);
    } else {
      assertThat(row.<String>getAs(IngestColumns.Q_RAW_RECORD)).startsWith("{").isNotBlank();
    }
    assertThat(inBronze(c)).as("quarantined record is not in bronze").isFalse();
  }

  @Test
  void nothingIsLostPerFileAndPerSource() {
    Map<String, long[]> expected = new HashMap<>();
    for (Case c : cases) {
      long[] counts = expected.computeIfAbsent(c.source().sourceName() + "/" + c.file(), k -> new long[3]);
      counts[0]++;
      counts[c.accepted() ? 1 : 2]++;
    }
    for (FileCounts file : result.files()) {
      assertThat(file.reconciles()).as(file.file()).isTrue();
      long[] counts = expected.getOrDefault(file.source().sourceName() + "/" + fileName(file.file()), new long[3]);
      assertThat(new long[] {file.read(), file.accepted(), file.quarantined()}).as(file.file()).containsExactly(counts);
    }
    assertThat(result.files()).hasSize(filesTried);
    for (Source source : Source.values()) {
      SourceCounts counts = result.counts(source);
      assertThat(counts.reconciles()).isTrue();
      long distinctAccepted = cases.stream().filter(c -> c.source() == source && c.accepted() && !c.superseded()).count();
      assertThat(counts.keys()).as(source + " keys").isEqualTo(distinctAccepted);
      assertThat(bronze.get(source)).as(source + " bronze rows").hasSize((int) distinctAccepted);
      long quarantinedRows =
          quarantine.stream().filter(r -> r.<String>getAs(IngestColumns.Q_SOURCE).equals(source.sourceName())).count();
      assertThat(quarantinedRows).as(source + " quarantine rows").isEqualTo(counts.quarantined());
    }
    long read = result.sources().values().stream().mapToLong(SourceCounts::read).sum();
    long accepted = result.sources().values().stream().mapToLong(SourceCounts::accepted).sum();
    long quarantinedCount = result.sources().values().stream().mapToLong(SourceCounts::quarantined).sum();
    assertThat(read).isEqualTo(cases.size());
    long lost = read - accepted - quarantinedCount;
    assertThat(lost).isZero();
  }

  @Test
  void csvInjectionStringsAreStoredAsReceived() {
    // Ingest keeps what the sender wrote (the export neutralises formulas, see models).
    Dataset<Row> firms = BronzeHistory.current(new TableIO(spark, new Lake(lakeRoot.toString())), Source.FIRMS);
    assertThat(firms.filter(col(Contracts.NAME).equalTo(INJECTION_CMD)).count()).isEqualTo(1);
    assertThat(firms.filter(col(Contracts.NAME).equalTo(INJECTION_SUM)).count()).isEqualTo(1);
  }

  // ---- files that cannot be read -------------------------------------------------------------

  /** A landing file that fails the run, and what its error must name. */
  record BadFile(String id, Source source, String name, Consumer<Path> writer, List<String> mentions) {
    @Override
    public String toString() {
      return id;
    }
  }

  private static Consumer<Path> bytes(byte[] content) {
    return path -> {
      try {
        Files.write(path, content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static Consumer<Path> text(String content) {
    return bytes(content.getBytes(StandardCharsets.UTF_8));
  }

  private static String csvText(Source source, List<String> header, Map<String, String> row) {
    return String.join(",", header) + "\n"
        + header.stream().map(c -> LandingFixtures.quote(row.getOrDefault(c, "x"))).collect(Collectors.joining(",")) + "\n";
  }

  static Stream<Arguments> badFiles() {
    Source m = Source.MANIFESTS;
    List<String> header = header(m);
    Map<String, String> row = LandingFixtures.manifest();
    byte[] garbage = new byte[4096];
    new Random(12).nextBytes(garbage);
    List<String> upper = header.stream().map(String::toUpperCase).toList();
    List<String> extra = new ArrayList<>(header);
    extra.add("colour");
    List<String> missing = header.stream().filter(c -> !c.equals(Contracts.CONTAINER_ID)).toList();
    List<String> twice = new ArrayList<>(header);
    twice.add(Contracts.HS_CODE);
    byte[] utf16 = ("\uFEFF" + csvText(m, header, row)).getBytes(StandardCharsets.UTF_16BE);
    String firmsCsv = csvText(Source.FIRMS, header(Source.FIRMS), LandingFixtures.firm());
    return Stream.of(
            new BadFile("empty file", m, "empty.csv", bytes(new byte[0]), List.of("empty")),
            new BadFile("blank lines only", m, "blank.csv", text("\n\n\n"), List.of("empty")),
            new BadFile("semicolon delimited", m, "semicolon.csv", text(csvText(m, header, row).replace(',', ';')),
                List.of("bl_number;container_id", "not in the manifests contract")),
            new BadFile("tab delimited", Source.FIRMS, "tabs.csv", text(firmsCsv.replace(',', '\t')),
                List.of("firm_id\tname", "not in the firms contract")),
            new BadFile("UTF-16 with BOM", m, "utf16.csv", bytes(utf16), List.of("not in the manifests contract")),
            new BadFile("binary garbage named .csv", Source.PORT_CALLS, "garbage.csv", bytes(garbage), List.of("not in the port_calls contract")),
            new BadFile("binary garbage named .jsonl", Source.TRANSACTIONS, "garbage.jsonl", bytes(garbage), List.of("not a JSON object")),
            new BadFile("binary garbage named .parquet", Source.INSPECTIONS, "garbage.parquet", bytes(garbage), List.of("not a readable Parquet file")),
            new BadFile("header in upper case", m, "upper.csv", text(csvText(m, upper, Map.of())), List.of("'BL_NUMBER'")),
            new BadFile("extra column", m, "extra.csv", text(csvText(m, extra, row)), List.of("'colour'", "not in the manifests contract")),
            new BadFile("required column missing", m, "missing.csv", text(csvText(m, missing, row)), List.of("'container_id'", "missing")),
            new BadFile("column twice", m, "twice.csv", text(csvText(m, twice, row)), List.of("'hs_code'", "twice")),
            new BadFile("first JSON line broken", Source.CONTAINER_EVENTS, "broken.jsonl", text("{\"container_id\": \"MSKU90\n"), List.of("line 1", "not a JSON object")),
            new BadFile("JSON array file", Source.FIRMS, "array.json", text("[{\"firm_id\":\"F1\"}]\n"), List.of("not a JSON object")),
            new BadFile("CSV content named .json", Source.FIRM_LABELS, "labels.json", text(csvText(Source.FIRM_LABELS, header(Source.FIRM_LABELS), LandingFixtures.firmLabel())), List.of("not a JSON object")),
            new BadFile("glob braces in file name", m, "braces{a,b}.csv", text(csvText(m, header, row)), List.of("path pattern")),
            new BadFile("glob star in file name", m, "m*.csv", text(csvText(m, header, row)), List.of("path pattern")),
            new BadFile("glob brackets in file name", m, "m[1].csv", text(csvText(m, header, row)), List.of("path pattern")),
            new BadFile("comma in file name", m, "a,b.csv", text(csvText(m, header, row)), List.of("path list")),
            new BadFile("question mark in Parquet name", Source.INSPECTIONS, "i?.parquet", bytes(garbage), List.of("path pattern")),
            new BadFile("colon in file name (a time of day)", m, "manifests-2026-03-02T14:05.csv", text(csvText(m, header, row)), List.of("URI scheme")),
            new BadFile("spreadsheet extension", Source.TRANSACTIONS, "transactions.xlsx", bytes(garbage), List.of("unknown file type")),
            new BadFile("gzip named .csv", Source.FIRM_LABELS, "labels.csv", bytes(gzip(csvText(Source.FIRM_LABELS, header(Source.FIRM_LABELS), LandingFixtures.firmLabel()))), List.of("not in the firm_labels contract")))
        .map(Arguments::of);
  }

  private static byte[] gzip(String text) {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void anUnreadableFileFailsTheRunNamingTheFileAndWritesNothing(BadFile bad, @TempDir Path root) {
    Path badLanding = root.resolve("landing");
    Path badLake = root.resolve("lake");
    // A good file of another source beside it: the bad file must stop the run before any write.
    LandingFixtures.csv(badLanding, Source.FIRMS, DAY, "a-good.csv", List.of(LandingFixtures.firm()));
    bad.writer().accept(LandingFixtures.folder(badLanding, bad.source(), DAY).resolve(bad.name()));
    filesTried += 2;

    assertThatThrownBy(
            () ->
                Ingest.of(spark)
                    .landing(badLanding.toString())
                    .lake(new Lake(badLake.toString()))
                    .date(DAY)
                    .runId("bad-file")
                    .ingestedAt(DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .pseudonymKey(KEY)
                    .execute())
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining(bad.source().sourceName() + "/date=" + DAY + "/" + bad.name())
        .satisfies(e -> assertThat(e.getMessage()).contains(bad.mentions()));
    jobErrors++;
    assertThat(Files.exists(badLake)).as("nothing written").isFalse();
  }

  @AfterAll
  void printFigures() {
    long read = result.sources().values().stream().mapToLong(SourceCounts::read).sum();
    long accepted = result.sources().values().stream().mapToLong(SourceCounts::accepted).sum();
    long quarantinedCount = result.sources().values().stream().mapToLong(SourceCounts::quarantined).sum();
    // Figures for the closing note of issue 12 (test output goes to the surefire report).
    System.out.printf(
        "BAD INPUT CORPUS: files tried %d, records tried %d, quarantined %d, accepted %d, job errors %d,"
            + " records lost %d%n",
        filesTried, read, quarantinedCount, accepted, jobErrors, read - accepted - quarantinedCount);
  }
}
