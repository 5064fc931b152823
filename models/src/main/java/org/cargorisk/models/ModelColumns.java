package org.cargorisk.models;

/**
 * Column names of the models module: labels, the intermediate columns of a model pipeline and
 * the scoring output. The one place these names live.
 */
public final class ModelColumns {
  private ModelColumns() {}

  // ---- keys shared with the silver feature tables ----
  /** Date of a feature row: the row describes the entity as known before this date. */
  public static final String AS_OF = "as_of";
  /** Customs office of a container row (its port of discharge). */
  public static final String OFFICE = "office";

  // ---- labels ----
  /** 1.0 for a hit (container) or MALAFIDE (firm), 0.0 otherwise. */
  public static final String LABEL = "label";
  /** Seized quantity in kg summed over a container's inspections (0 for no hit). */
  public static final String QUANTITY_KG = "quantity_kg";
  /** True when at least one inspection of the row was a uniformly random pick (unbiased). */
  public static final String RANDOM_SELECTED = "random_selected";
  /** Last inspection of a labelled container, or the date of a firm's label. */
  public static final String LABELLED_AT = "labelled_at";

  // ---- model pipeline intermediates (prefixed so they never clash with feature names) ----
  /** Inverse-class-frequency weight of a training row. */
  public static final String WEIGHT = "__weight";
  /** Prefix of a feature column cast to double. */
  public static final String NUMERIC_PREFIX = "__num_";
  /** Prefix of a numeric feature column after imputation of nulls. */
  public static final String IMPUTED_PREFIX = "__imp_";
  /** The assembled feature vector (imputed, unscaled). */
  public static final String FEATURES = "__features";
  /** The standardised feature vector (logistic regression). */
  public static final String SCALED_FEATURES = "__scaled_features";
  public static final String RAW_PREDICTION = "__raw_prediction";
  public static final String PROBABILITY = "__probability";
  public static final String PREDICTION = "__prediction";
  /** The imputed features as an array&lt;double&gt;: XGBoost's input (it predicts dense rows only). */
  public static final String FEATURE_VALUES = "__feature_values";
  /**
   * XGBoost's per-row SHAP contributions (margin scale): one per feature in vector order, then
   * the bias; the reason codes read them.
   */
  public static final String CONTRIBUTIONS = "__shap_contributions";

  // ---- scoring output ----
  /**
   * The model's risk score, which ranks the rows: the classifier's positive-class probability
   * (or the rules baseline's points share), before calibration. Trained with balanced class
   * weights, so it spreads over 0-1 and is not a hit probability; it separates rows (no
   * calibration steps), so two rows tie only when the model cannot tell them apart.
   */
  public static final String SCORE = "score";
  /**
   * Estimated hit chance: the calibrated probability that an inspection finds something, a
   * strictly increasing function of {@link #SCORE} ({@link
   * org.cargorisk.models.training.PlattCalibration}), so it never reorders or merges what the
   * score separates.
   */
  public static final String HIT_CHANCE = "hit_chance";
  public static final String MODEL_VERSION = "model_version";
  /** Top reason sentences, strongest first. */
  public static final String REASONS = "reasons";
  /** Features behind {@link #REASONS}, in the same order. */
  public static final String REASON_FEATURES = "reason_features";
}
