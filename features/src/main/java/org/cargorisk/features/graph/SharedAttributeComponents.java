package org.cargorisk.features.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.SchemaChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected components of firms that share a registered address, a director or a bank account,
 * by iterative min-label propagation with DataFrames: every firm starts with its own id as label
 * and takes the smallest label among itself and its neighbours until nothing changes (or the
 * iteration bound is hit), with lineage cut every round.
 *
 * <p>Values are compared after trimming, lower-casing and collapsing white space (director and
 * account are pseudonymised hashes in bronze, so equal people or accounts still compare equal).
 * A value shared by more than {@code maxFirmsPerSharedValue} firms (a formation agent's address, a
 * payment provider's pooled account) links nobody: it says nothing about control and would merge
 * unrelated firms into one giant component.
 */
final class SharedAttributeComponents {
  private static final Logger LOG = LoggerFactory.getLogger(SharedAttributeComponents.class);

  private SharedAttributeComponents() {}

  private static final String FIRM = "firm";
  private static final String KEY = "shared_key";
  private static final String COMPONENT = "component";

  static Dataset<Row> compute(Dataset<Row> firms, Dataset<Row> malafide, GraphParameters parameters) {
    SchemaChecks.requireColumns("GraphFeatures (firms)", firms.schema(), Contracts.FIRM_ID);
    List<String> attributes = new ArrayList<>();
    for (String attribute : List.of(Contracts.ADDRESS, Contracts.DIRECTOR_NAME, Contracts.BANK_ACCOUNT)) {
      if (List.of(firms.columns()).contains(attribute)) {
        attributes.add(attribute);
      }
    }
    Dataset<Row> firmIds = firms.select(col(Contracts.FIRM_ID).as(FIRM)).where(col(FIRM).isNotNull()).distinct();

    Dataset<Row> keys = null;
    for (String attribute : attributes) {
      Column normalised = lower(trim(regexp_replace(col(attribute).cast("string"), "\\s+", " ")));
      Dataset<Row> part =
          firms
              .where(normalised.isNotNull().and(normalised.notEqual("")))
              .select(col(Contracts.FIRM_ID).as(FIRM), concat(lit(attribute + ":"), normalised).as(KEY));
      keys = keys == null ? part : keys.unionByName(part);
    }

    Dataset<Row> labels = firmIds.withColumn(COMPONENT, col(FIRM));
    if (keys != null) {
      Dataset<Row> usable =
          keys.distinct()
              .groupBy(KEY)
              .agg(count(lit(1)).as("firms"), min(FIRM).as("anchor"))
              .where(col("firms").geq(2).and(col("firms").leq(parameters.maxFirmsPerSharedValue())));
      // A star per shared value: each firm linked to the value's smallest firm; both directions.
      Dataset<Row> star =
          keys.distinct()
              .join(usable, KEY)
              .where(col(FIRM).notEqual(col("anchor")))
              .select(col(FIRM).as("u"), col("anchor").as("v"));
      Dataset<Row> links = star.unionByName(star.select(col("v").as("u"), col("u").as("v"))).distinct().localCheckpoint();
      labels = propagate(labels.localCheckpoint(), links, parameters.maxComponentIterations());
    }

    Dataset<Row> sizes =
        labels
            .join(malafide.withColumn("is_malafide", lit(1.0)), new String[] {FIRM}, "left")
            .groupBy(COMPONENT)
            .agg(count(lit(1)).as("size"), sum(coalesce(col("is_malafide"), lit(0.0))).as("malafide"));
    return labels
        .join(sizes, COMPONENT)
        .join(malafide.withColumn("self_malafide", lit(1.0)), new String[] {FIRM}, "left")
        .select(
            col(FIRM).as(GraphColumns.FIRM_ID),
            col("size").cast("double").as(GraphColumns.SHARED_COMPONENT_SIZE),
            // Other MALAFIDE members: a firm's own label is the target, never its feature.
            col("malafide")
                .minus(coalesce(col("self_malafide"), lit(0.0)))
                .as(GraphColumns.SHARED_COMPONENT_MALAFIDE));
  }

  static Dataset<Row> propagate(Dataset<Row> labels, Dataset<Row> links, int maxIterations) {
    Dataset<Row> current = labels;
    for (int i = 1; i <= maxIterations; i++) {
      Dataset<Row> offered =
          links
              .join(current.select(col(FIRM).as("v"), col(COMPONENT).as("offer")), "v")
              .groupBy(col("u").as(FIRM))
              .agg(min("offer").as("offer"));
      Dataset<Row> next =
          current
              .join(offered, new String[] {FIRM}, "left")
              .select(
                  col(FIRM),
                  col(COMPONENT).as("previous"),
                  when(col("offer").isNull(), col(COMPONENT))
                      .otherwise(least(col(COMPONENT), col("offer")))
                      .as(COMPONENT))
              .localCheckpoint();
      // One bounded aggregate per round decides convergence.
      Row changes = next.agg(sum(when(col(COMPONENT).notEqual(col("previous")), 1L).otherwise(0L))).first();
      long changed = changes.isNullAt(0) ? 0 : changes.getLong(0);
      current = next.drop("previous");
      if (changed == 0) {
        LOG.info("Shared-attribute components converged after {} rounds", i);
        return current;
      }
    }
    // INFO, not a console warning: no command-line option sets the bound; library callers
    // raise it through GraphParameters.
    LOG.info(
        "Shared-attribute components did not converge within {} rounds; components may be split."
            + " Raise graph.maxComponentIterations (GraphParameters).",
        maxIterations);
    return current;
  }
}
