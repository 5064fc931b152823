package org.cargorisk.ingest;

import org.cargorisk.contracts.Source;

/**
 * Records of one source for the date: read = accepted + quarantined.
 *
 * @param source the source
 * @param files landing files read (0: no folder for the date, which means no data)
 * @param read records read
 * @param accepted records that passed every hard rule
 * @param quarantined records written to quarantine
 * @param keys distinct natural keys among the accepted records: the rows they add to or change
 *     in the source's current table (duplicates of a key collapse to one deterministic winner)
 */
public record SourceCounts(
    Source source, long files, long read, long accepted, long quarantined, long keys) {
  public boolean reconciles() {
    return read == accepted + quarantined && keys <= accepted;
  }
}
