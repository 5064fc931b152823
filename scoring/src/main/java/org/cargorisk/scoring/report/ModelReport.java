package org.cargorisk.scoring.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.models.registry.ModelRegistry;
import org.cargorisk.models.registry.ModelVersion;
import org.cargorisk.models.registry.RegisteredModel;
import org.cargorisk.models.training.CalibrationSplit;
import org.cargorisk.models.training.PositiveProbability;
import org.cargorisk.models.training.RuleSpec;
import org.cargorisk.models.training.RulesScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the data of a model report: a registered version re-scored on its validation period
 * (the labelled rows as the lake holds them now, so later-arriving outcomes count), next to the
 * rules-only baseline on the same rows (the version's own imputation and feature vector, then
 * {@link RulesScorer} with {@link RuleSpec#defaultsFor}) and random selection. The calibration
 * table uses only the validation rows the hit-chance calibration was not fitted on ({@link
 * CalibrationSplit}), so it checks the calibration instead of repeating its fit.
 *
 * <pre>{@code
 * ModelReportData data = new ModelReport(spark, lake).model(ModelKind.CONTAINER).version(3).compute();
 * }</pre>
 */
public final class ModelReport {
  private static final Logger LOG = LoggerFactory.getLogger(ModelReport.class);
  private static final String MODEL_RAW = "__model_score";

  /**
   * The model's score as an uncalibrated probability for the histogram over [0, 1]: a score on
   * the log-odds ({@link PositiveProbability#onMargin()}) through the logistic function, a
   * probability as it is.
   */
  static Column asProbability(org.apache.spark.ml.PipelineModel pipeline, Column score) {
    for (org.apache.spark.ml.Transformer stage : pipeline.stages()) {
      if (stage instanceof PositiveProbability positive
          && (Boolean) positive.getOrDefault(positive.fromMargin())) {
        return lit(1.0).divide(lit(1.0).plus(org.apache.spark.sql.functions.exp(score.multiply(-1.0))));
      }
    }
    return score;
  }
  private static final String RULES_RAW = "__rules_score";
  private static final String FITS_CALIBRATION = "__fits_calibration";

  private final SparkSession spark;
  private final Lake lake;
  private ModelKind kind;
  private String modelName;
  private Integer version;
  private double[] shares = ReportAggregates.K_GRID;
  private int calibrationBins = 10;
  private int scoreBins = 20;
  private List<FeatureSpec> catalog;

  public ModelReport(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** container or firm. */
  public ModelReport model(ModelKind kind) {
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
    this.modelName = kind.modelName();
    return this;
  }

  /** The registered version; without it, the current champion. */
  public ModelReport version(int value) {
    this.version = value;
    return this;
  }

  /** Shares of rows inspected at which the k curves are drawn (default {@link ReportAggregates#K_GRID}). */
  public ModelReport shares(double... values) {
    this.shares = values.clone();
    return this;
  }

  /** Feature specs (rule features, meanings); default {@link FeatureCatalog} of the model. */
  public ModelReport featureSpecs(List<FeatureSpec> specs) {
    this.catalog = List.copyOf(specs);
    return this;
  }

  public ModelReport calibrationBins(int bins) {
    this.calibrationBins = bins;
    return this;
  }

  public ModelReport scoreBins(int bins) {
    this.scoreBins = bins;
    return this;
  }

  public ModelReportData compute() {
    if (modelName == null) {
      throw new IllegalStateException("choose the model (container or firm) first");
    }
    ModelRegistry registry = new ModelRegistry(spark, lake);
    ModelVersion entry =
        version == null
            ? registry
                .champion(modelName)
                .orElseThrow(
                    () ->
                        CargoRiskErrors.modelNotFound(
                            "A champion " + modelName + " model in " + lake.modelRegistry(),
                            "Train one with `cargorisk train`, or name a version (--model " + modelName + "-vN)."))
            : registry.version(modelName, version);
    EvaluationResult registered = entry.evaluation();
    LocalDate from = LocalDate.parse(registered.from());
    LocalDate to = LocalDate.parse(registered.to());
    List<FeatureSpec> specs = featureSpecs(entry);
    RegisteredModel loaded = registry.load(entry);
    LOG.info("Model report of {} on its validation period {} to {}", entry.label(), from, to);

    ModelLifecycle lifecycle = new ModelLifecycle(spark, lake).model(kind, specs);
    Dataset<Row> set = lifecycle.evaluationSet(from, to);
    Dataset<Row> modelScored = loaded.pipeline().transform(set).withColumnRenamed(ModelColumns.SCORE, MODEL_RAW);
    Dataset<Row> both =
        rulesBaseline(entry.features(), specs)
            .transform(modelScored)
            .select(
                col(MODEL_RAW),
                col(ModelColumns.HIT_CHANCE),
                col(ModelColumns.SCORE).as(RULES_RAW),
                col(ModelColumns.LABEL),
                CalibrationSplit.fitsCalibration(List.of(lifecycle.rowKey())).as(FITS_CALIBRATION))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ChartData.RankCurve model =
          ReportAggregates.rankCurve(entry.label(), both, MODEL_RAW, ModelColumns.LABEL, shares);
      ChartData.RankCurve rules =
          ReportAggregates.rankCurve("rules only", both, RULES_RAW, ModelColumns.LABEL, shares);
      return new ModelReportData(
          entry,
          from.toString(),
          to.toString(),
          model,
          rules,
          ChartData.RankCurve.random(model.rows(), model.positives(), shares),
          // Only the rows the calibration was not fitted on: a check, not an in-sample echo.
          ReportAggregates.calibration(
              both.where(not(col(FITS_CALIBRATION))), ModelColumns.HIT_CHANCE, ModelColumns.LABEL, calibrationBins),
          ReportAggregates.scoreHistogram(
              both.withColumn(MODEL_RAW, asProbability(loaded.pipeline(), col(MODEL_RAW))),
              MODEL_RAW, ModelColumns.LABEL, scoreBins),
          FeatureImportances.of(loaded.pipeline(), entry.features()));
    } finally {
      both.unpersist();
    }
  }

  /** The catalog's specs of the version's features (an older version may have fewer). */
  private List<FeatureSpec> featureSpecs(ModelVersion entry) {
    Set<String> used = Set.copyOf(entry.features());
    List<FeatureSpec> specs =
        catalog != null
            ? catalog
            : kind.features();
    return specs.stream().filter(spec -> used.contains(spec.name())).toList();
  }

  /** The rules-only stage on the version's own feature vector (its imputed, assembled features). */
  private static RulesScorer rulesBaseline(List<String> features, List<FeatureSpec> specs) {
    List<RuleSpec> rules = RuleSpec.defaultsFor(specs);
    int[] indices = new int[rules.size()];
    double[] thresholds = new double[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      indices[i] = features.indexOf(rules.get(i).feature());
      thresholds[i] = rules.get(i).threshold();
    }
    return new RulesScorer().setRules(indices, thresholds);
  }
}
