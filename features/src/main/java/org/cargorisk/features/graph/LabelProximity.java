package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.SchemaChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closeness to firms labelled MALAFIDE over the payment network (undirected, weighted by money
 * in both directions): personalised PageRank by iterative message passing, and the hop distance
 * to the nearest other MALAFIDE firm.
 *
 * <p>Only labels established on or before as_of count, and a firm's latest label wins (a firm
 * later CLEARED is no seed). Both features exclude the firm's own label: risk diffusion is the
 * mass received from others (the restart mass of a seed is subtracted), the hop distance is to
 * the nearest MALAFIDE firm other than the firm itself. Callers that evaluate a model must still
 * keep the evaluated firms' labels out of {@code labels} (the AMLSim evaluation cross-fits).
 */
public final class LabelProximity {
  private static final Logger LOG = LoggerFactory.getLogger(LabelProximity.class);

  private LabelProximity() {}

  private static final String FIRM = "firm";
  private static final String SCORE = "score";
  private static final String SEED = "seed";
  private static final String ORIGIN = "origin";
  private static final String DISTANCE = "distance";

  /**
   * Risk diffusion and hop distance per firm of the network: firm_id, {@link
   * GraphColumns#RISK_DIFFUSION}, {@link GraphColumns#HOPS_TO_MALAFIDE}. Firms outside the
   * network are absent (callers fill 0 and max hops + 1).
   */
  public static Dataset<Row> compute(
      Dataset<Row> transactions, Dataset<Row> labels, LocalDate asOf, GraphParameters parameters) {
    TransactionGraph graph = TransactionGraph.of(transactions, asOf, parameters);
    return compute(graph, malafideAsOf(labels, asOf), parameters);
  }

  /** Firms whose latest label on or before as_of is MALAFIDE: one column, firm. */
  static Dataset<Row> malafideAsOf(Dataset<Row> labels, LocalDate asOf) {
    SchemaChecks.requireTypes(
        "GraphFeatures (firm_labels)",
        labels.schema(),
        Map.of(
            Contracts.FIRM_ID, DataTypes.StringType,
            Contracts.LABELLED_ON, DataTypes.DateType,
            Contracts.LABEL, DataTypes.StringType));
    return labels
        .where(col(Contracts.LABELLED_ON).leq(lit(Date.valueOf(asOf))))
        .groupBy(col(Contracts.FIRM_ID).as(FIRM))
        // Latest label wins; on the same day MALAFIDE sorts after CLEARED and so wins.
        .agg(max(struct(col(Contracts.LABELLED_ON), col(Contracts.LABEL))).getField(Contracts.LABEL).as("latest"))
        .where(col("latest").equalTo("MALAFIDE"))
        .select(FIRM);
  }

  static Dataset<Row> compute(TransactionGraph graph, Dataset<Row> malafide, GraphParameters parameters) {
    Dataset<Row> pairs = graph.undirectedPairs().localCheckpoint();
    Dataset<Row> transitions =
        pairs
            .withColumn(
                "p",
                col(TransactionGraph.AMOUNT)
                    .divide(sum(TransactionGraph.AMOUNT).over(Window.partitionBy(TransactionGraph.SRC))))
            .select(TransactionGraph.SRC, TransactionGraph.DST, "p")
            .localCheckpoint();
    Dataset<Row> seeds = malafide.join(pairs.select(col(TransactionGraph.SRC).as(FIRM)).distinct(), FIRM).localCheckpoint();
    // Two bounded aggregates: the number of seeds and of firms (one row each).
    Row sizes =
        seeds.agg(count(lit(1))).crossJoin(pairs.agg(org.apache.spark.sql.functions.count_distinct(col(TransactionGraph.SRC)))).first();
    long seedCount = sizes.getLong(0);
    long firmCount = sizes.getLong(1);
    LOG.info("Label proximity: {} MALAFIDE seeds among {} connected firms", seedCount, firmCount);

    Dataset<Row> diffusion = diffusion(transitions, seeds, seedCount, firmCount, parameters);
    Dataset<Row> hops = hops(pairs.select(TransactionGraph.SRC, TransactionGraph.DST), seeds, parameters);
    return pairs
        .select(col(TransactionGraph.SRC).as(FIRM))
        .distinct()
        .join(diffusion, new String[] {FIRM}, "left")
        .join(hops, new String[] {FIRM}, "left")
        .select(
            col(FIRM).as(GraphColumns.FIRM_ID),
            coalesce(col(GraphColumns.RISK_DIFFUSION), lit(0.0)).as(GraphColumns.RISK_DIFFUSION),
            coalesce(col(GraphColumns.HOPS_TO_MALAFIDE), lit((double) parameters.maxHops() + 1))
                .as(GraphColumns.HOPS_TO_MALAFIDE));
  }

  /**
   * Personalised PageRank: r = a s + (1 - a) P^T r, with s uniform over the seeds and P the
   * money-weighted transition matrix, by {@code diffusionIterations} rounds of messages along the
   * edges. Lineage is cut every five rounds (localCheckpoint). Reported: (r - a s) times the number of
   * firms, i.e. how many times the uniform share of risk a firm receives from others.
   */
  private static Dataset<Row> diffusion(
      Dataset<Row> transitions, Dataset<Row> seeds, long seedCount, long firmCount, GraphParameters parameters) {
    double restart = parameters.restartProbability();
    if (seedCount == 0) {
      return seeds.select(col(FIRM), lit(0.0).as(GraphColumns.RISK_DIFFUSION));
    }
    Dataset<Row> restartMass = seeds.select(col(FIRM), lit(restart / seedCount).as(SEED));
    // Starting from the restart mass makes every round add the walks one step longer: the
    // truncated series a sum_j ((1 - a) P^T)^j s, which grows monotonically towards the fixed
    // point instead of oscillating on bipartite chains.
    Dataset<Row> rank = restartMass.select(col(FIRM), col(SEED).as(SCORE));
    for (int i = 0; i < parameters.diffusionIterations(); i++) {
      Dataset<Row> received =
          rank.join(transitions, col(FIRM).equalTo(col(TransactionGraph.SRC)))
              .groupBy(col(TransactionGraph.DST).as(FIRM))
              .agg(sum(col(SCORE).multiply(col("p"))).multiply(1 - restart).as("received"));
      rank =
          received
              .join(restartMass, new String[] {FIRM}, "full_outer")
              .select(
                  col(FIRM),
                  coalesce(col("received"), lit(0.0)).plus(coalesce(col(SEED), lit(0.0))).as(SCORE));
      if (i % 5 == 4) {
        // Lineage grows by one join per round; cut it every few rounds.
        rank = rank.localCheckpoint();
      }
    }
    return rank.join(restartMass, new String[] {FIRM}, "left")
        .select(
            col(FIRM),
            col(SCORE)
                .minus(coalesce(col(SEED), lit(0.0)))
                .multiply((double) firmCount)
                .as(GraphColumns.RISK_DIFFUSION));
  }

  /**
   * Breadth-first search from every seed at once, keeping per firm the two nearest distinct seeds
   * (enough to know the nearest seed other than the firm itself), so messages stay within twice
   * the number of edges per round.
   */
  private static Dataset<Row> hops(Dataset<Row> adjacency, Dataset<Row> seeds, GraphParameters parameters) {
    Dataset<Row> reached = seeds.select(col(FIRM), col(FIRM).as(ORIGIN), lit(0).as(DISTANCE));
    for (int hop = 1; hop <= parameters.maxHops(); hop++) {
      Dataset<Row> frontier = reached.where(col(DISTANCE).equalTo(hop - 1));
      Dataset<Row> next =
          frontier
              .join(adjacency, col(FIRM).equalTo(col(TransactionGraph.SRC)))
              .select(col(TransactionGraph.DST).as(FIRM), col(ORIGIN), lit(hop).as(DISTANCE));
      reached =
          reached
              .unionByName(next)
              .groupBy(FIRM, ORIGIN)
              .agg(min(DISTANCE).as(DISTANCE))
              .withColumn(
                  "nearest",
                  row_number().over(Window.partitionBy(FIRM).orderBy(col(DISTANCE), col(ORIGIN))))
              .where(col("nearest").leq(2))
              .drop("nearest")
              .localCheckpoint();
    }
    return reached
        .where(col(ORIGIN).notEqual(col(FIRM)))
        .groupBy(FIRM)
        .agg(min(DISTANCE).cast("double").as(GraphColumns.HOPS_TO_MALAFIDE));
  }
}
