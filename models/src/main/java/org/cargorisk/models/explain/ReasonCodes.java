package org.cargorisk.models.explain;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.models.training.ModelColumns;
import org.cargorisk.models.training.RulesScorer;
import org.cargorisk.models.training.XGBoostStage;

/**
 * Reason codes: for each scored row, the features that raised its score most, as sentences an
 * officer reads ({@link FeatureSpec#reasonFor}). Contributions per algorithm:
 *
 * <ul>
 *   <li>gradient-boosted trees: path attribution over the trees ({@link TreeContributions});
 *   <li>XGBoost: its own per-row SHAP contributions (TreeSHAP), which the model writes to
 *       {@link ModelColumns#CONTRIBUTIONS} (its last entry, the bias, is dropped);
 *   <li>logistic regression: coefficient × standardised value (the term's share of the logit);
 *   <li>rules: each rule that fired, on its feature.
 * </ul>
 *
 * Only positive contributions become reasons (a row with none gets an empty list). Everything
 * after the contributions is built from column expressions and higher-order functions.
 */
public final class ReasonCodes {
  private ReasonCodes() {}

  /** Reasons per row unless told otherwise. */
  public static final int DEFAULT_TOP = 3;

  private static final String CONTRIBUTIONS = "__contributions";
  private static final String VALUES = "__values";
  private static final String TOP = "__top_contributions";

  /**
   * Adds {@link ModelColumns#REASONS} and {@link ModelColumns#REASON_FEATURES} to a frame the
   * model has transformed (it holds the model's feature vector).
   *
   * @param features the model's features in vector order
   * @param specs reason sentences by feature name; a feature without one reads "name = value"
   */
  public static Dataset<Row> withReasons(
      Dataset<Row> transformed,
      PipelineModel model,
      List<String> features,
      Map<String, FeatureSpec> specs,
      int top) {
    SchemaChecks.requireColumns("reason codes", transformed.schema(), ModelColumns.FEATURES);
    SchemaChecks.requireAbsent("reason codes", transformed.schema(), ModelColumns.REASONS);
    SchemaChecks.requireAbsent("reason codes", transformed.schema(), ModelColumns.REASON_FEATURES);
    List<Column> names = new ArrayList<>();
    List<Column> templates = new ArrayList<>();
    for (String feature : features) {
      names.add(lit(feature));
      FeatureSpec spec = specs.get(feature);
      templates.add(lit(spec == null ? feature + " = {value}" : spec.reason()));
    }
    Column nameArray = array(names.toArray(Column[]::new));
    Column templateArray = array(templates.toArray(Column[]::new));

    Dataset<Row> withContributions =
        transformed
            .withColumn(CONTRIBUTIONS, contributions(model, features.size()))
            .withColumn(VALUES, vector_to_array(col(ModelColumns.FEATURES), "float64"));
    Column indexed =
        transform(
            col(CONTRIBUTIONS), (value, index) -> struct(value.as("c"), index.as("i")));
    Column positive = filter(indexed, item -> item.getField("c").gt(0.0));
    Dataset<Row> ranked =
        withContributions.withColumn(TOP, slice(sort_array(positive, false), 1, top));
    return ranked
        .withColumn(
            ModelColumns.REASONS,
            transform(
                col(TOP),
                item ->
                    replace(
                        element_at(templateArray, item.getField("i").plus(1)),
                        lit("{value}"),
                        formatted(element_at(col(VALUES), item.getField("i").plus(1))))))
        .withColumn(
            ModelColumns.REASON_FEATURES,
            transform(col(TOP), item -> element_at(nameArray, item.getField("i").plus(1))))
        .drop(CONTRIBUTIONS, VALUES, TOP);
  }

  /** Like {@link FeatureSpec#reasonFor}: integers without decimals, others with two. */
  private static Column formatted(Column value) {
    return when(
            value.equalTo(floor(value)).and(abs(value).lt(1e15)),
            value.cast("long").cast("string"))
        .otherwise(format_string("%.2f", value));
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
