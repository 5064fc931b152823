package org.cargorisk.features.graph;

import java.util.List;
import org.cargorisk.features.catalog.FeatureSpec;

/**
 * Catalog entries of the graph features, in {@link GraphColumns#FEATURES} order: meaning, source
 * and the reason sentence an investigator reads. To be wired into the firm feature catalog.
 */
public final class GraphFeatureSpecs {
  private GraphFeatureSpecs() {}

  private static final String GROUP = "graph";
  private static final String TXN = "transactions.payer_id, payee_id, booked_at, amount";

  public static final List<FeatureSpec> ALL =
      List.of(
          new FeatureSpec(GraphColumns.FAN_IN, GROUP,
              "Distinct payers of the firm in the lookback window (365 days)", TXN,
              "received money from {value} different firms in the last year"),
          new FeatureSpec(GraphColumns.FAN_OUT, GROUP,
              "Distinct payees of the firm in the lookback window (365 days)", TXN,
              "paid {value} different firms in the last year"),
          new FeatureSpec(GraphColumns.FAN_IN_RECENT, GROUP,
              "Distinct payers in the last 30 days", TXN,
              "received money from {value} different firms in the last 30 days"),
          new FeatureSpec(GraphColumns.FAN_OUT_RECENT, GROUP,
              "Distinct payees in the last 30 days", TXN,
              "paid {value} different firms in the last 30 days"),
          new FeatureSpec(GraphColumns.FAN_IN_CHANGE, GROUP,
              "log2 of (payers in the last 30 days + 1) / (payers in the 30 days before + 1)", TXN,
              "number of payers grew sharply in the last 30 days (log2 change {value})"),
          new FeatureSpec(GraphColumns.FAN_OUT_CHANGE, GROUP,
              "log2 of (payees in the last 30 days + 1) / (payees in the 30 days before + 1)", TXN,
              "number of payees grew sharply in the last 30 days (log2 change {value})"),
          new FeatureSpec(GraphColumns.PASS_THROUGH_RATIO, GROUP,
              "Share of incoming money paid out again within 48 hours of arriving (0-1)", TXN,
              "passes money straight through: {value} of incoming money left within 48 hours"),
          new FeatureSpec(GraphColumns.STRUCTURING_SHARE, GROUP,
              "Share of the firm's payments within 10 % below a reporting threshold (10 000)",
              "transactions.amount",
              "{value} of its payments are just below the reporting threshold"),
          new FeatureSpec(GraphColumns.STRUCTURING_COUNT, GROUP,
              "Number of the firm's payments within 10 % below a reporting threshold",
              "transactions.amount",
              "{value} payments just below the reporting threshold"),
          new FeatureSpec(GraphColumns.SCATTER_GATHER_ENDPOINT, GROUP,
              "Most distinct intermediaries through which money went from this firm to one other"
                  + " firm (or came to it from one), each leg within 7 days, time-ordered", TXN,
              "money split over {value} intermediaries and gathered again within a week"),
          new FeatureSpec(GraphColumns.SCATTER_GATHER_INTERMEDIARY, GROUP,
              "Number of scatter-gather patterns (2+ intermediaries) the firm is an intermediary of",
              TXN, "intermediary in {value} scatter-gather money flows"),
          new FeatureSpec(GraphColumns.GATHER_SCATTER, GROUP,
              "Smaller of the distinct sources and distinct targets of money that passed through"
                  + " the firm within 7 days (time-ordered 2-hop flows)", TXN,
              "collects money from several firms and spreads it to {value}+ others within a week"),
          new FeatureSpec(GraphColumns.TEMPORAL_CYCLES, GROUP,
              "Distinct time-ordered payment cycles of 2 to 4 firms within 7 days the firm is in",
              TXN, "part of {value} payment cycles where money returned to its origin within a week"),
          new FeatureSpec(GraphColumns.RISK_DIFFUSION, GROUP,
              "Personalised PageRank risk received from MALAFIDE firms over payments, in multiples"
                  + " of the uniform share (own label excluded)",
              TXN + "; firm_labels", "closely tied by payments to firms labelled malafide"
                  + " ({value} times the average exposure)"),
          new FeatureSpec(GraphColumns.HOPS_TO_MALAFIDE, GROUP,
              "Payment hops to the nearest other MALAFIDE firm (max hops + 1 when none within 4)",
              TXN + "; firm_labels", "{value} payment steps away from a firm labelled malafide"),
          new FeatureSpec(GraphColumns.SHARED_COMPONENT_SIZE, GROUP,
              "Firms linked to this one by a shared address, director or bank account, directly"
                  + " or through others (itself included)",
              "firms.address, director_name, bank_account",
              "shares an address, director or bank account with a group of {value} firms"),
          new FeatureSpec(GraphColumns.SHARED_COMPONENT_MALAFIDE, GROUP,
              "Other MALAFIDE firms in that shared-attribute group",
              "firms.address, director_name, bank_account; firm_labels",
              "shares an address, director or bank account with {value} firms labelled malafide"),
          new FeatureSpec(GraphColumns.PAYER_NOT_PARTY_SHARE, GROUP,
              "Share of incoming money from payers that never appear with the firm on a manifest"
                  + " (0 for firms without shipments)",
              TXN + "; manifests parties",
              "{value} of its incoming money comes from firms unrelated to its shipments"),
          new FeatureSpec(GraphColumns.PAYER_OFF_LANE_SHARE, GROUP,
              "Share of incoming money from payer countries outside the firm's trade lanes (origin"
                  + " and loading countries of its shipments, its own country)",
              "transactions.payer_country; manifests.origin_country, port_of_loading",
              "{value} of its incoming money comes from countries outside its trade lanes"),
          new FeatureSpec(GraphColumns.PAYMENT_TO_DECLARED, GROUP,
              "log10 of (money received + 1) / (declared value of the goods it shipped + 1); 0"
                  + " for non-shippers",
              "transactions.amount; manifests.declared_value_eur",
              "payments received differ strongly from the declared value of its shipments"
                  + " (log10 ratio {value})"));
}
