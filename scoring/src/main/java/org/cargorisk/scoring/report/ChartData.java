package org.cargorisk.scoring.report;

import java.util.ArrayList;
import java.util.List;

/** The bounded data behind the report charts: small immutable records, computed in Spark. */
public final class ChartData {
  private ChartData() {}

  /**
   * Quality of the top k rows of a ranking.
   *
   * @param share k as a share of the rows (0.05 = the top 5 %)
   * @param k rows inspected
   * @param hits hits among them
   * @param precision hits / k (the hit rate)
   * @param recall hits / all hits
   * @param lift precision / base rate
   */
  public record RankPoint(double share, long k, double hits, double precision, double recall, double lift) {}

  /**
   * One ranking (a model, a baseline, or random selection) on a grid of k.
   *
   * @param name legend name
   * @param rows ranked rows
   * @param positives hits among them
   * @param points one per share of the grid, ascending
   */
  public record RankCurve(String name, long rows, long positives, List<RankPoint> points) {
    public RankCurve {
      points = List.copyOf(points);
    }

    /**
     * What uniformly random selection gets in expectation: precision = base rate, recall = k /
     * rows, lift 1.
     */
    public static RankCurve random(long rows, long positives, double[] shares) {
      List<RankPoint> points = new ArrayList<>();
      double baseRate = rows == 0 ? Double.NaN : (double) positives / rows;
      for (double share : shares) {
        long k = Math.max(1, (long) Math.ceil(share * rows));
        double recall = rows == 0 ? Double.NaN : (double) k / rows;
        points.add(new RankPoint(share, k, baseRate * k, baseRate, recall, 1.0));
      }
      return new RankCurve("random selection", rows, positives, points);
    }
  }

  /**
   * One bin of the calibration plot.
   *
   * @param lower lowest calibrated score of the bin (included)
   * @param upper highest (excluded, except for the last bin)
   * @param rows rows in the bin
   * @param meanScore mean predicted hit probability
   * @param hitRate observed share of hits
   */
  public record CalibrationBin(double lower, double upper, long rows, double meanScore, double hitRate) {}

  /**
   * One bin of the score histogram: how many hits and non-hits scored in [lower, upper).
   */
  public record ScoreBin(double lower, double upper, long hits, long nonHits) {}

  /** Global importance of one feature, normalised so the model's importances sum to 1. */
  public record FeatureWeight(String feature, double weight) {}

  /** Rows of one bar of a categorical chart: a category, a series and a value. */
  public record CategoryValue(String category, String series, double value) {}
}
