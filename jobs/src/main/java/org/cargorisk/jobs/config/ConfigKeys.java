package org.cargorisk.jobs.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every configuration key with its default (the lowest level of the precedence CLI > file >
 * defaults). The commented example is {@code conf/cargorisk.properties}.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final String LAKE = "lake";
  public static final String LANDING = "landing";
  public static final String EXPORT = "export";
  public static final String REFERENCE_DIR = "reference.dir";
  public static final String EXPLORATION_SHARE = "selection.exploration-share";
  public static final String DEFAULT_CAPACITY_SHARE = "selection.default-capacity-share";
  public static final String SELECTION_SEED = "selection.seed";
  public static final String MODEL_ALGORITHM = "model.algorithm";
  /**
   * Algorithm of the firm model. Logistic regression by default: a firm model learns from tens
   * to hundreds of labelled firms, on which boosted trees put the top firms of the register into
   * one leaf in every tree (equal scores: the list order would be a tie-break, not the model).
   */
  public static final String MODEL_FIRM_ALGORITHM = "model.firm.algorithm";
  public static final String MODEL_MAX_ITER = "model.gbt.max-iter";
  public static final String MODEL_MAX_DEPTH = "model.gbt.max-depth";
  public static final String MODEL_STEP_SIZE = "model.gbt.step-size";
  public static final String MODEL_SEED = "model.seed";
  public static final String MODEL_VALIDATION_WEEKS = "model.validation-weeks";
  /**
   * Days an inspection outcome takes to arrive after the scan: containers of the last days
   * before the training date have no outcome yet, so they neither train nor validate.
   */
  public static final String MODEL_LABEL_DELAY_DAYS = "model.label-delay-days";
  public static final String TRAIN_EVERY_DAYS = "train.every-days";
  public static final String PSEUDONYM_KEY_ENV = "security.pseudonym-key-env";
  /**
   * Who the access table ({@code restricted/access_log}) records for this run's looks at lists
   * and reports; empty = the operating-system user ({@code user.name}). Stored pseudonymised.
   */
  public static final String ACCESS_PRINCIPAL = "security.principal";
  /** The principal's organisation in the access table (e.g. customs-nl); empty = not recorded. */
  public static final String ACCESS_ORGANISATION = "security.organisation";
  /** The principal's role in the access table (e.g. data-engineer); empty = not recorded. */
  public static final String ACCESS_ROLE = "security.role";
  /**
   * Prefix of Hadoop options passed through to the session CargoRisk builds, the same keys as
   * {@code spark-submit --conf} (e.g. {@code spark.hadoop.fs.s3a.encryption.algorithm}); a
   * {@code --conf} of the same key wins. Values of secret keys are masked wherever shown.
   */
  public static final String HADOOP_PREFIX = "spark.hadoop.";
  /**
   * Whether the firm features include the graph flow features (graph_* columns); when false they
   * are 0 and the year of payments they read is not scanned.
   */
  public static final String FEATURES_GRAPH_ENABLED = "features.graph.enabled";
  /**
   * Folder of the jobs' log files (Spark, Delta and CargoRisk details; the console stays
   * short). Empty: a {@code logs} folder next to the lake ({@code work/logs} for {@code
   * work/lake}), or {@code work/logs} when the lake is not a local path.
   */
  public static final String LOG_DIR = "log.dir";

  /** {@code office.<OFFICE>.capacity}: containers the office can scan per day. */
  public static final Pattern OFFICE_CAPACITY =
      Pattern.compile("office\\.([A-Z]{2}[A-Z2-9]{3})\\.capacity");

  /** Keys with their defaults, in documentation order. */
  public static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(LAKE, "work/lake");
    defaults.put(LANDING, "data-samples/landing");
    defaults.put(EXPORT, "work/export");
    defaults.put(REFERENCE_DIR, "data-samples/reference");
    defaults.put(EXPLORATION_SHARE, "0.05");
    defaults.put(DEFAULT_CAPACITY_SHARE, "0.03");
    defaults.put(SELECTION_SEED, "20260101");
    defaults.put(MODEL_ALGORITHM, "gbt");
    defaults.put(MODEL_FIRM_ALGORITHM, "logistic");
    defaults.put(MODEL_MAX_ITER, "60");
    defaults.put(MODEL_MAX_DEPTH, "5");
    defaults.put(MODEL_STEP_SIZE, "0.1");
    defaults.put(MODEL_SEED, "42");
    defaults.put(MODEL_VALIDATION_WEEKS, "3");
    defaults.put(MODEL_LABEL_DELAY_DAYS, "7");
    defaults.put(TRAIN_EVERY_DAYS, "7");
    defaults.put(PSEUDONYM_KEY_ENV, "CARGORISK_PSEUDONYM_KEY");
    defaults.put(ACCESS_PRINCIPAL, "");
    defaults.put(ACCESS_ORGANISATION, "");
    defaults.put(ACCESS_ROLE, "");
    defaults.put(FEATURES_GRAPH_ENABLED, "true");
    defaults.put(LOG_DIR, "");
    return defaults;
  }
}
