package org.cargorisk.amlsim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cargorisk.models.evaluation.RankingReport;

/**
 * What the AMLSim evaluation measured on the test accounts: one ranking report per feature set,
 * against random selection (precision = base rate, recall@k = k / accounts).
 *
 * @param dataset the sample folder's name
 * @param seed the split and model seed
 * @param accounts all accounts
 * @param testAccounts accounts in the test split
 * @param testPositives laundering accounts among them
 * @param models report per feature set, in the order trained
 * @param featureSets feature columns per feature set
 * @param graphFeatureSeconds wall time of the graph features (label-free and cross-fitted)
 */
public record AmlsimEvaluationResult(
    String dataset,
    long seed,
    long accounts,
    long testAccounts,
    long testPositives,
    Map<String, RankingReport> models,
    Map<String, List<String>> featureSets,
    double graphFeatureSeconds) {

  public AmlsimEvaluationResult {
    models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    featureSets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(featureSets));
  }

  /** Share of laundering accounts among the test accounts: the precision of random selection. */
  public double baseRate() {
    return testAccounts == 0 ? Double.NaN : (double) testPositives / testAccounts;
  }

  /** The metrics as one JSON object on one line (DESIGN.md: the last line of standard output). */
  public String toJson() {
    StringBuilder json = new StringBuilder("{");
    field(json, "evaluation", quote("evaluate-amlsim")).append(',');
    field(json, "dataset", quote(dataset)).append(',');
    field(json, "seed", Long.toString(seed)).append(',');
    field(json, "accounts", Long.toString(accounts)).append(',');
    field(json, "test_accounts", Long.toString(testAccounts)).append(',');
    field(json, "test_positives", Long.toString(testPositives)).append(',');
    field(json, "base_rate", number(baseRate())).append(',');
    field(json, "graph_feature_seconds", number(graphFeatureSeconds)).append(',');
    json.append("\"random\":{");
    field(json, "auc_pr", number(baseRate())).append(",\"at_k\":{");
    RankingReport any = models.values().iterator().next();
    boolean first = true;
    for (RankingReport.AtK atK : any.atK()) {
      json.append(first ? "" : ",").append(quote(atK.name())).append(":{");
      field(json, "k", Long.toString(atK.k())).append(',');
      field(json, "precision", number(baseRate())).append(',');
      field(json, "recall", number((double) atK.k() / testAccounts)).append('}');
      first = false;
    }
    json.append("}},\"models\":{");
    first = true;
    for (Map.Entry<String, RankingReport> entry : models.entrySet()) {
      RankingReport report = entry.getValue();
      json.append(first ? "" : ",").append(quote(entry.getKey())).append(":{");
      field(json, "features", Integer.toString(featureSets.get(entry.getKey()).size())).append(',');
      field(json, "auc_pr", number(report.aucPr())).append(',');
      field(json, "auc_roc", number(report.aucRoc())).append(",\"at_k\":{");
      boolean firstK = true;
      for (RankingReport.AtK atK : report.atK()) {
        json.append(firstK ? "" : ",").append(quote(atK.name())).append(":{");
        field(json, "k", Long.toString(atK.k())).append(',');
        field(json, "hits", Long.toString(atK.hits())).append(',');
        field(json, "precision", number(atK.precision())).append(',');
        field(json, "recall", number(atK.recall())).append(',');
        field(json, "lift", number(atK.lift())).append('}');
        firstK = false;
      }
      json.append("}}");
      first = false;
    }
    return json.append("}}").toString();
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    return json.append(quote(name)).append(':').append(value);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String number(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.6f", value);
  }
}
