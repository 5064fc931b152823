package org.cargorisk.jobs;

import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.lake.Lake;

/**
 * What a running job gets: its session, validated configuration, business date, run id, lake
 * layout and the tracker that becomes its run record.
 */
public record JobContext(
    SparkSession spark,
    CargoRiskConfig config,
    LocalDate date,
    String runId,
    Lake lake,
    RunTracker tracker) {

  /** Names the Spark jobs that follow in the UI and event logs, e.g. "INGEST 2026-11-21". */
  public void jobGroup(String step, String description) {
    spark
        .sparkContext()
        .setJobGroup(
            step.toUpperCase(java.util.Locale.ROOT) + (date == null ? "" : " " + date),
            description,
            false);
  }
}
