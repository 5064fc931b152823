package org.cargorisk.lake;

import java.util.Objects;

/**
 * Where every table of the lake lives (DESIGN.md, "The lake"). Paths are strings so that local
 * folders and {@code s3a://} URIs work alike. The tables' paths come from their declarations in
 * {@link LakeTables}; this class resolves them below one root and names the folders that are not
 * tables (models, locks, the restricted folder).
 *
 * <pre>
 *   bronze/history               every accepted landing record of every source, by landing date
 *                                (each source's current table and versions derived from it)
 *   quarantine                   every rejected record with its reasons
 *   silver/container_features    one row per (bl_number, container_id, as_of)
 *   silver/firm_features         one row per (firm_id, as_of)
 *   gold/scan_list, gold/firm_risk, gold/model_registry, gold/runs
 *   gold/hit_rates               hit rate per office, ISO week and selection type (feedback)
 *   models/&lt;name&gt;/&lt;version&gt;     saved Spark ML pipelines of the registry
 *   restricted/quarantine_raw    clear raw text of quarantined records whose personal data could
 *                                not be pseudonymised (owner-only folder; data engineers only)
 *   restricted/access_log        every list and report a job wrote for a person: who, what, when
 *                                (append-only; audit.AccessLog)
 *   _locks/                      the lake's writer lock (one writing run at a time)
 * </pre>
 */
public final class Lake {
  public static final String BRONZE = "bronze";
  public static final String QUARANTINE = LakeTables.QUARANTINE.path();
  public static final String CONTAINER_FEATURES = LakeTables.CONTAINER_FEATURES.path();
  public static final String FIRM_FEATURES = LakeTables.FIRM_FEATURES.path();
  public static final String SCAN_LIST = LakeTables.SCAN_LIST.path();
  public static final String FIRM_RISK = LakeTables.FIRM_RISK.path();
  public static final String MODEL_REGISTRY = LakeTables.MODEL_REGISTRY.path();
  public static final String RUNS = LakeTables.RUNS.path();
  public static final String HIT_RATES = LakeTables.HIT_RATES.path();
  public static final String MODELS = "models";
  public static final String LOCKS = "_locks";
  /** Folder of tables that analysts must not read (owner-only). */
  public static final String RESTRICTED = "restricted";
  public static final String QUARANTINE_RAW = LakeTables.QUARANTINE_RAW.path();
  public static final String ACCESS_LOG = LakeTables.ACCESS_LOG.path();

  private final String root;

  /**
   * @param root a URI ({@code s3a://bucket/lake}, {@code file:/...}) or a local path; a relative
   *     local path is made absolute (Delta refuses relative table paths in some commands)
   */
  public Lake(String root) {
    Objects.requireNonNull(root, "lake root");
    String trimmed = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    this.root =
        trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")
            ? trimmed
            : java.nio.file.Path.of(trimmed).toAbsolutePath().normalize().toString();
  }

  public String root() {
    return root;
  }

  /** A declared table's folder below this root. */
  public String table(LakeTable table) {
    return path(table.path());
  }

  public String quarantine() {
    return path(QUARANTINE);
  }

  public String containerFeatures() {
    return path(CONTAINER_FEATURES);
  }

  public String firmFeatures() {
    return path(FIRM_FEATURES);
  }

  public String scanList() {
    return path(SCAN_LIST);
  }

  public String firmRisk() {
    return path(FIRM_RISK);
  }

  public String modelRegistry() {
    return path(MODEL_REGISTRY);
  }

  public String runs() {
    return path(RUNS);
  }

  /** The feedback table: hit rates of past scan lists (scoring.feedback.HitRateColumns). */
  public String hitRates() {
    return path(HIT_RATES);
  }

  public String models() {
    return path(MODELS);
  }

  /** The restricted folder (owner-only): {@link #quarantineRaw()} lives below it. */
  public String restricted() {
    return path(RESTRICTED);
  }

  /**
   * Clear raw text of quarantined records of person-level sources that could not be
   * pseudonymised (malformed records), keyed by run id, file and line number.
   */
  public String quarantineRaw() {
    return path(QUARANTINE_RAW);
  }

  /** Who was given which list or report, when (append-only; pseudonymised accounts). */
  public String accessLog() {
    return path(ACCESS_LOG);
  }

  public String locks() {
    return path(LOCKS);
  }

  /** Any other table or folder below the root. */
  public String path(String relative) {
    return root + "/" + relative;
  }

  @Override
  public String toString() {
    return root;
  }
}
