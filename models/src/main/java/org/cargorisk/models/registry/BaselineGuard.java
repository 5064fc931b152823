package org.cargorisk.models.registry;

import java.util.Locale;
import java.util.Map;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.training.Algorithm;

/**
 * The promotion guard (DESIGN.md: "No model becomes champion unless it beats the rules-only
 * baseline on validation"): a learned model may serve only if, on its own validation weeks, its
 * AUC-PR is above the rules-only baseline's and its precision at capacity (the scan capacity for
 * containers, the investigators' capacity for firms) is not measurably below it: not lower by
 * more than one standard error of the baseline's precision at that k, {@code sqrt(p (1 - p) /
 * k)}. One hit more or less among hundreds of inspections is noise, not a worse model; a model
 * that is really worse at the capacity (or no better on AUC-PR) is refused. Both are the registered
 * metrics of the same training, on the same rows. The rules-only model itself always passes:
 * it is the baseline. A version without a registered rules-only evaluation fails: nothing shows
 * that it adds anything.
 */
public final class BaselineGuard {
  private BaselineGuard() {}

  /**
   * The guard's decision and, in words, why.
   *
   * @param passes whether the version may become champion
   * @param reason the comparison, e.g. "firm-v2 (gbt) does not beat rules-only on its validation
   *     2026-03-10 to 2026-03-30: AUC-PR 0.4100 vs 0.5500, precision@capacity 0.5333 vs 0.6000"
   */
  public record Verdict(boolean passes, String reason) {}

  /** The guard on a registered version (its registered metrics of every algorithm). */
  public static Verdict check(ModelVersion version) {
    return check(version.label(), version.algorithm(), version.metrics());
  }

  /**
   * @param label the version label (firm-v2)
   * @param algorithm its algorithm's configuration name
   * @param metrics every algorithm's evaluation on its validation weeks, by configuration name
   */
  public static Verdict check(String label, String algorithm, Map<String, EvaluationResult> metrics) {
    String rulesName = Algorithm.RULES.configName();
    String what = label + " (" + algorithm + ")";
    if (rulesName.equals(algorithm)) {
      return new Verdict(true, what + " is the rules-only baseline");
    }
    EvaluationResult model = metrics.get(algorithm);
    EvaluationResult rules = metrics.get(rulesName);
    if (model == null || rules == null) {
      return new Verdict(
          false,
          what + " has no registered " + (model == null ? "evaluation" : "rules-only evaluation")
              + " on its validation weeks, so nothing shows it beats rules-only: retrain it (train"
              + " registers the rules-only baseline beside every model)");
    }
    double modelAucPr = orZero(model.overall().aucPr());
    double rulesAucPr = orZero(rules.overall().aucPr());
    double modelPrecision = orZero(model.primaryValue());
    double rulesPrecision = orZero(rules.primaryValue());
    double tolerance = standardError(rulesPrecision, rules.primaryK());
    boolean passes = modelAucPr > rulesAucPr && modelPrecision >= rulesPrecision - tolerance;
    String reason =
        String.format(
            Locale.ROOT,
            "%s %s rules-only on its validation %s to %s: AUC-PR %.4f vs %.4f, %s %.4f vs %.4f"
                + " (may be lower by at most %.4f, one standard error)",
            what,
            passes ? "beats" : "does not beat",
            model.from(),
            model.to(),
            modelAucPr,
            rulesAucPr,
            model.primaryMetric(),
            modelPrecision,
            rulesPrecision,
            tolerance);
    return new Verdict(passes, reason);
  }

  /** Standard error of a precision p measured on k rows (0 without rows). */
  static double standardError(double precision, long k) {
    return k <= 0 ? 0.0 : Math.sqrt(precision * (1 - precision) / k);
  }

  private static double orZero(double value) {
    return Double.isNaN(value) ? 0.0 : value;
  }
}
