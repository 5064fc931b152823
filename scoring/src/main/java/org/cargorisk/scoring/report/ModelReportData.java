package org.cargorisk.scoring.report;

import java.util.List;
import org.cargorisk.models.registry.ModelVersion;
import org.cargorisk.scoring.report.ChartData.CalibrationBin;
import org.cargorisk.scoring.report.ChartData.FeatureWeight;
import org.cargorisk.scoring.report.ChartData.RankCurve;
import org.cargorisk.scoring.report.ChartData.ScoreBin;

/**
 * Everything a model report shows, computed by {@link ModelReport}.
 *
 * @param entry the registry entry (parameters, features, registered metrics of every algorithm)
 * @param from first day of the evaluated period (the version's validation period)
 * @param to last day
 * @param model the version's ranking (by its raw score)
 * @param rules the rules-only baseline's ranking on the same rows
 * @param random random selection's expected ranking
 * @param calibration predicted vs observed hit rate per calibrated-score bin
 * @param scores score histogram of hits and non-hits (model raw score)
 * @param importances global feature importance, strongest first
 */
public record ModelReportData(
    ModelVersion entry,
    String from,
    String to,
    RankCurve model,
    RankCurve rules,
    RankCurve random,
    List<CalibrationBin> calibration,
    List<ScoreBin> scores,
    List<FeatureWeight> importances) {

  public ModelReportData {
    calibration = List.copyOf(calibration);
    scores = List.copyOf(scores);
    importances = List.copyOf(importances);
  }
}
