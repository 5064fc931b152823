package org.cargorisk.ingest;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cargorisk.contracts.Source;

/**
 * What an ingest run did, for the run record and the caller.
 *
 * @param runId the run
 * @param businessDate the landing date ingested
 * @param sources counts per source, in {@link Source} order (every source, 0 when absent)
 * @param files counts per landing file
 * @param outputVersions Delta table path to the version this run committed
 * @param gaps daily sources that had no landing file on a date of the run (only when the run
 *     allowed it: see {@link Ingest#requireDailySources()})
 */
public record IngestResult(
    String runId,
    LocalDate businessDate,
    Map<Source, SourceCounts> sources,
    List<FileCounts> files,
    Map<String, Long> outputVersions,
    List<LandingCheck.Gap> gaps) {

  public IngestResult {
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    files = List.copyOf(files);
    outputVersions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputVersions));
    gaps = List.copyOf(gaps);
  }

  /** Whether the business date itself lacks a daily source: nothing new to score tonight. */
  public boolean businessDateEmpty() {
    return gaps.stream().anyMatch(gap -> gap.date().equals(businessDate));
  }

  /** Landing files read, fully qualified. */
  public List<String> inputFiles() {
    return files.stream().map(FileCounts::file).toList();
  }

  public SourceCounts counts(Source source) {
    return sources.get(source);
  }

  /**
   * Flat counts for the run record: {@code <source>.read|accepted|quarantined|merged|files}
   * and {@code <source>.file.<file name>.read|accepted|quarantined}.
   */
  public Map<String, Long> flatCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    long read = 0;
    long accepted = 0;
    long quarantined = 0;
    for (SourceCounts source : sources.values()) {
      String prefix = source.source().sourceName() + ".";
      counts.put(prefix + "files", source.files());
      counts.put(prefix + "read", source.read());
      counts.put(prefix + "accepted", source.accepted());
      counts.put(prefix + "quarantined", source.quarantined());
      counts.put(prefix + "keys", source.keys());
      read += source.read();
      accepted += source.accepted();
      quarantined += source.quarantined();
    }
    for (FileCounts file : files) {
      String prefix =
          file.source().sourceName() + ".file." + file.file().substring(file.file().lastIndexOf('/') + 1) + ".";
      counts.put(prefix + "read", file.read());
      counts.put(prefix + "accepted", file.accepted());
      counts.put(prefix + "quarantined", file.quarantined());
    }
    counts.put("total.read", read);
    counts.put("total.accepted", accepted);
    counts.put("total.quarantined", quarantined);
    counts.put("daily_sources_missing", (long) gaps.size());
    return counts;
  }
}
