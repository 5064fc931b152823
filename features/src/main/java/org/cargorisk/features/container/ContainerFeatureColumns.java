package org.cargorisk.features.container;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;

/**
 * Columns of {@code silver/container_features}: one row per (bl_number, container_id, as_of),
 * where as_of is the night the container is scored (it arrives the next day, or was filed late
 * on as_of itself). Key and descriptive columns first (what the scan list shows), then the
 * model features: doubles, never null, booleans as 0/1, missing values as an explicit default
 * with a missing indicator. Meanings and sources are in the feature catalog and
 * docs/FEATURES.md.
 */
public final class ContainerFeatureColumns {
  private ContainerFeatureColumns() {}

  // ---- keys and descriptive columns ----
  public static final String BL_NUMBER = Contracts.BL_NUMBER;
  public static final String CONTAINER_ID = Contracts.CONTAINER_ID;
  /** The scoring date: features use only data known by its end. */
  public static final String AS_OF = "as_of";
  /** The customs office: the port of discharge. */
  public static final String OFFICE = "office";
  public static final String ORIGIN_COUNTRY = Contracts.ORIGIN_COUNTRY;
  public static final String PORT_OF_LOADING = Contracts.PORT_OF_LOADING;
  public static final String HS_CODE = Contracts.HS_CODE;
  public static final String GOODS_DESCRIPTION = Contracts.GOODS_DESCRIPTION;
  public static final String SHIPPER_ID = Contracts.SHIPPER_ID;
  public static final String CONSIGNEE_ID = Contracts.CONSIGNEE_ID;
  public static final String FORWARDER_ID = Contracts.FORWARDER_ID;
  public static final String NOTIFY_PARTY_ID = Contracts.NOTIFY_PARTY_ID;
  public static final String ETA = Contracts.ETA;
  /**
   * Ports where the container was transshipped on this trip (its TRANSSHIP events known by
   * as_of), in the order it passed them, separated by ", "; null when none is known. What the
   * officer reads beside {@link #TRANSSHIPMENT_COUNT}.
   */
  public static final String TRANSSHIPMENT_PORTS = "transshipment_ports";
  /**
   * Lineage column of the lake table (not in {@link #SCHEMA}, added when the features are
   * written): the version (cutoff date) of the fitted statistics the row was computed with, so
   * training records it in the model registry and scoring can use the same statistics.
   */
  public static final String STATISTICS_VERSION = "feature_statistics";

  // ---- route ----
  public static final String ORIGIN_PORT_TIER = "origin_port_tier";
  public static final String ORIGIN_COUNTRY_TIER = "origin_country_tier";
  public static final String ROUTE_MAX_PORT_TIER = "route_max_port_tier";
  public static final String ROUTE_HIGH_RISK_PORTS = "route_high_risk_ports";
  public static final String TRANSSHIPMENT_COUNT = "transshipment_count";
  public static final String ROUTE_INTERMEDIATE_CALLS = "route_intermediate_calls";
  public static final String ROUTE_DETOUR_CALLS = "route_detour_calls";
  public static final String ROUTE_UNUSUAL = "route_unusual";
  public static final String LANE_NEW = "lane_new";
  public static final String VESSEL_HIGH_RISK_CALLS_90D = "vessel_high_risk_calls_90d";
  // ---- container events ----
  public static final String TRANSSHIP_DWELL_HOURS_MAX = "transship_dwell_hours_max";
  public static final String SEAL_CHANGE_COUNT = "seal_change_count";
  public static final String SEAL_MISMATCH_COUNT = "seal_mismatch_count";
  public static final String EVENT_ORDER_UNUSUAL = "event_order_unusual";
  public static final String DISCHARGE_TO_GATE_OUT_HOURS = "discharge_to_gate_out_hours";
  public static final String GATE_OUT_KNOWN = "gate_out_known";
  // ---- goods ----
  public static final String HS_CHAPTER = "hs_chapter";
  public static final String COVER_GOODS = "cover_goods";
  public static final String WEIGHT_EXPECTED_RATIO = "weight_expected_ratio";
  public static final String WEIGHT_ROBUST_Z = "weight_robust_z";
  public static final String VALUE_PER_KG_ROBUST_Z = "value_per_kg_robust_z";
  public static final String VALUE_MISSING = "value_missing";
  // ---- parties ----
  public static final String SHIPPER_AGE_DAYS = "shipper_age_days";
  public static final String CONSIGNEE_AGE_DAYS = "consignee_age_days";
  public static final String FORWARDER_AGE_DAYS = "forwarder_age_days";
  public static final String SHIPPER_UNKNOWN = "shipper_unknown";
  public static final String CONSIGNEE_UNKNOWN = "consignee_unknown";
  public static final String SHIPPER_PRIOR_MANIFESTS = "shipper_prior_manifests";
  public static final String CONSIGNEE_PRIOR_MANIFESTS = "consignee_prior_manifests";
  public static final String SHIPPER_PAST_INSPECTIONS = "shipper_past_inspections";
  public static final String SHIPPER_PAST_HITS = "shipper_past_hits";
  public static final String CONSIGNEE_PAST_INSPECTIONS = "consignee_past_inspections";
  public static final String CONSIGNEE_PAST_HITS = "consignee_past_hits";
  public static final String FIRST_TIME_PAIR = "first_time_pair";
  public static final String CONSIGNEE_NEW_ORIGIN_COUNTRY = "consignee_new_origin_country";
  public static final String NOTIFY_IS_CONSIGNEE = "notify_is_consignee";
  public static final String NOTIFY_PARTY_UNKNOWN = "notify_party_unknown";
  // ---- firm risk (from firm_features as of the same date) ----
  public static final String CONSIGNEE_CASH_SHARE_90D = "consignee_cash_share_90d";
  public static final String CONSIGNEE_STRUCTURING_90D = "consignee_structuring_90d";
  public static final String CONSIGNEE_THIRD_PARTY_PAYMENTS_90D = "consignee_third_party_payments_90d";
  public static final String CONSIGNEE_SHARED_DIRECTOR_OR_ACCOUNT = "consignee_shared_director_or_account";
  public static final String CONSIGNEE_MALAFIDE_LINKS = "consignee_malafide_links";
  public static final String SHIPPER_MALAFIDE_LINKS = "shipper_malafide_links";
  // ---- filing ----
  public static final String FILING_LEAD_HOURS = "filing_lead_hours";
  public static final String FILED_AFTER_DEPARTURE = "filed_after_departure";
  public static final String AMENDMENT_COUNT = "amendment_count";
  public static final String AMENDMENT_AFTER_DEPARTURE = "amendment_after_departure";

  /** Key and descriptive columns, in table order. */
  public static final List<String> KEYS =
      List.of(
          BL_NUMBER, CONTAINER_ID, AS_OF, OFFICE, ORIGIN_COUNTRY, PORT_OF_LOADING, HS_CODE,
          GOODS_DESCRIPTION, SHIPPER_ID, CONSIGNEE_ID, FORWARDER_ID, NOTIFY_PARTY_ID, ETA,
          TRANSSHIPMENT_PORTS);

  /** Model features in model order (same order as the catalog). */
  public static final List<String> FEATURES =
      List.of(
          ORIGIN_PORT_TIER, ORIGIN_COUNTRY_TIER, ROUTE_MAX_PORT_TIER, ROUTE_HIGH_RISK_PORTS,
          TRANSSHIPMENT_COUNT, ROUTE_INTERMEDIATE_CALLS, ROUTE_DETOUR_CALLS, ROUTE_UNUSUAL,
          LANE_NEW, VESSEL_HIGH_RISK_CALLS_90D,
          TRANSSHIP_DWELL_HOURS_MAX, SEAL_CHANGE_COUNT, SEAL_MISMATCH_COUNT, EVENT_ORDER_UNUSUAL,
          DISCHARGE_TO_GATE_OUT_HOURS, GATE_OUT_KNOWN,
          HS_CHAPTER, COVER_GOODS, WEIGHT_EXPECTED_RATIO, WEIGHT_ROBUST_Z, VALUE_PER_KG_ROBUST_Z,
          VALUE_MISSING,
          SHIPPER_AGE_DAYS, CONSIGNEE_AGE_DAYS, FORWARDER_AGE_DAYS, SHIPPER_UNKNOWN,
          CONSIGNEE_UNKNOWN, SHIPPER_PRIOR_MANIFESTS, CONSIGNEE_PRIOR_MANIFESTS,
          SHIPPER_PAST_INSPECTIONS, SHIPPER_PAST_HITS, CONSIGNEE_PAST_INSPECTIONS,
          CONSIGNEE_PAST_HITS, FIRST_TIME_PAIR, CONSIGNEE_NEW_ORIGIN_COUNTRY, NOTIFY_IS_CONSIGNEE,
          NOTIFY_PARTY_UNKNOWN,
          CONSIGNEE_CASH_SHARE_90D, CONSIGNEE_STRUCTURING_90D, CONSIGNEE_THIRD_PARTY_PAYMENTS_90D,
          CONSIGNEE_SHARED_DIRECTOR_OR_ACCOUNT, CONSIGNEE_MALAFIDE_LINKS, SHIPPER_MALAFIDE_LINKS,
          FILING_LEAD_HOURS, FILED_AFTER_DEPARTURE, AMENDMENT_COUNT, AMENDMENT_AFTER_DEPARTURE);

  /** All columns in table order. */
  public static final List<String> ALL = concat(KEYS, FEATURES);

  /** The output schema (the table contract). */
  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add(BL_NUMBER, DataTypes.StringType, false)
            .add(CONTAINER_ID, DataTypes.StringType, false)
            .add(AS_OF, DataTypes.DateType, false)
            .add(OFFICE, DataTypes.StringType, false)
            .add(ORIGIN_COUNTRY, DataTypes.StringType, true)
            .add(PORT_OF_LOADING, DataTypes.StringType, true)
            .add(HS_CODE, DataTypes.StringType, true)
            .add(GOODS_DESCRIPTION, DataTypes.StringType, true)
            .add(SHIPPER_ID, DataTypes.StringType, true)
            .add(CONSIGNEE_ID, DataTypes.StringType, true)
            .add(FORWARDER_ID, DataTypes.StringType, true)
            .add(NOTIFY_PARTY_ID, DataTypes.StringType, true)
            .add(ETA, DataTypes.TimestampType, true)
            .add(TRANSSHIPMENT_PORTS, DataTypes.StringType, true);
    for (String feature : FEATURES) {
      schema = schema.add(feature, DataTypes.DoubleType, false);
    }
    return schema;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
