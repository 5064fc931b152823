package org.cargorisk.features.catalog;

import java.util.List;

/** Container features (filled by the container feature engineering). */
final class ContainerFeatureSpecs {
  private ContainerFeatureSpecs() {}

  static final List<FeatureSpec> ALL = List.of();
}
