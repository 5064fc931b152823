package org.cargorisk.features.graph;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;

/**
 * Column names and the output schema of the graph feature table, keyed ({@code firm_id},
 * {@code as_of}). Every feature is a non-null double; what each one means is in {@code
 * org.cargorisk.features.catalog.GraphFeatureSpecs} and docs/GRAPH.md.
 */
public final class GraphColumns {
  private GraphColumns() {}

  /** The firm the row describes. */
  public static final String FIRM_ID = Contracts.FIRM_ID;
  /** The as-of date: only transactions booked before the end of this day, labels on or before. */
  public static final String AS_OF = "as_of";

  // ---- flows ----
  /** Distinct payers of the firm in the lookback window. */
  public static final String FAN_IN = "graph_fan_in";
  /** Distinct payees of the firm in the lookback window. */
  public static final String FAN_OUT = "graph_fan_out";
  /** Distinct payers in the recent window (default the last 30 days). */
  public static final String FAN_IN_RECENT = "graph_fan_in_recent";
  /** Distinct payees in the recent window. */
  public static final String FAN_OUT_RECENT = "graph_fan_out_recent";
  /** log2((payers recent + 1) / (payers in the window before + 1)). */
  public static final String FAN_IN_CHANGE = "graph_fan_in_change";
  /** log2((payees recent + 1) / (payees in the window before + 1)). */
  public static final String FAN_OUT_CHANGE = "graph_fan_out_change";
  /** Share of incoming money that left again within the pass-through window (48 h). */
  public static final String PASS_THROUGH_RATIO = "graph_pass_through_ratio";
  /** Share of the firm's payments (in or out) just below a reporting threshold. */
  public static final String STRUCTURING_SHARE = "graph_structuring_share";
  /** Number of the firm's payments just below a reporting threshold. */
  public static final String STRUCTURING_COUNT = "graph_structuring_count";

  // ---- paths ----
  /** Largest number of distinct intermediaries between this firm and one other endpoint. */
  public static final String SCATTER_GATHER_ENDPOINT = "graph_scatter_gather_endpoint";
  /** Number of scatter-gather endpoint pairs (2+ intermediaries) the firm is an intermediary of. */
  public static final String SCATTER_GATHER_INTERMEDIARY = "graph_scatter_gather_intermediary";
  /** min(distinct sources, distinct targets) of time-ordered 2-hop flows through the firm. */
  public static final String GATHER_SCATTER = "graph_gather_scatter";
  /** Distinct time-ordered cycles of length 2 to 4 within the path window the firm is part of. */
  public static final String TEMPORAL_CYCLES = "graph_temporal_cycles";

  // ---- labels ----
  /** Personalised PageRank mass received from MALAFIDE firms, times the number of firms. */
  public static final String RISK_DIFFUSION = "graph_risk_diffusion";
  /** Hops to the nearest other MALAFIDE firm over payments; max hops + 1 when none is near. */
  public static final String HOPS_TO_MALAFIDE = "graph_hops_to_malafide";

  // ---- shared attributes ----
  /** Firms in the firm's component of shared address, director or bank account. */
  public static final String SHARED_COMPONENT_SIZE = "graph_shared_component_size";
  /** Other MALAFIDE firms in that component. */
  public static final String SHARED_COMPONENT_MALAFIDE = "graph_shared_component_malafide";

  // ---- trade ----
  /** Share of incoming money from payers never party to a shipment with the firm. */
  public static final String PAYER_NOT_PARTY_SHARE = "graph_payer_not_party_share";
  /** Share of incoming money from payer countries outside the firm's trade lanes. */
  public static final String PAYER_OFF_LANE_SHARE = "graph_payer_off_lane_share";
  /** log10((payments received + 1) / (declared value shipped + 1)) for shippers, else 0. */
  public static final String PAYMENT_TO_DECLARED = "graph_payment_to_declared_log_ratio";

  /** Feature columns in model order. */
  public static final List<String> FEATURES =
      List.of(
          FAN_IN,
          FAN_OUT,
          FAN_IN_RECENT,
          FAN_OUT_RECENT,
          FAN_IN_CHANGE,
          FAN_OUT_CHANGE,
          PASS_THROUGH_RATIO,
          STRUCTURING_SHARE,
          STRUCTURING_COUNT,
          SCATTER_GATHER_ENDPOINT,
          SCATTER_GATHER_INTERMEDIARY,
          GATHER_SCATTER,
          TEMPORAL_CYCLES,
          RISK_DIFFUSION,
          HOPS_TO_MALAFIDE,
          SHARED_COMPONENT_SIZE,
          SHARED_COMPONENT_MALAFIDE,
          PAYER_NOT_PARTY_SHARE,
          PAYER_OFF_LANE_SHARE,
          PAYMENT_TO_DECLARED);

  /** Features that use labels (MALAFIDE firms): the evaluation must keep test labels out. */
  public static final List<String> LABEL_FEATURES =
      List.of(RISK_DIFFUSION, HOPS_TO_MALAFIDE, SHARED_COMPONENT_MALAFIDE);

  /** The output schema of {@link GraphFeatures}: key, as_of, features. */
  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add(DataTypes.createStructField(FIRM_ID, DataTypes.StringType, false))
            .add(DataTypes.createStructField(AS_OF, DataTypes.DateType, false));
    for (String feature : FEATURES) {
      schema = schema.add(new StructField(feature, DataTypes.DoubleType, false, org.apache.spark.sql.types.Metadata.empty()));
    }
    return schema;
  }
}
