package org.cargorisk.models.evaluation;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import scala.Tuple2;

/**
 * Computes a {@link RankingReport} in Spark: precision@k, recall@k, seized-quantity recall@k
 * and lift at inspection rates and capacities, AUC-PR and AUC-ROC.
 *
 * <p>Ties in the score are broken pessimistically (non-hits first), so a model gets no credit
 * for an arbitrary order among equal scores. The ranking uses a global window, which moves the
 * evaluated rows into one partition: fine for evaluation sets (millions of rows), not for
 * scoring.
 *
 * <pre>{@code
 * RankingReport report = new RankingEvaluator()
 *     .scoreColumn("score").labelColumn("label").quantityColumn("quantity_kg")
 *     .rates(0.01, 0.02, 0.05, 0.10)
 *     .evaluate(scored);
 * }</pre>
 */
public final class RankingEvaluator {
  /** The inspection rates customs reports on. */
  public static final double[] STANDARD_RATES = {0.01, 0.02, 0.05, 0.10};

  private static final String RANK = "__rank";

  private String scoreColumn = "score";
  private String labelColumn = "label";
  private String quantityColumn;
  private double[] rates = STANDARD_RATES;
  private final Map<String, Long> capacities = new LinkedHashMap<>();
  private boolean areas = true;

  public RankingEvaluator scoreColumn(String column) {
    this.scoreColumn = column;
    return this;
  }

  /** Label column: 1 for a hit, 0 otherwise (numeric or boolean). */
  public RankingEvaluator labelColumn(String column) {
    this.labelColumn = column;
    return this;
  }

  /** Optional seized quantity per row, for seized-quantity recall. */
  public RankingEvaluator quantityColumn(String column) {
    this.quantityColumn = column;
    return this;
  }

  /** Inspection rates as fractions of the rows, each giving k = ceil(rate * rows). */
  public RankingEvaluator rates(double... fractions) {
    for (double fraction : fractions) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("rate must be in (0, 1], cannot be: " + fraction);
      }
    }
    this.rates = fractions.clone();
    return this;
  }

  /** An absolute k, such as an office's capacity over the evaluated period. */
  public RankingEvaluator capacity(String name, long k) {
    if (k < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, cannot be: " + k);
    }
    capacities.put(name, k);
    return this;
  }

  /**
   * Without the areas under the curves (AUC-PR and AUC-ROC are NaN in the report): for a caller
   * that reads only the top k, such as the precision at an office's capacity; the areas sort the
   * whole ranking once more.
   */
  public RankingEvaluator withoutAreas() {
    this.areas = false;
    return this;
  }

  public RankingReport evaluate(Dataset<Row> scored) {
    List<String> needed = new ArrayList<>(List.of(scoreColumn, labelColumn));
    if (quantityColumn != null) {
      needed.add(quantityColumn);
    }
    SchemaChecks.requireColumns("RankingEvaluator", scored.schema(), needed.toArray(String[]::new));

    Column label = col(labelColumn).cast(DataTypes.DoubleType);
    Column quantity =
        quantityColumn == null ? lit(0.0) : coalesce(col(quantityColumn).cast("double"), lit(0.0));
    Dataset<Row> base =
        scored.select(
            col(scoreColumn).cast(DataTypes.DoubleType).as("score"),
            label.as("label"),
            quantity.as("quantity"));

    Row totals = base.agg(count(lit(1)), sum("label"), sum("quantity")).first();
    long rows = totals.getLong(0);
    if (rows == 0) {
      throw CargoRiskErrors.insufficientData(
          "Cannot evaluate a ranking of zero rows: the evaluation period holds no scored rows.");
    }
    long positives = totals.isNullAt(1) ? 0 : Math.round(totals.getDouble(1));
    double totalQuantity = totals.isNullAt(2) ? 0 : totals.getDouble(2);

    Map<String, Long> ks = new LinkedHashMap<>();
    for (double rate : rates) {
      ks.put(rateName(rate), Math.max(1, (long) Math.ceil(rate * rows)));
    }
    capacities.forEach((name, k) -> ks.put(name, Math.min(k, rows)));

    Dataset<Row> ranked =
        base.withColumn(
            RANK, row_number().over(Window.orderBy(col("score").desc(), col("label").asc())));
    List<Column> aggregates = new ArrayList<>();
    for (long k : ks.values()) {
      aggregates.add(sum(when(col(RANK).leq(k), col("label")).otherwise(0.0)));
      aggregates.add(sum(when(col(RANK).leq(k), col("quantity")).otherwise(0.0)));
    }
    Row top =
        ranked.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();

    double baseRate = (double) positives / rows;
    List<RankingReport.AtK> atK = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Long> entry : ks.entrySet()) {
      long k = entry.getValue();
      long hits = Math.round(top.getDouble(2 * i));
      double seized = top.getDouble(2 * i + 1);
      double precision = (double) hits / k;
      atK.add(
          new RankingReport.AtK(
              entry.getKey(),
              k,
              hits,
              precision,
              positives == 0 ? Double.NaN : (double) hits / positives,
              totalQuantity > 0 ? seized / totalQuantity : Double.NaN,
              baseRate > 0 ? precision / baseRate : Double.NaN));
      i++;
    }

    double aucPr = Double.NaN;
    double aucRoc = Double.NaN;
    if (areas && positives > 0 && positives < rows) {
      // Both areas from one set of metrics (what BinaryClassificationEvaluator computes for
      // each, unbinned), so the ranking is sorted once for the two.
      BinaryClassificationMetrics metrics =
          new BinaryClassificationMetrics(
              base.select("score", "label").javaRDD()
                  .map(row -> new Tuple2<Object, Object>(row.getDouble(0), row.getDouble(1)))
                  .rdd(),
              0);
      try {
        aucPr = metrics.areaUnderPR();
        aucRoc = metrics.areaUnderROC();
      } finally {
        metrics.unpersist();
      }
    }
    return new RankingReport(rows, positives, baseRate, aucPr, aucRoc, atK);
  }

  /** "1%", "2.5%", "10%". */
  public static String rateName(double rate) {
    double percent = rate * 100;
    return (percent == Math.rint(percent)
            ? String.format(Locale.ROOT, "%d", (long) percent)
            : String.format(Locale.ROOT, "%s", percent))
        + "%";
  }
}
