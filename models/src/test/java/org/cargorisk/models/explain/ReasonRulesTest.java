package org.cargorisk.models.explain;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cargorisk.features.container.ContainerFeatureColumns.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * Every reason rule, on rows built for it: the unusual value with a positive contribution gives
 * exactly the expected sentence; the same row with a negative contribution gives none; an
 * ordinary row (value in the normal range, counts of zero) gives none; and each named false case
 * (party missing, unknown firm, value just inside the threshold) gives none. A rule without a
 * case here fails the test, so no rule reaches a list untested.
 */
class ReasonRulesTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static final String CONTRIBUTIONS = "__test_contributions";
  private static final String CASE = "__case";

  /** One rule's cases: the patch that makes it true, its sentence, and patches that must not. */
  private record Case(String feature, Map<String, Object> unusual, String sentence, Map<String, Map<String, Object>> falseCases) {}

  private static Map<String, Object> patch(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Map<String, Object>> falses(Object... labelPatches) {
    Map<String, Map<String, Object>> map = new LinkedHashMap<>();
    for (int i = 0; i < labelPatches.length; i += 2) {
      map.put((String) labelPatches[i], (Map<String, Object>) labelPatches[i + 1]);
    }
    return map;
  }

  private static Case rule(String feature, Map<String, Object> unusual, String sentence, Object... falseCases) {
    return new Case(feature, unusual, sentence, falses(falseCases));
  }

  /** An ordinary container: known parties, old firms, normal goods, route and filing. */
  private static Map<String, Object> ordinaryContainer() {
    Map<String, Object> row = new HashMap<>();
    row.put(BL_NUMBER, "BL1");
    row.put(CONTAINER_ID, "MSKU1234565");
    row.put(AS_OF, Date.valueOf("2026-03-31"));
    row.put(OFFICE, "NLRTM");
    row.put(ORIGIN_COUNTRY, "CN");
    row.put(PORT_OF_LOADING, "CNSHA");
    row.put(HS_CODE, "080390");
    row.put(GOODS_DESCRIPTION, "bananas");
    row.put(SHIPPER_ID, "S1");
    row.put(CONSIGNEE_ID, "C1");
    row.put(FORWARDER_ID, "F1");
    row.put(NOTIFY_PARTY_ID, "N1");
    row.put(ETA, Timestamp.valueOf("2026-04-01 08:00:00"));
    Map<String, Double> features = new HashMap<>();
    ContainerFeatureColumns.FEATURES.forEach(f -> features.put(f, 0.0));
    features.putAll(Map.ofEntries(
        Map.entry(ORIGIN_PORT_TIER, 1.0), Map.entry(ORIGIN_COUNTRY_TIER, 1.0), Map.entry(ROUTE_MAX_PORT_TIER, 1.0),
        Map.entry(TRANSSHIPMENT_COUNT, 1.0), Map.entry(ROUTE_INTERMEDIATE_CALLS, 2.0),
        Map.entry(TRANSSHIP_DWELL_HOURS_MAX, 30.0), Map.entry(HS_CHAPTER, 8.0),
        Map.entry(WEIGHT_EXPECTED_RATIO, 1.1), Map.entry(WEIGHT_ROBUST_Z, 0.8), Map.entry(VALUE_PER_KG_ROBUST_Z, -0.5),
        Map.entry(SHIPPER_AGE_DAYS, 3000.0), Map.entry(CONSIGNEE_AGE_DAYS, 3000.0), Map.entry(FORWARDER_AGE_DAYS, 3000.0),
        Map.entry(SHIPPER_PRIOR_MANIFESTS, 40.0), Map.entry(CONSIGNEE_PRIOR_MANIFESTS, 40.0),
        Map.entry(SHIPPER_PAST_INSPECTIONS, 2.0), Map.entry(CONSIGNEE_PAST_INSPECTIONS, 2.0),
        Map.entry(CONSIGNEE_CASH_SHARE_90D, 0.1), Map.entry(FILING_LEAD_HOURS, 240.0), Map.entry(AMENDMENT_COUNT, 1.0)));
    row.putAll(features);
    return row;
  }

  private static final List<Case> CONTAINER_CASES = List.of(
      rule(ORIGIN_PORT_TIER, patch(ORIGIN_PORT_TIER, 3.0, PORT_OF_LOADING, "COCTG"), "loaded at COCTG, a high-risk port",
          "tier 2", patch(ORIGIN_PORT_TIER, 2.0), "no port of loading", patch(PORT_OF_LOADING, null)),
      rule(ORIGIN_COUNTRY_TIER, patch(ORIGIN_COUNTRY_TIER, 3.0, ORIGIN_COUNTRY, "CO"), "goods from CO, a high-risk country",
          "tier 2", patch(ORIGIN_COUNTRY_TIER, 2.0), "no origin country", patch(ORIGIN_COUNTRY, null)),
      rule(ROUTE_MAX_PORT_TIER, patch(ROUTE_MAX_PORT_TIER, 3.0, ROUTE_HIGH_RISK_PORTS, 1.0), "routed via 1 high-risk port",
          "tier 2", patch(ROUTE_MAX_PORT_TIER, 2.0), "no high-risk port counted", patch(ROUTE_HIGH_RISK_PORTS, 0.0)),
      rule(ROUTE_HIGH_RISK_PORTS, patch(ROUTE_HIGH_RISK_PORTS, 2.0), "routed via 2 high-risk ports"),
      rule(TRANSSHIPMENT_COUNT, patch(TRANSSHIPMENT_COUNT, 3.0), "transshipped 3 times",
          "one transshipment", patch(TRANSSHIPMENT_COUNT, 1.0)),
      rule(ROUTE_DETOUR_CALLS, patch(ROUTE_DETOUR_CALLS, 2.0), "2 more port calls than usual from CNSHA to NLRTM",
          "no port of loading", patch(PORT_OF_LOADING, null)),
      rule(ROUTE_UNUSUAL, patch(ROUTE_UNUSUAL, 1.0), "route differs from the usual one from CNSHA to NLRTM",
          "new lane (no usual route)", patch(LANE_NEW, 1.0)),
      rule(LANE_NEW, patch(LANE_NEW, 1.0), "rarely used route from CNSHA to NLRTM",
          "no port of loading", patch(PORT_OF_LOADING, null)),
      rule(VESSEL_HIGH_RISK_CALLS_90D, patch(VESSEL_HIGH_RISK_CALLS_90D, 4.0), "the vessel called at high-risk ports 4 times in 90 days"),
      rule(TRANSSHIP_DWELL_HOURS_MAX, patch(TRANSSHIP_DWELL_HOURS_MAX, 100.0), "stayed 4 days at a transshipment port",
          "71 hours", patch(TRANSSHIP_DWELL_HOURS_MAX, 71.0)),
      rule(SEAL_CHANGE_COUNT, patch(SEAL_CHANGE_COUNT, 1.0), "seal changed 1 time on the way"),
      rule(SEAL_MISMATCH_COUNT, patch(SEAL_MISMATCH_COUNT, 2.0), "seal number differs from the manifest in 2 events"),
      rule(EVENT_ORDER_UNUSUAL, patch(EVENT_ORDER_UNUSUAL, 1.0), "container events out of order"),
      rule(DISCHARGE_TO_GATE_OUT_HOURS, patch(DISCHARGE_TO_GATE_OUT_HOURS, 3.0, GATE_OUT_KNOWN, 1.0),
          "left the terminal 3 hours after discharge",
          "gate-out unknown (0 hours is the default)", patch(GATE_OUT_KNOWN, 0.0), "50 hours", patch(DISCHARGE_TO_GATE_OUT_HOURS, 50.0)),
      rule(GATE_OUT_KNOWN, patch(GATE_OUT_KNOWN, 1.0, DISCHARGE_TO_GATE_OUT_HOURS, 50.0),
          "already left the terminal before it was declared"),
      rule(COVER_GOODS, patch(COVER_GOODS, 1.0), "HS 080390: goods often used as cover for drugs",
          "no HS code", patch(HS_CODE, null)),
      rule(WEIGHT_EXPECTED_RATIO, patch(WEIGHT_EXPECTED_RATIO, 4.0), "weight 4 times the usual for HS 0803 goods",
          "1.5 times", patch(WEIGHT_EXPECTED_RATIO, 1.5), "0.6 times", patch(WEIGHT_EXPECTED_RATIO, 0.6)),
      rule(WEIGHT_ROBUST_Z, patch(WEIGHT_ROBUST_Z, -5.0, WEIGHT_EXPECTED_RATIO, 0.4), "weight only 40 % of the usual for HS 0803 goods",
          "z -2", patch(WEIGHT_ROBUST_Z, -2.0), "weight close to the usual", patch(WEIGHT_EXPECTED_RATIO, 0.95)),
      rule(VALUE_PER_KG_ROBUST_Z, patch(VALUE_PER_KG_ROBUST_Z, -6.0), "declared value per kg far below the usual for HS 0803 goods",
          "z -2.9", patch(VALUE_PER_KG_ROBUST_Z, -2.9), "no declared value", patch(VALUE_MISSING, 1.0)),
      rule(VALUE_MISSING, patch(VALUE_MISSING, 1.0), "no declared value (or no weight) on the manifest"),
      rule(SHIPPER_AGE_DAYS, patch(SHIPPER_AGE_DAYS, 20.0), "shipper registered 3 weeks ago",
          "unknown shipper (age 0)", patch(SHIPPER_AGE_DAYS, 0.0, SHIPPER_UNKNOWN, 1.0), "no shipper", patch(SHIPPER_ID, null),
          "365 days", patch(SHIPPER_AGE_DAYS, 365.0)),
      rule(CONSIGNEE_AGE_DAYS, patch(CONSIGNEE_AGE_DAYS, 150.0), "consignee registered 5 months ago",
          "unknown consignee", patch(CONSIGNEE_UNKNOWN, 1.0), "no consignee", patch(CONSIGNEE_ID, null)),
      rule(FORWARDER_AGE_DAYS, patch(FORWARDER_AGE_DAYS, 10.0), "forwarder registered 10 days ago",
          "no forwarder", patch(FORWARDER_ID, null, FORWARDER_AGE_DAYS, 0.0), "unknown forwarder (age 0)", patch(FORWARDER_AGE_DAYS, 0.0),
          "no forwarder id", patch(FORWARDER_ID, null)),
      rule(SHIPPER_UNKNOWN, patch(SHIPPER_UNKNOWN, 1.0, SHIPPER_AGE_DAYS, 0.0), "shipper S1 not in the company register",
          "no shipper", patch(SHIPPER_ID, null)),
      rule(CONSIGNEE_UNKNOWN, patch(CONSIGNEE_UNKNOWN, 1.0, CONSIGNEE_AGE_DAYS, 0.0), "consignee C1 not in the company register",
          "no consignee", patch(CONSIGNEE_ID, null)),
      rule(SHIPPER_PRIOR_MANIFESTS, patch(SHIPPER_PRIOR_MANIFESTS, 0.0), "first shipment of the shipper",
          "unknown shipper", patch(SHIPPER_UNKNOWN, 1.0), "3 earlier", patch(SHIPPER_PRIOR_MANIFESTS, 3.0)),
      rule(CONSIGNEE_PRIOR_MANIFESTS, patch(CONSIGNEE_PRIOR_MANIFESTS, 2.0), "consignee has only 2 earlier shipments",
          "no consignee", patch(CONSIGNEE_ID, null)),
      rule(SHIPPER_PAST_HITS, patch(SHIPPER_PAST_HITS, 2.0), "2 earlier inspections of the shipper's containers found contraband",
          "no shipper", patch(SHIPPER_ID, null)),
      rule(CONSIGNEE_PAST_HITS, patch(CONSIGNEE_PAST_HITS, 1.0), "1 earlier inspection of the consignee's containers found contraband",
          "no consignee", patch(CONSIGNEE_ID, null)),
      rule(FIRST_TIME_PAIR, patch(FIRST_TIME_PAIR, 1.0), "first shipment between this shipper and consignee, though both shipped before",
          "new shipper", patch(SHIPPER_PRIOR_MANIFESTS, 0.0), "no consignee", patch(CONSIGNEE_ID, null)),
      rule(CONSIGNEE_NEW_ORIGIN_COUNTRY, patch(CONSIGNEE_NEW_ORIGIN_COUNTRY, 1.0, ORIGIN_COUNTRY, "PE"), "consignee's first shipment from PE",
          "no origin country", patch(ORIGIN_COUNTRY, null)),
      rule(NOTIFY_PARTY_UNKNOWN, patch(NOTIFY_PARTY_UNKNOWN, 1.0), "notify party N1 not in the company register",
          "no notify party named", patch(NOTIFY_PARTY_ID, null)),
      rule(CONSIGNEE_CASH_SHARE_90D, patch(CONSIGNEE_CASH_SHARE_90D, 0.62), "62 % of the consignee's payment volume in 90 days was cash",
          "unknown consignee", patch(CONSIGNEE_UNKNOWN, 1.0), "49 %", patch(CONSIGNEE_CASH_SHARE_90D, 0.49)),
      rule(CONSIGNEE_STRUCTURING_90D, patch(CONSIGNEE_STRUCTURING_90D, 3.0),
          "consignee made 3 payments of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold",
          "one payment", patch(CONSIGNEE_STRUCTURING_90D, 1.0), "no consignee", patch(CONSIGNEE_ID, null)),
      rule(CONSIGNEE_MALAFIDE_LINKS, patch(CONSIGNEE_MALAFIDE_LINKS, 2.0), "consignee deals with 2 firms labelled malafide",
          "no consignee", patch(CONSIGNEE_ID, null)),
      rule(SHIPPER_MALAFIDE_LINKS, patch(SHIPPER_MALAFIDE_LINKS, 1.0), "shipper deals with 1 firm labelled malafide",
          "unknown shipper", patch(SHIPPER_UNKNOWN, 1.0)),
      rule(FILING_LEAD_HOURS, patch(FILING_LEAD_HOURS, 6.2), "manifest filed only 6 hours before arrival",
          "490.9 hours", patch(FILING_LEAD_HOURS, 490.9), "24 hours", patch(FILING_LEAD_HOURS, 24.0), "no ETA", patch(ETA, null)),
      rule(FILED_AFTER_DEPARTURE, patch(FILED_AFTER_DEPARTURE, 1.0), "manifest filed after the vessel left CNSHA"),
      rule(AMENDMENT_COUNT, patch(AMENDMENT_COUNT, 3.0), "manifest amended 3 times"),
      rule(AMENDMENT_AFTER_DEPARTURE, patch(AMENDMENT_AFTER_DEPARTURE, 1.0), "manifest changed after the vessel left CNSHA"));

  /** An ordinary firm: old, modest transfers, no shared register data, no labelled partners. */
  private static Map<String, Object> ordinaryFirm() {
    Map<String, Object> row = new HashMap<>();
    row.put(FirmFeatureColumns.FIRM_ID, "F000001");
    row.put(FirmFeatureColumns.AS_OF, Date.valueOf("2026-03-31"));
    row.put(FirmFeatureColumns.COUNTRY, "NL");
    row.put(FirmFeatureColumns.SECTOR, "IMPORTER");
    FirmFeatureColumns.FEATURES.forEach(f -> row.put(f, 0.0));
    row.putAll(Map.ofEntries(
        Map.entry(FirmFeatureColumns.TXN_COUNT_30D, 10.0), Map.entry(FirmFeatureColumns.TXN_COUNT_90D, 30.0),
        Map.entry(FirmFeatureColumns.TXN_AMOUNT_30D, 50_000.0), Map.entry(FirmFeatureColumns.TXN_AMOUNT_90D, 150_000.0),
        Map.entry(FirmFeatureColumns.VELOCITY_CHANGE, 0.1), Map.entry(FirmFeatureColumns.CASH_SHARE_90D, 0.05),
        Map.entry(FirmFeatureColumns.ROUND_AMOUNT_SHARE_90D, 0.1), Map.entry(FirmFeatureColumns.FAN_IN_90D, 5.0),
        Map.entry(FirmFeatureColumns.FAN_OUT_90D, 5.0), Map.entry(FirmFeatureColumns.COMPANY_AGE_DAYS, 3000.0),
        Map.entry(FirmFeatureColumns.GRAPH_FAN_IN, 10.0), Map.entry(FirmFeatureColumns.GRAPH_FAN_OUT, 10.0),
        Map.entry(FirmFeatureColumns.GRAPH_FAN_IN_CHANGE, 0.2), Map.entry(FirmFeatureColumns.GRAPH_FAN_OUT_CHANGE, 0.1),
        Map.entry(FirmFeatureColumns.GRAPH_PASS_THROUGH_RATIO, 0.1)));
    return row;
  }

  private static final List<Case> FIRM_CASES = List.of(
      rule(FirmFeatureColumns.COMPANY_AGE_DAYS, patch(FirmFeatureColumns.COMPANY_AGE_DAYS, 150.0),
          "registered 5 months ago, yet moved EUR 150,000 in 90 days",
          "small flows", patch(FirmFeatureColumns.TXN_AMOUNT_90D, 20_000.0)),
      rule(FirmFeatureColumns.TXN_AMOUNT_90D, patch(FirmFeatureColumns.COMPANY_AGE_DAYS, 20.0, FirmFeatureColumns.TXN_AMOUNT_90D, 1_234_567.4),
          "registered 3 weeks ago, yet moved EUR 1,234,567 in 90 days",
          "old firm", patch(FirmFeatureColumns.COMPANY_AGE_DAYS, 400.0)),
      rule(FirmFeatureColumns.TXN_AMOUNT_30D, patch(FirmFeatureColumns.COMPANY_AGE_DAYS, 20.0),
          "registered 3 weeks ago, yet moved EUR 150,000 in 90 days"),
      rule(FirmFeatureColumns.VELOCITY_CHANGE, patch(FirmFeatureColumns.VELOCITY_CHANGE, Math.log(4)),
          "daily payment volume of the last 30 days 4 times that of the 60 days before",
          "twice", patch(FirmFeatureColumns.VELOCITY_CHANGE, Math.log(2)), "no recent payments", patch(FirmFeatureColumns.TXN_AMOUNT_30D, 0.0)),
      rule(FirmFeatureColumns.CASH_SHARE_90D, patch(FirmFeatureColumns.CASH_SHARE_90D, 0.62), "62 % of its payment volume in 90 days was cash",
          "49 %", patch(FirmFeatureColumns.CASH_SHARE_90D, 0.49)),
      rule(FirmFeatureColumns.ROUND_AMOUNT_SHARE_90D, patch(FirmFeatureColumns.ROUND_AMOUNT_SHARE_90D, 0.75),
          "75 % of its payments in 90 days were round thousands",
          "3 payments only", patch(FirmFeatureColumns.TXN_COUNT_90D, 3.0)),
      rule(FirmFeatureColumns.STRUCTURING_COUNT_90D, patch(FirmFeatureColumns.STRUCTURING_COUNT_90D, 3.0),
          "3 payments of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold",
          "one payment", patch(FirmFeatureColumns.STRUCTURING_COUNT_90D, 1.0)),
      rule(FirmFeatureColumns.HIGH_RISK_COUNTRY_PAYMENTS_90D, patch(FirmFeatureColumns.HIGH_RISK_COUNTRY_PAYMENTS_90D, 1.0),
          "1 payment to or from high-risk countries in 90 days"),
      rule(FirmFeatureColumns.SHARED_ADDRESS_COUNT, patch(FirmFeatureColumns.SHARED_ADDRESS_COUNT, 2.0), "shares its address with 2 other firms"),
      rule(FirmFeatureColumns.SHARED_BANK_ACCOUNT_COUNT, patch(FirmFeatureColumns.SHARED_BANK_ACCOUNT_COUNT, 1.0),
          "shares its bank account with 1 other firm"),
      rule(FirmFeatureColumns.MALAFIDE_LINKS, patch(FirmFeatureColumns.MALAFIDE_LINKS, 1.0), "deals with 1 firm labelled malafide"),
      rule(FirmFeatureColumns.GRAPH_FAN_IN_CHANGE, patch(FirmFeatureColumns.GRAPH_FAN_IN_CHANGE, 3.0),
          "8 times as many firms paid it in the last 30 days as in the 30 days before (counts + 1)",
          "twice", patch(FirmFeatureColumns.GRAPH_FAN_IN_CHANGE, 1.0)),
      rule(FirmFeatureColumns.GRAPH_FAN_OUT_CHANGE, patch(FirmFeatureColumns.GRAPH_FAN_OUT_CHANGE, 2.0),
          "it paid 4 times as many firms in the last 30 days as in the 30 days before (counts + 1)"),
      rule(FirmFeatureColumns.GRAPH_PASS_THROUGH_RATIO, patch(FirmFeatureColumns.GRAPH_PASS_THROUGH_RATIO, 0.8),
          "80 % of its incoming money was paid out again within 48 hours",
          "30 %", patch(FirmFeatureColumns.GRAPH_PASS_THROUGH_RATIO, 0.3)),
      rule(FirmFeatureColumns.GRAPH_STRUCTURING_SHARE, patch(FirmFeatureColumns.GRAPH_STRUCTURING_SHARE, 0.25),
          "25 % of its payments in the last year were just below the EUR 10,000 reporting threshold",
          "10 %", patch(FirmFeatureColumns.GRAPH_STRUCTURING_SHARE, 0.1)));

  /** One case row: the ordinary row with patches, and a contribution only for the feature. */
  private record Probe(String label, Map<String, Object> values, String feature, double contribution, List<String> expected) {}

  private static List<Probe> probes(List<Case> cases, Map<String, Object> ordinary) {
    List<Probe> probes = new ArrayList<>();
    for (Case c : cases) {
      Map<String, Object> unusual = new HashMap<>(ordinary);
      unusual.putAll(c.unusual());
      probes.add(new Probe(c.feature() + ": unusual, pushed up", unusual, c.feature(), 1.0, List.of(c.sentence())));
      probes.add(new Probe(c.feature() + ": unusual, pushed down", unusual, c.feature(), -1.0, List.of()));
      probes.add(new Probe(c.feature() + ": ordinary row", ordinary, c.feature(), 1.0, List.of()));
      c.falseCases().forEach((label, falsePatch) -> {
        Map<String, Object> values = new HashMap<>(unusual);
        values.putAll(falsePatch);
        probes.add(new Probe(c.feature() + ": " + label, values, c.feature(), 1.0, List.of()));
      });
    }
    return probes;
  }

  /** Runs the probes through {@link ReasonCodes#fromContributions} in one Spark job. */
  private static Map<String, List<String>> reasons(List<Probe> probes, StructType schema, List<String> features, List<ReasonRule> rules) {
    StructType withProbe =
        schema.add(CASE, DataTypes.StringType).add(CONTRIBUTIONS, DataTypes.createArrayType(DataTypes.DoubleType));
    List<Row> rows = new ArrayList<>();
    for (Probe probe : probes) {
      Object[] values = new Object[withProbe.size()];
      for (int i = 0; i < schema.size(); i++) {
        values[i] = probe.values().get(schema.fields()[i].name());
      }
      values[schema.size()] = probe.label();
      double[] contributions = new double[features.size()];
      contributions[features.indexOf(probe.feature())] = probe.contribution();
      List<Double> boxed = new ArrayList<>();
      for (double value : contributions) {
        boxed.add(value);
      }
      values[schema.size() + 1] = scala.jdk.javaapi.CollectionConverters.asScala(boxed).toSeq();
      rows.add(RowFactory.create(values));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, withProbe);
    return ReasonCodes.fromContributions(frame, col(CONTRIBUTIONS), features, rules, ReasonCodes.DEFAULT_TOP)
        .select(CASE, ModelColumns.REASONS)
        .collectAsList()
        .stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getList(1)));
  }

  private static StructType nullableSchema(StructType schema) {
    StructType nullable = new StructType();
    for (var field : schema.fields()) {
      nullable = nullable.add(field.name(), field.dataType(), true);
    }
    return nullable;
  }

  private static void check(List<Case> cases, Map<String, Object> ordinary, StructType schema, List<String> features, List<ReasonRule> rules) {
    assertThat(cases.stream().map(Case::feature).collect(Collectors.toSet()))
        .as("every rule has its cases")
        .containsExactlyInAnyOrderElementsOf(ReasonRules.byFeature(rules).keySet());
    List<Probe> probes = probes(cases, ordinary);
    Map<String, List<String>> actual = reasons(probes, nullableSchema(schema), features, rules);
    for (Probe probe : probes) {
      assertThat(actual.get(probe.label())).as(probe.label()).containsExactlyElementsOf(probe.expected());
    }
  }

  @Test
  void everyContainerRuleSaysItsSentenceOnlyWhenPushedUpUnusualAndAboutDataThatExists() {
    check(CONTAINER_CASES, ordinaryContainer(), ContainerFeatureColumns.SCHEMA, ContainerFeatureColumns.FEATURES,
        ReasonRules.container());
  }

  @Test
  void everyFirmRuleSaysItsSentenceOnlyWhenPushedUpAndUnusual() {
    check(FIRM_CASES, ordinaryFirm(), FirmFeatureColumns.SCHEMA, FirmFeatureColumns.FEATURES, ReasonRules.firm());
  }

  /** Values that are not a claim on their own have no rule, so they never become a reason. */
  @Test
  void featuresThatCannotBeUnusualOnTheirOwnHaveNoRule() {
    assertThat(ReasonRules.byFeature(ReasonRules.container()))
        .doesNotContainKeys(HS_CHAPTER, ROUTE_INTERMEDIATE_CALLS, SHIPPER_PAST_INSPECTIONS, CONSIGNEE_PAST_INSPECTIONS,
            NOTIFY_IS_CONSIGNEE, CONSIGNEE_THIRD_PARTY_PAYMENTS_90D, CONSIGNEE_SHARED_DIRECTOR_OR_ACCOUNT);
    assertThat(ReasonRules.byFeature(ReasonRules.firm()))
        .doesNotContainKeys(FirmFeatureColumns.TXN_COUNT_30D, FirmFeatureColumns.TXN_COUNT_90D,
            FirmFeatureColumns.FAN_IN_90D, FirmFeatureColumns.FAN_OUT_90D,
            FirmFeatureColumns.GRAPH_FAN_IN, FirmFeatureColumns.GRAPH_FAN_OUT,
            FirmFeatureColumns.THIRD_PARTY_PAYMENTS_90D, FirmFeatureColumns.SHARED_DIRECTOR_COUNT);
  }

  @Test
  void theStrongestTrueReasonsComeFirstAtMostThreeAndASentenceOnlyOnce() {
    Map<String, Object> row = ordinaryContainer();
    row.putAll(patch(SEAL_CHANGE_COUNT, 2.0, COVER_GOODS, 1.0, FILING_LEAD_HOURS, 5.0, LANE_NEW, 1.0,
        WEIGHT_EXPECTED_RATIO, 3.0, WEIGHT_ROBUST_Z, 8.0));
    StructType schema =
        nullableSchema(ContainerFeatureColumns.SCHEMA).add(CONTRIBUTIONS, DataTypes.createArrayType(DataTypes.DoubleType));
    List<String> features = ContainerFeatureColumns.FEATURES;
    Map<String, Double> contribution = Map.of(SEAL_CHANGE_COUNT, 0.2, COVER_GOODS, 0.5, FILING_LEAD_HOURS, 0.1,
        LANE_NEW, -0.4, WEIGHT_EXPECTED_RATIO, 0.3, WEIGHT_ROBUST_Z, 0.6, HS_CHAPTER, 0.9);
    List<Double> contributions = features.stream().map(f -> contribution.getOrDefault(f, 0.0)).toList();
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < schema.size() - 1; i++) {
      values[i] = row.get(schema.fields()[i].name());
    }
    values[schema.size() - 1] = scala.jdk.javaapi.CollectionConverters.asScala(contributions).toSeq();
    Row result =
        ReasonCodes.fromContributions(
                spark.createDataFrame(List.of(RowFactory.create(values)), schema), col(CONTRIBUTIONS), features,
                ReasonRules.container(), 3)
            .select(ModelColumns.REASONS, ModelColumns.REASON_FEATURES)
            .first();
    // hs_chapter has the largest contribution but no rule; lane_new pushed down; the weight
    // sentence of the ratio (0.3) is the z-score's (0.6) and is said once, at 0.6.
    assertThat(result.<String>getList(0))
        .containsExactly("weight 3 times the usual for HS 0803 goods", "HS 080390: goods often used as cover for drugs",
            "seal changed 2 times on the way");
    assertThat(result.<String>getList(1)).containsExactly(WEIGHT_ROBUST_Z, COVER_GOODS, SEAL_CHANGE_COUNT);
  }

  @Test
  void aMissingColumnThatARuleReadsIsNamedBeforeScoring() {
    StructType schema = new StructType()
        .add(SHIPPER_AGE_DAYS, DataTypes.DoubleType)
        .add(CONTRIBUTIONS, DataTypes.createArrayType(DataTypes.DoubleType));
    Dataset<Row> frame = spark.createDataFrame(List.of(), schema);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ReasonCodes.fromContributions(frame, col(CONTRIBUTIONS), List.of(SHIPPER_AGE_DAYS),
                ReasonRules.container(), 3))
        .hasMessageContaining(SHIPPER_ID)
        .hasMessageContaining(SHIPPER_UNKNOWN);
  }

  /** A rule reads only the columns it declares, so the check before scoring names all it needs. */
  @Test
  void everyRuleReadsOnlyTheColumnsItDeclares() {
    for (var table : List.of(
        Map.entry(ContainerFeatureColumns.SCHEMA, ReasonRules.container()), Map.entry(FirmFeatureColumns.SCHEMA, ReasonRules.firm()))) {
      for (ReasonRule rule : table.getValue()) {
        StructType only = new StructType();
        for (String column : rule.columns()) {
          only = only.add(table.getKey().apply(column));
        }
        only = only.add(CONTRIBUTIONS, DataTypes.createArrayType(DataTypes.DoubleType));
        Dataset<Row> frame = spark.createDataFrame(List.of(), only);
        // Analysis is eager: a column the rule reads but does not declare fails here.
        assertThat(ReasonCodes.fromContributions(frame, col(CONTRIBUTIONS), List.of(rule.feature()), List.of(rule), 3).columns())
            .as(rule.feature())
            .contains(ModelColumns.REASONS);
      }
    }
  }

  /**
   * docs/SCAN_LISTS.md shows the rules as tables generated from this catalogue. To regenerate
   * them after changing a rule: {@code CARGORISK_REGENERATE_DOCS=1 mvn -o -pl models -am verify
   * -Dtest=ReasonRulesTest -Dsurefire.failIfNoSpecifiedTests=false}.
   */
  @Test
  void theDocumentedRuleTablesAreTheRulesInTheCode() throws Exception {
    Path doc = TestPaths.repoRoot().resolve(Path.of("docs", "SCAN_LISTS.md"));
    String text = Files.readString(doc);
    String updated = text;
    for (String table : List.of("container", "firm")) {
      List<ReasonRule> rules = table.equals("container") ? ReasonRules.container() : ReasonRules.firm();
      String begin = "<!-- reason rules: " + table + " (generated by ReasonRulesTest) -->\n";
      String end = "<!-- end of reason rules: " + table + " -->";
      int from = updated.indexOf(begin);
      int to = updated.indexOf(end);
      assertThat(from).as("docs/SCAN_LISTS.md has the markers of the " + table + " table").isNotNegative();
      assertThat(to).isGreaterThan(from);
      updated = updated.substring(0, from + begin.length()) + markdown(rules) + updated.substring(to);
    }
    if ("1".equals(System.getenv("CARGORISK_REGENERATE_DOCS"))) {
      Files.writeString(doc, updated);
    } else {
      assertThat(text).as("docs/SCAN_LISTS.md rule tables (regenerate: see this test's Javadoc)").isEqualTo(updated);
    }
  }

  private static String markdown(List<ReasonRule> rules) {
    StringBuilder table = new StringBuilder("| feature | reason when | needs | sentence | reference |\n|---|---|---|---|---|\n");
    for (ReasonRule rule : rules) {
      table.append("| `").append(rule.feature()).append("` | ").append(rule.condition()).append(" | ")
          .append(rule.needs()).append(" | ").append(rule.sentence()).append(" | ").append(rule.reference()).append(" |\n");
    }
    return table.toString();
  }

  @Test
  void sentencesHaveNoColumnNamesAndNoRawFeatureValues() {
    for (Case c : concat(CONTAINER_CASES, FIRM_CASES)) {
      assertThat(c.sentence()).as(c.feature()).doesNotContain("_").doesNotContainPattern("\\d\\.\\d\\d");
    }
  }

  private static List<Case> concat(List<Case> a, List<Case> b) {
    List<Case> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
