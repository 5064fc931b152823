package org.cargorisk.models.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Quality of one model on one period, as stored in the registry and printed by the jobs
 * (serialisable to JSON with {@link #toJson()} / {@link #fromJson(String)}).
 *
 * @param algorithm gbt, logistic or rules
 * @param from first day of the evaluated period (ISO date)
 * @param to last day of the evaluated period (ISO date)
 * @param overall ranking quality over every labelled row of the period
 * @param randomOnly the same over rows picked by random inspection only (unbiased); null when
 *     the period holds no random picks or they hold no hit and no non-hit
 * @param officeCapacities precision at each configured office's capacity × days of the period,
 *     ranked within the office
 * @param capacity the office capacities pooled (hits over all offices / their summed k); null
 *     when no configured office has rows in the period
 * @param meanScore mean estimated hit chance (the calibrated score), to compare with {@code
 *     overall.baseRate()}
 * @param primaryMetric name of the metric promotion compares first
 * @param primaryValue its value (AUC-PR breaks ties)
 */
public record EvaluationResult(
    String algorithm,
    String from,
    String to,
    RankingReport overall,
    RankingReport randomOnly,
    List<RankingReport.AtK> officeCapacities,
    RankingReport.AtK capacity,
    double meanScore,
    String primaryMetric,
    double primaryValue) {

  /** Precision at the pooled office capacities, when there are any. */
  public static final String PRECISION_AT_CAPACITY = "precision@capacity";
  /** Precision at 5 % of the rows, when no office capacity applies. */
  public static final String PRECISION_AT_5 = "precision@5%";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public EvaluationResult {
    officeCapacities = List.copyOf(officeCapacities);
  }

  /**
   * Whether this result beats {@code other}: a higher primary metric, or the same one and a
   * higher AUC-PR.
   */
  public boolean beats(EvaluationResult other) {
    int primary = Double.compare(orZero(primaryValue), orZero(other.primaryValue));
    if (primary != 0) {
      return primary > 0;
    }
    return Double.compare(orZero(overall.aucPr()), orZero(other.overall.aucPr())) > 0;
  }

  /**
   * The top-k entry the primary metric is measured on: the pooled capacity, else 5 % of the
   * rows; empty when the period had neither.
   */
  public static java.util.Optional<RankingReport.AtK> primaryAtK(
      RankingReport overall, RankingReport.AtK capacity) {
    if (capacity != null) {
      return java.util.Optional.of(capacity);
    }
    String name = RankingEvaluator.rateName(0.05);
    return overall.atK().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** The k of the primary metric (0 when it has none). */
  public long primaryK() {
    return primaryAtK(overall, capacity).map(RankingReport.AtK::k).orElse(0L);
  }

  /** "precision@capacity 0.4200, AUC-PR 0.3100" for messages. */
  public String headline() {
    return String.format(
        java.util.Locale.ROOT, "%s %.4f, AUC-PR %.4f", primaryMetric, primaryValue, overall.aucPr());
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw CargoRiskErrors.internal("Cannot write an evaluation result as JSON", e);
    }
  }

  public static EvaluationResult fromJson(String json) {
    try {
      return JSON.readValue(json, EvaluationResult.class);
    } catch (JsonProcessingException e) {
      throw CargoRiskErrors.internal("Cannot read an evaluation result from JSON: " + json, e);
    }
  }

  private static double orZero(double value) {
    return Double.isNaN(value) ? 0.0 : value;
  }
}
