package org.cargorisk.features.catalog;

import static org.cargorisk.features.firm.FirmFeatureColumns.*;

import java.util.List;

/** Firm features of {@code silver/firm_features}, in model order. */
final class FirmFeatureSpecs {
  private FirmFeatureSpecs() {}

  private static final String FINANCE = "finance";
  private static final String NETWORK = "network";
  private static final String REGISTER = "register";
  private static final String TXNS = "transactions (payer or payee), known day <= as_of";

  private static FeatureSpec spec(String name, String group, String meaning, String source) {
    return new FeatureSpec(name, group, meaning, source);
  }

  static final List<FeatureSpec> ALL = withGraphFeatures(
      List.of(
          spec(TXN_COUNT_30D, FINANCE, "Payments made or received in the 30 days up to as_of.", TXNS),
          spec(TXN_COUNT_90D, FINANCE, "Payments made or received in the 90 days up to as_of.", TXNS),
          spec(TXN_AMOUNT_30D, FINANCE, "Amount paid or received in the last 30 days (in the"
              + " transaction currencies, mostly EUR).", TXNS + "; amount"),
          spec(TXN_AMOUNT_90D, FINANCE, "Amount paid or received in the last 90 days.", TXNS + "; amount"),
          spec(VELOCITY_CHANGE, FINANCE,
              "ln((1 + daily volume of the last 30 days) / (1 + daily volume of the 60 days"
                  + " before)): 0 steady, positive when payments speed up.",
              TXNS + "; amount"),
          spec(CASH_SHARE_90D, FINANCE, "Share of cash deposits and withdrawals in the 90-day volume.",
              TXNS + "; channel CASH_DEPOSIT/CASH_WITHDRAWAL"),
          spec(ROUND_AMOUNT_SHARE_90D, FINANCE,
              "Share of 90-day payments that are positive multiples of 1,000.", TXNS + "; amount"),
          spec(STRUCTURING_COUNT_90D, FINANCE,
              "Payments of 9,000 to 9,999.99 in the last 90 days (just below the reporting"
                  + " threshold).", TXNS + "; amount"),
          spec(FAN_IN_90D, NETWORK, "Distinct firms that paid this firm in the last 90 days.",
              TXNS + "; payer_id"),
          spec(FAN_OUT_90D, NETWORK, "Distinct firms this firm paid in the last 90 days.",
              TXNS + "; payee_id"),
          spec(THIRD_PARTY_PAYMENTS_90D, NETWORK,
              "Payments in the last 90 days with a firm that was not yet a party (shipper,"
                  + " consignee, notify party, forwarder) of a shared manifest.",
              TXNS + "; manifests (parties, first_filed_at)"),
          spec(HIGH_RISK_COUNTRY_PAYMENTS_90D, NETWORK,
              "Payments in the last 90 days whose counterparty account is in a tier-3 country.",
              TXNS + "; payer_country/payee_country, reference countries.csv"),
          spec(COMPANY_AGE_DAYS, REGISTER, "Days since registration.", "firms.registered_on"),
          spec(SHARED_ADDRESS_COUNT, REGISTER,
              "Other registered firms with the same address (case and spaces ignored).",
              "firms.address"),
          spec(SHARED_DIRECTOR_COUNT, REGISTER,
              "Other registered firms with the same (pseudonymised) director.", "firms.director_name"),
          spec(SHARED_BANK_ACCOUNT_COUNT, REGISTER,
              "Other registered firms with the same (pseudonymised) bank account.",
              "firms.bank_account"),
          spec(MALAFIDE_LINKS, NETWORK,
              "Direct counterparties (payments or shared manifests, known by as_of) labelled"
                  + " MALAFIDE by as_of.",
              "firm_labels (label, labelled_on), transactions, manifests")));

  /**
   * The base features, then the graph features joined into the firm features ({@link
   * org.cargorisk.features.firm.FirmFeatureColumns#GRAPH_FEATURES}) with the graph catalog's
   * meaning; their source adds the known-day rule of the firm features and the
   * configuration switch that leaves them at 0.
   */
  private static List<FeatureSpec> withGraphFeatures(List<FeatureSpec> base) {
    java.util.Map<String, FeatureSpec> graph =
        FeatureCatalog.byName(GraphFeatureSpecs.ALL);
    java.util.List<FeatureSpec> all = new java.util.ArrayList<>(base);
    for (String name : GRAPH_FEATURES) {
      FeatureSpec spec = graph.get(name);
      all.add(new FeatureSpec(name, spec.group(), spec.meaning(), spec.source() + "; known day <= as_of; 0 when features.graph.enabled=false"));
    }
    return List.copyOf(all);
  }
}
