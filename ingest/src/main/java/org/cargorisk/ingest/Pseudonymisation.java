package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.audit.KeyedHash;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.validation.ValidationColumns;

/**
 * Pseudonymises the person-level columns of a source ({@link Source#personalColumns()}) with a
 * keyed hash, in the typed columns and inside the raw record that the quarantine keeps.
 *
 * <p>The hash is SHA-256 of {@code key + "|" + value} as lower-case hex (the same values as
 * Spark's {@code sha2(concat(key, '|', value), 256)}). It is a UDF on purpose, the one place where
 * no built-in serves: with built-ins the key would be a string literal of the query plan, and
 * Spark writes plans into its event log, the UI and some error messages. In a UDF the key travels
 * only inside the serialised function.
 *
 * <p>A quarantined record whose personal values cannot be found in its raw text cannot have them
 * hashed there: a malformed record (any format reason: field count mismatch, broken quotes or
 * JSON, bad encoding) whose fields are not where the header says, or a value that appears
 * escaped in the file (doubled CSV quotes, JSON escapes). Its raw text is replaced by {@code
 * [redacted: N bytes, keyed-hash H]} in the analyst-facing quarantine, and the clear text goes to
 * {@link #RESTRICTED_RAW} for {@code restricted/quarantine_raw} (docs/INGEST.md).
 */
final class Pseudonymisation {
  /** Working column: the clear raw text of a record whose raw text was redacted, else null. */
  static final String RESTRICTED_RAW = "_restricted_raw";
  /** Hex digits of the raw text's keyed hash shown in the redacted text. */
  static final int SHOWN_HASH_DIGITS = 16;

  private Pseudonymisation() {}

  /**
   * Hashes the source's person-level columns and treats the raw record as described in the class
   * comment. Sources without person-level columns are returned unchanged (with a null {@link
   * #RESTRICTED_RAW}).
   *
   * @param records validated records: contract columns, {@link IngestColumns#RAW_RECORD} and
   *     {@link ValidationColumns#FORMAT_REASONS}
   */
  static Dataset<Row> apply(Dataset<Row> records, Source source, String key) {
    List<String> personal = source.personalColumns();
    if (personal.isEmpty()) {
      return records.withColumn(RESTRICTED_RAW, lit(null).cast(DataTypes.StringType));
    }
    UserDefinedFunction hash = keyedHash(key);
    Column raw = col(IngestColumns.RAW_RECORD);
    Column hidden = size(col(ValidationColumns.FORMAT_REASONS)).gt(0);
    Column pseudonymised = raw;
    for (String column : personal) {
      Column value = col(column);
      hidden = hidden.or(value.isNotNull().and(raw.contains(value).unary_$bang()));
      pseudonymised = when(value.isNotNull(), replace(pseudonymised, value, hash.apply(value))).otherwise(pseudonymised);
    }
    Column redacted =
        concat(
            lit("[redacted: "),
            octet_length(raw).cast(DataTypes.StringType),
            lit(" bytes, keyed-hash "),
            substring(hash.apply(raw), 1, SHOWN_HASH_DIGITS),
            lit("]"));
    Dataset<Row> result =
        records
            .withColumn(RESTRICTED_RAW, when(hidden, raw))
            .withColumn(IngestColumns.RAW_RECORD, when(hidden, redacted).otherwise(pseudonymised));
    for (String column : personal) {
      Column value = col(column);
      result = result.withColumn(column, when(value.isNotNull(), hash.apply(value)));
    }
    return result;
  }

  /** The keyed hash as a Spark function; the key stays out of the query plan. */
  static UserDefinedFunction keyedHash(String key) {
    if (key == null || key.isEmpty()) {
      throw CargoRiskErrors.invalidConfiguration(
          "pseudonym key", "(empty)", "ingest needs a non-empty key to pseudonymise personal data");
    }
    byte[] prefix = (key + "|").getBytes(StandardCharsets.UTF_8);
    UDF1<String, String> function = value -> value == null ? null : hex(prefix, value);
    return functions.udf(function, DataTypes.StringType).withName("keyed_hash");
  }

  /** SHA-256 of the prefix (key and separator) and the value, in lower-case hex ({@link KeyedHash}). */
  static String hex(byte[] prefix, String value) {
    return KeyedHash.hex(prefix, value);
  }
}
