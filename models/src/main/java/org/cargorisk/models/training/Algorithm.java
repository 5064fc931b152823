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
  RULES("rules");

  private final String configName;

  Algorithm(String configName) {
    this.configName = configName;
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
                    "model.algorithm", name, "must be one of gbt, logistic, rules"));
  }
}
