package org.cargorisk.lake;

import java.util.ArrayList;
import java.util.List;
import org.cargorisk.lake.LakeTable.Layer;
import org.cargorisk.lake.LakeTable.WriteMode;

/**
 * The catalogue: every Delta table of the lake, declared once (DESIGN.md, "The lake";
 * docs/INGEST.md, "The lake's tables"). {@link Lake}'s path constants and methods derive from
 * these declarations; the run lineage, the benchmark's floors ({@link LakeStep#reads()}) and
 * the lake table list in data-samples/README.md (checked by a test) follow them.
 *
 * <p>Column names of keys and partitions are written here as strings because the classes that
 * own them come later in the pipeline; {@code LakeCatalogueTest} (jobs) checks each one against
 * the schema its {@link LakeTable#schemaOwner()} declares, so a renamed column fails a test
 * instead of drifting.
 */
public final class LakeTables {
  private LakeTables() {}

  private static final String INGEST_COLUMNS = "org.cargorisk.ingest.IngestColumns";
  private static final String BUSINESS_DATE = "business_date";
  private static final String AS_OF = "as_of";

  /**
   * Every accepted record of every source as it arrived, by landing date ({@code
   * _business_date}): all of bronze. Ingest only appends to it (each run replaces its dates'
   * partitions, so a re-run gives the same rows); each source's current table and its versions
   * are derived from it (org.cargorisk.ingest.BronzeHistory).
   */
  public static final LakeTable HISTORY =
      new LakeTable(
          "bronze_history",
          Lake.BRONZE + "/history",
          Layer.BRONZE,
          List.of("source", "_business_date", "_source_file", "_line_number"),
          // Partitioned by the landing date, so that a re-run replaces whole partitions: the
          // unpartitioned table of 2026-12-07 rewrote a catch-up's files, other dates and all,
          // when one of its dates was re-run (caught by the cluster test's re-run).
          List.of("_business_date"),
          INGEST_COLUMNS + "#HISTORY_SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.INGEST);

  /** Every rejected record: source, raw line or JSON, reason codes, run id. */
  public static final LakeTable QUARANTINE =
      new LakeTable(
          "quarantine",
          "quarantine",
          Layer.QUARANTINE,
          List.of("run_id", "source", "file", "line_number"),
          List.of(BUSINESS_DATE),
          INGEST_COLUMNS + "#QUARANTINE_SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.INGEST);

  /** Clear raw text of quarantined person-level records that could not be pseudonymised. */
  public static final LakeTable QUARANTINE_RAW =
      new LakeTable(
          "quarantine_raw",
          "restricted/quarantine_raw",
          Layer.RESTRICTED,
          List.of("run_id", "source", "file", "line_number"),
          List.of(BUSINESS_DATE),
          INGEST_COLUMNS + "#QUARANTINE_RAW_SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.INGEST);

  /** One row per (bl_number, container_id) scored on as_of. */
  public static final LakeTable CONTAINER_FEATURES =
      new LakeTable(
          "container_features",
          "silver/container_features",
          Layer.SILVER,
          List.of("bl_number", "container_id", AS_OF),
          List.of(AS_OF),
          "org.cargorisk.features.container.ContainerFeatureColumns#SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.FEATURES);

  /** One row per firm registered by as_of and as_of. */
  public static final LakeTable FIRM_FEATURES =
      new LakeTable(
          "firm_features",
          "silver/firm_features",
          Layer.SILVER,
          List.of("firm_id", AS_OF),
          List.of(AS_OF),
          "org.cargorisk.features.firm.FirmFeatureColumns#SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.FEATURES);

  /** Every trained model version, its lineage, metrics and status (promotion updates it). */
  public static final LakeTable MODEL_REGISTRY =
      new LakeTable(
          "model_registry",
          "gold/model_registry",
          Layer.GOLD,
          List.of("model_name", "version"),
          List.of(),
          "org.cargorisk.models.registry.ModelRegistry#SCHEMA",
          WriteMode.APPEND,
          LakeStep.TRAIN);

  /** The ranked scan list per office and business date. */
  public static final LakeTable SCAN_LIST =
      new LakeTable(
          "scan_list",
          "gold/scan_list",
          Layer.GOLD,
          List.of(BUSINESS_DATE, "office", "rank"),
          List.of(BUSINESS_DATE),
          "org.cargorisk.scoring.selection.ScanListColumns#SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.SCORE);

  /** The ranked transport firms per business date, for investigators. */
  public static final LakeTable FIRM_RISK =
      new LakeTable(
          "firm_risk",
          "gold/firm_risk",
          Layer.GOLD,
          List.of(BUSINESS_DATE, "rank"),
          List.of(BUSINESS_DATE),
          "org.cargorisk.scoring.selection.FirmRiskColumns#SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.SCORE);

  /** Hit rate per office, ISO week and selection type. */
  public static final LakeTable HIT_RATES =
      new LakeTable(
          "hit_rates",
          "gold/hit_rates",
          Layer.GOLD,
          List.of("week_start", "office", "selection"),
          List.of("week_start"),
          "org.cargorisk.scoring.feedback.HitRateColumns#SCHEMA",
          WriteMode.REPLACE_PARTITIONS,
          LakeStep.FEEDBACK);

  /** One run record per job run: what it read, wrote and counted. */
  public static final LakeTable RUNS =
      new LakeTable(
          "runs",
          "gold/runs",
          Layer.GOLD,
          List.of("run_id"),
          List.of(),
          "org.cargorisk.audit.RunLog#SCHEMA",
          WriteMode.APPEND,
          LakeStep.AUDIT);

  /** Who was given which list or report, when (append-only; pseudonymised accounts). */
  public static final LakeTable ACCESS_LOG =
      new LakeTable(
          "access_log",
          "restricted/access_log",
          Layer.RESTRICTED,
          List.of("accessed_at", "account", "target"),
          List.of(),
          "org.cargorisk.audit.AccessLog#SCHEMA",
          WriteMode.APPEND,
          LakeStep.AUDIT);

  private static final List<LakeTable> ALL = catalogue();

  /**
   * Every table of the lake: the bronze history, then quarantine,
   * silver, gold, restricted.
   */
  public static List<LakeTable> all() {
    return ALL;
  }

  private static List<LakeTable> catalogue() {
    List<LakeTable> tables = new ArrayList<>();
    tables.addAll(
        List.of(
            HISTORY,
            QUARANTINE,
            CONTAINER_FEATURES,
            FIRM_FEATURES,
            SCAN_LIST,
            FIRM_RISK,
            MODEL_REGISTRY,
            RUNS,
            HIT_RATES,
            QUARANTINE_RAW,
            ACCESS_LOG));
    return List.copyOf(tables);
  }
}
