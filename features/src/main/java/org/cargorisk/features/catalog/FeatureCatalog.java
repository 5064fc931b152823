package org.cargorisk.features.catalog;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The feature catalog: every model feature of the container and firm feature tables, in model
 * order. Models take their feature list from here, and docs/FEATURES.md is checked against it.
 */
public final class FeatureCatalog {
  private FeatureCatalog() {}

  /** Features of {@code silver/container_features}, in model order. */
  public static List<FeatureSpec> container() {
    return ContainerFeatureSpecs.ALL;
  }

  /** Features of {@code silver/firm_features}, in model order. */
  public static List<FeatureSpec> firm() {
    return FirmFeatureSpecs.ALL;
  }

  public static List<String> names(List<FeatureSpec> specs) {
    return specs.stream().map(FeatureSpec::name).toList();
  }

  public static Map<String, FeatureSpec> byName(List<FeatureSpec> specs) {
    return specs.stream().collect(Collectors.toMap(FeatureSpec::name, Function.identity()));
  }
}
