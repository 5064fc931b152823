package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Time-ordered path features over the hub-capped daily edges (see {@link
 * TransactionGraph#cappedPairs}): scatter-gather, gather-scatter and short temporal cycles.
 *
 * <p>A 2-hop path is a -> b on day edge t1 followed by b -> c at t2 with t1 <= t2 <= t1 + W (W =
 * the path window). The join is an equi-join on (b, time bucket): the first hop is copied into
 * its own bucket floor(t1 / W) and the next one, which together cover [t1, t1 + W], so a firm only
 * meets the outgoing edges of its own time range rather than all of them. With the cap of N
 * counterparties, a firm yields at most N x N paths per bucket pair.
 */
final class PathFeatures {
  private PathFeatures() {}

  static final String FIRM = "firm";

  static Dataset<Row> compute(TransactionGraph graph, GraphParameters parameters) {
    Dataset<Row> edges =
        graph
            .dailyEdges(parameters.maxCounterparties())
            .select(TransactionGraph.SRC, TransactionGraph.DST, TransactionGraph.AT)
            .localCheckpoint();
    long window = parameters.pathWindow().toSeconds();

    Dataset<Row> first =
        edges
            .select(
                col(TransactionGraph.SRC).as("a"),
                col(TransactionGraph.DST).as("b"),
                col(TransactionGraph.AT).as("t1"))
            .withColumn(
                "bucket",
                explode(array(floor(col("t1").divide(window)), floor(col("t1").divide(window)).plus(1))));
    Dataset<Row> second =
        edges.select(
            col(TransactionGraph.SRC).as("b2"),
            col(TransactionGraph.DST).as("c"),
            col(TransactionGraph.AT).as("t2"),
            floor(col(TransactionGraph.AT).divide(window)).as("bucket2"));
    Dataset<Row> hops =
        first
            .join(second, col("b").equalTo(col("b2")).and(col("bucket").equalTo(col("bucket2"))))
            .where(col("t2").geq(col("t1")).and(col("t2").leq(col("t1").plus(window))))
            .select("a", "b", "c", "t1", "t2")
            .localCheckpoint();
    Dataset<Row> paths = hops.where(col("a").notEqual(col("c")));

    // Scatter-gather: a sends to 2+ intermediaries that each pass on to the same c.
    Dataset<Row> triples = paths.select("a", "b", "c").distinct();
    Dataset<Row> scatterGather =
        triples.groupBy("a", "c").agg(count(lit(1)).as("k")).where(col("k").geq(2));
    Dataset<Row> endpoint =
        scatterGather
            .select(col("a").as(FIRM), col("k"))
            .unionByName(scatterGather.select(col("c").as(FIRM), col("k")))
            .groupBy(FIRM)
            .agg(max("k").cast("double").as(GraphColumns.SCATTER_GATHER_ENDPOINT));
    Dataset<Row> intermediary =
        triples
            .join(scatterGather, new String[] {"a", "c"}, "left_semi")
            .groupBy(col("b").as(FIRM))
            .agg(count(lit(1)).cast("double").as(GraphColumns.SCATTER_GATHER_INTERMEDIARY));

    // Gather-scatter: money from several sources leaves to several targets soon after.
    Dataset<Row> gatherScatter =
        paths
            .groupBy(col("b").as(FIRM))
            .agg(
                least(count_distinct(col("a")), count_distinct(col("c")))
                    .cast("double")
                    .as(GraphColumns.GATHER_SCATTER));

    Dataset<Row> cycles = cycles(edges, hops, paths, window);
    Dataset<Row> cycleCounts =
        cycles
            .select(explode(col("nodes")).as(FIRM))
            .groupBy(FIRM)
            .agg(count(lit(1)).cast("double").as(GraphColumns.TEMPORAL_CYCLES));

    return endpoint
        .join(intermediary, new String[] {FIRM}, "full_outer")
        .join(gatherScatter, new String[] {FIRM}, "full_outer")
        .join(cycleCounts, new String[] {FIRM}, "full_outer")
        .withColumnRenamed(FIRM, GraphColumns.FIRM_ID);
  }

  /**
   * Distinct time-ordered cycles of 2, 3 and 4 firms within the window, each as the array of its
   * firms rotated to start at the smallest id (so a cycle seen from several days counts once).
   */
  static Dataset<Row> cycles(Dataset<Row> edges, Dataset<Row> hops, Dataset<Row> paths, long window) {
    Dataset<Row> two = hops.where(col("a").equalTo(col("c"))).select(array(col("a"), col("b")).as("nodes"));

    Dataset<Row> closing =
        edges.select(
            col(TransactionGraph.SRC).as("c3"),
            col(TransactionGraph.DST).as("a3"),
            col(TransactionGraph.AT).as("t3"));
    Dataset<Row> three =
        paths
            .join(closing, col("c").equalTo(col("c3")).and(col("a").equalTo(col("a3"))))
            .where(col("t3").geq(col("t2")).and(col("t3").leq(col("t1").plus(window))))
            .select(array(col("a"), col("b"), col("c")).as("nodes"));

    Dataset<Row> back =
        paths.select(
            col("a").as("c4"), col("b").as("d"), col("c").as("a4"), col("t1").as("t3"), col("t2").as("t4"));
    Dataset<Row> four =
        paths
            .join(back, col("c").equalTo(col("c4")).and(col("a").equalTo(col("a4"))))
            .where(
                col("t3")
                    .geq(col("t2"))
                    .and(col("t4").leq(col("t1").plus(window)))
                    .and(col("b").notEqual(col("d"))))
            .select(array(col("a"), col("b"), col("c"), col("d")).as("nodes"));

    return two.unionByName(three).unionByName(four).select(canonical(col("nodes")).as("nodes")).distinct();
  }

  /** The cycle rotated so that it starts at its smallest firm id. */
  private static Column canonical(Column nodes) {
    Column start = array_position(nodes, array_min(nodes)).cast("int");
    Column length = size(nodes);
    return concat(slice(nodes, start, length.minus(start).plus(1)), slice(nodes, lit(1), start.minus(1)));
  }
}
