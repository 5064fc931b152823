package org.cargorisk.models.evaluation;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.ModelColumns;

/**
 * Evaluates a scored, labelled frame the way customs reads it: {@link RankingEvaluator} at the
 * standard inspection rates over all labelled rows, again over the randomly selected rows only
 * (unbiased), and at each office's capacity (configured per day × days of the period, ranked
 * within the office). Rows are ranked by {@link ModelColumns#SCORE}, the model's uncalibrated
 * score; the hit chance only enters the mean that is compared with the base rate.
 *
 * <pre>{@code
 * EvaluationResult result = new ModelEvaluator()
 *     .officeCapacities(Map.of("NLRTM", 40))
 *     .evaluate(scored, "gbt", from, to);
 * }</pre>
 */
public final class ModelEvaluator {
  private Map<String, Integer> officeCapacities = Map.of();
  private double[] rates = RankingEvaluator.STANDARD_RATES;
  private double capacityPerDay;

  /** Containers each office can inspect per day ({@code office.<X>.capacity}). */
  public ModelEvaluator officeCapacities(Map<String, Integer> capacities) {
    this.officeCapacities = new TreeMap<>(capacities);
    return this;
  }

  /**
   * One pooled capacity for rows without an office (firms: what the investigators can open per
   * day): precision at k = capacity per day x days of the period (at most the rows), the primary
   * metric when no office capacity applies. 0 (the default) leaves precision at 5 %.
   */
  public ModelEvaluator capacityPerDay(double perDay) {
    if (!(perDay >= 0) || Double.isInfinite(perDay)) {
      throw new IllegalArgumentException("capacity per day must be at least 0, cannot be: " + perDay);
    }
    this.capacityPerDay = perDay;
    return this;
  }

  public ModelEvaluator rates(double... fractions) {
    this.rates = fractions.clone();
    return this;
  }

  /**
   * @param scored rows with score, hit_chance, label, quantity_kg, random_selected (and office,
   *     when office capacities are set)
   */
  public EvaluationResult evaluate(
      Dataset<Row> scored, String algorithm, LocalDate from, LocalDate to) {
    SchemaChecks.requireColumns(
        "model evaluation",
        scored.schema(),
        ModelColumns.SCORE,
        ModelColumns.HIT_CHANCE,
        ModelColumns.LABEL,
        ModelColumns.QUANTITY_KG,
        ModelColumns.RANDOM_SELECTED);
    // The columns read below, computed once: each ranking below runs a few Spark jobs, and
    // without the cache every one of them scored the period again (a pipeline's transform).
    List<String> read =
        new ArrayList<>(
            List.of(
                ModelColumns.SCORE,
                ModelColumns.HIT_CHANCE,
                ModelColumns.LABEL,
                ModelColumns.QUANTITY_KG,
                ModelColumns.RANDOM_SELECTED));
    boolean perOffice =
        !officeCapacities.isEmpty()
            && java.util.Arrays.asList(scored.schema().fieldNames()).contains(ModelColumns.OFFICE);
    if (perOffice) {
      read.add(ModelColumns.OFFICE);
    }
    Dataset<Row> cached =
        scored.select(read.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return evaluateCached(cached, perOffice, algorithm, from, to);
    } finally {
      cached.unpersist();
    }
  }

  private EvaluationResult evaluateCached(
      Dataset<Row> scored, boolean perOffice, String algorithm, LocalDate from, LocalDate to) {
    RankingReport overall = ranking().evaluate(scored);

    Row summary =
        scored
            .agg(
                avg(col(ModelColumns.HIT_CHANCE)),
                sum(when(col(ModelColumns.RANDOM_SELECTED).equalTo(true), 1).otherwise(0)))
            .first();
    double meanScore = summary.isNullAt(0) ? Double.NaN : summary.getDouble(0);
    long randomRows = summary.isNullAt(1) ? 0 : summary.getLong(1);
    RankingReport randomOnly =
        randomRows > 0
            ? ranking().evaluate(scored.where(col(ModelColumns.RANDOM_SELECTED).equalTo(true)))
            : null;

    List<RankingReport.AtK> offices = new ArrayList<>();
    RankingReport.AtK pooled = null;
    if (perOffice) {
      long days = ChronoUnit.DAYS.between(from, to) + 1;
      Map<String, double[]> present = rowsAndSeizedPerOffice(scored);
      long hits = 0;
      long k = 0;
      long positives = overall.positives();
      double seized = 0;
      double seizedTotal = 0;
      for (Map.Entry<String, Integer> office : officeCapacities.entrySet()) {
        if (!present.containsKey(office.getKey()) || office.getValue() == 0) {
          continue;
        }
        double[] rowsAndSeized = present.get(office.getKey());
        long capacity = Math.min(office.getValue() * days, (long) rowsAndSeized[0]);
        String name = "capacity " + office.getKey();
        RankingReport report =
            ranking()
                .rates()
                .withoutAreas()
                .capacity(name, capacity)
                .evaluate(scored.where(col(ModelColumns.OFFICE).equalTo(office.getKey())));
        RankingReport.AtK atK = report.at(name);
        offices.add(atK);
        hits += atK.hits();
        k += atK.k();
        if (!Double.isNaN(atK.quantityRecall())) {
          // quantityRecall = seized in the top k / seized in the office: back to kilograms.
          seized += atK.quantityRecall() * rowsAndSeized[1];
        }
        seizedTotal += rowsAndSeized[1];
      }
      if (k > 0) {
        double precision = (double) hits / k;
        pooled =
            new RankingReport.AtK(
                "capacity",
                k,
                hits,
                precision,
                positives == 0 ? Double.NaN : (double) hits / positives,
                seizedTotal > 0 ? seized / seizedTotal : Double.NaN,
                overall.baseRate() > 0 ? precision / overall.baseRate() : Double.NaN);
      }
    }
    if (pooled == null && capacityPerDay > 0 && overall.rows() > 0) {
      long days = ChronoUnit.DAYS.between(from, to) + 1;
      long k = Math.max(1, Math.min((long) Math.ceil(capacityPerDay * days), overall.rows()));
      pooled = ranking().rates().withoutAreas().capacity("capacity", k).evaluate(scored).at("capacity");
    }
    String primaryMetric =
        pooled != null ? EvaluationResult.PRECISION_AT_CAPACITY : EvaluationResult.PRECISION_AT_5;
    double primaryValue =
        EvaluationResult.primaryAtK(overall, pooled).map(RankingReport.AtK::precision).orElse(Double.NaN);
    return new EvaluationResult(
        algorithm,
        from.toString(),
        to.toString(),
        overall,
        randomOnly,
        offices,
        pooled,
        meanScore,
        primaryMetric,
        primaryValue);
  }

  private RankingEvaluator ranking() {
    return new RankingEvaluator()
        .scoreColumn(ModelColumns.SCORE)
        .labelColumn(ModelColumns.LABEL)
        .quantityColumn(ModelColumns.QUANTITY_KG)
        .rates(rates);
  }

  /** Rows and seized kg per configured office (bounded by the configuration: safe to collect). */
  private Map<String, double[]> rowsAndSeizedPerOffice(Dataset<Row> scored) {
    Map<String, double[]> rows = new TreeMap<>();
    for (Row row :
        scored
            .where(col(ModelColumns.OFFICE).isin(officeCapacities.keySet().toArray()))
            .groupBy(ModelColumns.OFFICE)
            .agg(count(lit(1)), sum(coalesce(col(ModelColumns.QUANTITY_KG), lit(0.0))))
            .collectAsList()) {
      rows.put(row.getString(0), new double[] {row.getLong(1), row.getDouble(2)});
    }
    return rows;
  }
}
