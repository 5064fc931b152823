package org.cargorisk.scoring.selection;

/**
 * Why a container is on a scan list. The order of the constants is the order of the list: rule
 * hits first, then model picks by score, then random control picks.
 */
public enum Selection {
  /** Forced onto the list by a must-scan rule (an active watchlist entry, a tip-off). */
  RULE,
  /** One of the office's top model scores. */
  MODEL,
  /** Drawn uniformly at random among the containers neither rules nor the model picked. */
  RANDOM;

  /** Reason sentence every random pick carries, so an officer knows it is a control. */
  public static final String RANDOM_REASON = "random control selection";

  /**
   * Reason sentence of a model pick none of whose reason rules passed its threshold: its score
   * comes from several weaker signals together. Without it the officer would see an empty cell.
   */
  public static final String MODEL_ONLY_REASON = "model score only: no single indicator passes its reason threshold";
}
