package org.cargorisk.declarations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.declarations.DeclarationAdapter;
import org.cargorisk.declarations.DeclarationBatch;
import org.cargorisk.declarations.DeclarationColumns;
import org.cargorisk.declarations.DeclarationFeatures;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.models.evaluation.RankingEvaluator;
import org.cargorisk.models.evaluation.RankingReport;
import org.cargorisk.models.training.Algorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The declaration benchmark: reads the files through the adapter, builds point-in-time features
 * over the training rows and the evaluated rows together (the evaluated rows' labels hidden, so
 * they count as declarations but never as outcomes), fits the model on the training rows, scores
 * the evaluated rows and measures the ranking on {@code Fraud} and on critical fraud.
 *
 * <p>Validation mode trains on the training files and evaluates the validation file (this is
 * where the parameters were tuned). Final mode trains on training + validation and evaluates the
 * test file.
 *
 * <pre>{@code
 * DeclarationEvaluationResult result = new DeclarationEvaluation()
 *     .trainOn("train.csv", "valid.csv").evaluate("test.csv").mode("final").execute(spark);
 * }</pre>
 */
public final class DeclarationEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(DeclarationEvaluation.class);

  /** Score column of the evaluated rows. */
  public static final String SCORE = "score";
  /** Score of the critical-fraud model. */
  public static final String CRITICAL_SCORE = "critical_score";

  private static final String EVALUATED = "__evaluated";
  private static final String TRUE_FRAUD = "__true_fraud";
  private static final String TRUE_CRITICAL = "__true_critical";
  private static final String CRITICAL_LABEL = "__critical_label";

  private List<String> trainFiles = List.of();
  private String evaluatedFile;
  private String mode = "validation";
  private GradientBoostingParams params = GradientBoostingParams.DEFAULTS;
  private GradientBoostingParams criticalParams;
  private double smoothing = 1.0;
  private int burnInDays = 0;
  private Algorithm algorithm = Algorithm.GBT;

  /** The model family: GBT (default) or XGBOOST, with the same parameters (a comparison). */
  public DeclarationEvaluation algorithm(Algorithm value) {
    this.algorithm = Objects.requireNonNull(value);
    return this;
  }

  /** Files whose labelled rows train the model. */
  public DeclarationEvaluation trainOn(String... files) {
    this.trainFiles = List.of(files);
    return this;
  }

  /** The file to score and evaluate (its labels are used only for the metrics). */
  public DeclarationEvaluation evaluate(String file) {
    this.evaluatedFile = file;
    return this;
  }

  /** A name for the setting, shown in the result ("validation" or "final"). */
  public DeclarationEvaluation mode(String name) {
    this.mode = name;
    return this;
  }

  public DeclarationEvaluation params(GradientBoostingParams value) {
    this.params = Objects.requireNonNull(value);
    return this;
  }

  /**
   * Parameters of a second model trained on critical fraud alone, which ranks for the critical
   * figures; without it the fraud score ranks for both.
   */
  public DeclarationEvaluation criticalParams(GradientBoostingParams value) {
    this.criticalParams = value;
    return this;
  }

  /** Smoothing weight of the past fraud rates ({@link DeclarationFeatures#smoothing}). */
  public DeclarationEvaluation smoothing(double weight) {
    // Checked here, not at execute(): the command line refuses it before Spark starts.
    this.smoothing = DeclarationFeatures.checkSmoothing(weight);
    return this;
  }

  /**
   * Leaves the first days of the training period out of the fit (their histories are still
   * empty); they still feed the later rows' histories.
   */
  public DeclarationEvaluation burnInDays(int days) {
    if (days < 0) {
      throw CargoRiskErrors.invalidConfiguration("--burn-in-days", days, "must be at least 0");
    }
    this.burnInDays = days;
    return this;
  }

  public DeclarationEvaluationResult execute(SparkSession spark) {
    if (trainFiles.isEmpty() || evaluatedFile == null) {
      throw new IllegalStateException("trainOn(...) and evaluate(...) must be given");
    }
    if (trainFiles.contains(evaluatedFile)) {
      throw CargoRiskErrors.invalidConfiguration(
          "evaluated file",
          evaluatedFile,
          "the evaluated file is also a training file, so the figures would measure memory, not"
              + " prediction; evaluate a file the model was not trained on");
    }
    DeclarationAdapter adapter = new DeclarationAdapter();
    spark.sparkContext().setJobGroup("DECLARATIONS read", "read and validate " + trainFiles + " and " + evaluatedFile, false);
    DeclarationBatch training = adapter.read(spark, trainFiles.toArray(String[]::new));
    DeclarationBatch evaluated = adapter.read(spark, evaluatedFile);

    Dataset<Row> all =
        training
            .accepted()
            .withColumn(EVALUATED, lit(false))
            .withColumn(TRUE_FRAUD, lit(null).cast(DataTypes.IntegerType))
            .withColumn(TRUE_CRITICAL, lit(null).cast(DataTypes.IntegerType))
            .unionByName(
                evaluated
                    .accepted()
                    .withColumn(EVALUATED, lit(true))
                    .withColumn(TRUE_FRAUD, col(DeclarationColumns.FRAUD))
                    .withColumn(TRUE_CRITICAL, col(DeclarationColumns.CRITICAL_FRAUD))
                    // Hidden: the evaluated period's outcomes are not known when it is scored.
                    .withColumn(DeclarationColumns.FRAUD, lit(null).cast(DataTypes.IntegerType))
                    .withColumn(
                        DeclarationColumns.CRITICAL_FRAUD, lit(null).cast(DataTypes.IntegerType)));

    spark.sparkContext().setJobGroup("DECLARATIONS features", "point-in-time declaration features", false);
    Dataset<Row> features =
        new DeclarationFeatures()
            .smoothing(smoothing)
            .transform(all)
            .withColumn(
                CRITICAL_LABEL,
                when(col(DeclarationColumns.CRITICAL_FRAUD).isNotNull(),
                    when(col(DeclarationColumns.CRITICAL_FRAUD).equalTo(2), 1).otherwise(0)))
            // A few partitions and a cut lineage: the boosting runs hundreds of small jobs, each
            // of which would otherwise ship the whole window plan to hundreds of tiny tasks.
            // Partitioned and sorted by id, so the trees' row sampling, and with it every
            // figure, is the same on every run (a round-robin repartition is not).
            .repartition(
                spark.sparkContext().defaultParallelism(), col(DeclarationColumns.DECLARATION_ID))
            .sortWithinPartitions(DeclarationColumns.DECLARATION_ID)
            .localCheckpoint(true);
    try {
      Row start = features.where(col(EVALUATED).unary_$bang()).agg(min(DeclarationColumns.DECLARED_ON)).first();
      Dataset<Row> fit =
          features.where(
              col(EVALUATED)
                  .unary_$bang()
                  .and(
                      unix_date(col(DeclarationColumns.DECLARED_ON))
                          .geq(unix_date(lit(start.getDate(0))).plus(burnInDays))));
      long trainingRows = fit.count();
      if (trainingRows == 0) {
        throw CargoRiskErrors.insufficientData(
            "No training rows left after the burn-in of " + burnInDays + " days in " + trainFiles
                + ". Lower the burn-in or give more training data.");
      }
      LOG.info("Fitting the fraud model on {} rows with {}", trainingRows, params);
      spark.sparkContext().setJobGroup("DECLARATIONS train", "fit the fraud model", false);
      PipelineModel model = new DeclarationTrainer()
              .algorithm(algorithm)
              .params(params)
              .labelColumn(DeclarationColumns.FRAUD)
              .fit(fit);
      Dataset<Row> scored = DeclarationTrainer.score(model, features.where(col(EVALUATED)), SCORE);
      String criticalScore = SCORE;
      if (criticalParams != null) {
        spark.sparkContext().setJobGroup("DECLARATIONS train critical", "fit the critical-fraud model", false);
        PipelineModel criticalModel =
            new DeclarationTrainer()
                .algorithm(algorithm)
                .params(criticalParams)
                .labelColumn(CRITICAL_LABEL)
                .fit(fit);
        scored = DeclarationTrainer.score(criticalModel, scored, CRITICAL_SCORE);
        criticalScore = CRITICAL_SCORE;
      }
      scored =
          scored
              .withColumn(TRUE_CRITICAL, when(col(TRUE_CRITICAL).equalTo(2), 1).otherwise(0))
              .select(col(SCORE), col(criticalScore).as("__critical_rank_score"), col(TRUE_FRAUD), col(TRUE_CRITICAL))
              .persist(StorageLevel.MEMORY_AND_DISK());
      spark.sparkContext().setJobGroup("DECLARATIONS evaluate", "rank and measure " + evaluatedFile, false);
      RankingReport fraud = new RankingEvaluator().scoreColumn(SCORE).labelColumn(TRUE_FRAUD).evaluate(scored);
      RankingReport critical =
          new RankingEvaluator().scoreColumn("__critical_rank_score").labelColumn(TRUE_CRITICAL).evaluate(scored);
      scored.unpersist();
      long quarantined = training.quarantined().count() + evaluated.quarantined().count();
      if (quarantined > 0) {
        // The count is in the printed result (quarantined_rows); the details are for the log file.
        LOG.info("{} declaration rows were quarantined (bad rows; see the adapter's reasons)", quarantined);
      }
      List<String> trained = new ArrayList<>(trainFiles);
      return new DeclarationEvaluationResult(
          mode, trained, evaluatedFile, trainingRows, quarantined, params, fraud, critical);
    } finally {
      features.unpersist();
    }
  }
}
