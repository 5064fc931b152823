package org.cargorisk.declarations;

import java.util.List;
import java.util.Locale;
import org.cargorisk.models.evaluation.RankingReport;

/**
 * What an evaluation on the declaration benchmark measured.
 *
 * @param mode {@code "validation"} (train on train, score valid) or {@code "final"} (train on
 *     train + valid, score test)
 * @param trainedOn files the model was trained on
 * @param evaluatedFile file scored and evaluated
 * @param trainingRows labelled rows the model was fitted on (after the burn-in)
 * @param quarantinedRows rows of all inputs rejected by the adapter
 * @param params the model's hyper-parameters
 * @param fraud ranking quality on the {@code Fraud} label
 * @param criticalFraud ranking quality on {@code Critical Fraud} = 2 (critical fraud)
 */
public record DeclarationEvaluationResult(
    String mode,
    List<String> trainedOn,
    String evaluatedFile,
    long trainingRows,
    long quarantinedRows,
    GradientBoostingParams params,
    RankingReport fraud,
    RankingReport criticalFraud) {

  public DeclarationEvaluationResult {
    trainedOn = List.copyOf(trainedOn);
  }

  /** One JSON object with every figure (what scripts read). */
  public String toJson() {
    StringBuilder json = new StringBuilder("{");
    json.append("\"mode\":\"").append(mode).append("\",");
    json.append("\"trained_on\":[");
    for (int i = 0; i < trainedOn.size(); i++) {
      json.append(i == 0 ? "" : ",").append(quote(trainedOn.get(i)));
    }
    json.append("],\"evaluated\":").append(quote(evaluatedFile));
    json.append(",\"training_rows\":").append(trainingRows);
    json.append(",\"quarantined_rows\":").append(quarantinedRows);
    json.append(",\"params\":").append(params.toJson());
    json.append(",\"fraud\":").append(reportJson(fraud));
    json.append(",\"critical_fraud\":").append(reportJson(criticalFraud));
    return json.append("}").toString();
  }

  /** Human-readable lines, one per label and rate. */
  public List<String> summaryLines() {
    return List.of(
        String.format(Locale.ROOT, "mode %s: trained on %s (%d rows), evaluated %s", mode, trainedOn, trainingRows, evaluatedFile),
        summary("Fraud", fraud),
        summary("Critical Fraud", criticalFraud));
  }

  private static String summary(String label, RankingReport report) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-14s rows %d, positives %d (base rate %.4f), AUC-PR %.4f, AUC-ROC %.4f;",
                label,
                report.rows(),
                report.positives(),
                report.baseRate(),
                report.aucPr(),
                report.aucRoc()));
    for (RankingReport.AtK at : report.atK()) {
      line.append(
          String.format(
              Locale.ROOT,
              " @%s precision %.4f recall %.4f;",
              at.name(),
              at.precision(),
              at.recall()));
    }
    return line.toString();
  }

  private static String reportJson(RankingReport report) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"rows\":").append(report.rows());
    json.append(",\"positives\":").append(report.positives());
    json.append(",\"auc_pr\":").append(number(report.aucPr()));
    json.append(",\"auc_roc\":").append(number(report.aucRoc()));
    for (RankingReport.AtK at : report.atK()) {
      String suffix = at.name().replace("%", "pct").replace('.', '_');
      json.append(",\"precision_at_").append(suffix).append("\":").append(number(at.precision()));
      json.append(",\"recall_at_").append(suffix).append("\":").append(number(at.recall()));
    }
    return json.append("}").toString();
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
