package org.cargorisk.models.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cargorisk.models.evaluation.EvaluationResult;

/**
 * One row of the model registry ({@code gold/model_registry}).
 *
 * @param modelName container or firm
 * @param version increasing per model name, from 1
 * @param algorithm gbt, logistic or rules
 * @param createdAt when it was registered (the run's clock)
 * @param trainingCutoff the training date T: only data known before T was used
 * @param params training parameters
 * @param features model features in vector order
 * @param metrics evaluation of every algorithm on the validation period, by algorithm name
 * @param inputVersions Delta version of each input table read (table path → version)
 * @param codeVersion jar Implementation-Version, else "dev"
 * @param seed training seed
 * @param modelPath folder of the saved Spark ML pipeline
 * @param status CANDIDATE, CHAMPION or RETIRED
 * @param promotedAt when it became champion (null if never)
 * @param promotedBy who promoted it
 * @param forced whether the promotion overrode the champion/challenger guard
 * @param note why (the reason given with --force, or the comparison)
 * @param featureStatistics version (cutoff date) of the fitted feature statistics the training
 *     features were computed with; scoring features use the same (null: none recorded)
 */
public record ModelVersion(
    String modelName,
    int version,
    String algorithm,
    Instant createdAt,
    LocalDate trainingCutoff,
    Map<String, String> params,
    List<String> features,
    Map<String, EvaluationResult> metrics,
    Map<String, Long> inputVersions,
    String codeVersion,
    long seed,
    String modelPath,
    ModelStatus status,
    Instant promotedAt,
    String promotedBy,
    boolean forced,
    String note,
    String featureStatistics) {

  public ModelVersion {
    params = Map.copyOf(params);
    features = List.copyOf(features);
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    inputVersions = Map.copyOf(inputVersions);
  }

  /** "container-v3": the value of the scoring output's model_version column. */
  public String label() {
    return modelName + "-v" + version;
  }

  /** The registered evaluation of its own algorithm on the validation period. */
  public EvaluationResult evaluation() {
    return metrics.get(algorithm);
  }
}
