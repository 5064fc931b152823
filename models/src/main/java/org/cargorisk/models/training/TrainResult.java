package org.cargorisk.models.training;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.cargorisk.models.evaluation.EvaluationResult;

/**
 * What {@link ModelTraining#train} returns: the fitted pipeline of the chosen algorithm and the
 * evaluation of every algorithm on the same validation period.
 *
 * @param algorithm the algorithm of {@code model}
 * @param model the fitted pipeline (features → calibrated score), ready to register
 * @param features model features in vector order
 * @param params training parameters as recorded in the registry
 * @param seed training seed
 * @param trainingRows labelled rows before the validation period
 * @param trainingPositives hits among them
 * @param validationRows labelled rows of the validation period
 * @param validationPositives hits among them
 * @param evaluations every algorithm's evaluation on the validation period (the chosen first)
 * @param models every algorithm's fitted pipeline (the chosen and its baselines), so that a
 *     baseline can be registered when the chosen model does not beat it
 */
public record TrainResult(
    Algorithm algorithm,
    PipelineModel model,
    List<String> features,
    Map<String, String> params,
    long seed,
    long trainingRows,
    long trainingPositives,
    long validationRows,
    long validationPositives,
    Map<Algorithm, EvaluationResult> evaluations,
    Map<Algorithm, PipelineModel> models) {

  public TrainResult {
    models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    features = List.copyOf(features);
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    evaluations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evaluations));
  }

  /**
   * The same training seen from another of its algorithms (a baseline trained on the same rows):
   * its pipeline and parameters, its evaluation first.
   */
  public TrainResult as(Algorithm other, Map<String, String> otherParams) {
    PipelineModel fitted = models.get(other);
    if (fitted == null || !evaluations.containsKey(other)) {
      throw new IllegalStateException(
          "no " + other.configName() + " model in this training, cannot be: " + models.keySet());
    }
    Map<Algorithm, EvaluationResult> reordered = new java.util.LinkedHashMap<>();
    reordered.put(other, evaluations.get(other));
    reordered.putAll(evaluations);
    return new TrainResult(other, fitted, features, otherParams, seed, trainingRows,
        trainingPositives, validationRows, validationPositives, reordered, models);
  }

  /** Evaluation of the chosen model. */
  public EvaluationResult evaluation() {
    return evaluations.get(algorithm);
  }
}
