package org.cargorisk.declarations;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.declarations.DeclarationFeatures;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.training.Algorithm;

/**
 * Fits the declaration model: the low-cardinality codes indexed as categorical features, every
 * numeric feature of {@link DeclarationFeatures}, and an MLlib gradient-boosted tree ensemble
 * (or, to compare, XGBoost with the same depth, rounds, step, row sampling and seed, the codes
 * declared categorical).
 *
 * <pre>{@code
 * PipelineModel model = new DeclarationTrainer()
 *     .params(GradientBoostingParams.DEFAULTS).labelColumn("fraud").fit(features);
 * Dataset<Row> scored = DeclarationTrainer.score(model, features, "score");
 * }</pre>
 */
public final class DeclarationTrainer {
  /** The assembled feature vector. */
  public static final String FEATURES = "features";

  private static final String LABEL = "__label";
  /** XGBoost's input: the same features as an array (it predicts dense rows only). */
  private static final String FEATURE_VALUES = "__feature_values";
  private static final String INDEX_SUFFIX = "_index";

  private GradientBoostingParams params = GradientBoostingParams.DEFAULTS;
  private String labelColumn = "fraud";
  private Algorithm algorithm = Algorithm.GBT;

  /** GBT (the default) or XGBOOST. */
  public DeclarationTrainer algorithm(Algorithm value) {
    if (value != Algorithm.GBT && value != Algorithm.XGBOOST) {
      throw CargoRiskErrors.invalidConfiguration(
          "declaration algorithm", value.configName(), "must be gbt or xgboost");
    }
    this.algorithm = value;
    return this;
  }

  public DeclarationTrainer params(GradientBoostingParams value) {
    this.params = value;
    return this;
  }

  /** Label column: 1 for a hit, 0 otherwise (numeric). */
  public DeclarationTrainer labelColumn(String column) {
    this.labelColumn = column;
    return this;
  }

  /** Fits the pipeline on labelled feature rows. */
  public PipelineModel fit(Dataset<Row> features) {
    List<String> needed = new ArrayList<>(DeclarationFeatures.NUMERIC_FEATURES);
    needed.addAll(DeclarationFeatures.CATEGORICAL_FEATURES);
    needed.add(labelColumn);
    SchemaChecks.requireColumns("DeclarationTrainer", features.schema(), needed.toArray(String[]::new));

    List<String> categorical = DeclarationFeatures.CATEGORICAL_FEATURES;
    String[] indexed = categorical.stream().map(c -> c + INDEX_SUFFIX).toArray(String[]::new);
    StringIndexer indexer =
        new StringIndexer()
            .setInputCols(categorical.toArray(String[]::new))
            .setOutputCols(indexed)
            .setStringOrderType("alphabetAsc")
            .setHandleInvalid("keep");
    List<String> inputs = new ArrayList<>(DeclarationFeatures.NUMERIC_FEATURES);
    inputs.addAll(List.of(indexed));
    VectorAssembler assembler =
        new VectorAssembler().setInputCols(inputs.toArray(String[]::new)).setOutputCol(FEATURES);
    GBTClassifier classifier =
        new GBTClassifier()
            .setFeaturesCol(FEATURES)
            .setLabelCol(LABEL)
            .setMaxDepth(params.maxDepth())
            .setMaxIter(params.maxIterations())
            .setStepSize(params.stepSize())
            .setSubsamplingRate(params.subsamplingRate())
            .setFeatureSubsetStrategy(params.featureSubsetStrategy())
            .setMinInstancesPerNode(params.minInstancesPerNode())
            // Tax types (about 50) and offices (about 40) must fit the bins of categorical splits.
            .setMaxBins(128)
            .setCacheNodeIds(true)
            .setSeed(params.seed());
    Pipeline pipeline =
        algorithm == Algorithm.XGBOOST
            ? new Pipeline()
                .setStages(
                    new PipelineStage[] {
                      indexer, assembler, featureArray(inputs), xgboost(inputs.size(), indexed.length)
                    })
            : new Pipeline().setStages(new PipelineStage[] {indexer, assembler, classifier});
    Dataset<Row> labelled =
        features.where(col(labelColumn).isNotNull())
            .withColumn(LABEL, col(labelColumn).cast(DataTypes.DoubleType));
    return pipeline.fit(labelled);
  }

  private static SQLTransformer featureArray(List<String> inputs) {
    StringBuilder sql = new StringBuilder("SELECT *, array(");
    for (int i = 0; i < inputs.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("CAST(`").append(inputs.get(i)).append("` AS DOUBLE)");
    }
    return new SQLTransformer()
        .setStatement(sql.append(") AS `").append(FEATURE_VALUES).append("` FROM __THIS__").toString());
  }

  /** XGBoost with the GBT's parameters; the indexed codes (last) are categorical features. */
  private XGBoostClassifier xgboost(int features, int categorical) {
    String[] types = new String[features];
    for (int i = 0; i < features; i++) {
      types[i] = i < features - categorical ? "q" : "c";
    }
    XGBoostClassifier classifier = new XGBoostClassifier();
    classifier.setFeaturesCol(FEATURE_VALUES);
    classifier.setLabelCol(LABEL);
    classifier.setFeatureTypes(types);
    classifier.setObjective("binary:logistic");
    classifier.setTreeMethod("hist");
    classifier.setMaxDepth(params.maxDepth());
    classifier.setNumRound(params.maxIterations());
    classifier.setEta(params.stepSize());
    classifier.setSubsample(params.subsamplingRate());
    classifier.setColsampleBynode(columnShare(params.featureSubsetStrategy(), features));
    classifier.setMaxBins(128);
    classifier.setSeed(params.seed());
    classifier.setNumWorkers(1);
    classifier.setNthread(1);
    classifier.setMissing(Float.NaN);
    classifier.setVerbosity(0);
    return classifier;
  }

  /** MLlib's feature subset strategy as XGBoost's share of columns per split. */
  private static double columnShare(String strategy, int features) {
    return switch (strategy) {
      case "all", "auto" -> 1.0;
      case "sqrt" -> Math.sqrt(features) / features;
      case "log2" -> Math.max(1.0, Math.log(features) / Math.log(2)) / features;
      case "onethird" -> 1.0 / 3;
      default -> {
        double value = Double.parseDouble(strategy);
        yield value <= 1.0 ? value : Math.min(1.0, value / features);
      }
    };
  }

  /** Adds the probability of a hit as {@code scoreColumn}, dropping the model's work columns. */
  public static Dataset<Row> score(PipelineModel model, Dataset<Row> features, String scoreColumn) {
    SchemaChecks.requireAbsent("DeclarationTrainer.score", features.schema(), scoreColumn);
    Dataset<Row> transformed = model.transform(features);
    Column probability = vector_to_array(col("probability"), "float64").getItem(1);
    List<String> drop =
        new ArrayList<>(List.of(FEATURES, FEATURE_VALUES, "rawPrediction", "probability", "prediction"));
    DeclarationFeatures.CATEGORICAL_FEATURES.forEach(c -> drop.add(c + INDEX_SUFFIX));
    return transformed.withColumn(scoreColumn, probability).drop(drop.toArray(String[]::new));
  }
}
