package org.cargorisk.contracts;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;

/**
 * Column names and landing contracts of every source (DESIGN.md, "Landing data contracts").
 * Column names are constants here and only here; the per-source column lists say type, whether
 * required, meaning, an example and the validation rule.
 *
 * <p>Timestamps are ISO-8601 in UTC ({@code 2026-03-02T14:05:00Z}); dates are {@code
 * YYYY-MM-DD}; money is in the stated currency with two decimals.
 */
public final class Contracts {
  private Contracts() {}

  // ---- shared column names ----
  public static final String BL_NUMBER = "bl_number";
  public static final String CONTAINER_ID = "container_id";
  public static final String VESSEL_IMO = "vessel_imo";
  public static final String VOYAGE_ID = "voyage_id";
  public static final String SEAL_NUMBER = "seal_number";
  public static final String FIRM_ID = "firm_id";

  // ---- manifests ----
  public static final String PORT_OF_LOADING = "port_of_loading";
  public static final String PORT_OF_DISCHARGE = "port_of_discharge";
  public static final String ORIGIN_COUNTRY = "origin_country";
  public static final String SHIPPER_ID = "shipper_id";
  public static final String CONSIGNEE_ID = "consignee_id";
  public static final String NOTIFY_PARTY_ID = "notify_party_id";
  public static final String FORWARDER_ID = "forwarder_id";
  public static final String HS_CODE = "hs_code";
  public static final String GOODS_DESCRIPTION = "goods_description";
  public static final String PACKAGES = "packages";
  public static final String GROSS_WEIGHT_KG = "gross_weight_kg";
  public static final String DECLARED_VALUE_EUR = "declared_value_eur";
  public static final String CONTAINER_TYPE = "container_type";
  public static final String FILED_AT = "filed_at";
  public static final String ETA = "eta";

  // ---- port_calls ----
  public static final String SEQ = "seq";
  public static final String PORT = "port";
  public static final String ARRIVED_AT = "arrived_at";
  public static final String DEPARTED_AT = "departed_at";

  // ---- container_events ----
  public static final String EVENT_TYPE = "event_type";
  public static final String LOCATION = "location";
  public static final String EVENT_AT = "event_at";

  // ---- firms ----
  public static final String NAME = "name";
  public static final String COUNTRY = "country";
  public static final String REGISTERED_ON = "registered_on";
  public static final String EORI = "eori";
  public static final String ADDRESS = "address";
  public static final String SECTOR = "sector";
  public static final String DIRECTOR_NAME = "director_name";
  public static final String BANK_ACCOUNT = "bank_account";
  /**
   * Person-level columns of firms: pseudonymised (keyed hash) at ingest, and the reason a
   * malformed firms record's raw text is kept out of the analyst-facing quarantine
   * (docs/INGEST.md). The other sources hold no person-level columns: their parties are firm
   * ids; a transaction's free-text reference is a business reference.
   */
  public static final List<String> FIRMS_PERSONAL = List.of(DIRECTOR_NAME, BANK_ACCOUNT);

  // ---- transactions ----
  public static final String TXN_ID = "txn_id";
  public static final String BOOKED_AT = "booked_at";
  public static final String PAYER_ID = "payer_id";
  public static final String PAYEE_ID = "payee_id";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";
  public static final String CHANNEL = "channel";
  public static final String PAYER_COUNTRY = "payer_country";
  public static final String PAYEE_COUNTRY = "payee_country";
  public static final String REFERENCE = "reference";

  // ---- inspections ----
  public static final String INSPECTED_AT = "inspected_at";
  public static final String METHOD = "method";
  public static final String SELECTED_BY = "selected_by";
  public static final String OUTCOME = "outcome";
  public static final String FINDING = "finding";
  public static final String QUANTITY_KG = "quantity_kg";

  // ---- firm_labels ----
  public static final String LABELLED_ON = "labelled_on";
  public static final String LABEL = "label";
  public static final String LABEL_SOURCE = "source";

  // ---- enumerations ----
  public static final List<String> EVENT_TYPES =
      List.of("GATE_IN", "LOAD", "DISCHARGE", "TRANSSHIP", "GATE_OUT", "SEAL_CHANGE");
  public static final List<String> SECTORS =
      List.of("SHIPPER", "IMPORTER", "FORWARDER", "HAULIER", "AGENT");
  public static final List<String> CHANNELS =
      List.of("WIRE", "CASH_DEPOSIT", "CASH_WITHDRAWAL", "CARD");
  public static final List<String> METHODS = List.of("SCAN", "PHYSICAL");
  public static final List<String> SELECTED_BY_VALUES = List.of("MODEL", "RULE", "RANDOM", "TIP");
  public static final List<String> OUTCOMES = List.of("HIT", "NO_HIT");
  public static final List<String> LABELS = List.of("MALAFIDE", "CLEARED");

  private static ColumnSpec required(
      String name,
      org.apache.spark.sql.types.DataType type,
      String meaning,
      String example,
      String rule) {
    return new ColumnSpec(name, type, true, meaning, example, rule);
  }

  private static ColumnSpec optional(
      String name,
      org.apache.spark.sql.types.DataType type,
      String meaning,
      String example,
      String rule) {
    return new ColumnSpec(name, type, false, meaning, example, rule);
  }

  private static final String TS_RULE =
      "ISO-8601 timestamp in UTC, between 2000-01-01 and the business date + 1 day";

  static final List<ColumnSpec> MANIFESTS =
      List.of(
          required(BL_NUMBER, StringType, "Bill of lading number", "MAEU240311872",
              "1-35 letters, digits or dashes"),
          required(CONTAINER_ID, StringType, "Container number (ISO 6346)", "MSKU9070323",
              "ISO 6346: 3-letter owner code, equipment category U/J/Z, 6 digits, check digit"),
          required(VESSEL_IMO, StringType, "IMO number of the vessel", "9074729",
              "7 digits with IMO check digit (optional 'IMO' prefix is stripped)"),
          required(VOYAGE_ID, StringType, "Carrier voyage reference", "V2411E",
              "1-20 letters, digits or dashes"),
          required(PORT_OF_LOADING, StringType, "Port where the container was loaded",
              "ECGYE", "UN/LOCODE: 2-letter country + 3 letters/digits 2-9"),
          required(PORT_OF_DISCHARGE, StringType, "Port of discharge (the customs office's port)",
              "NLRTM", "UN/LOCODE"),
          required(ORIGIN_COUNTRY, StringType, "Country of origin of the goods", "EC",
              "ISO 3166-1 alpha-2"),
          required(SHIPPER_ID, StringType, "Firm id of the shipper", "F000123",
              "non-empty; flagged UNKNOWN_SHIPPER (not dropped) if not in firms"),
          required(CONSIGNEE_ID, StringType, "Firm id of the consignee", "F004567",
              "non-empty; flagged UNKNOWN_CONSIGNEE (not dropped) if not in firms"),
          optional(NOTIFY_PARTY_ID, StringType, "Firm id of the notify party", "F004567",
              "empty or a firm id"),
          optional(FORWARDER_ID, StringType, "Firm id of the freight forwarder", "F000988",
              "empty or a firm id"),
          required(HS_CODE, StringType, "Harmonized System commodity code", "080390",
              "6-10 digits"),
          required(GOODS_DESCRIPTION, StringType, "Goods description as declared",
              "FRESH BANANAS", "non-empty, at most 512 characters"),
          required(PACKAGES, IntegerType, "Number of packages", "1080",
              "integer >= 0"),
          required(GROSS_WEIGHT_KG, DoubleType, "Declared gross weight in kg", "21450.5",
              "number >= 0 and <= 40000"),
          optional(DECLARED_VALUE_EUR, DoubleType, "Declared customs value in EUR", "18230.00",
              "empty or number >= 0"),
          required(CONTAINER_TYPE, StringType, "ISO 6346 size/type code", "45R1",
              "4 characters: 2 size digits/letters + type group letter + digit"),
          required(SEAL_NUMBER, StringType, "Seal number at loading", "SL8842211",
              "non-empty, at most 20 characters"),
          required(FILED_AT, TimestampType, "When the manifest (or amendment) was filed",
              "2026-03-02T14:05:00Z", TS_RULE),
          required(ETA, TimestampType, "Expected arrival at the port of discharge",
              "2026-03-20T06:00:00Z", "ISO-8601 timestamp in UTC, after 2000-01-01"));

  static final List<ColumnSpec> PORT_CALLS =
      List.of(
          required(VESSEL_IMO, StringType, "IMO number of the vessel", "9074729",
              "7 digits with IMO check digit"),
          required(VOYAGE_ID, StringType, "Carrier voyage reference", "V2411E",
              "1-20 letters, digits or dashes"),
          required(SEQ, IntegerType, "Order of the call within the voyage, from 1", "2",
              "integer >= 1"),
          required(PORT, StringType, "Port called at", "PAMIT", "UN/LOCODE"),
          optional(ARRIVED_AT, TimestampType, "Arrival at the port (empty for the first call)",
              "2026-03-05T08:00:00Z", TS_RULE),
          optional(DEPARTED_AT, TimestampType, "Departure from the port (empty if not yet)",
              "2026-03-06T20:00:00Z", TS_RULE + "; not before arrived_at"));

  static final List<ColumnSpec> CONTAINER_EVENTS =
      List.of(
          required(CONTAINER_ID, StringType, "Container number (ISO 6346)", "MSKU9070323",
              "ISO 6346 with check digit"),
          required(EVENT_TYPE, StringType, "What happened to the container", "DISCHARGE",
              "one of " + EVENT_TYPES),
          required(LOCATION, StringType, "Where it happened", "NLRTM", "UN/LOCODE"),
          required(EVENT_AT, TimestampType, "When it happened", "2026-03-20T09:13:00Z", TS_RULE),
          optional(SEAL_NUMBER, StringType, "Seal number seen at the event (new seal for "
              + "SEAL_CHANGE)", "SL8842211", "empty or at most 20 characters"));

  static final List<ColumnSpec> FIRMS =
      List.of(
          required(FIRM_ID, StringType, "Firm id", "F000123", "1-20 letters, digits or dashes"),
          required(NAME, StringType, "Registered name", "Andes Fruit Export S.A.",
              "non-empty, at most 200 characters"),
          required(COUNTRY, StringType, "Country of registration", "EC", "ISO 3166-1 alpha-2"),
          required(REGISTERED_ON, DateType, "Date of incorporation", "2011-04-18",
              "YYYY-MM-DD, between 1850-01-01 and the business date"),
          optional(EORI, StringType, "EU EORI number", "NL812345678",
              "empty or 2-letter country + 1-15 letters/digits"),
          required(ADDRESS, StringType, "Registered address", "Av. 9 de Octubre 100, Guayaquil",
              "non-empty, at most 300 characters"),
          required(SECTOR, StringType, "Business role", "SHIPPER", "one of " + SECTORS),
          optional(DIRECTOR_NAME, StringType,
              "Name of the managing director (personal data: pseudonymised in bronze)",
              "Jan de Vries", "empty or at most 200 characters"),
          optional(BANK_ACCOUNT, StringType,
              "Main bank account (IBAN-like; pseudonymised in bronze)", "NL91ABNA0417164300",
              "empty or 2 letters + 2 digits + 1-30 letters/digits"));

  static final List<ColumnSpec> TRANSACTIONS =
      List.of(
          required(TXN_ID, StringType, "Transaction id", "T00000012345",
              "1-40 letters, digits or dashes"),
          required(BOOKED_AT, TimestampType, "Booking time", "2026-03-02T10:15:00Z", TS_RULE),
          optional(PAYER_ID, StringType, "Firm id of the payer (empty for cash deposits)",
              "F000123", "empty or a firm id; at least one of payer_id/payee_id"),
          optional(PAYEE_ID, StringType, "Firm id of the payee (empty for cash withdrawals)",
              "F004567", "empty or a firm id; at least one of payer_id/payee_id"),
          required(AMOUNT, DoubleType, "Amount in the currency", "9800.00", "number >= 0"),
          required(CURRENCY, StringType, "Currency", "EUR", "ISO 4217 code"),
          required(CHANNEL, StringType, "Payment channel", "WIRE", "one of " + CHANNELS),
          optional(PAYER_COUNTRY, StringType, "Country of the payer's account", "EC",
              "empty or ISO 3166-1 alpha-2"),
          optional(PAYEE_COUNTRY, StringType, "Country of the payee's account", "NL",
              "empty or ISO 3166-1 alpha-2"),
          optional(REFERENCE, StringType, "Payment reference", "INV 2026-0311",
              "empty or at most 140 characters"));

  static final List<ColumnSpec> INSPECTIONS =
      List.of(
          required(BL_NUMBER, StringType, "Bill of lading of the inspected container",
              "MAEU240311872", "1-35 letters, digits or dashes"),
          required(CONTAINER_ID, StringType, "Inspected container", "MSKU9070323",
              "ISO 6346 with check digit"),
          required(INSPECTED_AT, TimestampType, "When it was inspected", "2026-03-21T11:00:00Z",
              TS_RULE),
          required(METHOD, StringType, "Inspection method", "SCAN", "one of " + METHODS),
          required(SELECTED_BY, StringType, "Why it was inspected", "RANDOM",
              "one of " + SELECTED_BY_VALUES),
          required(OUTCOME, StringType, "Result", "HIT", "one of " + OUTCOMES),
          optional(FINDING, StringType, "What was found", "COCAINE",
              "empty or at most 200 characters"),
          optional(QUANTITY_KG, DoubleType, "Seized quantity in kg", "312.5",
              "empty or number >= 0; 0 or empty when outcome is NO_HIT"));

  static final List<ColumnSpec> FIRM_LABELS =
      List.of(
          required(FIRM_ID, StringType, "Labelled firm", "F000777", "a firm id"),
          required(LABELLED_ON, DateType, "Date the label was established", "2026-02-14",
              "YYYY-MM-DD, not after the business date"),
          required(LABEL, StringType, "Investigation outcome", "MALAFIDE", "one of " + LABELS),
          required(LABEL_SOURCE, StringType, "Who established it", "FIOD",
              "non-empty, at most 50 characters"));
}
