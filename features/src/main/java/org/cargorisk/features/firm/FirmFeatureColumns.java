package org.cargorisk.features.firm;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.features.graph.GraphColumns;

/**
 * Columns of {@code silver/firm_features}: one row per (firm_id, as_of). Model features are
 * doubles and never null (a firm without transactions has zero counts and shares). Their
 * meaning and source are in the feature catalog and docs/FEATURES.md.
 */
public final class FirmFeatureColumns {
  private FirmFeatureColumns() {}

  // ---- keys and descriptive columns ----
  public static final String FIRM_ID = Contracts.FIRM_ID;
  /** The business date the features describe (data known by its end). */
  public static final String AS_OF = "as_of";
  public static final String COUNTRY = Contracts.COUNTRY;
  public static final String SECTOR = Contracts.SECTOR;

  // ---- model features (double) ----
  public static final String TXN_COUNT_30D = "txn_count_30d";
  public static final String TXN_COUNT_90D = "txn_count_90d";
  public static final String TXN_AMOUNT_30D = "txn_amount_30d";
  public static final String TXN_AMOUNT_90D = "txn_amount_90d";
  public static final String VELOCITY_CHANGE = "velocity_change";
  public static final String CASH_SHARE_90D = "cash_share_90d";
  public static final String ROUND_AMOUNT_SHARE_90D = "round_amount_share_90d";
  public static final String STRUCTURING_COUNT_90D = "structuring_count_90d";
  public static final String FAN_IN_90D = "fan_in_90d";
  public static final String FAN_OUT_90D = "fan_out_90d";
  public static final String THIRD_PARTY_PAYMENTS_90D = "third_party_payments_90d";
  public static final String HIGH_RISK_COUNTRY_PAYMENTS_90D = "high_risk_country_payments_90d";
  public static final String COMPANY_AGE_DAYS = "company_age_days";
  public static final String SHARED_ADDRESS_COUNT = "shared_address_count";
  public static final String SHARED_DIRECTOR_COUNT = "shared_director_count";
  public static final String SHARED_BANK_ACCOUNT_COUNT = "shared_bank_account_count";
  public static final String MALAFIDE_LINKS = "malafide_links";

  // ---- graph flow features (org.cargorisk.features.graph, one year of payments) ----
  public static final String GRAPH_FAN_IN = GraphColumns.FAN_IN;
  public static final String GRAPH_FAN_OUT = GraphColumns.FAN_OUT;
  public static final String GRAPH_FAN_IN_CHANGE = GraphColumns.FAN_IN_CHANGE;
  public static final String GRAPH_FAN_OUT_CHANGE = GraphColumns.FAN_OUT_CHANGE;
  public static final String GRAPH_PASS_THROUGH_RATIO = GraphColumns.PASS_THROUGH_RATIO;
  public static final String GRAPH_STRUCTURING_SHARE = GraphColumns.STRUCTURING_SHARE;

  /**
   * The graph features joined into the firm features: the flow features, cheap enough for every
   * night (one pass over the year's payments for all as_of dates of a build; 0 when the build
   * skips them). The iterative ones (paths, cycles, risk diffusion, components) stay in the graph
   * package: see docs/GRAPH.md.
   */
  public static final List<String> GRAPH_FEATURES =
      List.of(
          GRAPH_FAN_IN,
          GRAPH_FAN_OUT,
          GRAPH_FAN_IN_CHANGE,
          GRAPH_FAN_OUT_CHANGE,
          GRAPH_PASS_THROUGH_RATIO,
          GRAPH_STRUCTURING_SHARE);

  /** Model features in model order (same order as the catalog). */
  public static final List<String> FEATURES =
      List.of(
          TXN_COUNT_30D,
          TXN_COUNT_90D,
          TXN_AMOUNT_30D,
          TXN_AMOUNT_90D,
          VELOCITY_CHANGE,
          CASH_SHARE_90D,
          ROUND_AMOUNT_SHARE_90D,
          STRUCTURING_COUNT_90D,
          FAN_IN_90D,
          FAN_OUT_90D,
          THIRD_PARTY_PAYMENTS_90D,
          HIGH_RISK_COUNTRY_PAYMENTS_90D,
          COMPANY_AGE_DAYS,
          SHARED_ADDRESS_COUNT,
          SHARED_DIRECTOR_COUNT,
          SHARED_BANK_ACCOUNT_COUNT,
          MALAFIDE_LINKS,
          GRAPH_FAN_IN,
          GRAPH_FAN_OUT,
          GRAPH_FAN_IN_CHANGE,
          GRAPH_FAN_OUT_CHANGE,
          GRAPH_PASS_THROUGH_RATIO,
          GRAPH_STRUCTURING_SHARE);

  /** Key and descriptive columns, before the features. */
  public static final List<String> KEYS = List.of(FIRM_ID, AS_OF, COUNTRY, SECTOR);

  /** All columns in table order. */
  public static final List<String> ALL = concat(KEYS, FEATURES);

  /** The output schema of the firm features (the table contract). */
  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add(FIRM_ID, DataTypes.StringType, false)
            .add(AS_OF, DataTypes.DateType, false)
            .add(COUNTRY, DataTypes.StringType, true)
            .add(SECTOR, DataTypes.StringType, true);
    for (String feature : FEATURES) {
      schema = schema.add(feature, DataTypes.DoubleType, false);
    }
    return schema;
  }

  static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
