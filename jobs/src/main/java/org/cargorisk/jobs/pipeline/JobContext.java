package org.cargorisk.jobs.pipeline;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.AccessLog;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeStep;
import org.cargorisk.lake.TableIO;

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

  /**
   * Records in the access table ({@code restricted/access_log}) that {@code job} of this run
   * handed these lists or reports over, for the configured principal (else the OS user),
   * pseudonymised with the key of personal data.
   */
  public void recordLooks(String job, List<AccessLog.Look> looks) {
    if (looks.isEmpty()) {
      return;
    }
    CargoRiskConfig.AccessIdentity identity = config.access();
    AccessLog.Who who =
        AccessLog.Who.pseudonymised(
            IngestStep.pseudonymKey(config.pseudonymKeyEnv()),
            identity.account(),
            identity.organisation(),
            identity.role());
    new AccessLog(spark, lake).append(who, job, runId, tracker.now(), looks);
    tracker.count("access_log." + job, tracker.counts().getOrDefault("access_log." + job, 0L) + looks.size());
  }

  /**
   * Records as this run's outputs the latest Delta version of every table the step writes (its
   * declared tables, {@link LakeStep#writes()}); a table the step has not written yet is left
   * out.
   */
  public void recordOutputs(LakeStep step) {
    TableIO io = new TableIO(spark, lake);
    for (LakeTable table : step.writes()) {
      io.latestVersion(table).ifPresent(version -> tracker.outputVersion(io.location(table), version));
    }
  }

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
