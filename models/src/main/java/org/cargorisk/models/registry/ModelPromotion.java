package org.cargorisk.models.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.models.registry.ModelScorer;

/**
 * Champion/challenger: makes a version champion only if it passes the {@link BaselineGuard} (it
 * beat rules-only on its validation weeks; a first champion too) and beats the current champion
 * on the same labelled period (both re-evaluated on it; precision at capacity, or at 5 %, then
 * AUC-PR). Otherwise it refuses with PROMOTION_REFUSED naming both figures, unless forced
 * with a reason, which the registry records.
 *
 * <pre>{@code
 * PromotionResult result = new ModelPromotion(registry)
 *     .model("container").version(4)
 *     .evaluationSet(labelled, from, to)
 *     .promotedBy("analyst").at(clock.instant())
 *     .execute();
 * }</pre>
 */
public final class ModelPromotion {
  private final ModelRegistry registry;
  private String modelName;
  private int version;
  private Dataset<Row> evaluationSet;
  private LocalDate from;
  private LocalDate to;
  private ModelEvaluator evaluator = new ModelEvaluator();
  private String forceReason;
  private String promotedBy = "unknown";
  private Instant at;

  public ModelPromotion(ModelRegistry registry) {
    this.registry = registry;
  }

  public ModelPromotion model(String name) {
    this.modelName = name;
    return this;
  }

  public ModelPromotion version(int value) {
    this.version = value;
    return this;
  }

  /** Labelled feature rows of the comparison period (from {@code Labels}), both days included. */
  public ModelPromotion evaluationSet(Dataset<Row> labelled, LocalDate first, LocalDate last) {
    this.evaluationSet = labelled;
    this.from = first;
    this.to = last;
    return this;
  }

  public ModelPromotion evaluator(ModelEvaluator value) {
    this.evaluator = value;
    return this;
  }

  /** Promote even if the challenger is worse; the reason is recorded and must be given. */
  public ModelPromotion force(String reason) {
    if (reason == null || reason.isBlank()) {
      throw CargoRiskErrors.invalidConfiguration(
          "--reason", reason, "a forced promotion needs a reason, which the registry records");
    }
    this.forceReason = reason;
    return this;
  }

  public ModelPromotion promotedBy(String user) {
    this.promotedBy = user;
    return this;
  }

  public ModelPromotion at(Instant instant) {
    this.at = instant;
    return this;
  }

  public PromotionResult execute() {
    if (modelName == null || evaluationSet == null || at == null) {
      throw new IllegalStateException("set the model, the evaluation set and the time first");
    }
    ModelVersion challenger = registry.version(modelName, version);
    Optional<ModelVersion> champion = registry.champion(modelName);
    if (champion.isPresent() && champion.get().version() == version) {
      throw CargoRiskErrors.promotionRefused(
          String.format(
              Locale.ROOT, "%s is already the champion; nothing to promote.", challenger.label()));
    }
    BaselineGuard.Verdict guard = BaselineGuard.check(challenger);
    if (!guard.passes() && forceReason == null) {
      throw CargoRiskErrors.promotionRefused(
          guard.reason()
              + ". No model becomes champion unless it beats rules-only on validation: keep the"
              + " current champion, or promote with --force --reason \"...\" (recorded).");
    }
    Dataset<Row> period = evaluationSet.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      EvaluationResult challengerResult = evaluate(challenger, period);
      if (champion.isEmpty()) {
        ModelVersion promoted =
            registry.promote(
                modelName,
                version,
                promotedBy,
                !guard.passes(),
                note(
                    guard.passes() ? "first champion; " + guard.reason()
                        : "forced first champion: " + forceReason + "; " + guard.reason(),
                    challengerResult, null, null),
                at);
        return new PromotionResult(promoted, challengerResult, null, null);
      }
      EvaluationResult championResult = evaluate(champion.get(), period);
      boolean better = challengerResult.beats(championResult);
      if (!better && forceReason == null) {
        throw CargoRiskErrors.promotionRefused(
            String.format(
                Locale.ROOT,
                "Challenger %s does not beat champion %s on %s to %s: challenger %s, champion %s."
                    + " Keep the champion, or promote with --force --reason \"...\" (recorded).",
                challenger.label(),
                champion.get().label(),
                from,
                to,
                challengerResult.headline(),
                championResult.headline()));
      }
      String note =
          note(
              (better && guard.passes() ? "beats the champion" : "forced: " + forceReason)
                  + "; " + guard.reason(),
              challengerResult,
              champion.get(),
              championResult);
      ModelVersion promoted =
          registry.promote(modelName, version, promotedBy, !better || !guard.passes(), note, at);
      return new PromotionResult(promoted, challengerResult, champion.get(), championResult);
    } finally {
      period.unpersist();
    }
  }

  private EvaluationResult evaluate(ModelVersion entry, Dataset<Row> period) {
    Dataset<Row> scored =
        new ModelScorer().model(registry.load(entry)).withoutReasons().score(period);
    return evaluator.evaluate(scored, entry.algorithm(), from, to);
  }

  private String note(
      String why, EvaluationResult challenger, ModelVersion champion, EvaluationResult previous) {
    return String.format(
        Locale.ROOT,
        "%s; evaluated %s to %s: %s%s",
        why,
        from,
        to,
        challenger.headline(),
        champion == null ? "" : "; champion " + champion.label() + ": " + previous.headline());
  }
}
