package org.cargorisk.validation;

/**
 * Every validation rule of ingest, by name. A record breaking a hard rule is quarantined with
 * the reason codes of all the rules it breaks; a soft rule only adds a quality flag to the
 * accepted bronze row.
 *
 * <p>A reason code as stored is {@code RULE:column} for rules on one column (e.g. {@code
 * INVALID_CONTAINER_ID:container_id}) and {@code RULE} for rules on a record or several columns.
 */
public enum ReasonCode {
  // ---- record level (hard) ----
  /** CSV line whose quotes do not balance (multi-line quoted fields are not supported). */
  MALFORMED_CSV(Severity.HARD),
  /** CSV line with more or fewer fields than the file's header. */
  FIELD_COUNT_MISMATCH(Severity.HARD),
  /** JSON line that is not one JSON object. */
  MALFORMED_JSON(Severity.HARD),
  /** JSON object with a key that is not a contract column. */
  UNKNOWN_FIELD(Severity.HARD),
  /**
   * CSV or JSON line that is not valid UTF-8 (e.g. Latin-1 bytes): the decoder replaced bytes by
   * U+FFFD, so accepting it would store altered text.
   */
  INVALID_ENCODING(Severity.HARD),

  // ---- column level (hard) ----
  /** A required column is empty. */
  MISSING_VALUE(Severity.HARD),
  /** Not an ISO 6346 container number, or its check digit is wrong. */
  INVALID_CONTAINER_ID(Severity.HARD),
  /** Not a 7-digit IMO number, or its check digit is wrong. */
  INVALID_IMO(Severity.HARD),
  /** Not a UN/LOCODE (2-letter ISO 3166 country + 3 letters or digits 2-9). */
  INVALID_LOCODE(Severity.HARD),
  /** Not an ISO 3166-1 alpha-2 country code. */
  INVALID_COUNTRY(Severity.HARD),
  /** Not an ISO 4217 currency code. */
  INVALID_CURRENCY(Severity.HARD),
  /** Not an HS code of 6 to 10 digits. */
  INVALID_HS_CODE(Severity.HARD),
  /** Not a number (or not an integer where one is required). */
  INVALID_NUMBER(Severity.HARD),
  /** A number below its minimum (negative weights, amounts, packages; seq below 1). */
  NUMBER_TOO_SMALL(Severity.HARD),
  /** A number above its sane maximum (e.g. more than 40 000 kg in one container). */
  NUMBER_TOO_LARGE(Severity.HARD),
  /** Not an ISO-8601 timestamp. */
  INVALID_TIMESTAMP(Severity.HARD),
  /** Not a date YYYY-MM-DD. */
  INVALID_DATE(Severity.HARD),
  /** A timestamp or date outside its allowed range (before 2000-01-01, in the future). */
  OUT_OF_RANGE(Severity.HARD),
  /** A value outside its enumeration (event types, sectors, channels, ...). */
  INVALID_ENUM(Severity.HARD),
  /** A value longer than the contract allows. */
  TOO_LONG(Severity.HARD),
  /** A value that does not match its format (identifiers, container type, EORI, IBAN). */
  INVALID_FORMAT(Severity.HARD),
  /** Port call departs before it arrives. */
  DEPARTED_BEFORE_ARRIVED(Severity.HARD),
  /** Transaction with neither payer nor payee. */
  NO_COUNTERPARTY(Severity.HARD),
  /** Inspection with a seized quantity but an outcome other than HIT. */
  QUANTITY_WITHOUT_HIT(Severity.HARD),

  // ---- referential (soft: flagged in _quality_flags, never dropped) ----
  UNKNOWN_SHIPPER(Severity.SOFT),
  UNKNOWN_CONSIGNEE(Severity.SOFT),
  UNKNOWN_NOTIFY_PARTY(Severity.SOFT),
  UNKNOWN_FORWARDER(Severity.SOFT),
  UNKNOWN_PAYER(Severity.SOFT),
  UNKNOWN_PAYEE(Severity.SOFT);

  /** Hard rules quarantine the record; soft rules flag it. */
  public enum Severity {
    HARD,
    SOFT
  }

  private final Severity severity;

  ReasonCode(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  /** The stored code for a rule on one column, e.g. {@code INVALID_IMO:vessel_imo}. */
  public String on(String column) {
    return name() + ":" + column;
  }
}
