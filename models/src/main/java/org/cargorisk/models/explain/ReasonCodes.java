package org.cargorisk.models.explain;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.training.RulesScorer;
import org.cargorisk.models.training.XGBoostStage;

/**
 * Reason codes: for each scored row, up to {@code top} sentences about the features that raised
 * its score most, each one true for the row. A feature gives a reason only through a {@link
 * ReasonRule} ({@link ReasonRules}), and only when (a) its contribution to the row's score is
 * positive, (b) the rule's unusual condition holds and (c) the data it speaks of exists. Fewer
 * than {@code top} qualifying features give fewer reasons, possibly none. Two rules that say the
 * same sentence (the weight ratio and its z-score) give it once, at the larger contribution.
 *
 * <p>Contributions per algorithm:
 *
 * <ul>
 *   <li>gradient-boosted trees: path attribution over the trees ({@link TreeContributions});
 *   <li>XGBoost: its own per-row SHAP contributions (TreeSHAP), which the model writes to
 *       {@link ModelColumns#CONTRIBUTIONS} (its last entry, the bias, is dropped);
 *   <li>logistic regression: coefficient × standardised value (the term's share of the logit);
 *   <li>rules: each rule that fired, on its feature.
 * </ul>
 *
 * Everything after the contributions is built from column expressions and higher-order functions.
 */
public final class ReasonCodes {
  private ReasonCodes() {}

  /** Reasons per row unless told otherwise. */
  public static final int DEFAULT_TOP = 3;

  private static final String CONTRIBUTIONS = "__contributions";
  private static final String CANDIDATES = "__reason_candidates";
  private static final String TOP = "__top_reasons";
  private static final String CONTRIBUTION = "contribution";
  private static final String SENTENCE = "sentence";
  private static final String FEATURE = "feature";

  /**
   * Adds {@link ModelColumns#REASONS} and {@link ModelColumns#REASON_FEATURES} to a frame the
   * model has transformed (it holds the model's feature vector and every column the rules read).
   *
   * @param features the model's features in vector order
   * @param rules the reason rules; features of the model without a rule give no reason
   */
  public static Dataset<Row> withReasons(
      Dataset<Row> transformed,
      PipelineModel model,
      List<String> features,
      List<ReasonRule> rules,
      int top) {
    SchemaChecks.requireColumns("reason codes", transformed.schema(), ModelColumns.FEATURES);
    return fromContributions(transformed, contributions(model, features.size()), features, rules, top);
  }

  /**
   * The reasons of each row from its per-feature contributions (an array&lt;double&gt; column in
   * feature order): the part of {@link #withReasons} after the model, on its own so every rule
   * can be tested with chosen contributions.
   */
  static Dataset<Row> fromContributions(
      Dataset<Row> frame, Column contributions, List<String> features, List<ReasonRule> rules, int top) {
    SchemaChecks.requireAbsent("reason codes", frame.schema(), ModelColumns.REASONS);
    SchemaChecks.requireAbsent("reason codes", frame.schema(), ModelColumns.REASON_FEATURES);
    Map<String, List<ReasonRule>> byFeature = ReasonRules.byFeature(rules);
    Set<String> needed = new LinkedHashSet<>();
    List<Column> candidates = new ArrayList<>();
    for (int j = 0; j < features.size(); j++) {
      Column contribution = element_at(col(CONTRIBUTIONS), j + 1);
      for (ReasonRule rule : byFeature.getOrDefault(features.get(j), List.of())) {
        needed.addAll(rule.columns());
        Column holds = contribution.gt(0.0).and(rule.unusual()).and(rule.dataExists());
        candidates.add(
            when(
                coalesce(holds, lit(false)),
                struct(
                    contribution.as(CONTRIBUTION),
                    rule.text().as(SENTENCE),
                    lit(rule.feature()).as(FEATURE))));
      }
    }
    SchemaChecks.requireColumns("reason codes", frame.schema(), needed.toArray(String[]::new));
    Column none =
        array()
            .cast(
                DataTypes.createArrayType(
                    new StructType()
                        .add(CONTRIBUTION, DataTypes.DoubleType)
                        .add(SENTENCE, DataTypes.StringType)
                        .add(FEATURE, DataTypes.StringType)));
    Column all = candidates.isEmpty() ? none : array(candidates.toArray(Column[]::new));
    // Strongest first (structs sort by their first field, the contribution); null sentences out.
    Column sorted =
        sort_array(
            filter(all, item -> item.isNotNull().and(item.getField(SENTENCE).isNotNull())), false);
    // A sentence said by two rules counts once, at its first (strongest) place.
    Column sentences = transform(col(CANDIDATES), item -> item.getField(SENTENCE));
    Column distinct =
        filter(
            col(CANDIDATES),
            (item, index) ->
                not(array_contains(slice(sentences, lit(1), index), item.getField(SENTENCE))));
    return frame
        .withColumn(CONTRIBUTIONS, contributions)
        .withColumn(CANDIDATES, sorted)
        .withColumn(CANDIDATES, distinct)
        .withColumn(TOP, slice(col(CANDIDATES), 1, top))
        .withColumn(ModelColumns.REASONS, transform(col(TOP), item -> item.getField(SENTENCE)))
        .withColumn(ModelColumns.REASON_FEATURES, transform(col(TOP), item -> item.getField(FEATURE)))
        .drop(CONTRIBUTIONS, CANDIDATES, TOP);
  }

  /** Per-feature contributions of the model's learned stage, as an array&lt;double&gt;. */
  static Column contributions(PipelineModel model, int numFeatures) {
    StandardScalerModel scaler = null;
    for (Transformer stage : model.stages()) {
      if (stage instanceof StandardScalerModel s) {
        scaler = s;
      } else if (stage instanceof GBTClassificationModel gbt) {
        return TreeContributions.of(gbt).column(col(ModelColumns.FEATURES));
      } else if (stage instanceof XGBoostStage wrapped) {
        XGBoostClassificationModel xgboost = wrapped.model();
        if (!xgboost.isDefinedNonEmpty(xgboost.contribPredictionCol())) {
          throw CargoRiskErrors.internal(
              "The XGBoost model " + xgboost.uid() + " writes no SHAP contributions"
                  + " (contribPredictionCol unset), so its scores cannot be explained; retrain it",
              null);
        }
        // A vector of one contribution per feature, then the bias (dropped).
        Column shap = vector_to_array(col(xgboost.getContribPredictionCol()), "float64");
        return slice(shap, lit(1), size(shap).minus(1));
      } else if (stage instanceof LogisticRegressionModel logistic) {
        if (scaler == null) {
          throw CargoRiskErrors.internal(
              "A logistic model without its StandardScaler stage cannot explain its scores", null);
        }
        double[] coefficients = logistic.coefficients().toArray();
        Column scaled = vector_to_array(col(ModelColumns.SCALED_FEATURES), "float64");
        List<Column> terms = new ArrayList<>();
        for (int j = 0; j < coefficients.length; j++) {
          terms.add(element_at(scaled, j + 1).multiply(coefficients[j]));
        }
        return array(terms.toArray(Column[]::new));
      } else if (stage instanceof RulesScorer rules) {
        int[] indices = rules.getFeatureIndices();
        List<Column> fired = rules.firedShares(col(ModelColumns.FEATURES));
        List<Column> perFeature = new ArrayList<>();
        for (int j = 0; j < numFeatures; j++) {
          Column sum = lit(0.0);
          for (int r = 0; r < indices.length; r++) {
            if (indices[r] == j) {
              sum = sum.plus(fired.get(r));
            }
          }
          perFeature.add(sum);
        }
        return array(perFeature.toArray(Column[]::new));
      }
    }
    throw CargoRiskErrors.internal(
        "The model pipeline has no GBT, XGBoost, logistic or rules stage to explain: " + model.uid(), null);
  }
}
