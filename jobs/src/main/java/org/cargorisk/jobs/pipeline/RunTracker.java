package org.cargorisk.jobs.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cargorisk.audit.RunRecord;

/**
 * Collects what a run did (input files, table versions, counts, steps) for its run record.
 * Thread-confined to the driver's main thread.
 */
public final class RunTracker {
  private final Clock clock;
  private final List<String> inputFiles = new ArrayList<>();
  private final Map<String, Long> inputVersions = new LinkedHashMap<>();
  private final Map<String, Long> outputVersions = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final List<RunRecord.Step> steps = new ArrayList<>();
  private String emptyBecause;

  public RunTracker(Clock clock) {
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public void addInputFiles(List<String> files) {
    inputFiles.addAll(files);
  }

  public void inputVersion(String table, long version) {
    inputVersions.put(table, version);
  }

  public void outputVersion(String table, long version) {
    outputVersions.put(table, version);
  }

  public void count(String name, long value) {
    counts.put(name, value);
  }

  public void counts(Map<String, Long> values) {
    counts.putAll(values);
  }

  public void step(RunRecord.Step step) {
    steps.add(step);
  }

  public List<String> inputFiles() {
    return List.copyOf(inputFiles);
  }

  public Map<String, Long> inputVersions() {
    return Map.copyOf(inputVersions);
  }

  public Map<String, Long> outputVersions() {
    return Map.copyOf(outputVersions);
  }

  public Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  /**
   * Marks the run EMPTY (its business date had no landing files for a daily source and the user
   * allowed it): it succeeds, but its record says EMPTY and why, and nothing is published.
   */
  public void markEmpty(String because) {
    emptyBecause = because;
  }

  /** Why the run is EMPTY, if it is. */
  public java.util.Optional<String> emptyBecause() {
    return java.util.Optional.ofNullable(emptyBecause);
  }

  public List<RunRecord.Step> steps() {
    return List.copyOf(steps);
  }
}
