package org.cargorisk.models.registry;

/** Life cycle of a registered model version. */
public enum ModelStatus {
  /** Trained and registered, not used for scoring. */
  CANDIDATE,
  /** The version that scores: at most one per model name. */
  CHAMPION,
  /** A former champion. */
  RETIRED
}
