package org.cargorisk.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Reference data that is configuration, not code (DESIGN.md): port and country risk tiers,
 * HS codes used as cover goods, and watchlists. Small files, read and validated on the driver
 * (with line numbers in errors), then offered as small DataFrames for broadcast joins.
 *
 * <ul>
 *   <li>{@code ports.csv}: locode, country, name, risk_tier (1 low .. 3 high), hub (true/false)
 *   <li>{@code countries.csv}: country, name, risk_tier
 *   <li>{@code cover_goods.csv}: hs_prefix (2-6 digits), description
 *   <li>{@code watchlist.csv}: entity_type (FIRM, CONTAINER, BL), entity_id, reason, valid_from,
 *       valid_to (empty = open)
 * </ul>
 */
public final class ReferenceData {
  public static final String PORTS_FILE = "ports.csv";
  public static final String COUNTRIES_FILE = "countries.csv";
  public static final String COVER_GOODS_FILE = "cover_goods.csv";
  public static final String WATCHLIST_FILE = "watchlist.csv";

  private static final Pattern LOCODE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern HS_PREFIX = Pattern.compile("[0-9]{2,6}");

  /** A port with its risk tier. */
  public record Port(String locode, String country, String name, int riskTier, boolean hub) {}

  /** A country with its risk tier. */
  public record Country(String country, String name, int riskTier) {}

  /** An HS prefix whose goods are often used to cover cocaine. */
  public record CoverGood(String hsPrefix, String description) {}

  /** A must-scan rule: an entity on the watchlist between two dates (tip-offs, intelligence). */
  public record WatchlistEntry(
      String entityType, String entityId, String reason, LocalDate validFrom, LocalDate validTo) {
    public boolean activeOn(LocalDate date) {
      return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
  }

  private final List<Port> ports;
  private final List<Country> countries;
  private final List<CoverGood> coverGoods;
  private final List<WatchlistEntry> watchlist;

  public ReferenceData(
      List<Port> ports,
      List<Country> countries,
      List<CoverGood> coverGoods,
      List<WatchlistEntry> watchlist) {
    this.ports = List.copyOf(ports);
    this.countries = List.copyOf(countries);
    this.coverGoods = List.copyOf(coverGoods);
    this.watchlist = List.copyOf(watchlist);
  }

  public List<Port> ports() {
    return ports;
  }

  public List<Country> countries() {
    return countries;
  }

  public List<CoverGood> coverGoods() {
    return coverGoods;
  }

  public List<WatchlistEntry> watchlist() {
    return watchlist;
  }

  /** Loads and validates the four files from a folder (local or any Hadoop file system). */
  public static ReferenceData load(Configuration hadoopConf, String directory) {
    List<Port> ports = new ArrayList<>();
    for (Line line : read(hadoopConf, directory, PORTS_FILE, "locode", "country", "name", "risk_tier", "hub")) {
      ports.add(
          new Port(
              line.matching("locode", LOCODE, "a UN/LOCODE (2 letters + 3 letters or digits 2-9)"),
              line.matching("country", COUNTRY, "an ISO 3166-1 alpha-2 code"),
              line.nonEmpty("name"),
              line.tier("risk_tier"),
              line.bool("hub")));
    }
    List<Country> countries = new ArrayList<>();
    for (Line line : read(hadoopConf, directory, COUNTRIES_FILE, "country", "name", "risk_tier")) {
      countries.add(
          new Country(
              line.matching("country", COUNTRY, "an ISO 3166-1 alpha-2 code"),
              line.nonEmpty("name"),
              line.tier("risk_tier")));
    }
    List<CoverGood> coverGoods = new ArrayList<>();
    for (Line line : read(hadoopConf, directory, COVER_GOODS_FILE, "hs_prefix", "description")) {
      coverGoods.add(
          new CoverGood(
              line.matching("hs_prefix", HS_PREFIX, "2 to 6 digits"), line.nonEmpty("description")));
    }
    List<WatchlistEntry> watchlist = new ArrayList<>();
    for (Line line :
        read(hadoopConf, directory, WATCHLIST_FILE, "entity_type", "entity_id", "reason", "valid_from", "valid_to")) {
      String type = line.nonEmpty("entity_type");
      if (!List.of(ReferenceColumns.FIRM, ReferenceColumns.CONTAINER, ReferenceColumns.BL).contains(type)) {
        throw line.invalid("entity_type", type, "must be FIRM, CONTAINER or BL");
      }
      LocalDate from = line.date("valid_from");
      LocalDate to = line.value("valid_to").isEmpty() ? null : line.date("valid_to");
      if (to != null && to.isBefore(from)) {
        throw line.invalid("valid_to", to, "must not be before valid_from " + from);
      }
      watchlist.add(new WatchlistEntry(type, line.nonEmpty("entity_id"), line.nonEmpty("reason"), from, to));
    }
    return new ReferenceData(ports, countries, coverGoods, watchlist);
  }

  // ---- as DataFrames, for broadcast joins ----

  public static final StructType WATCHLIST_SCHEMA =
      new StructType()
          .add(ReferenceColumns.ENTITY_TYPE, DataTypes.StringType, false)
          .add(ReferenceColumns.ENTITY_ID, DataTypes.StringType, false)
          .add(ReferenceColumns.REASON, DataTypes.StringType, false)
          .add(ReferenceColumns.VALID_FROM, DataTypes.DateType, false)
          .add(ReferenceColumns.VALID_TO, DataTypes.DateType, true);

  public Dataset<Row> watchlistFrame(SparkSession spark) {
    return spark.createDataFrame(
        watchlist.stream()
            .map(
                w ->
                    RowFactory.create(
                        w.entityType(),
                        w.entityId(),
                        w.reason(),
                        java.sql.Date.valueOf(w.validFrom()),
                        w.validTo() == null ? null : java.sql.Date.valueOf(w.validTo())))
            .toList(),
        WATCHLIST_SCHEMA);
  }

  /** Risk tier of a country; 1 (low) for countries the file does not list. */
  public int countryTier(String country) {
    return countries.stream()
        .filter(c -> c.country().equals(country))
        .mapToInt(Country::riskTier)
        .findFirst()
        .orElse(1);
  }

  // ---- reading ----

  private record Line(String file, long number, Map<String, String> values) {
    String value(String column) {
      return values.getOrDefault(column, "").trim();
    }

    String nonEmpty(String column) {
      String value = value(column);
      if (value.isEmpty()) {
        throw invalid(column, value, "must not be empty");
      }
      return value;
    }

    String matching(String column, Pattern pattern, String rule) {
      String value = value(column);
      if (!pattern.matcher(value).matches()) {
        throw invalid(column, value, "must be " + rule);
      }
      return value;
    }

    int tier(String column) {
      String value = value(column);
      if (!value.matches("[123]")) {
        throw invalid(column, value, "must be 1 (low), 2 (medium) or 3 (high)");
      }
      return Integer.parseInt(value);
    }

    boolean bool(String column) {
      String value = value(column);
      if (!value.equals("true") && !value.equals("false")) {
        throw invalid(column, value, "must be true or false");
      }
      return Boolean.parseBoolean(value);
    }

    LocalDate date(String column) {
      String value = value(column);
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(column, value, "must be a date YYYY-MM-DD");
      }
    }

    RuntimeException invalid(String column, Object value, String rule) {
      return CargoRiskErrors.invalidReferenceData(file, number, column, value, rule);
    }
  }

  private static List<Line> read(
      Configuration hadoopConf, String directory, String fileName, String... header) {
    Path path = new Path(directory, fileName);
    List<Line> lines = new ArrayList<>();
    try {
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(path)) {
        throw CargoRiskErrors.missingInput(
            "Reference file " + fileName,
            path.toString(),
            "Set reference.dir to a folder with ports.csv, countries.csv, cover_goods.csv and"
                + " watchlist.csv (see data-samples/reference).");
      }
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
        String headerLine = reader.readLine();
        List<String> actual = headerLine == null ? List.of() : CsvLines.split(headerLine.strip());
        if (!actual.equals(List.of(header))) {
          throw CargoRiskErrors.invalidReferenceData(
              path.toString(), 1, "header", String.join(",", actual), "must be " + String.join(",", header));
        }
        String text;
        long number = 1;
        while ((text = reader.readLine()) != null) {
          number++;
          if (text.isBlank() || text.startsWith("#")) {
            continue;
          }
          List<String> fields = CsvLines.split(text);
          if (fields.size() != header.length) {
            throw CargoRiskErrors.invalidReferenceData(
                path.toString(), number, "*", text,
                "has " + fields.size() + " fields, expected " + header.length);
          }
          Map<String, String> values = new LinkedHashMap<>();
          for (int i = 0; i < header.length; i++) {
            values.put(header[i], fields.get(i));
          }
          lines.add(new Line(path.toString(), number, values));
        }
      }
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot read reference file " + path, e);
    }
    return lines;
  }
}
