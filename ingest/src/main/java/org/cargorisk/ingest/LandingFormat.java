package org.cargorisk.ingest;

import java.util.Locale;
import java.util.Optional;

/** File formats of the landing area, recognised by file name extension. */
public enum LandingFormat {
  /** UTF-8 CSV with a header row, comma separated, RFC 4180 quoting ("" inside quotes). */
  CSV,
  /** JSON lines: one JSON object per line ({@code .json} or {@code .jsonl}). */
  JSON,
  /** Apache Parquet. */
  PARQUET;

  /** The format of a file name, if it is one ingest reads. */
  public static Optional<LandingFormat> of(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl")) {
      return Optional.of(JSON);
    }
    if (name.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    return Optional.empty();
  }
}
