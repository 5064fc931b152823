package org.cargorisk.features.catalog;

import static org.cargorisk.features.container.ContainerFeatureColumns.*;

import java.util.List;

/** Container features of {@code silver/container_features}, in model order. */
final class ContainerFeatureSpecs {
  private ContainerFeatureSpecs() {}

  private static final String ROUTE = "route";
  private static final String EVENTS = "events";
  private static final String GOODS = "goods";
  private static final String PARTIES = "parties";
  private static final String FIRM = "firm risk";
  private static final String FILING = "filing";

  private static FeatureSpec spec(String name, String group, String meaning, String source) {
    return new FeatureSpec(name, group, meaning, source);
  }

  static final List<FeatureSpec> ALL =
      List.of(
          spec(ORIGIN_PORT_TIER, ROUTE,
              "Risk tier (1 low - 3 high) of the port of loading; 1 for ports not in the reference list.",
              "manifests.port_of_loading, reference ports.csv"),
          spec(ORIGIN_COUNTRY_TIER, ROUTE,
              "Risk tier (1-3) of the country of origin of the goods; 1 if not listed.",
              "manifests.origin_country, reference countries.csv"),
          spec(ROUTE_MAX_PORT_TIER, ROUTE,
              "Highest risk tier among the ports between loading and discharge: the voyage's"
                  + " intermediate calls and the container's TRANSSHIP locations; 0 for a direct route.",
              "port_calls (voyage, seq, port), container_events TRANSSHIP, reference ports.csv"),
          spec(ROUTE_HIGH_RISK_PORTS, ROUTE,
              "Number of distinct tier-3 ports between loading and discharge (intermediate calls and"
                  + " transshipments).",
              "port_calls, container_events TRANSSHIP, reference ports.csv"),
          spec(TRANSSHIPMENT_COUNT, ROUTE,
              "Number of distinct ports where the container was transshipped (TRANSSHIP events of this"
                  + " trip known by as_of).",
              "container_events (event_type TRANSSHIP, location)"),
          spec(ROUTE_INTERMEDIATE_CALLS, ROUTE,
              "Number of port calls of the voyage between the port of loading and the port of"
                  + " discharge, known by as_of.",
              "port_calls (vessel_imo, voyage_id, seq, port)"),
          spec(ROUTE_DETOUR_CALLS, ROUTE,
              "Intermediate calls above the median of the lane (loading -> discharge port) in the"
                  + " fitted history; 0 if not more, or if the lane is new.",
              "port_calls, manifests; fitted LaneRoute statistics"),
          spec(ROUTE_UNUSUAL, ROUTE,
              "1 if the sequence of intermediate ports differs from the lane's most frequent one in"
                  + " the fitted history.",
              "port_calls, manifests; fitted LaneRoute statistics"),
          spec(LANE_NEW, ROUTE,
              "1 if the lane (loading -> discharge port) was seen fewer than 3 times in the fitted"
                  + " history.",
              "manifests (port_of_loading, port_of_discharge); fitted LaneRoute statistics"),
          spec(VESSEL_HIGH_RISK_CALLS_90D, ROUTE,
              "Calls of the vessel (any voyage) at tier-3 ports in the 90 days up to as_of.",
              "port_calls (vessel_imo, port, arrived_at or departed_at), reference ports.csv"),
          spec(TRANSSHIP_DWELL_HOURS_MAX, EVENTS,
              "Longest stay, in hours, at a port other than loading and discharge: time between the"
                  + " first and last event of the container there; 0 without such events.",
              "container_events (location, event_at)"),
          spec(SEAL_CHANGE_COUNT, EVENTS,
              "Number of SEAL_CHANGE events of this trip known by as_of.",
              "container_events (event_type SEAL_CHANGE)"),
          spec(SEAL_MISMATCH_COUNT, EVENTS,
              "Events (other than SEAL_CHANGE) whose seal number differs from the manifest's seal.",
              "container_events.seal_number, manifests.seal_number"),
          spec(EVENT_ORDER_UNUSUAL, EVENTS,
              "1 if events are out of the normal order: loaded before gate-in, discharged before"
                  + " loading, gated out before (or without) discharge at the port of discharge.",
              "container_events (event_type, event_at, location)"),
          spec(DISCHARGE_TO_GATE_OUT_HOURS, EVENTS,
              "Hours between discharge and gate-out at the port of discharge, when both are known by"
                  + " as_of (late filings); 0 otherwise, see gate_out_known.",
              "container_events (DISCHARGE, GATE_OUT at port_of_discharge)"),
          spec(GATE_OUT_KNOWN, EVENTS,
              "1 if the container already left the terminal by as_of (missing indicator of"
                  + " discharge_to_gate_out_hours).",
              "container_events (GATE_OUT at port_of_discharge)"),
          spec(HS_CHAPTER, GOODS,
              "HS chapter: the first two digits of the HS code, as a number.",
              "manifests.hs_code"),
          spec(COVER_GOODS, GOODS,
              "1 if the HS code starts with a cover-goods prefix (goods often used to hide cocaine).",
              "manifests.hs_code, reference cover_goods.csv"),
          spec(WEIGHT_EXPECTED_RATIO, GOODS,
              "Declared gross weight divided by the median weight of the same HS heading and"
                  + " container type in the fitted history; 1 if no history.",
              "manifests (gross_weight_kg, hs_code, container_type); fitted PeerRobustZ"),
          spec(WEIGHT_ROBUST_Z, GOODS,
              "Robust z-score of the gross weight against the same HS heading and container type:"
                  + " (weight - median) / (1.4826 MAD), MAD floored at 1% of the median.",
              "manifests (gross_weight_kg, hs_code, container_type); fitted PeerRobustZ"),
          spec(VALUE_PER_KG_ROBUST_Z, GOODS,
              "Robust z-score of declared value per kg against the same HS heading; 0 if the value"
                  + " is missing (see value_missing).",
              "manifests (declared_value_eur, gross_weight_kg, hs_code); fitted PeerRobustZ"),
          spec(VALUE_MISSING, GOODS,
              "1 if the declared value is missing or the weight is 0.",
              "manifests (declared_value_eur, gross_weight_kg)"),
          spec(SHIPPER_AGE_DAYS, PARTIES,
              "Days since the shipper was registered (0 if unknown, see shipper_unknown).",
              "firms.registered_on via manifests.shipper_id"),
          spec(CONSIGNEE_AGE_DAYS, PARTIES,
              "Days since the consignee was registered (0 if unknown, see consignee_unknown).",
              "firms.registered_on via manifests.consignee_id"),
          spec(FORWARDER_AGE_DAYS, PARTIES,
              "Days since the forwarder was registered; 0 without (known) forwarder.",
              "firms.registered_on via manifests.forwarder_id"),
          spec(SHIPPER_UNKNOWN, PARTIES,
              "1 if the shipper is not a firm registered by as_of.",
              "manifests.shipper_id, firms"),
          spec(CONSIGNEE_UNKNOWN, PARTIES,
              "1 if the consignee is not a firm registered by as_of.",
              "manifests.consignee_id, firms"),
          spec(SHIPPER_PRIOR_MANIFESTS, PARTIES,
              "Manifest lines that named the shipper and were known before this one (its history length; known = the later of first filing and landing).",
              "manifests (shipper_id, first_filed_at)"),
          spec(CONSIGNEE_PRIOR_MANIFESTS, PARTIES,
              "Manifest lines that named the consignee and were known before this one.",
              "manifests (consignee_id, first_filed_at)"),
          spec(SHIPPER_PAST_INSPECTIONS, PARTIES,
              "Inspections of the shipper's containers known by as_of.",
              "inspections joined to manifests by (bl_number, container_id)"),
          spec(SHIPPER_PAST_HITS, PARTIES,
              "Inspections with outcome HIT of the shipper's containers known by as_of.",
              "inspections.outcome via manifests.shipper_id"),
          spec(CONSIGNEE_PAST_INSPECTIONS, PARTIES,
              "Inspections of the consignee's containers known by as_of.",
              "inspections joined to manifests by (bl_number, container_id)"),
          spec(CONSIGNEE_PAST_HITS, PARTIES,
              "Inspections with outcome HIT of the consignee's containers known by as_of.",
              "inspections.outcome via manifests.consignee_id"),
          spec(FIRST_TIME_PAIR, PARTIES,
              "1 if this shipper never shipped to this consignee before (no earlier manifest).",
              "manifests (shipper_id, consignee_id, first_filed_at)"),
          spec(CONSIGNEE_NEW_ORIGIN_COUNTRY, PARTIES,
              "1 if the consignee received goods before, but never from this origin country.",
              "manifests (consignee_id, origin_country, first_filed_at)"),
          spec(NOTIFY_IS_CONSIGNEE, PARTIES,
              "1 if the notify party is the consignee itself.",
              "manifests (notify_party_id, consignee_id)"),
          spec(NOTIFY_PARTY_UNKNOWN, PARTIES,
              "1 if the notify party is missing or not a firm registered by as_of.",
              "manifests.notify_party_id, firms"),
          spec(CONSIGNEE_CASH_SHARE_90D, FIRM,
              "Consignee's share of cash in its payment volume of the last 90 days (firm_features).",
              "firm_features.cash_share_90d of the consignee, same as_of"),
          spec(CONSIGNEE_STRUCTURING_90D, FIRM,
              "Consignee's payments of 9,000-9,999 in the last 90 days (just below the reporting"
                  + " threshold).",
              "firm_features.structuring_count_90d of the consignee"),
          spec(CONSIGNEE_THIRD_PARTY_PAYMENTS_90D, FIRM,
              "Consignee's payments in the last 90 days with firms that are not its shipment partners.",
              "firm_features.third_party_payments_90d of the consignee"),
          spec(CONSIGNEE_SHARED_DIRECTOR_OR_ACCOUNT, FIRM,
              "Other firms sharing the consignee's director or bank account.",
              "firm_features.shared_director_count + shared_bank_account_count"),
          spec(CONSIGNEE_MALAFIDE_LINKS, FIRM,
              "Direct counterparties of the consignee labelled MALAFIDE by as_of.",
              "firm_features.malafide_links of the consignee"),
          spec(SHIPPER_MALAFIDE_LINKS, FIRM,
              "Direct counterparties of the shipper labelled MALAFIDE by as_of.",
              "firm_features.malafide_links of the shipper"),
          spec(FILING_LEAD_HOURS, FILING,
              "Hours between the first filing and the ETA; negative if filed after arrival.",
              "manifests (first_filed_at, eta)"),
          spec(FILED_AFTER_DEPARTURE, FILING,
              "1 if the manifest was first filed after the vessel left the port of loading.",
              "manifests.first_filed_at, port_calls.departed_at at the port of loading"),
          spec(AMENDMENT_COUNT, FILING,
              "Number of amendments of the manifest line (later versions of the same B/L and"
                  + " container).",
              "manifests.amendment_count (bronze)"),
          spec(AMENDMENT_AFTER_DEPARTURE, FILING,
              "1 if the current version was filed after the vessel left the port of loading.",
              "manifests (filed_at, amendment_count), port_calls.departed_at"));
}
