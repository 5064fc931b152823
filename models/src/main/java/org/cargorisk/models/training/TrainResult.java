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
    Map<Algorithm, EvaluationResult> evaluations) {

  public TrainResult {
    features = List.copyOf(features);
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    evaluations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evaluations));
  }

  /** Evaluation of the chosen model. */
  public EvaluationResult evaluation() {
    return evaluations.get(algorithm);
  }
}
