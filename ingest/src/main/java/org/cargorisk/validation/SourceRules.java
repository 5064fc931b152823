package org.cargorisk.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.cargorisk.contracts.Contracts.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;

/**
 * The hard validation rules of one source for one business date, derived from its contract
 * ({@link Source#columns()}): emptiness of required columns and type checks come from the
 * column's type; formats, code lists, enumerations, lengths and ranges from the column's name;
 * cross-field rules per source. Rules run on cleaned strings ({@link #cleanedColumns()}); the
 * typed values ({@link #typedColumns()}) are what bronze stores.
 */
public final class SourceRules {
  /** Earliest timestamp or date any landing record may carry. */
  public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  /** Earliest date of incorporation of a firm. */
  public static final LocalDate EARLIEST_REGISTRATION = LocalDate.of(1850, 1, 1);
  /** How far after the business date an expected arrival may lie. */
  public static final int ETA_HORIZON_DAYS = 366;

  /** Inclusive bounds of numeric columns: minimum, sane maximum. */
  static final Map<String, double[]> NUMBER_BOUNDS =
      Map.of(
          PACKAGES, new double[] {0, 1_000_000},
          GROSS_WEIGHT_KG, new double[] {0, 40_000},
          DECLARED_VALUE_EUR, new double[] {0, 100_000_000},
          SEQ, new double[] {1, 1_000},
          AMOUNT, new double[] {0, 10_000_000_000.0},
          QUANTITY_KG, new double[] {0, 40_000});

  /** Maximum lengths of free-text columns. */
  static final Map<String, Integer> MAX_LENGTHS =
      Map.of(
          GOODS_DESCRIPTION, 512,
          SEAL_NUMBER, 20,
          NAME, 200,
          ADDRESS, 300,
          DIRECTOR_NAME, 200,
          FINDING, 200,
          REFERENCE, 140,
          LABEL_SOURCE, 50);

  /** Identifier formats (letters, digits, dashes) and codes with a fixed shape. */
  static final Map<String, String> FORMATS =
      Map.ofEntries(
          Map.entry(BL_NUMBER, "^[A-Za-z0-9-]{1,35}$"),
          Map.entry(VOYAGE_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(FIRM_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(SHIPPER_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(CONSIGNEE_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(NOTIFY_PARTY_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(FORWARDER_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(PAYER_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(PAYEE_ID, "^[A-Za-z0-9-]{1,20}$"),
          Map.entry(TXN_ID, "^[A-Za-z0-9-]{1,40}$"),
          Map.entry(CONTAINER_TYPE, "^[0-9A-Z]{2}[A-Z][0-9]$"),
          Map.entry(EORI, "^[A-Z]{2}[A-Za-z0-9]{1,15}$"),
          Map.entry(BANK_ACCOUNT, "^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$"));

  static final Map<String, List<String>> ENUMERATIONS =
      Map.of(
          EVENT_TYPE, EVENT_TYPES,
          SECTOR, SECTORS,
          CHANNEL, CHANNELS,
          METHOD, METHODS,
          SELECTED_BY, SELECTED_BY_VALUES,
          OUTCOME, OUTCOMES,
          LABEL, LABELS);

  static final List<String> LOCODE_COLUMNS =
      List.of(PORT_OF_LOADING, PORT_OF_DISCHARGE, PORT, LOCATION);
  static final List<String> COUNTRY_COLUMNS =
      List.of(ORIGIN_COUNTRY, COUNTRY, PAYER_COUNTRY, PAYEE_COUNTRY);

  private final Source source;
  /** The business date of each record: a literal, or a column when a batch spans dates. */
  private final Column businessDate;

  private SourceRules(Source source, Column businessDate) {
    this.source = Objects.requireNonNull(source, "source");
    this.businessDate = Objects.requireNonNull(businessDate, "businessDate");
  }

  public static SourceRules of(Source source, LocalDate businessDate) {
    return new SourceRules(source, lit(java.sql.Date.valueOf(Objects.requireNonNull(businessDate, "businessDate"))));
  }

  /** Rules for a batch whose records carry their business date in a date column. */
  public static SourceRules of(Source source, Column businessDate) {
    return new SourceRules(source, businessDate);
  }

  public Source source() {
    return source;
  }

  /** Each contract column as a cleaned string (trimmed, empty as null, IMO prefix removed). */
  public List<Column> cleanedColumns() {
    List<Column> columns = new ArrayList<>();
    for (ColumnSpec spec : source.columns()) {
      Column cleaned = Rules.cleaned(col(spec.name()));
      if (spec.name().equals(VESSEL_IMO)) {
        cleaned = Rules.imoDigits(cleaned);
      }
      columns.add(cleaned.as(spec.name()));
    }
    return columns;
  }

  /** Each contract column converted to its contract type, from the cleaned string. */
  public List<Column> typedColumns() {
    return source.columns().stream().map(spec -> typed(spec).as(spec.name())).toList();
  }

  /** Every hard rule of the source, on cleaned columns. */
  public List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (ColumnSpec spec : source.columns()) {
      rules.addAll(columnRules(spec));
    }
    rules.addAll(crossFieldRules());
    return rules;
  }

  private List<Rule> columnRules(ColumnSpec spec) {
    String name = spec.name();
    Column value = col(name);
    List<Rule> rules = new ArrayList<>();
    if (spec.required()) {
      rules.add(Rule.on(ReasonCode.MISSING_VALUE, name, value.isNull()));
    }
    DataType type = spec.type();
    if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.DoubleType)) {
      Column wellFormed =
          type.equals(DataTypes.IntegerType) ? Rules.isInteger(value) : Rules.isNumber(value);
      rules.add(Rule.on(ReasonCode.INVALID_NUMBER, name, value.isNotNull().and(wellFormed.unary_$bang())));
      double[] bounds = NUMBER_BOUNDS.get(name);
      if (bounds != null) {
        Column number = value.try_cast(DataTypes.DoubleType);
        rules.add(Rule.on(ReasonCode.NUMBER_TOO_SMALL, name, wellFormed.and(number.lt(bounds[0]))));
        rules.add(Rule.on(ReasonCode.NUMBER_TOO_LARGE, name, wellFormed.and(number.gt(bounds[1]))));
      }
    } else if (type.equals(DataTypes.TimestampType)) {
      Column wellFormed = Rules.isTimestamp(value);
      rules.add(Rule.on(ReasonCode.INVALID_TIMESTAMP, name, value.isNotNull().and(wellFormed.unary_$bang())));
      Column timestamp = value.try_cast(DataTypes.TimestampType);
      Column latest = latestTimestamp(name);
      rules.add(
          Rule.on(
              ReasonCode.OUT_OF_RANGE,
              name,
              wellFormed.and(timestamp.lt(lit(startOf(EARLIEST))).or(timestamp.geq(latest)))));
    } else if (type.equals(DataTypes.DateType)) {
      Column wellFormed = Rules.isDate(value);
      rules.add(Rule.on(ReasonCode.INVALID_DATE, name, value.isNotNull().and(wellFormed.unary_$bang())));
      Column date = value.try_cast(DataTypes.DateType);
      LocalDate earliest = name.equals(REGISTERED_ON) ? EARLIEST_REGISTRATION : EARLIEST;
      rules.add(
          Rule.on(
              ReasonCode.OUT_OF_RANGE,
              name,
              wellFormed.and(date.lt(lit(earliest)).or(date.gt(businessDate)))));
    }
    if (name.equals(CONTAINER_ID)) {
      rules.add(Rule.on(ReasonCode.INVALID_CONTAINER_ID, name, Rules.isContainerNumber(value).unary_$bang()));
    }
    if (name.equals(VESSEL_IMO)) {
      rules.add(Rule.on(ReasonCode.INVALID_IMO, name, Rules.isImo(value).unary_$bang()));
    }
    if (LOCODE_COLUMNS.contains(name)) {
      rules.add(Rule.on(ReasonCode.INVALID_LOCODE, name, Rules.isLocode(value).unary_$bang()));
    }
    if (COUNTRY_COLUMNS.contains(name)) {
      rules.add(Rule.on(ReasonCode.INVALID_COUNTRY, name, Rules.isCountry(value).unary_$bang()));
    }
    if (name.equals(CURRENCY)) {
      rules.add(Rule.on(ReasonCode.INVALID_CURRENCY, name, Rules.isCurrency(value).unary_$bang()));
    }
    if (name.equals(HS_CODE)) {
      rules.add(Rule.on(ReasonCode.INVALID_HS_CODE, name, Rules.isHsCode(value).unary_$bang()));
    }
    if (ENUMERATIONS.containsKey(name)) {
      rules.add(
          Rule.on(
              ReasonCode.INVALID_ENUM, name, Rules.isOneOf(value, ENUMERATIONS.get(name)).unary_$bang()));
    }
    if (FORMATS.containsKey(name)) {
      rules.add(Rule.on(ReasonCode.INVALID_FORMAT, name, value.rlike(FORMATS.get(name)).unary_$bang()));
    }
    if (MAX_LENGTHS.containsKey(name)) {
      rules.add(Rule.on(ReasonCode.TOO_LONG, name, Rules.isLongerThan(value, MAX_LENGTHS.get(name))));
    }
    return rules;
  }

  private List<Rule> crossFieldRules() {
    return switch (source) {
      case PORT_CALLS ->
          List.of(
              Rule.record(
                  ReasonCode.DEPARTED_BEFORE_ARRIVED,
                  col(DEPARTED_AT)
                      .try_cast(DataTypes.TimestampType)
                      .lt(col(ARRIVED_AT).try_cast(DataTypes.TimestampType))));
      case TRANSACTIONS ->
          List.of(
              Rule.record(
                  ReasonCode.NO_COUNTERPARTY, col(PAYER_ID).isNull().and(col(PAYEE_ID).isNull())));
      case INSPECTIONS ->
          List.of(
              Rule.record(
                  ReasonCode.QUANTITY_WITHOUT_HIT,
                  col(QUANTITY_KG)
                      .try_cast(DataTypes.DoubleType)
                      .gt(0)
                      .and(col(OUTCOME).notEqual(lit("HIT")))));
      default -> List.of();
    };
  }

  /** Exclusive upper bound: the end of the day after the business date (eta: a year on). */
  private Column latestTimestamp(String column) {
    int days = column.equals(ETA) ? ETA_HORIZON_DAYS + 1 : 2;
    // Midnight UTC (the session time zone) at the start of business date + days.
    return date_add(businessDate, days).cast(DataTypes.TimestampType);
  }

  private static Instant startOf(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Column typed(ColumnSpec spec) {
    Column value = col(spec.name());
    return spec.type().equals(DataTypes.StringType) ? value : value.try_cast(spec.type());
  }
}
