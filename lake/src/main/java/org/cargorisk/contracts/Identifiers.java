package org.cargorisk.contracts;

import java.util.regex.Pattern;

/**
 * Check digits of the identifiers in the contracts, as plain Java for generators and reference
 * tests. Ingest validates the same rules as Spark column expressions; its tests cross-check
 * against these.
 */
public final class Identifiers {
  private Identifiers() {}

  private static final Pattern CONTAINER = Pattern.compile("[A-Z]{3}[UJZ][0-9]{7}");
  private static final Pattern IMO = Pattern.compile("[0-9]{7}");

  /**
   * ISO 6346 letter values: A=10, then up by one, skipping multiples of 11 (so B=12, K=21, L=23,
   * U=32, V=34).
   */
  public static int iso6346LetterValue(char letter) {
    int value = 10;
    for (char c = 'A'; c < letter; c++) {
      value++;
      if (value % 11 == 0) {
        value++;
      }
    }
    return value;
  }

  /** The ISO 6346 check digit of the first 10 characters (owner code, category, serial). */
  public static int iso6346CheckDigit(String firstTen) {
    if (firstTen.length() != 10) {
      throw new IllegalArgumentException("need 10 characters, cannot be: " + firstTen);
    }
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      char c = firstTen.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : iso6346LetterValue(c);
      sum += value << i;
    }
    return sum % 11 % 10;
  }

  /** True for an 11-character ISO 6346 container number with a correct check digit. */
  public static boolean isValidContainerNumber(String id) {
    return id != null
        && CONTAINER.matcher(id).matches()
        && iso6346CheckDigit(id.substring(0, 10)) == id.charAt(10) - '0';
  }

  /** The IMO check digit of the first six digits: sum of digit * (7..2), mod 10. */
  public static int imoCheckDigit(String firstSix) {
    if (firstSix.length() != 6) {
      throw new IllegalArgumentException("need 6 digits, cannot be: " + firstSix);
    }
    int sum = 0;
    for (int i = 0; i < 6; i++) {
      sum += (firstSix.charAt(i) - '0') * (7 - i);
    }
    return sum % 10;
  }

  /** True for a 7-digit IMO number with a correct check digit. */
  public static boolean isValidImo(String imo) {
    return imo != null
        && IMO.matcher(imo).matches()
        && imoCheckDigit(imo.substring(0, 6)) == imo.charAt(6) - '0';
  }
}
