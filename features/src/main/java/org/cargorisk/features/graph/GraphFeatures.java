package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.CargoRiskErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graph features of transport firms over the payment network, the shared-attribute network and
 * the shipments, keyed (firm_id, as_of) and point-in-time correct: only transactions booked
 * before the end of as_of (UTC) within the lookback, labels established on or before as_of, and
 * manifests filed before the end of as_of.
 *
 * <pre>{@code
 * Dataset<Row> features = GraphFeatures.builder(spark)
 *     .transactions(bronzeTransactions)   // required
 *     .firms(bronzeFirms)                 // optional: components of shared address/director/account
 *     .labels(bronzeFirmLabels)           // optional: risk diffusion, hop distance
 *     .manifests(bronzeManifests)         // optional: trade-based signals
 *     .asOf(LocalDate.parse("2026-03-31"))
 *     .maxCounterparties(50)              // the hub cap of path enumeration
 *     .build();
 * }</pre>
 *
 * <p>The result has {@link GraphColumns#SCHEMA}: one row per firm seen in the transactions or the
 * firms table, every feature non-null (a firm without the pattern gets 0; without a nearby
 * MALAFIDE firm, max hops + 1). It is materialised (local checkpoint) by {@link
 * Builder#build()}, which runs the iterative loops; meanings are in {@code
 * org.cargorisk.features.catalog.GraphFeatureSpecs}.
 */
public final class GraphFeatures {
  private static final Logger LOG = LoggerFactory.getLogger(GraphFeatures.class);

  private GraphFeatures() {}

  public static Builder builder(SparkSession spark) {
    return new Builder(spark);
  }

  /**
   * The flow features alone, the cheap part (one aggregate over the lookback's payments, no
   * iterative loop, not materialised): firm_id, {@link GraphColumns#FAN_IN}, {@link
   * GraphColumns#FAN_OUT}, their recent counts and change, {@link
   * GraphColumns#PASS_THROUGH_RATIO}, {@link GraphColumns#STRUCTURING_SHARE} and count, for the
   * firms that paid or received money in the lookback. Only transactions booked before the end of
   * as_of count; a caller with landing dates filters on them too (the firm features do).
   */
  public static Dataset<Row> flows(Dataset<Row> transactions, LocalDate asOf, GraphParameters parameters) {
    return FlowFeatures.compute(TransactionGraph.of(transactions, asOf, parameters), parameters);
  }

  /**
   * The flow features of every as_of in [from, to] in one pass, without a rescan per date: the
   * columns of {@link #flows} plus {@link GraphColumns#AS_OF}, one row per firm and as_of on which
   * the firm paid or received money in the lookback. For each as_of D the values equal {@code
   * flows(transactions known on D, D, parameters)}: a payment counts if booked before the end of D
   * within the lookback and, when the transactions carry the bronze {@code _business_date}, landed
   * by D. Not materialised.
   */
  public static Dataset<Row> dailyFlows(
      Dataset<Row> transactions, LocalDate from, LocalDate to, GraphParameters parameters) {
    if (from == null || to == null || to.isBefore(from)) {
      throw CargoRiskErrors.invalidConfiguration(
          "GraphFeatures.dailyFlows range", from + ".." + to, "give a first date on or before the last");
    }
    return DailyFlowFeatures.compute(transactions, from, to, parameters);
  }

  /** Collects inputs and parameters; {@link #build()} computes. */
  public static final class Builder {
    private final SparkSession spark;
    private Dataset<Row> transactions;
    private Dataset<Row> firms;
    private Dataset<Row> labels;
    private Dataset<Row> manifests;
    private LocalDate asOf;
    private GraphParameters parameters = GraphParameters.defaults();

    private Builder(SparkSession spark) {
      this.spark = spark;
    }

    /** Transactions in the contract of {@code Source.TRANSACTIONS} (bronze columns may be present). */
    public Builder transactions(Dataset<Row> transactions) {
      this.transactions = transactions;
      return this;
    }

    /** Firms ({@code Source.FIRMS}); address, director_name and bank_account are used if present. */
    public Builder firms(Dataset<Row> firms) {
      this.firms = firms;
      return this;
    }

    /** Firm labels ({@code Source.FIRM_LABELS}): MALAFIDE firms seed the label features. */
    public Builder labels(Dataset<Row> labels) {
      this.labels = labels;
      return this;
    }

    /** Manifests ({@code Source.MANIFESTS}) for the trade-based signals. */
    public Builder manifests(Dataset<Row> manifests) {
      this.manifests = manifests;
      return this;
    }

    public Builder asOf(LocalDate asOf) {
      this.asOf = asOf;
      return this;
    }

    /** All parameters at once (validated by {@link GraphParameters}). */
    public Builder parameters(GraphParameters parameters) {
      this.parameters = parameters;
      return this;
    }

    /** The hub cap of path and cycle enumeration (top-N counterparties per side by amount). */
    public Builder maxCounterparties(int maxCounterparties) {
      GraphParameters p = parameters;
      this.parameters =
          new GraphParameters(
              p.lookback(), p.recentWindow(), p.pathWindow(), p.passThroughWindow(), maxCounterparties,
              p.structuringThresholds(), p.structuringBand(), p.diffusionIterations(),
              p.restartProbability(), p.maxHops(), p.maxFirmsPerSharedValue(), p.maxComponentIterations());
      return this;
    }

    /** The time bound of scatter-gather, gather-scatter and cycles. */
    public Builder pathWindow(Duration pathWindow) {
      GraphParameters p = parameters;
      this.parameters =
          new GraphParameters(
              p.lookback(), p.recentWindow(), pathWindow, p.passThroughWindow(), p.maxCounterparties(),
              p.structuringThresholds(), p.structuringBand(), p.diffusionIterations(),
              p.restartProbability(), p.maxHops(), p.maxFirmsPerSharedValue(), p.maxComponentIterations());
      return this;
    }

    /** Computes and materialises the features (see the class comment). */
    public Dataset<Row> build() {
      if (transactions == null) {
        throw CargoRiskErrors.invalidConfiguration(
            "GraphFeatures.transactions", null, "transactions are required: call transactions(df)");
      }
      if (asOf == null) {
        throw CargoRiskErrors.invalidConfiguration(
            "GraphFeatures.asOf", null, "an as-of date is required: call asOf(date)");
      }
      TransactionGraph graph = TransactionGraph.of(transactions, asOf, parameters);
      Dataset<Row> malafide =
          labels == null
              ? spark.createDataFrame(List.of(), new StructType().add("firm", DataTypes.StringType))
              : LabelProximity.malafideAsOf(labels, asOf);

      Dataset<Row> universe = graph.flows().select(col(TransactionGraph.FIRM).as(GraphColumns.FIRM_ID));
      if (firms != null) {
        universe = universe.unionByName(firms.select(col(Contracts.FIRM_ID).as(GraphColumns.FIRM_ID)));
      }
      universe = universe.where(col(GraphColumns.FIRM_ID).isNotNull()).distinct();

      List<Dataset<Row>> parts = new ArrayList<>();
      step("flows");
      parts.add(FlowFeatures.compute(graph, parameters));
      step("paths");
      parts.add(PathFeatures.compute(graph, parameters));
      step("label proximity");
      parts.add(LabelProximity.compute(graph, malafide, parameters));
      if (firms != null) {
        step("shared-attribute components");
        parts.add(SharedAttributeComponents.compute(firms, malafide, parameters));
      }
      if (manifests != null) {
        step("trade");
        parts.add(TradeFeatures.compute(manifests, graph, firms, asOf));
      }

      Dataset<Row> joined = universe;
      for (Dataset<Row> part : parts) {
        joined = joined.join(part, new String[] {GraphColumns.FIRM_ID}, "left");
      }
      List<String> present = List.of(joined.columns());
      List<Column> output = new ArrayList<>();
      output.add(col(GraphColumns.FIRM_ID));
      output.add(lit(Date.valueOf(asOf)).as(GraphColumns.AS_OF));
      for (String feature : GraphColumns.FEATURES) {
        Column value = present.contains(feature) ? col(feature).cast("double") : lit(null).cast("double");
        output.add(coalesce(value, lit(defaultOf(feature))).as(feature));
      }
      step("assemble");
      Dataset<Row> result = joined.select(output.toArray(Column[]::new)).localCheckpoint();
      LOG.info("Graph features as of {} computed", asOf);
      return result;
    }

    private double defaultOf(String feature) {
      Map<String, Double> defaults =
          Map.of(
              GraphColumns.HOPS_TO_MALAFIDE, (double) parameters.maxHops() + 1,
              GraphColumns.SHARED_COMPONENT_SIZE, 1.0);
      return defaults.getOrDefault(feature, 0.0);
    }

    private void step(String name) {
      // A description, not a group: the calling job's group (its run) stays in place.
      spark.sparkContext().setJobDescription("GRAPH FEATURES " + asOf + ": " + name);
    }
  }
}
