package org.cargorisk.features.catalog;

import java.util.List;
import org.cargorisk.features.graph.GraphColumns;

/**
 * Catalog entries of the graph features, in {@link GraphColumns#FEATURES} order: meaning and
 * source. The ones joined into the firm features get their reason rules in the reason catalogue
 * of the models module ({@code org.cargorisk.models.explain.ReasonRules}).
 */
public final class GraphFeatureSpecs {
  private GraphFeatureSpecs() {}

  private static final String GROUP = "graph";
  private static final String TXN = "transactions.payer_id, payee_id, booked_at, amount";

  public static final List<FeatureSpec> ALL =
      List.of(
          new FeatureSpec(GraphColumns.FAN_IN, GROUP,
              "Distinct payers of the firm in the lookback window (365 days)", TXN),
          new FeatureSpec(GraphColumns.FAN_OUT, GROUP,
              "Distinct payees of the firm in the lookback window (365 days)", TXN),
          new FeatureSpec(GraphColumns.FAN_IN_RECENT, GROUP,
              "Distinct payers in the last 30 days", TXN),
          new FeatureSpec(GraphColumns.FAN_OUT_RECENT, GROUP,
              "Distinct payees in the last 30 days", TXN),
          new FeatureSpec(GraphColumns.FAN_IN_CHANGE, GROUP,
              "log2 of (payers in the last 30 days + 1) / (payers in the 30 days before + 1)", TXN),
          new FeatureSpec(GraphColumns.FAN_OUT_CHANGE, GROUP,
              "log2 of (payees in the last 30 days + 1) / (payees in the 30 days before + 1)", TXN),
          new FeatureSpec(GraphColumns.PASS_THROUGH_RATIO, GROUP,
              "Share of incoming money paid out again within 48 hours of arriving (0-1)", TXN),
          new FeatureSpec(GraphColumns.STRUCTURING_SHARE, GROUP,
              "Share of the firm's payments within 10 % below a reporting threshold (10 000)",
              "transactions.amount"),
          new FeatureSpec(GraphColumns.STRUCTURING_COUNT, GROUP,
              "Number of the firm's payments within 10 % below a reporting threshold",
              "transactions.amount"),
          new FeatureSpec(GraphColumns.SCATTER_GATHER_ENDPOINT, GROUP,
              "Most distinct intermediaries through which money went from this firm to one other"
                  + " firm (or came to it from one), each leg within 7 days, time-ordered", TXN),
          new FeatureSpec(GraphColumns.SCATTER_GATHER_INTERMEDIARY, GROUP,
              "Number of scatter-gather patterns (2+ intermediaries) the firm is an intermediary of",
              TXN),
          new FeatureSpec(GraphColumns.GATHER_SCATTER, GROUP,
              "Smaller of the distinct sources and distinct targets of money that passed through"
                  + " the firm within 7 days (time-ordered 2-hop flows)", TXN),
          new FeatureSpec(GraphColumns.TEMPORAL_CYCLES, GROUP,
              "Distinct time-ordered payment cycles of 2 to 4 firms within 7 days the firm is in",
              TXN),
          new FeatureSpec(GraphColumns.RISK_DIFFUSION, GROUP,
              "Personalised PageRank risk received from MALAFIDE firms over payments, in multiples"
                  + " of the uniform share (own label excluded)",
              TXN + "; firm_labels"),
          new FeatureSpec(GraphColumns.HOPS_TO_MALAFIDE, GROUP,
              "Payment hops to the nearest other MALAFIDE firm (max hops + 1 when none within 4)",
              TXN + "; firm_labels"),
          new FeatureSpec(GraphColumns.SHARED_COMPONENT_SIZE, GROUP,
              "Firms linked to this one by a shared address, director or bank account, directly"
                  + " or through others (itself included)",
              "firms.address, director_name, bank_account"),
          new FeatureSpec(GraphColumns.SHARED_COMPONENT_MALAFIDE, GROUP,
              "Other MALAFIDE firms in that shared-attribute group",
              "firms.address, director_name, bank_account; firm_labels"),
          new FeatureSpec(GraphColumns.PAYER_NOT_PARTY_SHARE, GROUP,
              "Share of incoming money from payers that never appear with the firm on a manifest"
                  + " (0 for firms without shipments)",
              TXN + "; manifests parties"),
          new FeatureSpec(GraphColumns.PAYER_OFF_LANE_SHARE, GROUP,
              "Share of incoming money from payer countries outside the firm's trade lanes (origin"
                  + " and loading countries of its shipments, its own country)",
              "transactions.payer_country; manifests.origin_country, port_of_loading"),
          new FeatureSpec(GraphColumns.PAYMENT_TO_DECLARED, GROUP,
              "log10 of (money received + 1) / (declared value of the goods it shipped + 1); 0"
                  + " for non-shippers",
              "transactions.amount; manifests.declared_value_eur"));
}
