package org.cargorisk.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;

/** Tiny valid landing records and writers for CSV and JSON lines files in a temporary folder. */
public final class LandingFixtures {
  private LandingFixtures() {}

  public static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  public static Map<String, String> manifest() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(Contracts.BL_NUMBER, "MAEU240311872");
    row.put(Contracts.CONTAINER_ID, "MSKU9070323");
    row.put(Contracts.VESSEL_IMO, "9074729");
    row.put(Contracts.VOYAGE_ID, "V2411E");
    row.put(Contracts.PORT_OF_LOADING, "ECGYE");
    row.put(Contracts.PORT_OF_DISCHARGE, "NLRTM");
    row.put(Contracts.ORIGIN_COUNTRY, "EC");
    row.put(Contracts.SHIPPER_ID, "F000123");
    row.put(Contracts.CONSIGNEE_ID, "F004567");
    row.put(Contracts.NOTIFY_PARTY_ID, "");
    row.put(Contracts.FORWARDER_ID, "F000988");
    row.put(Contracts.HS_CODE, "080390");
    row.put(Contracts.GOODS_DESCRIPTION, "FRESH BANANAS, CAVENDISH");
    row.put(Contracts.PACKAGES, "1080");
    row.put(Contracts.GROSS_WEIGHT_KG, "21450.5");
    row.put(Contracts.DECLARED_VALUE_EUR, "18230.00");
    row.put(Contracts.CONTAINER_TYPE, "45R1");
    row.put(Contracts.SEAL_NUMBER, "SL8842211");
    row.put(Contracts.FILED_AT, "2026-03-02T14:05:00Z");
    row.put(Contracts.ETA, "2026-03-20T06:00:00Z");
    return row;
  }

  public static Map<String, String> portCall() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(Contracts.VESSEL_IMO, "9074729");
    row.put(Contracts.VOYAGE_ID, "V2411E");
    row.put(Contracts.SEQ, "2");
    row.put(Contracts.PORT, "PAMIT");
    row.put(Contracts.ARRIVED_AT, "2026-03-01T08:00:00Z");
    row.put(Contracts.DEPARTED_AT, "2026-03-02T20:00:00Z");
    return row;
  }

  public static Map<String, String> containerEvent() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(Contracts.CONTAINER_ID, "MSKU9070323");
    row.put(Contracts.EVENT_TYPE, "DISCHARGE");
    row.put(Contracts.LOCATION, "NLRTM");
    row.put(Contracts.EVENT_AT, "2026-03-02T09:13:00Z");
    row.put(Contracts.SEAL_NUMBER, "SL8842211");
    return row;
  }

  public static Map<String, String> firm() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(Contracts.FIRM_ID, "F000123");
    row.put(Contracts.NAME, "Andes Fruit Export S.A.");
    row.put(Contracts.COUNTRY, "EC");
    row.put(Contracts.REGISTERED_ON, "2011-04-18");
    row.put(Contracts.EORI, "");
    row.put(Contracts.ADDRESS, "Av. 9 de Octubre 100, Guayaquil");
    row.put(Contracts.SECTOR, "SHIPPER");
    row.put(Contracts.DIRECTOR_NAME, "Jan de Vries");
    row.put(Contracts.BANK_ACCOUNT, "NL91ABNA0417164300");
    return row;
  }

  public static Map<String, String> transaction() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(Contracts.TXN_ID, "T00000012345");
    row.put(Contracts.BOOKED_AT, "2026-03-02T10:15:00Z");
    row.put(Contracts.PAYER_ID, "F000123");
    row.put(Contracts.PAYEE_ID, "F004567");
    row.put(Contracts.AMOUNT, "9800.00");
    row.put(Contracts.CURRENCY, "EUR");
    row.put(Contracts.CHANNEL, "WIRE");
    row.put(Contracts.PAYER_COUNTRY, "EC");
    row.put(Contracts.PAYEE_COUNTRY, "NL");
    row.put(Contracts.REFERENCE, "INV 2026-0311");
    return row;
  }

  public static Map<String, String> inspection() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(Contracts.BL_NUMBER, "MAEU240311872");
    row.put(Contracts.CONTAINER_ID, "MSKU9070323");
    row.put(Contracts.INSPECTED_AT, "2026-03-02T11:00:00Z");
    row.put(Contracts.METHOD, "SCAN");
    row.put(Contracts.SELECTED_BY, "RANDOM");
    row.put(Contracts.OUTCOME, "HIT");
    row.put(Contracts.FINDING, "COCAINE");
    row.put(Contracts.QUANTITY_KG, "312.5");
    return row;
  }

  public static Map<String, String> firmLabel() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(Contracts.FIRM_ID, "F000777");
    row.put(Contracts.LABELLED_ON, "2026-02-14");
    row.put(Contracts.LABEL, "MALAFIDE");
    row.put(Contracts.LABEL_SOURCE, "FIOD");
    return row;
  }

  public static Map<String, String> valid(Source source) {
    return switch (source) {
      case MANIFESTS -> manifest();
      case PORT_CALLS -> portCall();
      case CONTAINER_EVENTS -> containerEvent();
      case FIRMS -> firm();
      case TRANSACTIONS -> transaction();
      case INSPECTIONS -> inspection();
      case FIRM_LABELS -> firmLabel();
    };
  }

  /** A copy of the row with one column changed. */
  public static Map<String, String> with(Map<String, String> row, String column, String value) {
    Map<String, String> copy = new LinkedHashMap<>(row);
    copy.put(column, value);
    return copy;
  }

  public static Path folder(Path landing, Source source, LocalDate date) {
    Path dir = landing.resolve(source.sourceName()).resolve("date=" + date);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a CSV file with the first row's columns as header. */
  public static Path csv(Path landing, Source source, LocalDate date, String name, List<Map<String, String>> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", rows.get(0).keySet()));
    for (Map<String, String> row : rows) {
      lines.add(row.values().stream().map(LandingFixtures::quote).collect(Collectors.joining(",")));
    }
    return write(folder(landing, source, date).resolve(name), lines);
  }

  /** Writes a JSON lines file (empty values as absent keys). */
  public static Path json(Path landing, Source source, LocalDate date, String name, List<Map<String, String>> rows) {
    List<String> lines = new ArrayList<>();
    for (Map<String, String> row : rows) {
      lines.add(
          row.entrySet().stream()
              .filter(e -> !e.getValue().isEmpty())
              .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue().replace("\"", "\\\"") + "\"")
              .collect(Collectors.joining(",", "{", "}")));
    }
    return write(folder(landing, source, date).resolve(name), lines);
  }

  public static Path write(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String quote(String value) {
    if (value.contains(",") || value.contains("\"")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
