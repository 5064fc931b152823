package org.cargorisk.declarations;

/**
 * Why a declaration row is quarantined. A quarantined row carries one reason per broken rule, as
 * {@code CODE:column} (e.g. {@code MISSING_VALUE:importer_id}) or just {@code CODE} for rules on
 * the whole row.
 */
public enum DeclarationRejection {
  /** The line does not have the 22 fields of the header. */
  WRONG_FIELD_COUNT("the line must have exactly as many fields as the header (22)"),
  /** A required column is empty. */
  MISSING_VALUE("the column is required"),
  /** The date is not an ISO date (yyyy-MM-dd). */
  BAD_DATE("the date must be an ISO date yyyy-MM-dd"),
  /** A numeric column does not hold a number. */
  BAD_NUMBER("the column must be a number"),
  /** Mass, price or tax rate below zero. */
  NEGATIVE_VALUE("the column must not be negative"),
  /** The HS code is not six digits. */
  BAD_HS_CODE("the HS code must be exactly six digits"),
  /** Fraud is not 0/1 or Critical Fraud is not 0/1/2. */
  BAD_LABEL("Fraud must be 0 or 1 and Critical Fraud 0, 1 or 2"),
  /** Fraud = 0 with Critical Fraud &gt; 0, or Fraud = 1 with Critical Fraud = 0. */
  INCONSISTENT_LABELS("Critical Fraud must be 0 exactly when Fraud is 0"),
  /** A later row with a declaration id seen earlier in the same input (the first one is kept). */
  DUPLICATE_ID("the declaration id must be unique; the first occurrence is kept");

  private final String rule;

  DeclarationRejection(String rule) {
    this.rule = rule;
  }

  /** The rule broken, in words, for quarantine reports and documentation. */
  public String rule() {
    return rule;
  }

  /** The reason as stored in the quarantine: {@code CODE:column}. */
  public String forColumn(String column) {
    return name() + ":" + column;
  }
}
