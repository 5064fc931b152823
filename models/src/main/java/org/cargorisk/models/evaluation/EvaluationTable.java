package org.cargorisk.models.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain-text table of evaluation results, one column per model, for the jobs to print. */
public final class EvaluationTable {
  private EvaluationTable() {}

  public static String format(List<EvaluationResult> results) {
    if (results.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    EvaluationResult first = results.get(0);
    rows.add(row("labelled rows", results, r -> Long.toString(r.overall().rows())));
    rows.add(row("hits", results, r -> Long.toString(r.overall().positives())));
    rows.add(row("hit rate (random selection)", results, r -> number(r.overall().baseRate())));
    rows.add(row("mean estimated hit chance", results, r -> number(r.meanScore())));
    rows.add(row("AUC-PR", results, r -> number(r.overall().aucPr())));
    rows.add(row("AUC-ROC", results, r -> number(r.overall().aucRoc())));
    for (RankingReport.AtK atK : first.overall().atK()) {
      String name = atK.name();
      rows.add(row("precision@" + name, results, r -> number(find(r.overall(), name).precision())));
      rows.add(row("recall@" + name, results, r -> number(find(r.overall(), name).recall())));
      rows.add(
          row("seized kg recall@" + name, results, r -> number(find(r.overall(), name).quantityRecall())));
      rows.add(row("lift@" + name, results, r -> number(find(r.overall(), name).lift())));
    }
    rows.add(
        row("precision@office capacity", results,
            r -> r.capacity() == null ? "-" : number(r.capacity().precision()) + " (k=" + r.capacity().k() + ")"));
    rows.add(
        row("random picks: rows", results, r -> r.randomOnly() == null ? "0" : Long.toString(r.randomOnly().rows())));
    rows.add(
        row("random picks: hits", results, r -> r.randomOnly() == null ? "0" : Long.toString(r.randomOnly().positives())));
    // Random picks are the unbiased labels: their hit rate estimates the base rate, and the
    // ranking quality on them is free of the selection bias of targeted inspections.
    rows.add(
        row("random picks: hit rate (unbiased)", results,
            r -> r.randomOnly() == null ? "-" : number(r.randomOnly().baseRate())));
    String atFive = RankingEvaluator.rateName(0.05);
    rows.add(
        row("random picks: precision@" + atFive, results,
            r -> r.randomOnly() == null ? "-" : number(find(r.randomOnly(), atFive).precision())));
    rows.add(
        row("random picks: AUC-PR", results, r -> r.randomOnly() == null ? "-" : number(r.randomOnly().aucPr())));
    rows.add(
        row("random picks: AUC-ROC", results, r -> r.randomOnly() == null ? "-" : number(r.randomOnly().aucRoc())));
    names.add("period " + first.from() + " to " + first.to());
    results.forEach(r -> names.add(r.algorithm()));

    int[] widths = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      widths[c] = names.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    append(out, names, widths);
    for (List<String> row : rows) {
      append(out, row, widths);
    }
    return out.toString();
  }

  private static RankingReport.AtK find(RankingReport report, String name) {
    return report.atK().stream().filter(a -> a.name().equals(name)).findFirst().orElse(
        new RankingReport.AtK(name, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
  }

  private static List<String> row(
      String label, List<EvaluationResult> results, java.util.function.Function<EvaluationResult, String> value) {
    List<String> row = new ArrayList<>();
    row.add(label);
    results.forEach(r -> row.add(value.apply(r)));
    return row;
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static void append(StringBuilder out, List<String> cells, int[] widths) {
    for (int c = 0; c < cells.size(); c++) {
      String format = c == 0 ? "%-" + widths[c] + "s" : "  %" + widths[c] + "s";
      out.append(String.format(Locale.ROOT, format, cells.get(c)));
    }
    out.append('\n');
  }
}
