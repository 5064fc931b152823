package org.cargorisk.models.training;

import static org.cargorisk.features.container.ContainerFeatureColumns.CONSIGNEE_MALAFIDE_LINKS;
import static org.cargorisk.features.container.ContainerFeatureColumns.CONSIGNEE_PAST_HITS;
import static org.cargorisk.features.container.ContainerFeatureColumns.COVER_GOODS;
import static org.cargorisk.features.container.ContainerFeatureColumns.ORIGIN_COUNTRY_TIER;
import static org.cargorisk.features.container.ContainerFeatureColumns.ORIGIN_PORT_TIER;
import static org.cargorisk.features.container.ContainerFeatureColumns.ROUTE_HIGH_RISK_PORTS;
import static org.cargorisk.features.container.ContainerFeatureColumns.ROUTE_MAX_PORT_TIER;
import static org.cargorisk.features.container.ContainerFeatureColumns.SEAL_CHANGE_COUNT;
import static org.cargorisk.features.container.ContainerFeatureColumns.SEAL_MISMATCH_COUNT;
import static org.cargorisk.features.container.ContainerFeatureColumns.SHIPPER_MALAFIDE_LINKS;
import static org.cargorisk.features.container.ContainerFeatureColumns.SHIPPER_PAST_HITS;
import static org.cargorisk.features.container.ContainerFeatureColumns.TRANSSHIPMENT_COUNT;
import static org.cargorisk.features.container.ContainerFeatureColumns.VESSEL_HIGH_RISK_CALLS_90D;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.cargorisk.features.catalog.FeatureSpec;

/**
 * One rule of the rules-only baseline: when the feature's value exceeds the threshold, the row
 * gets the rule's points. The baseline's score is the points of the rules that fire, as a share
 * of all points (see {@link RulesScorer}).
 *
 * @param feature feature column
 * @param threshold the rule fires when value &gt; threshold
 * @param points what the rule adds when it fires (greater than 0)
 */
public record RuleSpec(String feature, double threshold, double points) {

  public RuleSpec {
    Objects.requireNonNull(feature, "feature");
    if (!(points > 0) || Double.isInfinite(points)) {
      throw new IllegalArgumentException(
          "a rule's points must be a positive number, cannot be: " + points + " (" + feature + ")");
    }
  }

  /** A rule worth one point. */
  public RuleSpec(String feature, double threshold) {
    this(feature, threshold, 1.0);
  }

  /**
   * The targeting officer's points table for containers, from the reference risk tiers
   * (data-samples/reference ports.csv and countries.csv: tier 1 low to 3 high), the cover-goods
   * list and what is known of the parties. A tier column gives 1 point at tier 2 and more at
   * tier 3 (two rules on the same column add up). Watchlist entries are not here: they force a
   * container onto the scan list as RULE picks whatever the score (selection.MustScanRules).
   */
  public static final List<RuleSpec> CONTAINER_POINTS =
      List.of(
          // Port of loading: tier 2 = 1 point, tier 3 = 3 points.
          new RuleSpec(ORIGIN_PORT_TIER, 1.0, 1.0),
          new RuleSpec(ORIGIN_PORT_TIER, 2.0, 2.0),
          // Country of origin of the goods: tier 2 = 1 point, tier 3 = 3 points.
          new RuleSpec(ORIGIN_COUNTRY_TIER, 1.0, 1.0),
          new RuleSpec(ORIGIN_COUNTRY_TIER, 2.0, 2.0),
          // Riskiest port between loading and discharge (intermediate calls, transshipments).
          new RuleSpec(ROUTE_MAX_PORT_TIER, 1.0, 1.0),
          new RuleSpec(ROUTE_MAX_PORT_TIER, 2.0, 1.0),
          // More than one tier-3 port on the way.
          new RuleSpec(ROUTE_HIGH_RISK_PORTS, 1.0, 1.0),
          new RuleSpec(TRANSSHIPMENT_COUNT, 0.0, 1.0),
          new RuleSpec(VESSEL_HIGH_RISK_CALLS_90D, 0.0, 1.0),
          // Goods often used to hide cocaine (cover_goods.csv).
          new RuleSpec(COVER_GOODS, 0.0, 2.0),
          // Parties caught before, or dealing with firms known for fraud.
          new RuleSpec(SHIPPER_PAST_HITS, 0.0, 3.0),
          new RuleSpec(CONSIGNEE_PAST_HITS, 0.0, 3.0),
          new RuleSpec(SHIPPER_MALAFIDE_LINKS, 0.0, 2.0),
          new RuleSpec(CONSIGNEE_MALAFIDE_LINKS, 0.0, 2.0),
          // Seal tampering on the way.
          new RuleSpec(SEAL_CHANGE_COUNT, 0.0, 1.0),
          new RuleSpec(SEAL_MISMATCH_COUNT, 0.0, 1.0));

  /**
   * The default rules for a feature list: the rules of {@link #CONTAINER_POINTS} whose feature
   * is in the list, then one-point rules for the other features named like reference flags
   * (watchlist, cover goods, high-risk ports or countries: fire above 0; risk tiers 1-3: fire at
   * the highest tier). These are the rules a targeting officer applies by hand, so the baseline
   * shows what a model adds.
   */
  public static List<RuleSpec> defaultsFor(List<FeatureSpec> features) {
    Set<String> names = features.stream().map(FeatureSpec::name).collect(Collectors.toSet());
    List<RuleSpec> rules = new ArrayList<>();
    CONTAINER_POINTS.stream().filter(r -> names.contains(r.feature())).forEach(rules::add);
    Set<String> covered = rules.stream().map(RuleSpec::feature).collect(Collectors.toSet());
    features.stream()
        .map(FeatureSpec::name)
        .filter(name -> !covered.contains(name) && isRuleFeature(name))
        .map(name -> new RuleSpec(name, name.toLowerCase(Locale.ROOT).contains("tier") ? 2.0 : 0.0))
        .forEach(rules::add);
    return List.copyOf(rules);
  }

  private static boolean isRuleFeature(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("risk") || lower.contains("tier") || lower.contains("watchlist")
        || lower.contains("cover_goods");
  }
}
