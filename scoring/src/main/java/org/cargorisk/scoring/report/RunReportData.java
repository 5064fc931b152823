package org.cargorisk.scoring.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cargorisk.scoring.report.ChartData.CategoryValue;

/**
 * Everything a run report shows, computed by {@link RunReport}.
 *
 * @param runId the run
 * @param job its job (nightly, ingest, ...)
 * @param businessDate its business date (null for jobs without one)
 * @param outcome SUCCEEDED or FAILED
 * @param startedAt start
 * @param endedAt end (null if it never ended)
 * @param errorMessage the error of a failed run
 * @param firstDate first landing date the run ingested (its business date if it ingested none)
 * @param lastDate last landing date
 * @param steps its steps with timings and counts, in order
 * @param quarantine quarantined records: category = reason code, series = source
 * @param listHitRates scan-list hit rates: category = ISO week, series = selection type
 * @param recordedHitRates all inspections' hit rates: category = ISO week, series = selected_by
 */
public record RunReportData(
    String runId,
    String job,
    LocalDate businessDate,
    String outcome,
    Instant startedAt,
    Instant endedAt,
    String errorMessage,
    LocalDate firstDate,
    LocalDate lastDate,
    List<StepSummary> steps,
    List<CategoryValue> quarantine,
    List<CategoryValue> listHitRates,
    List<CategoryValue> recordedHitRates) {

  public RunReportData {
    steps = List.copyOf(steps);
    quarantine = List.copyOf(quarantine);
    listHitRates = List.copyOf(listHitRates);
    recordedHitRates = List.copyOf(recordedHitRates);
  }

  /** One step of the run: name, outcome, seconds, and its counts (sorted by name). */
  public record StepSummary(String name, String outcome, double seconds, Map<String, Long> counts) {
    public StepSummary {
      counts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts));
    }
  }
}
