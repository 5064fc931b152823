package org.cargorisk.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job run, as stored in the {@code runs} table: who ran what, when, on which inputs, with
 * which outputs and counts, and how it ended. Holds no secrets: arguments are redacted before
 * they get here ({@link Redaction}).
 *
 * @param runId unique id of the run
 * @param job job name (ingest, features, ...)
 * @param businessDate business date the run was for; null for jobs without one
 * @param arguments command-line arguments, redacted
 * @param user operating-system user who started it
 * @param startedAt start time
 * @param endedAt end time
 * @param outcome SUCCEEDED, FAILED, or ABANDONED for a run whose process died without ending it
 *     (SIGKILL, machine loss): that record is written by the next run, which took over the killed
 *     run's stale lake lock, and has no end time; EMPTY for a run told to go on ({@code
 *     --allow-empty}) whose business date had no landing files for a source due every day: it
 *     published nothing as a normal night would
 * @param errorMessage the error for a failed run, for an EMPTY one which sources were missing
 *     where; else null
 * @param inputFiles landing files read
 * @param inputVersions Delta table path to the version read
 * @param outputVersions Delta table path to the version written
 * @param counts named counts (records read, accepted, quarantined per source and file, ...)
 * @param steps steps of the run (nightly: ingest, features, score), in order
 */
public record RunRecord(
    String runId,
    String job,
    LocalDate businessDate,
    String arguments,
    String user,
    Instant startedAt,
    Instant endedAt,
    String outcome,
    String errorMessage,
    List<String> inputFiles,
    Map<String, Long> inputVersions,
    Map<String, Long> outputVersions,
    Map<String, Long> counts,
    List<Step> steps) {

  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
  /** The run's process died (killed) before it could record its end; see the class comment. */
  public static final String ABANDONED = "ABANDONED";
  /** The business date had no landing files for a daily source; see the class comment. */
  public static final String EMPTY = "EMPTY";

  public RunRecord {
    inputFiles = List.copyOf(inputFiles);
    inputVersions = Map.copyOf(new LinkedHashMap<>(inputVersions));
    outputVersions = Map.copyOf(new LinkedHashMap<>(outputVersions));
    counts = Map.copyOf(new LinkedHashMap<>(counts));
    steps = List.copyOf(steps);
  }

  /** One step of a run, with its own timing and counts. */
  public record Step(
      String name, Instant startedAt, Instant endedAt, String outcome, Map<String, Long> counts) {
    public Step {
      counts = Map.copyOf(counts);
    }
  }
}
