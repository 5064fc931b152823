package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.ModelColumns;

/**
 * Fits one model as a Spark ML pipeline: features cast to double, nulls imputed (median),
 * assembled, then gradient-boosted trees (MLlib or XGBoost), logistic regression on standardised
 * features, or the rules-only scorer. The positive-class probability is the score that ranks
 * ({@link ModelColumns#SCORE}); beside it {@link ModelColumns#HIT_CHANCE} reads as a hit
 * probability, from a Platt calibration ({@link PlattCalibrator}, strictly increasing, so it
 * keeps the score's order and distinctions) fitted on one half of the validation rows ({@link
 * CalibrationSplit}): the other half is left for checking it (the model report's calibration
 * table). The calibration stage is part of the returned pipeline and is saved with it.
 *
 * <p>Class imbalance: every training row is weighted by the inverse frequency of its class
 * ({@code rows / (2 * rows of the class)}), so hits weigh as much in total as non-hits.
 * Deterministic: the same rows (same partitioning) and seed give the same model.
 */
public final class ModelTrainer {
  private static final String XGBOOST_OBJECTIVE = "binary:logistic";
  private static final String XGBOOST_TREE_METHOD = "hist";
  private static final int XGBOOST_WORKERS = 1;

  private List<String> features = List.of();
  private Algorithm algorithm = Algorithm.GBT;
  private int maxIter = TrainingParams.DEFAULTS.maxIter();
  private int maxDepth = TrainingParams.DEFAULTS.maxDepth();
  private double stepSize = TrainingParams.DEFAULTS.stepSize();
  private long seed = TrainingParams.DEFAULTS.seed();
  private List<RuleSpec> rules = List.of();
  private List<String> calibrationKey = List.of();

  /** Model features, in vector order (numeric or boolean columns). */
  public ModelTrainer features(List<String> names) {
    this.features = List.copyOf(names);
    return this;
  }

  public ModelTrainer algorithm(Algorithm value) {
    this.algorithm = value;
    return this;
  }

  /**
   * Trees of the GBT and XGBoost models (boosting rounds; iterations of logistic regression are
   * fixed at 100). Depth and step size (XGBoost's eta) apply to both tree models alike.
   */
  public ModelTrainer maxIter(int value) {
    this.maxIter = value;
    return this;
  }

  public ModelTrainer maxDepth(int value) {
    this.maxDepth = value;
    return this;
  }

  public ModelTrainer stepSize(double value) {
    this.stepSize = value;
    return this;
  }

  public ModelTrainer seed(long value) {
    this.seed = value;
    return this;
  }

  /** Rules of the rules-only baseline; features not in the feature list are an error. */
  public ModelTrainer rules(List<RuleSpec> value) {
    this.rules = List.copyOf(value);
    return this;
  }

  /**
   * Columns that identify a validation row: they decide which rows fit the calibration and which
   * check it ({@link CalibrationSplit}). Without a key, every feature and the label are hashed.
   */
  public ModelTrainer calibrationKey(List<String> columns) {
    this.calibrationKey = List.copyOf(columns);
    return this;
  }

  /** The parameters as recorded in the registry. */
  public Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("algorithm", algorithm.configName());
    if (algorithm == Algorithm.GBT) {
      params.put("maxIter", Integer.toString(maxIter));
      params.put("maxDepth", Integer.toString(maxDepth));
      params.put("stepSize", Double.toString(stepSize));
    } else if (algorithm == Algorithm.XGBOOST) {
      params.put("numRound", Integer.toString(maxIter));
      params.put("maxDepth", Integer.toString(maxDepth));
      params.put("eta", Double.toString(stepSize));
      params.put("objective", XGBOOST_OBJECTIVE);
      params.put("treeMethod", XGBOOST_TREE_METHOD);
      params.put("numWorkers", Integer.toString(XGBOOST_WORKERS));
      params.put("xgboostVersion", xgboostVersion());
    } else if (algorithm == Algorithm.LOGISTIC) {
      params.put("maxIter", "100");
      params.put("regParam", "0.01");
    } else {
      params.put(
          "rules",
          rules.stream()
              .map(r -> r.feature() + ">" + r.threshold() + ":" + r.points())
              .collect(Collectors.joining(",")));
    }
    params.put("imputation", "median");
    params.put("classWeights", "inverse class frequency");
    params.put(
        "calibration",
        "Platt scaling of the score into the hit chance, " + CalibrationSplit.describe(splitKey()));
    params.put("seed", Long.toString(seed));
    return params;
  }

  /**
   * Fits the model on {@code training} and its calibration on {@code validation}; both need the
   * features and {@link ModelColumns#LABEL}.
   */
  public PipelineModel fit(Dataset<Row> training, Dataset<Row> validation) {
    if (features.isEmpty()) {
      throw CargoRiskErrors.insufficientData(
          "Cannot train a model without features: the feature list is empty. Fill the feature"
              + " catalog (FeatureCatalog) or pass the feature names to the trainer.");
    }
    List<String> needed = new ArrayList<>(features);
    needed.add(ModelColumns.LABEL);
    SchemaChecks.requireColumns("model training", training.schema(), needed.toArray(String[]::new));
    SchemaChecks.requireColumns(
        "model calibration", validation.schema(), needed.toArray(String[]::new));

    Row counts =
        training
            .agg(count(lit(1)), sum(when(col(ModelColumns.LABEL).equalTo(1.0), 1).otherwise(0)))
            .first();
    long rows = counts.getLong(0);
    long positives = counts.isNullAt(1) ? 0 : counts.getLong(1);
    if (positives == 0 || positives == rows) {
      throw CargoRiskErrors.insufficientData(
          String.format(
              java.util.Locale.ROOT,
              "Cannot train a %s model: the training rows hold %d positives among %d rows; both"
                  + " classes are needed. Train at a later date or with fewer validation weeks.",
              algorithm.configName(),
              positives,
              rows));
    }
    double positiveWeight = rows / (2.0 * positives);
    double negativeWeight = rows / (2.0 * (rows - positives));
    Dataset<Row> weighted =
        training.withColumn(
            ModelColumns.WEIGHT,
            when(col(ModelColumns.LABEL).equalTo(1.0), positiveWeight).otherwise(negativeWeight));

    PipelineModel scoring = new Pipeline().setStages(stages()).fit(weighted);
    Transformer[] fitted = scoring.stages().clone();
    for (int i = 0; i < fitted.length; i++) {
      if (fitted[i] instanceof XGBoostClassificationModel xgboost) {
        // Wrapped so that the pipeline saves and loads on Spark 4 (see XGBoostStage).
        fitted[i] = new XGBoostStage(xgboost);
      }
    }
    scoring = new PipelineModel(scoring.uid(), fitted);
    PlattCalibration calibration =
        new PlattCalibrator()
            .fit(scoring.transform(validation).where(CalibrationSplit.fitsCalibration(splitKey())));
    Transformer[] all = new Transformer[scoring.stages().length + 1];
    System.arraycopy(scoring.stages(), 0, all, 0, scoring.stages().length);
    all[all.length - 1] = calibration;
    return new PipelineModel(Identifiable$.MODULE$.randomUID("cargoriskModel"), all);
  }

  private List<String> splitKey() {
    if (!calibrationKey.isEmpty()) {
      return calibrationKey;
    }
    List<String> all = new ArrayList<>(features);
    all.add(ModelColumns.LABEL);
    return all;
  }

  private PipelineStage[] stages() {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(new SQLTransformer().setStatement(castStatement()));
    String[] numeric = prefixed(ModelColumns.NUMERIC_PREFIX);
    String[] imputed = prefixed(ModelColumns.IMPUTED_PREFIX);
    stages.add(new Imputer().setStrategy("median").setInputCols(numeric).setOutputCols(imputed));
    stages.add(new VectorAssembler().setInputCols(imputed).setOutputCol(ModelColumns.FEATURES));
    switch (algorithm) {
      case GBT -> {
        stages.add(
            new GBTClassifier()
                .setLabelCol(ModelColumns.LABEL)
                .setFeaturesCol(ModelColumns.FEATURES)
                .setWeightCol(ModelColumns.WEIGHT)
                .setRawPredictionCol(ModelColumns.RAW_PREDICTION)
                .setProbabilityCol(ModelColumns.PROBABILITY)
                .setPredictionCol(ModelColumns.PREDICTION)
                .setMaxIter(maxIter)
                .setMaxDepth(maxDepth)
                .setStepSize(stepSize)
                .setSeed(seed));
        stages.add(new PositiveProbability());
      }
      case LOGISTIC -> {
        stages.add(
            new StandardScaler()
                .setInputCol(ModelColumns.FEATURES)
                .setOutputCol(ModelColumns.SCALED_FEATURES)
                .setWithMean(true)
                .setWithStd(true));
        stages.add(
            new LogisticRegression()
                .setLabelCol(ModelColumns.LABEL)
                .setFeaturesCol(ModelColumns.SCALED_FEATURES)
                .setWeightCol(ModelColumns.WEIGHT)
                .setStandardization(false)
                .setRegParam(0.01)
                .setMaxIter(100)
                .setRawPredictionCol(ModelColumns.RAW_PREDICTION)
                .setProbabilityCol(ModelColumns.PROBABILITY)
                .setPredictionCol(ModelColumns.PREDICTION));
        // The log-odds: the probability of the strongest rows saturates at 1.0 and ties them.
        stages.add(new PositiveProbability().onMargin());
      }
      case XGBOOST -> {
        // XGBoost4J-Spark 3.1.1 predicts dense rows only (a sparse vector fails in transform),
        // and the assembler emits sparse vectors for rows of many zeros: it reads an array.
        stages.add(new SQLTransformer().setStatement(featureArrayStatement()));
        stages.add(xgboost());
        stages.add(new PositiveProbability());
      }
      case RULES -> {
        int[] indices = new int[rules.size()];
        double[] thresholds = new double[rules.size()];
        double[] points = new double[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
          indices[i] = features.indexOf(rules.get(i).feature());
          if (indices[i] < 0) {
            throw CargoRiskErrors.invalidConfiguration(
                "rules", rules.get(i).feature(), "a rule's feature must be one of " + features);
          }
          thresholds[i] = rules.get(i).threshold();
          points[i] = rules.get(i).points();
        }
        stages.add(new RulesScorer().setRules(indices, thresholds, points));
      }
    }
    return stages.toArray(PipelineStage[]::new);
  }

  /**
   * XGBoost with the same rows, weights, depth, rounds and step size as GBT. One worker: the
   * model does not depend on the cluster's size or the data's partitioning (with the seed, the
   * same rows give the same model), and it fits into one executor core anywhere. It also writes
   * each row's SHAP contributions, which the reason codes read.
   */
  private XGBoostClassifier xgboost() {
    XGBoostClassifier classifier = new XGBoostClassifier();
    // The XGBoost setters return the untyped Params (Scala self-types), so no chaining.
    classifier.setFeaturesCol(ModelColumns.FEATURE_VALUES);
    classifier.setLabelCol(ModelColumns.LABEL);
    classifier.setWeightCol(ModelColumns.WEIGHT);
    classifier.setRawPredictionCol(ModelColumns.RAW_PREDICTION);
    classifier.setProbabilityCol(ModelColumns.PROBABILITY);
    classifier.setPredictionCol(ModelColumns.PREDICTION);
    classifier.setContribPredictionCol(ModelColumns.CONTRIBUTIONS);
    classifier.setObjective(XGBOOST_OBJECTIVE);
    classifier.setTreeMethod(XGBOOST_TREE_METHOD);
    classifier.setNumRound(maxIter);
    classifier.setMaxDepth(maxDepth);
    classifier.setEta(stepSize);
    classifier.setSeed(seed);
    classifier.setNumWorkers(XGBOOST_WORKERS);
    classifier.setNthread(1);
    // Imputed features hold no missing value; NaN stays XGBoost's missing marker.
    classifier.setMissing(Float.NaN);
    classifier.setVerbosity(0);
    return classifier;
  }

  /** Version of the XGBoost library on the class path (its jar's version file), for the registry. */
  private static String xgboostVersion() {
    try (java.io.InputStream in =
        XGBoostClassifier.class.getResourceAsStream("/xgboost4j-version.properties")) {
      java.util.Properties properties = new java.util.Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private String featureArrayStatement() {
    return "SELECT *, array("
        + features.stream()
            .map(f -> "`" + ModelColumns.IMPUTED_PREFIX + f + "`")
            .collect(Collectors.joining(", "))
        + ") AS `"
        + ModelColumns.FEATURE_VALUES
        + "` FROM __THIS__";
  }

  private String castStatement() {
    StringBuilder sql = new StringBuilder("SELECT *");
    for (String feature : features) {
      sql.append(", CAST(`")
          .append(feature)
          .append("` AS DOUBLE) AS `")
          .append(ModelColumns.NUMERIC_PREFIX)
          .append(feature)
          .append('`');
    }
    return sql.append(" FROM __THIS__").toString();
  }

  private String[] prefixed(String prefix) {
    return features.stream().map(f -> prefix + f).toArray(String[]::new);
  }
}
