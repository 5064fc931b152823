package org.cargorisk.features.catalog;

import java.util.List;

/** Firm features (filled by the firm feature engineering). */
final class FirmFeatureSpecs {
  private FirmFeatureSpecs() {}

  static final List<FeatureSpec> ALL = List.of();
}
