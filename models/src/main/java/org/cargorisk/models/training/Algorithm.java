package org.cargorisk.models.training;

import java.util.Arrays;
import java.util.Locale;
import org.cargorisk.errors.CargoRiskErrors;

/** The model families trained and compared on the same period. */
public enum Algorithm {
  /** Gradient-boosted trees (MLlib GBTClassifier): the default. */
  GBT("gbt"),
  /** Logistic regression on standardised features: a baseline. */
  LOGISTIC("logistic"),
  /** Rules only: the share of transparent rules that fire (reference risk tiers, flags). */
  RULES("rules"),
  /**
   * XGBoost4J-Spark gradient boosting: an optional challenger of GBT (docs/MODELS.md has the
   * comparison). Not trained as a baseline of the others: it needs its native library.
   */
  XGBOOST("xgboost", false);

  private final String configName;
  private final boolean baseline;

  Algorithm(String configName) {
    this(configName, true);
  }

  Algorithm(String configName, boolean baseline) {
    this.configName = configName;
    this.baseline = baseline;
  }

  /** Whether training another algorithm also trains this one on the same period to compare. */
  public boolean isBaseline() {
    return baseline;
  }

  /** Name in configuration, the registry and reports. */
  public String configName() {
    return configName;
  }

  public static Algorithm fromName(String name) {
    return Arrays.stream(values())
        .filter(a -> a.configName.equals(name == null ? null : name.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                CargoRiskErrors.invalidConfiguration(
                    "model.algorithm",
                    name,
                    "must be one of "
                        + Arrays.stream(values())
                            .map(Algorithm::configName)
                            .collect(java.util.stream.Collectors.joining(", "))));
  }
}
