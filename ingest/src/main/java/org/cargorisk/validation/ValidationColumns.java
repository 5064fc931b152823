package org.cargorisk.validation;

/** Working columns of validation (never written to bronze). */
public final class ValidationColumns {
  private ValidationColumns() {}

  /**
   * array&lt;string&gt;: record-level reason codes found while reading (malformed CSV or JSON
   * lines); the reader provides it, validation adds the column rules' codes to it.
   */
  public static final String FORMAT_REASONS = "_format_reasons";

  /** array&lt;string&gt;: every hard reason code the record breaks; empty = accepted. */
  public static final String REASONS = "_reasons";
}
