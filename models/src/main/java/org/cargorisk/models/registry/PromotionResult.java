package org.cargorisk.models.registry;

import org.cargorisk.models.evaluation.EvaluationResult;

/**
 * Outcome of a promotion.
 *
 * @param champion the registry entry of the new champion
 * @param challengerEvaluation the promoted version on the comparison period
 * @param previousChampion the champion it replaced (null when there was none)
 * @param previousChampionEvaluation that champion on the same period (null when none)
 */
public record PromotionResult(
    ModelVersion champion,
    EvaluationResult challengerEvaluation,
    ModelVersion previousChampion,
    EvaluationResult previousChampionEvaluation) {}
