package org.cargorisk.scoring.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.evaluation.RankingEvaluator;
import org.cargorisk.models.evaluation.RankingReport;
import org.cargorisk.scoring.report.ChartData.CalibrationBin;
import org.cargorisk.scoring.report.ChartData.RankCurve;
import org.cargorisk.scoring.report.ChartData.RankPoint;
import org.cargorisk.scoring.report.ChartData.ScoreBin;

/**
 * The chart data of a model report as bounded aggregates of a scored, labelled frame: a k grid
 * (one aggregate per share, through {@link RankingEvaluator}, with its pessimistic ties) and
 * fixed score bins (one group per bin). Nothing here collects more rows than grid points or
 * bins.
 */
public final class ReportAggregates {
  /** Shares of the rows inspected at which the k curves are drawn. */
  public static final double[] K_GRID = {
    0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50, 0.75, 1.0
  };

  private static final String BIN = "__bin";

  private ReportAggregates() {}

  /** Precision, recall and lift of ranking by {@code scoreColumn} at each share of the grid. */
  public static RankCurve rankCurve(
      String name, Dataset<Row> scored, String scoreColumn, String labelColumn, double[] shares) {
    RankingReport report =
        new RankingEvaluator().scoreColumn(scoreColumn).labelColumn(labelColumn).rates(shares).evaluate(scored);
    List<RankPoint> points = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      RankingReport.AtK atK = report.atK().get(i);
      points.add(new RankPoint(shares[i], atK.k(), atK.hits(), atK.precision(), atK.recall(), atK.lift()));
    }
    return new RankCurve(name, report.rows(), report.positives(), points);
  }

  /**
   * Calibration: {@code bins} equal-width bins of the calibrated score over [0, 1]; per
   * non-empty bin the mean predicted probability and the observed hit rate.
   */
  public static List<CalibrationBin> calibration(
      Dataset<Row> scored, String scoreColumn, String labelColumn, int bins) {
    SchemaChecks.requireColumns("calibration plot", scored.schema(), scoreColumn, labelColumn);
    requireBins(bins);
    List<CalibrationBin> result = new ArrayList<>();
    for (Row row :
        scored
            .select(bin(col(scoreColumn), bins).as(BIN), col(scoreColumn).cast(DataTypes.DoubleType).as("s"),
                col(labelColumn).cast(DataTypes.DoubleType).as("l"))
            .where(col("s").isNotNull())
            .groupBy(BIN)
            .agg(count(lit(1)), avg("s"), avg("l"))
            .orderBy(BIN)
            .collectAsList()) {
      int index = row.getInt(0);
      result.add(
          new CalibrationBin(
              (double) index / bins, (double) (index + 1) / bins, row.getLong(1), row.getDouble(2), row.getDouble(3)));
    }
    return List.copyOf(result);
  }

  /**
   * Score histogram of hits and non-hits: {@code bins} equal-width bins over [0, 1] (scores
   * outside are clamped to the first or last bin), every bin present, empty ones with zeros.
   */
  public static List<ScoreBin> scoreHistogram(
      Dataset<Row> scored, String scoreColumn, String labelColumn, int bins) {
    SchemaChecks.requireColumns("score histogram", scored.schema(), scoreColumn, labelColumn);
    requireBins(bins);
    long[] hits = new long[bins];
    long[] nonHits = new long[bins];
    Column isHit = col(labelColumn).cast(DataTypes.DoubleType).equalTo(1.0);
    for (Row row :
        scored
            .where(col(scoreColumn).isNotNull())
            .groupBy(bin(col(scoreColumn), bins).as(BIN))
            .agg(sum(when(isHit, 1L).otherwise(0L)), sum(when(isHit, 0L).otherwise(1L)))
            .collectAsList()) {
      hits[row.getInt(0)] = row.getLong(1);
      nonHits[row.getInt(0)] = row.getLong(2);
    }
    List<ScoreBin> result = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      result.add(new ScoreBin((double) i / bins, (double) (i + 1) / bins, hits[i], nonHits[i]));
    }
    return List.copyOf(result);
  }

  /** floor(score * bins), clamped to [0, bins - 1]: a score of exactly 1 falls in the last bin. */
  static Column bin(Column score, int bins) {
    return least(greatest(floor(score.cast(DataTypes.DoubleType).multiply(bins)), lit(0L)), lit((long) bins - 1))
        .cast(DataTypes.IntegerType);
  }

  private static void requireBins(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, cannot be: " + bins);
    }
  }
}
