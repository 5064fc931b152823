package org.cargorisk.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The keyed hash that pseudonymises person data wherever CargoRisk stores it (directors' names
 * and bank accounts at ingest, accounts in the access table): SHA-256 of {@code key + "|" +
 * value} as lower-case hex, the same value as Spark's {@code sha2(concat(key, '|', value), 256)}.
 * Equal people get equal pseudonyms under one key, so tables can be joined on them; without the
 * key, the clear value cannot be recovered or confirmed.
 */
public final class KeyedHash {
  private KeyedHash() {}

  /** The pseudonym of {@code value} under {@code key}; null for null. */
  public static String of(String key, String value) {
    if (value == null) {
      return null;
    }
    return hex((key + "|").getBytes(StandardCharsets.UTF_8), value);
  }

  /** SHA-256 of the prefix (key and separator) and the value, in lower-case hex. */
  public static String hex(byte[] prefix, String value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(prefix);
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
