package org.cargorisk.synthetic;

/**
 * What the generator planted on a container (docs/GENERATOR.md). Every scheme except {@link
 * #NONE} and {@link #FRONT_COVER_TRAFFIC} carries cocaine: inspected, it is a HIT.
 */
public enum Scheme {
  NONE(false),
  COVER_LOAD(true),
  RISKY_TRANSSHIPMENT(true),
  RIP_ON_RIP_OFF(true),
  WEIGHT_VALUE_ANOMALY(true),
  LATE_AMENDMENT(true),
  /** Clean cover loads consigned to front companies: their legitimate-looking trade. */
  FRONT_COVER_TRAFFIC(false);

  private final boolean smuggling;

  Scheme(boolean smuggling) {
    this.smuggling = smuggling;
  }

  public boolean smuggling() {
    return smuggling;
  }

  /** The configured share of manifests that carry this scheme. */
  public double rate(GeneratorSettings settings) {
    return switch (this) {
      case NONE -> 0;
      case COVER_LOAD -> settings.coverLoadRate();
      case RISKY_TRANSSHIPMENT -> settings.riskyTransshipmentRate();
      case RIP_ON_RIP_OFF -> settings.ripOnRate();
      case WEIGHT_VALUE_ANOMALY -> settings.weightValueAnomalyRate();
      case LATE_AMENDMENT -> settings.lateAmendmentRate();
      case FRONT_COVER_TRAFFIC -> settings.frontCoverTrafficRate();
    };
  }
}
