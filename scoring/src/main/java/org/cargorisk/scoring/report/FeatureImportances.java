package org.cargorisk.scoring.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.cargorisk.scoring.report.ChartData.FeatureWeight;
import org.cargorisk.models.training.RulesScorer;

/**
 * Global feature importance of a fitted CargoRisk pipeline, normalised to sum 1:
 *
 * <ul>
 *   <li>gradient-boosted trees: MLlib's impurity-based importance (gain of the splits on the
 *       feature, averaged over the trees);
 *   <li>logistic regression: the absolute coefficient on the standardised feature (the pipeline
 *       standardises before fitting, so coefficients are comparable);
 *   <li>rules only: each rule's feature weighs the same (the score is the share of rules firing).
 * </ul>
 */
public final class FeatureImportances {
  private FeatureImportances() {}

  /** Importances of {@code features} (in vector order), strongest first, zeros dropped. */
  public static List<FeatureWeight> of(PipelineModel pipeline, List<String> features) {
    double[] weights = new double[features.size()];
    boolean found = false;
    for (Transformer stage : pipeline.stages()) {
      if (stage instanceof GBTClassificationModel gbt) {
        weights = gbt.featureImportances().toArray();
        found = true;
      } else if (stage instanceof LogisticRegressionModel logistic) {
        double[] coefficients = logistic.coefficients().toArray();
        for (int i = 0; i < coefficients.length; i++) {
          weights[i] = Math.abs(coefficients[i]);
        }
        found = true;
      } else if (stage instanceof RulesScorer rules) {
        for (int index : rules.getFeatureIndices()) {
          weights[index] += 1.0;
        }
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException(
          "pipeline has no GBT, logistic or rules stage, cannot be: " + List.of(pipeline.stages()));
    }
    return normalised(features, weights);
  }

  static List<FeatureWeight> normalised(List<String> features, double[] weights) {
    if (weights.length != features.size()) {
      throw new IllegalArgumentException(
          "one weight per feature, cannot be: " + weights.length + " weights for " + features.size() + " features");
    }
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    List<FeatureWeight> result = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        result.add(new FeatureWeight(features.get(i), weights[i] / total));
      }
    }
    result.sort(Comparator.comparingDouble(FeatureWeight::weight).reversed().thenComparing(FeatureWeight::feature));
    return List.copyOf(result);
  }
}
