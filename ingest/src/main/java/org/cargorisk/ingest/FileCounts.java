package org.cargorisk.ingest;

import org.cargorisk.contracts.Source;

/**
 * Records of one landing file: read = accepted + quarantined.
 *
 * @param source the file's source
 * @param file fully qualified path
 * @param read records (non-blank data lines, Parquet rows) read
 * @param accepted records that passed every hard rule
 * @param quarantined records written to quarantine
 */
public record FileCounts(Source source, String file, long read, long accepted, long quarantined) {
  public boolean reconciles() {
    return read == accepted + quarantined;
  }
}
