package org.cargorisk.models.explain;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;
import static org.cargorisk.models.explain.ReasonText.count;
import static org.cargorisk.models.explain.ReasonText.days;
import static org.cargorisk.models.explain.ReasonText.euros;
import static org.cargorisk.models.explain.ReasonText.forHeading;
import static org.cargorisk.models.explain.ReasonText.hours;
import static org.cargorisk.models.explain.ReasonText.percent;
import static org.cargorisk.models.explain.ReasonText.times;
import static org.cargorisk.models.explain.ReasonText.timesFromLog2;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.firm.FirmFeatureColumns;

/**
 * The reason rules: the one place that says which sentence a feature may give, when it is true
 * and unusual, against which reference, and which data it needs. {@link ReasonCodes} applies
 * them; docs/SCAN_LISTS.md ("Reasons") shows them as a table that {@code ReasonRulesTest} keeps
 * equal to this code. A feature without a rule never becomes a reason: a value that cannot be
 * said to be unusual (a chapter number, a payment count) is not a claim worth repeating. Nor is
 * a count above 0 that most rows have: in the sample, 92 % of firms have third-party payments
 * and 90 % share a director with another firm, so those features have no rule until a
 * reference from the training population (e.g. its 95th percentile) is recorded with the model.
 *
 * <p>References are documented domain thresholds (risk tier 3 of the reference lists, a robust z
 * beyond 3, a firm registered less than a year ago, the EU advance-filing deadline, the EUR
 * 10,000 cash reporting threshold, counts above 0 for events that are rare by nature) or the
 * fitted history of the feature statistics (the usual weight of the goods, the lane's usual
 * route).
 */
public final class ReasonRules {
  private ReasonRules() {}

  /** Firms registered fewer days ago than this are young (a year; company register). */
  public static final double YOUNG_FIRM_DAYS = 365;
  /** Robust z-scores beyond this are far outside the peers' usual spread. */
  public static final double ROBUST_Z = 3.0;
  /**
   * Filing less than this many hours before arrival is late: the EU entry summary declaration
   * for deep-sea containers is due 24 hours before loading, so under 24 hours before arrival
   * no deep-sea filing can have been on time.
   */
  public static final double LATE_FILING_HOURS = 24;
  /** Amounts in [9,000, 10,000) are just below the EUR 10,000 cash reporting threshold. */
  public static final int STRUCTURING_PAYMENTS = 2;
  /** A share of at least this is "most" (cash, round amounts, money passed through). */
  public static final double MAJORITY = 0.5;
  /** A young firm moving at least this much in 90 days has large flows. */
  public static final double LARGE_FLOWS_EUR = 100_000;

  private static final String TIER_3 = "risk tier 3 (high) in the reference lists (ports.csv, countries.csv)";
  private static final String COUNT_ABOVE_0 = "count above 0: the event is rare by nature";
  private static final String FLAG_SET = "flag set (1): rare by nature";
  private static final String YOUNG = "registered less than 1 year ago (company register)";

  private static Column c(String name) {
    return col(name);
  }

  private static Column positive(String name) {
    return col(name).geq(0.5);
  }

  private static Column flag(String name) {
    return col(name).equalTo(1.0);
  }

  private static final Column ALWAYS = lit(true);

  // ---- container rules -------------------------------------------------------------------

  private static ReasonRule registeredRecently(
      String feature, String party, String partyId, String knownColumn, Column known, String knownWords) {
    return ReasonRule.about(feature)
        .reads(partyId, knownColumn)
        .when("below 365 days", c(feature).lt(YOUNG_FIRM_DAYS))
        .needs(party + " named on the manifest (" + partyId + ")" + knownWords,
            c(partyId).isNotNull().and(known))
        .says(party + " registered {time} ago",
            concat(lit(party + " registered "), days(c(feature)), lit(" ago")))
        .against(YOUNG);
  }

  private static ReasonRule pastHits(String feature, String party, String partyId) {
    return ReasonRule.about(feature)
        .reads(partyId)
        .when("at least 1", positive(feature))
        .needs(party + " named on the manifest (" + partyId + ")", c(partyId).isNotNull())
        .says("{n} earlier inspection(s) of the " + party + "'s containers found contraband",
            concat(count(c(feature), "earlier inspection", "earlier inspections"),
                lit(" of the " + party + "'s containers found contraband")))
        .against(COUNT_ABOVE_0 + "; inspection outcomes known before the day");
  }

  private static ReasonRule fewEarlierShipments(String feature, String party, String partyId, String unknown) {
    Column n = round(c(feature), 0);
    return ReasonRule.about(feature)
        .reads(partyId, unknown)
        .when("below 3", c(feature).lt(2.5))
        .needs(party + " named on the manifest and in the company register", c(partyId).isNotNull().and(c(unknown).equalTo(0.0)))
        .says("first shipment of the " + party + " / " + party + " has only {n} earlier shipment(s)",
            when(n.equalTo(0), lit("first shipment of the " + party))
                .otherwise(concat(lit(party + " has only "), count(c(feature), "earlier shipment", "earlier shipments"))))
        .against("fewer than 3 earlier manifest lines, the threshold of a new lane");
  }

  private static ReasonRule malafideLinks(String feature, String party, String partyId, String unknown) {
    return ReasonRule.about(feature)
        .reads(partyId, unknown)
        .when("at least 1", positive(feature))
        .needs(party + " named on the manifest and in the company register",
            c(partyId).isNotNull().and(c(unknown).equalTo(0.0)))
        .says(party + " deals with {n} firm(s) labelled malafide",
            concat(lit(party + " deals with "), count(c(feature), "firm", "firms"), lit(" labelled malafide")))
        .against(COUNT_ABOVE_0 + "; firm labels known by the day");
  }

  private static ReasonRule route(String feature, String condition, Column unusual) {
    Column ports = c(ContainerFeatureColumns.ROUTE_HIGH_RISK_PORTS);
    return ReasonRule.about(feature)
        .reads(ContainerFeatureColumns.ROUTE_HIGH_RISK_PORTS)
        .when(condition, unusual.and(ports.geq(0.5)))
        .needs("the route's ports known (port calls or transshipments)", ALWAYS)
        .says("routed via {n} high-risk port(s)",
            concat(lit("routed via "), count(ports, "high-risk port", "high-risk ports")))
        .against(TIER_3);
  }

  private static final Column CONSIGNEE_KNOWN =
      c(ContainerFeatureColumns.CONSIGNEE_ID).isNotNull().and(c(ContainerFeatureColumns.CONSIGNEE_UNKNOWN).equalTo(0.0));
  private static final String CONSIGNEE_KNOWN_WORDS = "consignee named on the manifest and in the company register";

  private static ReasonRule consigneeFinance(String feature, String condition, Column unusual, String documented,
      Column sentence, String reference) {
    return ReasonRule.about(feature)
        .reads(ContainerFeatureColumns.CONSIGNEE_ID, ContainerFeatureColumns.CONSIGNEE_UNKNOWN)
        .when(condition, unusual)
        .needs(CONSIGNEE_KNOWN_WORDS, CONSIGNEE_KNOWN)
        .says(documented, sentence)
        .against(reference);
  }

  private static List<ReasonRule> containerRules() {
    final String office = ContainerFeatureColumns.OFFICE;
    final String loading = ContainerFeatureColumns.PORT_OF_LOADING;
    final String origin = ContainerFeatureColumns.ORIGIN_COUNTRY;
    final String hs = ContainerFeatureColumns.HS_CODE;
    final String shipper = ContainerFeatureColumns.SHIPPER_ID;
    final String consignee = ContainerFeatureColumns.CONSIGNEE_ID;
    final String forwarder = ContainerFeatureColumns.FORWARDER_ID;
    final String notify = ContainerFeatureColumns.NOTIFY_PARTY_ID;
    final String weightRatio = ContainerFeatureColumns.WEIGHT_EXPECTED_RATIO;
    final String lead = ContainerFeatureColumns.FILING_LEAD_HOURS;
    Column ratio = c(weightRatio);
    Column weightSentence =
        when(ratio.geq(1.0), concat(lit("weight "), times(ratio), lit(" the usual"), forHeading(c(hs))))
            .otherwise(concat(lit("weight only "), percent(ratio), lit(" of the usual"), forHeading(c(hs))));
    String weightDocumented = "weight {r} times the usual for HS {heading} goods / weight only {p} % of the usual ...";
    Column lateFiling =
        when(c(lead).geq(0), concat(lit("manifest filed only "), hours(c(lead)), lit(" before arrival")))
            .otherwise(concat(lit("manifest filed "), hours(c(lead)), lit(" after arrival")));
    return List.of(
        ReasonRule.about(ContainerFeatureColumns.ORIGIN_PORT_TIER)
            .reads(loading)
            .when("tier 3", c(ContainerFeatureColumns.ORIGIN_PORT_TIER).equalTo(3.0))
            .needs("port of loading on the manifest", c(loading).isNotNull())
            .says("loaded at {port}, a high-risk port", concat(lit("loaded at "), c(loading), lit(", a high-risk port")))
            .against(TIER_3),
        ReasonRule.about(ContainerFeatureColumns.ORIGIN_COUNTRY_TIER)
            .reads(origin)
            .when("tier 3", c(ContainerFeatureColumns.ORIGIN_COUNTRY_TIER).equalTo(3.0))
            .needs("origin country on the manifest", c(origin).isNotNull())
            .says("goods from {country}, a high-risk country", concat(lit("goods from "), c(origin), lit(", a high-risk country")))
            .against(TIER_3),
        route(ContainerFeatureColumns.ROUTE_MAX_PORT_TIER, "tier 3",
            c(ContainerFeatureColumns.ROUTE_MAX_PORT_TIER).equalTo(3.0)),
        route(ContainerFeatureColumns.ROUTE_HIGH_RISK_PORTS, "at least 1", ALWAYS),
        ReasonRule.about(ContainerFeatureColumns.TRANSSHIPMENT_COUNT)
            .when("at least 2", c(ContainerFeatureColumns.TRANSSHIPMENT_COUNT).geq(1.5))
            .needs("TRANSSHIP events of the trip", ALWAYS)
            .says("transshipped {n} times", concat(lit("transshipped "), count(c(ContainerFeatureColumns.TRANSSHIPMENT_COUNT), "time", "times")))
            .against("more than one transshipment: a container is usually moved directly or via one hub"),
        ReasonRule.about(ContainerFeatureColumns.ROUTE_DETOUR_CALLS)
            .reads(loading, office)
            .when("at least 1", positive(ContainerFeatureColumns.ROUTE_DETOUR_CALLS))
            .needs("a known lane: ports of loading and discharge", c(loading).isNotNull())
            .says("{n} more port call(s) than usual from {loading} to {office}",
                concat(count(c(ContainerFeatureColumns.ROUTE_DETOUR_CALLS), "more port call", "more port calls"),
                    lit(" than usual from "), c(loading), lit(" to "), c(office)))
            .against("the lane's median number of calls in the fitted history (LaneRoute)"),
        ReasonRule.about(ContainerFeatureColumns.ROUTE_UNUSUAL)
            .reads(loading, office, ContainerFeatureColumns.LANE_NEW)
            .when("flag set", flag(ContainerFeatureColumns.ROUTE_UNUSUAL))
            .needs("a known lane (lane_new = 0)", c(loading).isNotNull().and(c(ContainerFeatureColumns.LANE_NEW).equalTo(0.0)))
            .says("route differs from the usual one from {loading} to {office}",
                concat(lit("route differs from the usual one from "), c(loading), lit(" to "), c(office)))
            .against("the lane's most frequent port sequence in the fitted history (LaneRoute)"),
        ReasonRule.about(ContainerFeatureColumns.LANE_NEW)
            .reads(loading, office)
            .when("flag set", flag(ContainerFeatureColumns.LANE_NEW))
            .needs("port of loading on the manifest", c(loading).isNotNull())
            .says("rarely used route from {loading} to {office}",
                concat(lit("rarely used route from "), c(loading), lit(" to "), c(office)))
            .against("lane seen fewer than 3 times in the fitted history (LaneRoute)"),
        ReasonRule.about(ContainerFeatureColumns.VESSEL_HIGH_RISK_CALLS_90D)
            .when("at least 1", positive(ContainerFeatureColumns.VESSEL_HIGH_RISK_CALLS_90D))
            .needs("the vessel's port calls", ALWAYS)
            .says("the vessel called at high-risk ports {n} time(s) in 90 days",
                concat(lit("the vessel called at high-risk ports "),
                    count(c(ContainerFeatureColumns.VESSEL_HIGH_RISK_CALLS_90D), "time", "times"), lit(" in 90 days")))
            .against(COUNT_ABOVE_0 + "; " + TIER_3),
        ReasonRule.about(ContainerFeatureColumns.TRANSSHIP_DWELL_HOURS_MAX)
            .when("at least 72 hours", c(ContainerFeatureColumns.TRANSSHIP_DWELL_HOURS_MAX).geq(72))
            .needs("events at a transshipment port", ALWAYS)
            .says("stayed {time} at a transshipment port",
                concat(lit("stayed "), hours(c(ContainerFeatureColumns.TRANSSHIP_DWELL_HOURS_MAX)), lit(" at a transshipment port")))
            .against("3 days or more at a hub: a transshipment normally takes one to two days"),
        ReasonRule.about(ContainerFeatureColumns.SEAL_CHANGE_COUNT)
            .when("at least 1", positive(ContainerFeatureColumns.SEAL_CHANGE_COUNT))
            .needs("SEAL_CHANGE events of the trip", ALWAYS)
            .says("seal changed {n} time(s) on the way",
                concat(lit("seal changed "), count(c(ContainerFeatureColumns.SEAL_CHANGE_COUNT), "time", "times"), lit(" on the way")))
            .against(COUNT_ABOVE_0),
        ReasonRule.about(ContainerFeatureColumns.SEAL_MISMATCH_COUNT)
            .when("at least 1", positive(ContainerFeatureColumns.SEAL_MISMATCH_COUNT))
            .needs("container events with a seal number", ALWAYS)
            .says("seal number differs from the manifest in {n} event(s)",
                concat(lit("seal number differs from the manifest in "), count(c(ContainerFeatureColumns.SEAL_MISMATCH_COUNT), "event", "events")))
            .against(COUNT_ABOVE_0),
        ReasonRule.about(ContainerFeatureColumns.EVENT_ORDER_UNUSUAL)
            .when("flag set", flag(ContainerFeatureColumns.EVENT_ORDER_UNUSUAL))
            .needs("container events of the trip", ALWAYS)
            .says("container events out of order", lit("container events out of order"))
            .against(FLAG_SET + " (loaded before gate-in, discharged before loading, gated out before discharge)"),
        ReasonRule.about(ContainerFeatureColumns.DISCHARGE_TO_GATE_OUT_HOURS)
            .reads(ContainerFeatureColumns.GATE_OUT_KNOWN)
            .when("below 12 hours", c(ContainerFeatureColumns.DISCHARGE_TO_GATE_OUT_HOURS).lt(12))
            .needs("discharge and gate-out known (gate_out_known = 1)", flag(ContainerFeatureColumns.GATE_OUT_KNOWN))
            .says("left the terminal {time} after discharge",
                concat(lit("left the terminal "), hours(c(ContainerFeatureColumns.DISCHARGE_TO_GATE_OUT_HOURS)), lit(" after discharge")))
            .against("under 12 hours: a quick pick-up, as in rip-off extractions; containers usually wait days"),
        ReasonRule.about(ContainerFeatureColumns.GATE_OUT_KNOWN)
            .when("flag set", flag(ContainerFeatureColumns.GATE_OUT_KNOWN))
            .needs("a gate-out event at the port of discharge", ALWAYS)
            .says("already left the terminal before it was declared", lit("already left the terminal before it was declared"))
            .against(FLAG_SET + ": a container leaves after its declaration"),
        ReasonRule.about(ContainerFeatureColumns.COVER_GOODS)
            .reads(hs)
            .when("flag set", flag(ContainerFeatureColumns.COVER_GOODS))
            .needs("HS code on the manifest", c(hs).isNotNull())
            .says("HS {code}: goods often used as cover for drugs",
                concat(lit("HS "), c(hs), lit(": goods often used as cover for drugs")))
            .against("HS prefix in the reference list cover_goods.csv"),
        ReasonRule.about(weightRatio)
            .reads(hs)
            .when("at least 2 or at most 0.5", ratio.geq(2.0).or(ratio.leq(0.5)))
            .needs("a weight history for the goods (ratio is 1 without)", ALWAYS)
            .says(weightDocumented, weightSentence)
            .against("twice or half the median weight of the same HS heading and container type in the fitted history"),
        ReasonRule.about(ContainerFeatureColumns.WEIGHT_ROBUST_Z)
            .reads(hs, weightRatio)
            .when("beyond +-3, and the weight at least 1.25 times or at most 0.8 times the usual",
                abs(c(ContainerFeatureColumns.WEIGHT_ROBUST_Z)).geq(ROBUST_Z).and(ratio.geq(1.25).or(ratio.leq(0.8))))
            .needs("a weight history for the goods", ALWAYS)
            .says(weightDocumented, weightSentence)
            .against("robust z beyond 3 against the same HS heading and container type (median, 1.4826 MAD)"),
        ReasonRule.about(ContainerFeatureColumns.VALUE_PER_KG_ROBUST_Z)
            .reads(hs, ContainerFeatureColumns.VALUE_MISSING)
            .when("beyond +-3", abs(c(ContainerFeatureColumns.VALUE_PER_KG_ROBUST_Z)).geq(ROBUST_Z))
            .needs("a declared value (value_missing = 0)", c(ContainerFeatureColumns.VALUE_MISSING).equalTo(0.0))
            .says("declared value per kg far below / far above similar goods (HS {heading})",
                concat(lit("declared value per kg far "),
                    when(c(ContainerFeatureColumns.VALUE_PER_KG_ROBUST_Z).lt(0), lit("below")).otherwise(lit("above")),
                    lit(" the usual"), forHeading(c(hs))))
            .against("robust z beyond 3 against the same HS heading (median, 1.4826 MAD)"),
        ReasonRule.about(ContainerFeatureColumns.VALUE_MISSING)
            .when("flag set", flag(ContainerFeatureColumns.VALUE_MISSING))
            .needs("the manifest line itself", ALWAYS)
            .says("no declared value (or no weight) on the manifest", lit("no declared value (or no weight) on the manifest"))
            .against(FLAG_SET + ": declared_value_eur is optional but usually given"),
        registeredRecently(ContainerFeatureColumns.SHIPPER_AGE_DAYS, "shipper", shipper, ContainerFeatureColumns.SHIPPER_UNKNOWN,
            c(ContainerFeatureColumns.SHIPPER_UNKNOWN).equalTo(0.0), " and in the company register"),
        registeredRecently(ContainerFeatureColumns.CONSIGNEE_AGE_DAYS, "consignee", consignee, ContainerFeatureColumns.CONSIGNEE_UNKNOWN,
            c(ContainerFeatureColumns.CONSIGNEE_UNKNOWN).equalTo(0.0), " and in the company register"),
        // No forwarder_unknown flag: an unknown forwarder has age 0, so a known one needs 1 day.
        registeredRecently(ContainerFeatureColumns.FORWARDER_AGE_DAYS, "forwarder", forwarder, ContainerFeatureColumns.FORWARDER_AGE_DAYS,
            c(ContainerFeatureColumns.FORWARDER_AGE_DAYS).geq(1.0), ", registered 1 day or more (age 0 = unknown)"),
        ReasonRule.about(ContainerFeatureColumns.SHIPPER_UNKNOWN)
            .reads(shipper)
            .when("flag set", flag(ContainerFeatureColumns.SHIPPER_UNKNOWN))
            .needs("shipper named on the manifest (shipper_id)", c(shipper).isNotNull())
            .says("shipper {id} not in the company register", concat(lit("shipper "), c(shipper), lit(" not in the company register")))
            .against(FLAG_SET + ": a trading firm is registered"),
        ReasonRule.about(ContainerFeatureColumns.CONSIGNEE_UNKNOWN)
            .reads(consignee)
            .when("flag set", flag(ContainerFeatureColumns.CONSIGNEE_UNKNOWN))
            .needs("consignee named on the manifest (consignee_id)", c(consignee).isNotNull())
            .says("consignee {id} not in the company register", concat(lit("consignee "), c(consignee), lit(" not in the company register")))
            .against(FLAG_SET + ": a trading firm is registered"),
        fewEarlierShipments(ContainerFeatureColumns.SHIPPER_PRIOR_MANIFESTS, "shipper", shipper, ContainerFeatureColumns.SHIPPER_UNKNOWN),
        fewEarlierShipments(ContainerFeatureColumns.CONSIGNEE_PRIOR_MANIFESTS, "consignee", consignee, ContainerFeatureColumns.CONSIGNEE_UNKNOWN),
        pastHits(ContainerFeatureColumns.SHIPPER_PAST_HITS, "shipper", shipper),
        pastHits(ContainerFeatureColumns.CONSIGNEE_PAST_HITS, "consignee", consignee),
        ReasonRule.about(ContainerFeatureColumns.FIRST_TIME_PAIR)
            .reads(shipper, consignee, ContainerFeatureColumns.SHIPPER_PRIOR_MANIFESTS, ContainerFeatureColumns.CONSIGNEE_PRIOR_MANIFESTS)
            .when("flag set, and both parties have shipped before",
                flag(ContainerFeatureColumns.FIRST_TIME_PAIR)
                    .and(positive(ContainerFeatureColumns.SHIPPER_PRIOR_MANIFESTS))
                    .and(positive(ContainerFeatureColumns.CONSIGNEE_PRIOR_MANIFESTS)))
            .needs("shipper and consignee named on the manifest", c(shipper).isNotNull().and(c(consignee).isNotNull()))
            .says("first shipment between this shipper and consignee, though both shipped before",
                lit("first shipment between this shipper and consignee, though both shipped before"))
            .against("established parties (1 or more earlier shipments each) that never traded together"),
        ReasonRule.about(ContainerFeatureColumns.CONSIGNEE_NEW_ORIGIN_COUNTRY)
            .reads(consignee, origin)
            .when("flag set", flag(ContainerFeatureColumns.CONSIGNEE_NEW_ORIGIN_COUNTRY))
            .needs("consignee and origin country on the manifest", c(consignee).isNotNull().and(c(origin).isNotNull()))
            .says("consignee's first shipment from {country}", concat(lit("consignee's first shipment from "), c(origin)))
            .against("a consignee with earlier shipments, none from this country"),
        ReasonRule.about(ContainerFeatureColumns.NOTIFY_PARTY_UNKNOWN)
            .reads(notify)
            .when("flag set", flag(ContainerFeatureColumns.NOTIFY_PARTY_UNKNOWN))
            .needs("notify party named on the manifest (notify_party_id)", c(notify).isNotNull())
            .says("notify party {id} not in the company register",
                concat(lit("notify party "), c(notify), lit(" not in the company register")))
            .against(FLAG_SET + ": a named notify party is a registered firm"),
        consigneeFinance(ContainerFeatureColumns.CONSIGNEE_CASH_SHARE_90D, "at least 0.5",
            c(ContainerFeatureColumns.CONSIGNEE_CASH_SHARE_90D).geq(MAJORITY),
            "{p} % of the consignee's payment volume in 90 days was cash",
            concat(percent(c(ContainerFeatureColumns.CONSIGNEE_CASH_SHARE_90D)), lit(" of the consignee's payment volume in 90 days was cash")),
            "half or more in cash: firms in trade pay by transfer"),
        consigneeFinance(ContainerFeatureColumns.CONSIGNEE_STRUCTURING_90D, "at least 2",
            c(ContainerFeatureColumns.CONSIGNEE_STRUCTURING_90D).geq(STRUCTURING_PAYMENTS - 0.5),
            "consignee made {n} payments of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold",
            concat(lit("consignee made "), count(c(ContainerFeatureColumns.CONSIGNEE_STRUCTURING_90D), "payment", "payments"),
                lit(" of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold")),
            "2 or more payments just below the EUR 10,000 reporting threshold (structuring)"),
        malafideLinks(ContainerFeatureColumns.CONSIGNEE_MALAFIDE_LINKS, "consignee", consignee, ContainerFeatureColumns.CONSIGNEE_UNKNOWN),
        malafideLinks(ContainerFeatureColumns.SHIPPER_MALAFIDE_LINKS, "shipper", shipper, ContainerFeatureColumns.SHIPPER_UNKNOWN),
        ReasonRule.about(lead)
            .reads(ContainerFeatureColumns.ETA)
            .when("below 24 hours (negative: after arrival)", c(lead).lt(LATE_FILING_HOURS))
            .needs("ETA on the manifest", c(ContainerFeatureColumns.ETA).isNotNull())
            .says("manifest filed only {time} before arrival / manifest filed {time} after arrival", lateFiling)
            .against("the EU advance-filing rule: deep-sea containers are declared 24 hours before loading,"
                + " so less than 24 hours before arrival is late"),
        ReasonRule.about(ContainerFeatureColumns.FILED_AFTER_DEPARTURE)
            .reads(loading)
            .when("flag set", flag(ContainerFeatureColumns.FILED_AFTER_DEPARTURE))
            .needs("port of loading on the manifest", c(loading).isNotNull())
            .says("manifest filed after the vessel left {loading}",
                concat(lit("manifest filed after the vessel left "), c(loading)))
            .against(FLAG_SET + "; the EU rule asks for the declaration before loading"),
        ReasonRule.about(ContainerFeatureColumns.AMENDMENT_COUNT)
            .when("at least 2", c(ContainerFeatureColumns.AMENDMENT_COUNT).geq(1.5))
            .needs("the manifest's versions", ALWAYS)
            .says("manifest amended {n} times",
                concat(lit("manifest amended "), count(c(ContainerFeatureColumns.AMENDMENT_COUNT), "time", "times")))
            .against("more than one amendment: a single correction is routine"),
        ReasonRule.about(ContainerFeatureColumns.AMENDMENT_AFTER_DEPARTURE)
            .reads(loading)
            .when("flag set", flag(ContainerFeatureColumns.AMENDMENT_AFTER_DEPARTURE))
            .needs("port of loading on the manifest", c(loading).isNotNull())
            .says("manifest changed after the vessel left {loading}",
                concat(lit("manifest changed after the vessel left "), c(loading)))
            .against(FLAG_SET + "; changes after loading are late"));
  }

  // ---- firm rules ------------------------------------------------------------------------

  private static ReasonRule firmCount(String feature, int atLeast, String documented, Column sentence, String reference) {
    return ReasonRule.about(feature)
        .when("at least " + atLeast, c(feature).geq(atLeast - 0.5))
        .needs("the firm's payments or register entry", ALWAYS)
        .says(documented, sentence)
        .against(reference);
  }

  private static ReasonRule youngWithLargeFlows(String feature) {
    Column age = c(FirmFeatureColumns.COMPANY_AGE_DAYS);
    Column amount = c(FirmFeatureColumns.TXN_AMOUNT_90D);
    return ReasonRule.about(feature)
        .reads(FirmFeatureColumns.COMPANY_AGE_DAYS, FirmFeatureColumns.TXN_AMOUNT_90D)
        .when("company registered below 365 days ago and at least EUR 100,000 paid or received in 90 days",
            age.lt(YOUNG_FIRM_DAYS).and(amount.geq(LARGE_FLOWS_EUR)))
        .needs("the firm in the company register", ALWAYS)
        .says("registered {time} ago, yet moved EUR {amount} in 90 days",
            concat(lit("registered "), days(age), lit(" ago, yet moved "), euros(amount), lit(" in 90 days")))
        .against(YOUNG + ", with EUR 100,000 or more in 90 days");
  }

  private static List<ReasonRule> firmRules() {
    Column cash = c(FirmFeatureColumns.CASH_SHARE_90D);
    Column round = c(FirmFeatureColumns.ROUND_AMOUNT_SHARE_90D);
    Column pass = c(FirmFeatureColumns.GRAPH_PASS_THROUGH_RATIO);
    Column structuringShare = c(FirmFeatureColumns.GRAPH_STRUCTURING_SHARE);
    Column velocity = c(FirmFeatureColumns.VELOCITY_CHANGE);
    return List.of(
        youngWithLargeFlows(FirmFeatureColumns.COMPANY_AGE_DAYS),
        youngWithLargeFlows(FirmFeatureColumns.TXN_AMOUNT_90D),
        youngWithLargeFlows(FirmFeatureColumns.TXN_AMOUNT_30D),
        ReasonRule.about(FirmFeatureColumns.VELOCITY_CHANGE)
            .reads(FirmFeatureColumns.TXN_AMOUNT_30D)
            .when("at least ln 3 (3 times the daily volume)", velocity.geq(Math.log(3)))
            .needs("payments in the last 30 days", c(FirmFeatureColumns.TXN_AMOUNT_30D).gt(0))
            .says("daily payment volume of the last 30 days {r} times that of the 60 days before",
                concat(lit("daily payment volume of the last 30 days "), times(exp(velocity)),
                    lit(" that of the 60 days before")))
            .against("a threefold rise; (1 + daily volume) ratios, so small volumes do not count"),
        ReasonRule.about(FirmFeatureColumns.CASH_SHARE_90D)
            .when("at least 0.5", cash.geq(MAJORITY))
            .needs("payments in the last 90 days", ALWAYS)
            .says("{p} % of its payment volume in 90 days was cash",
                concat(percent(cash), lit(" of its payment volume in 90 days was cash")))
            .against("half or more in cash: firms in trade pay by transfer"),
        ReasonRule.about(FirmFeatureColumns.ROUND_AMOUNT_SHARE_90D)
            .reads(FirmFeatureColumns.TXN_COUNT_90D)
            .when("at least 0.5, with at least 5 payments", round.geq(MAJORITY).and(c(FirmFeatureColumns.TXN_COUNT_90D).geq(5)))
            .needs("5 or more payments in 90 days", ALWAYS)
            .says("{p} % of its payments in 90 days were round thousands",
                concat(percent(round), lit(" of its payments in 90 days were round thousands")))
            .against("half or more in multiples of EUR 1,000: invoices are rarely round"),
        firmCount(FirmFeatureColumns.STRUCTURING_COUNT_90D, STRUCTURING_PAYMENTS,
            "{n} payments of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold",
            concat(count(c(FirmFeatureColumns.STRUCTURING_COUNT_90D), "payment", "payments"),
                lit(" of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold")),
            "2 or more payments just below the EUR 10,000 reporting threshold (structuring)"),
        firmCount(FirmFeatureColumns.HIGH_RISK_COUNTRY_PAYMENTS_90D, 1,
            "{n} payment(s) to or from high-risk countries in 90 days",
            concat(count(c(FirmFeatureColumns.HIGH_RISK_COUNTRY_PAYMENTS_90D), "payment", "payments"),
                lit(" to or from high-risk countries in 90 days")),
            COUNT_ABOVE_0 + "; " + TIER_3),
        firmCount(FirmFeatureColumns.SHARED_ADDRESS_COUNT, 1,
            "shares its address with {n} other firm(s)",
            concat(lit("shares its address with "), count(c(FirmFeatureColumns.SHARED_ADDRESS_COUNT), "other firm", "other firms")),
            COUNT_ABOVE_0),
        firmCount(FirmFeatureColumns.SHARED_BANK_ACCOUNT_COUNT, 1,
            "shares its bank account with {n} other firm(s)",
            concat(lit("shares its bank account with "), count(c(FirmFeatureColumns.SHARED_BANK_ACCOUNT_COUNT), "other firm", "other firms")),
            COUNT_ABOVE_0),
        firmCount(FirmFeatureColumns.MALAFIDE_LINKS, 1,
            "deals with {n} firm(s) labelled malafide",
            concat(lit("deals with "), count(c(FirmFeatureColumns.MALAFIDE_LINKS), "firm", "firms"), lit(" labelled malafide")),
            COUNT_ABOVE_0 + "; firm labels known by the day"),
        ReasonRule.about(FirmFeatureColumns.GRAPH_FAN_IN_CHANGE)
            .when("at least 2 (4 times)", c(FirmFeatureColumns.GRAPH_FAN_IN_CHANGE).geq(2))
            .needs("payments in the last 60 days", ALWAYS)
            .says("{r} times as many firms paid it in the last 30 days as in the 30 days before (counts + 1)",
                concat(timesFromLog2(c(FirmFeatureColumns.GRAPH_FAN_IN_CHANGE)),
                    lit(" as many firms paid it in the last 30 days as in the 30 days before (counts + 1)")))
            .against("a fourfold rise in distinct payers"),
        ReasonRule.about(FirmFeatureColumns.GRAPH_FAN_OUT_CHANGE)
            .when("at least 2 (4 times)", c(FirmFeatureColumns.GRAPH_FAN_OUT_CHANGE).geq(2))
            .needs("payments in the last 60 days", ALWAYS)
            .says("it paid {r} times as many firms in the last 30 days as in the 30 days before (counts + 1)",
                concat(lit("it paid "), timesFromLog2(c(FirmFeatureColumns.GRAPH_FAN_OUT_CHANGE)),
                    lit(" as many firms in the last 30 days as in the 30 days before (counts + 1)")))
            .against("a fourfold rise in distinct payees"),
        ReasonRule.about(FirmFeatureColumns.GRAPH_PASS_THROUGH_RATIO)
            .when("at least 0.5", pass.geq(MAJORITY))
            .needs("incoming payments in the last year", ALWAYS)
            .says("{p} % of its incoming money was paid out again within 48 hours",
                concat(percent(pass), lit(" of its incoming money was paid out again within 48 hours")))
            .against("half or more passed straight through: a trading firm keeps or spends its income"),
        ReasonRule.about(FirmFeatureColumns.GRAPH_STRUCTURING_SHARE)
            .when("at least 0.2", structuringShare.geq(0.2))
            .needs("payments in the last year", ALWAYS)
            .says("{p} % of its payments in the last year were just below the EUR 10,000 reporting threshold",
                concat(percent(structuringShare), lit(" of its payments in the last year were just below the EUR 10,000 reporting threshold")))
            .against("a fifth or more of payments within 10 % below the EUR 10,000 reporting threshold"));
  }

  private static final List<ReasonRule> CONTAINER = containerRules();
  private static final List<ReasonRule> FIRM = firmRules();

  /** Rules of the container features ({@code silver/container_features}). */
  public static List<ReasonRule> container() {
    return CONTAINER;
  }

  /** Rules of the firm features ({@code silver/firm_features}). */
  public static List<ReasonRule> firm() {
    return FIRM;
  }

  /** Rules by feature, in catalogue order. */
  public static Map<String, List<ReasonRule>> byFeature(List<ReasonRule> rules) {
    return rules.stream()
        .collect(Collectors.groupingBy(ReasonRule::feature, java.util.LinkedHashMap::new, Collectors.toList()));
  }
}
