package org.cargorisk.validation;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Identifiers;

/**
 * Validation predicates as Spark column expressions (built-in functions only, so Catalyst can
 * optimise and code-generate them). Every predicate takes a cleaned string column (see {@link
 * #cleaned}) and is null for a null input; {@link Rule} turns null into "not broken".
 *
 * <p>The check digits are the same arithmetic as {@link Identifiers}, written as expressions;
 * the tests cross-check both on many numbers.
 */
public final class Rules {
  private Rules() {}

  /** ISO 3166-1 alpha-2 codes known to the JDK. */
  public static final List<String> COUNTRY_CODES = List.of(Locale.getISOCountries());

  /** ISO 4217 codes known to the JDK. */
  public static final List<String> CURRENCY_CODES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
          .stream()
          .toList();

  /** An ISO-8601 timestamp: date, 'T' or space, time, optional fraction and zone. */
  static final String TIMESTAMP_PATTERN =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?"
          + "(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$";

  static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

  /** A decimal number, optionally signed, with an optional exponent (no NaN, no Infinity). */
  static final String NUMBER_PATTERN = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$";

  static final String INTEGER_PATTERN = "^[+-]?[0-9]{1,9}$";

  /** Trimmed, with the empty string as null (landing files write absent values as empty). */
  public static Column cleaned(Column raw) {
    return nullif(trim(raw), lit(""));
  }

  /** An IMO number with its optional "IMO" prefix removed (IMO 9074729 -> 9074729). */
  public static Column imoDigits(Column cleaned) {
    return regexp_replace(cleaned, "^IMO\\s*", "");
  }

  /** ISO 6346: owner code, category U/J/Z, six digits and a correct check digit. */
  public static Column isContainerNumber(Column id) {
    Column letterValues = letterValueMap();
    Column sum = lit(0);
    for (int i = 0; i < 10; i++) {
      Column character = substring(id, i + 1, 1);
      Column value =
          i < 4 ? element_at(letterValues, character) : character.try_cast(DataTypes.IntegerType);
      sum = sum.plus(value.multiply(lit(1 << i)));
    }
    Column checkDigit = substring(id, 11, 1).try_cast(DataTypes.IntegerType);
    // The arithmetic only runs on well-formed numbers, so the letter map never misses a key.
    return when(id.isNull(), lit(null).cast(DataTypes.BooleanType))
        .when(id.rlike("^[A-Z]{3}[UJZ][0-9]{7}$"), pmod(sum, lit(11)).mod(lit(10)).equalTo(checkDigit))
        .otherwise(lit(false));
  }

  /** Seven digits whose last is the IMO check digit (sum of digit * 7..2, mod 10). */
  public static Column isImo(Column digits) {
    Column sum = lit(0);
    for (int i = 0; i < 6; i++) {
      sum = sum.plus(substring(digits, i + 1, 1).try_cast(DataTypes.IntegerType).multiply(lit(7 - i)));
    }
    Column checkDigit = substring(digits, 7, 1).try_cast(DataTypes.IntegerType);
    return when(digits.isNull(), lit(null).cast(DataTypes.BooleanType))
        .when(digits.rlike("^[0-9]{7}$"), pmod(sum, lit(10)).equalTo(checkDigit))
        .otherwise(lit(false));
  }

  /** UN/LOCODE: an ISO 3166 country and three letters or digits 2-9 (e.g. NLRTM, ECGYE). */
  public static Column isLocode(Column code) {
    return code.rlike("^[A-Z]{2}[A-Z2-9]{3}$").and(substring(code, 1, 2).isin(COUNTRY_CODES.toArray()));
  }

  public static Column isCountry(Column code) {
    return code.isin(COUNTRY_CODES.toArray());
  }

  public static Column isCurrency(Column code) {
    return code.isin(CURRENCY_CODES.toArray());
  }

  /** Harmonized System code: 6 to 10 digits. */
  public static Column isHsCode(Column code) {
    return code.rlike("^[0-9]{6,10}$");
  }

  public static Column isNumber(Column value) {
    return value.rlike(NUMBER_PATTERN);
  }

  public static Column isInteger(Column value) {
    return value.rlike(INTEGER_PATTERN);
  }

  public static Column isTimestamp(Column value) {
    return value.rlike(TIMESTAMP_PATTERN).and(value.try_cast(DataTypes.TimestampType).isNotNull());
  }

  public static Column isDate(Column value) {
    return value.rlike(DATE_PATTERN).and(value.try_cast(DataTypes.DateType).isNotNull());
  }

  public static Column isOneOf(Column value, List<String> allowed) {
    return value.isin(allowed.toArray());
  }

  public static Column isLongerThan(Column value, int maxLength) {
    return length(value).gt(maxLength);
  }

  /** A map literal from A..Z to its ISO 6346 value. */
  private static Column letterValueMap() {
    List<Column> entries = new ArrayList<>();
    for (char c = 'A'; c <= 'Z'; c++) {
      entries.add(lit(String.valueOf(c)));
      entries.add(lit(Identifiers.iso6346LetterValue(c)));
    }
    return map(entries.toArray(Column[]::new));
  }
}
