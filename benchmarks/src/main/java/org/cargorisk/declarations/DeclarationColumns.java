package org.cargorisk.declarations;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The contract of the public import-declaration format (Korea Customs Service / IBS synthetic
 * declarations, arXiv 2208.02484, MIT licence): the header of the CSV files as published, and the
 * typed, snake_case columns CargoRisk works with. The single source of truth for these names.
 */
public final class DeclarationColumns {
  private DeclarationColumns() {}

  // Typed columns (what the adapter outputs), in file order.
  /** Declaration number; unique per file. */
  public static final String DECLARATION_ID = "declaration_id";
  /** Date the declaration was filed (ISO date). */
  public static final String DECLARED_ON = "declared_on";
  /** Customs office that received the declaration. */
  public static final String OFFICE_ID = "office_id";
  /** Customs process type code (A, B, D). */
  public static final String PROCESS_TYPE = "process_type";
  /** Import type code (e.g. 11 = general import). */
  public static final String IMPORT_TYPE = "import_type";
  /** Import use code (e.g. 21 = resale). */
  public static final String IMPORT_USE = "import_use";
  /** Payment type code. */
  public static final String PAYMENT_TYPE = "payment_type";
  /** Mode of transport code (10 = sea, 40 = air, ...). */
  public static final String TRANSPORT_MODE = "transport_mode";
  /** Customs broker who filed the declaration. */
  public static final String DECLARANT_ID = "declarant_id";
  /** Importer of record. */
  public static final String IMPORTER_ID = "importer_id";
  /** Foreign seller; nullable. */
  public static final String SELLER_ID = "seller_id";
  /** Express courier; nullable (most declarations have none). */
  public static final String COURIER_ID = "courier_id";
  /** Harmonized System code, 6 digits. */
  public static final String HS6 = "hs6";
  /** Country of departure, ISO 3166 alpha-2. */
  public static final String DEPARTURE_COUNTRY = "departure_country";
  /** Country of origin, ISO 3166 alpha-2. */
  public static final String ORIGIN_COUNTRY = "origin_country";
  /** Tariff rate in percent (&gt;= 0). */
  public static final String TAX_RATE = "tax_rate";
  /** Tariff type code (A = basic, C = WTO, F.. = free-trade agreements). */
  public static final String TAX_TYPE = "tax_type";
  /** How the origin was established (indicator code). */
  public static final String ORIGIN_INDICATOR = "origin_indicator";
  /** Net mass in kg (&gt;= 0). */
  public static final String NET_MASS_KG = "net_mass_kg";
  /** Declared item price (KRW, &gt;= 0). */
  public static final String ITEM_PRICE = "item_price";
  /** Label: 1 when the inspection found any fraud, 0 otherwise. */
  public static final String FRAUD = "fraud";
  /** Label: 0 no fraud, 1 non-critical fraud, 2 critical fraud. */
  public static final String CRITICAL_FRAUD = "critical_fraud";

  // Lineage columns, on accepted and quarantined rows.
  /** File the row came from. */
  public static final String SOURCE_FILE = "source_file";
  /** 1-based line number in that file (the header is line 1). */
  public static final String LINE_NUMBER = "line_number";

  // Quarantine columns.
  /** The raw CSV line as read. */
  public static final String RAW_LINE = "raw_line";
  /** Why the row was rejected: codes of {@link DeclarationRejection}. */
  public static final String REASONS = "reasons";

  /** The header of the published CSV files, in order. */
  public static final List<String> CSV_HEADER =
      List.of(
          "Declaration ID",
          "Date",
          "Office ID",
          "Process Type",
          "Import Type",
          "Import Use",
          "Payment Type",
          "Mode of Transport",
          "Declarant ID",
          "Importer ID",
          "Seller ID",
          "Courier ID",
          "HS6 Code",
          "Country of Departure",
          "Country of Origin",
          "Tax Rate",
          "Tax Type",
          "Country of Origin Indicator",
          "Net Mass",
          "Item Price",
          "Fraud",
          "Critical Fraud");

  /** Typed column names, in the order of {@link #CSV_HEADER}. */
  public static final List<String> COLUMNS =
      List.of(
          DECLARATION_ID,
          DECLARED_ON,
          OFFICE_ID,
          PROCESS_TYPE,
          IMPORT_TYPE,
          IMPORT_USE,
          PAYMENT_TYPE,
          TRANSPORT_MODE,
          DECLARANT_ID,
          IMPORTER_ID,
          SELLER_ID,
          COURIER_ID,
          HS6,
          DEPARTURE_COUNTRY,
          ORIGIN_COUNTRY,
          TAX_RATE,
          TAX_TYPE,
          ORIGIN_INDICATOR,
          NET_MASS_KG,
          ITEM_PRICE,
          FRAUD,
          CRITICAL_FRAUD);

  /** Columns that must be present on every row. */
  public static final List<String> REQUIRED =
      List.of(
          DECLARATION_ID,
          DECLARED_ON,
          OFFICE_ID,
          DECLARANT_ID,
          IMPORTER_ID,
          HS6,
          ORIGIN_COUNTRY,
          TAX_RATE,
          NET_MASS_KG,
          ITEM_PRICE,
          FRAUD,
          CRITICAL_FRAUD);

  /** Every field as text: how a line is first split, before the typed checks. */
  public static final StructType RAW_SCHEMA = rawSchema();

  /** The accepted declarations: typed columns, then lineage. */
  public static final StructType SCHEMA =
      new StructType()
          .add(DECLARATION_ID, DataTypes.StringType, false)
          .add(DECLARED_ON, DataTypes.DateType, false)
          .add(OFFICE_ID, DataTypes.StringType, false)
          .add(PROCESS_TYPE, DataTypes.StringType, true)
          .add(IMPORT_TYPE, DataTypes.StringType, true)
          .add(IMPORT_USE, DataTypes.StringType, true)
          .add(PAYMENT_TYPE, DataTypes.StringType, true)
          .add(TRANSPORT_MODE, DataTypes.StringType, true)
          .add(DECLARANT_ID, DataTypes.StringType, false)
          .add(IMPORTER_ID, DataTypes.StringType, false)
          .add(SELLER_ID, DataTypes.StringType, true)
          .add(COURIER_ID, DataTypes.StringType, true)
          .add(HS6, DataTypes.StringType, false)
          .add(DEPARTURE_COUNTRY, DataTypes.StringType, true)
          .add(ORIGIN_COUNTRY, DataTypes.StringType, false)
          .add(TAX_RATE, DataTypes.DoubleType, false)
          .add(TAX_TYPE, DataTypes.StringType, true)
          .add(ORIGIN_INDICATOR, DataTypes.StringType, true)
          .add(NET_MASS_KG, DataTypes.DoubleType, false)
          .add(ITEM_PRICE, DataTypes.DoubleType, false)
          .add(FRAUD, DataTypes.IntegerType, true)
          .add(CRITICAL_FRAUD, DataTypes.IntegerType, true)
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(LINE_NUMBER, DataTypes.LongType, false);

  /** Rejected rows: where they came from, the raw line and every reason. */
  public static final StructType QUARANTINE_SCHEMA =
      new StructType()
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(LINE_NUMBER, DataTypes.LongType, false)
          .add(RAW_LINE, DataTypes.StringType, false)
          .add(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false);

  private static StructType rawSchema() {
    StructType schema = new StructType();
    for (String column : COLUMNS) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    return schema;
  }
}
