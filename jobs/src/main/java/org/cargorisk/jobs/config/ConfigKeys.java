package org.cargorisk.jobs.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.cargorisk.models.training.TrainingParams;

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
  // The training keys are declared with the record that validates them (TrainingParams).
  public static final String MODEL_MAX_ITER = TrainingParams.MAX_ITER_KEY;
  public static final String MODEL_MAX_DEPTH = TrainingParams.MAX_DEPTH_KEY;
  public static final String MODEL_STEP_SIZE = TrainingParams.STEP_SIZE_KEY;
  public static final String MODEL_SEED = TrainingParams.SEED_KEY;
  public static final String MODEL_VALIDATION_WEEKS = TrainingParams.VALIDATION_WEEKS_KEY;
  /** See {@link TrainingParams#LABEL_DELAY_DAYS_KEY}. */
  public static final String MODEL_LABEL_DELAY_DAYS = TrainingParams.LABEL_DELAY_DAYS_KEY;
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
    TrainingParams training = TrainingParams.DEFAULTS;
    defaults.put(MODEL_MAX_ITER, String.valueOf(training.maxIter()));
    defaults.put(MODEL_MAX_DEPTH, String.valueOf(training.maxDepth()));
    defaults.put(MODEL_STEP_SIZE, String.valueOf(training.stepSize()));
    defaults.put(MODEL_SEED, String.valueOf(training.seed()));
    defaults.put(MODEL_VALIDATION_WEEKS, String.valueOf(training.validationWeeks()));
    defaults.put(MODEL_LABEL_DELAY_DAYS, String.valueOf(training.labelDelayDays()));
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
