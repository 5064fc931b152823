package org.cargorisk.models.evaluation;

import java.util.List;

/**
 * Ranking quality of scores against labels, in the measures customs uses (DESIGN.md, "Quality
 * measures").
 *
 * @param rows scored rows
 * @param positives rows with label 1 (hits)
 * @param baseRate positives / rows: the hit rate of random selection
 * @param aucPr area under the precision-recall curve
 * @param aucRoc area under the ROC curve
 * @param atK precision, recall and lift at each inspection rate or capacity asked for
 */
public record RankingReport(
    long rows, long positives, double baseRate, double aucPr, double aucRoc, List<AtK> atK) {

  public RankingReport {
    atK = List.copyOf(atK);
  }

  /**
   * Quality of the top k rows.
   *
   * @param name what k stands for: "1%", "5%", "capacity NLRTM", ...
   * @param k number of rows inspected
   * @param hits positives among the top k
   * @param precision hits / k (the hit rate)
   * @param recall hits / all positives
   * @param quantityRecall seized quantity in the top k / all seized quantity (NaN without a
   *     quantity column or when nothing was seized)
   * @param lift precision / base rate: how many times better than random selection
   */
  public record AtK(
      String name,
      long k,
      long hits,
      double precision,
      double recall,
      double quantityRecall,
      double lift) {}

  /** The entry of the given name, e.g. {@code "5%"}. */
  public AtK at(String name) {
    return atK.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No entry " + name + " in " + atK));
  }
}
