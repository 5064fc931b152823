package org.cargorisk.models.training;

import java.util.List;
import java.util.Locale;
import org.cargorisk.features.catalog.FeatureSpec;

/**
 * One rule of the rules-only baseline: it fires when the feature's value exceeds the threshold.
 *
 * @param feature feature column
 * @param threshold the rule fires when value &gt; threshold
 */
public record RuleSpec(String feature, double threshold) {

  /**
   * The default rules from a feature list: flags of the reference data (watchlist, cover goods,
   * high-risk ports or countries) fire above 0, risk tiers (1-3) fire at the highest tier. These
   * are the rules a targeting officer applies by hand, so the baseline shows what a model adds.
   */
  public static List<RuleSpec> defaultsFor(List<FeatureSpec> features) {
    return features.stream()
        .map(FeatureSpec::name)
        .filter(RuleSpec::isRuleFeature)
        .map(name -> new RuleSpec(name, name.toLowerCase(Locale.ROOT).contains("tier") ? 2.0 : 0.0))
        .toList();
  }

  private static boolean isRuleFeature(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("risk") || lower.contains("tier") || lower.contains("watchlist")
        || lower.contains("cover_goods");
  }
}
