package org.cargorisk.amlsim;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.cargorisk.amlsim.AmlsimAdapter;
import org.cargorisk.amlsim.AmlsimData;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.graph.GraphColumns;
import org.cargorisk.features.graph.GraphFeatures;
import org.cargorisk.features.graph.GraphParameters;
import org.cargorisk.features.graph.LabelProximity;
import org.cargorisk.models.evaluation.RankingEvaluator;
import org.cargorisk.models.evaluation.RankingReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the graph layer help find laundering accounts? Trains the firm model (MLlib gradient
 * boosted trees) on an account-level split of an AMLSim sample with three feature sets — basic
 * transaction features only, plus the label-free graph features, plus all graph features — and
 * ranks the test accounts (precision@k, recall@k, AUC-PR against random).
 *
 * <p>Split: stratified by label, an account is a test account when its percent rank by
 * xxhash64(firm_id, seed) within its class is below the test fraction. No test label reaches a
 * feature: the label-dependent features (risk diffusion, hop distance) of test accounts are
 * seeded with the training accounts' labels only, and those of training accounts are cross-fitted
 * (seeded with the training labels of the other folds), so no account ever sees its own label.
 *
 * <pre>{@code
 * AmlsimEvaluationResult result = AmlsimEvaluation.builder(spark)
 *     .data("/data/amlsim-20k-cycle200").seed(42).testFraction(0.3).evaluate();
 * }</pre>
 */
public final class AmlsimEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(AmlsimEvaluation.class);

  /** Feature set names, in training order. */
  public static final String BASIC = "basic";

  public static final String BASIC_STRUCTURAL = "basic+graph_structural";
  public static final String BASIC_GRAPH = "basic+graph";

  private static final String LABEL = "label";
  private static final String TEST = "is_test";
  private static final String FOLD = "fold";
  private static final String SCORE = "score";

  private final SparkSession spark;
  private String data;
  private long seed = 42;
  private double testFraction = 0.3;
  private int folds = 2;
  private int trees = 60;
  private int depth = 5;
  private GraphParameters parameters = GraphParameters.defaults();

  private AmlsimEvaluation(SparkSession spark) {
    this.spark = spark;
  }

  public static AmlsimEvaluation builder(SparkSession spark) {
    return new AmlsimEvaluation(spark);
  }

  /** Folder with the AMLSim nodes.csv and transactions.csv. */
  public AmlsimEvaluation data(String directory) {
    this.data = directory;
    return this;
  }

  public AmlsimEvaluation seed(long seed) {
    this.seed = seed;
    return this;
  }

  public AmlsimEvaluation testFraction(double fraction) {
    this.testFraction = checkTestFraction(fraction);
    return this;
  }

  /** The share of accounts held out for testing, as {@code --test-fraction} takes it: in (0, 1). */
  public static double checkTestFraction(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw CargoRiskErrors.invalidConfiguration("--test-fraction", fraction, "must be in (0, 1)");
    }
    return fraction;
  }

  /** Folds of the cross-fitted label features of training accounts (at least 2). */
  public AmlsimEvaluation folds(int folds) {
    if (folds < 2) {
      throw CargoRiskErrors.invalidConfiguration("folds", folds, "must be at least 2");
    }
    this.folds = folds;
    return this;
  }

  /** Boosting rounds and tree depth of the gradient-boosted trees. */
  public AmlsimEvaluation trees(int trees, int depth) {
    if (trees < 1 || depth < 1) {
      throw CargoRiskErrors.invalidConfiguration("trees/depth", trees + "/" + depth, "must be at least 1");
    }
    this.trees = trees;
    this.depth = depth;
    return this;
  }

  public AmlsimEvaluation graphParameters(GraphParameters parameters) {
    this.parameters = parameters;
    return this;
  }

  public AmlsimEvaluationResult evaluate() {
    if (data == null) {
      throw CargoRiskErrors.invalidConfiguration("--data", null, "name the AMLSim sample folder");
    }
    AmlsimData sample = AmlsimAdapter.read(spark, data);
    Dataset<Row> accounts =
        split(sample.accounts().select(col(Contracts.FIRM_ID), col(AmlsimAdapter.IS_FRAUD).cast("double").as(LABEL)))
            .localCheckpoint();

    long started = System.nanoTime();
    Dataset<Row> structural =
        GraphFeatures.builder(spark)
            .transactions(sample.transactions())
            .firms(sample.firms())
            .asOf(sample.asOf())
            .parameters(parameters)
            .build()
            .drop(GraphColumns.AS_OF);
    for (String labelFeature : GraphColumns.LABEL_FEATURES) {
      if (!labelFeature.equals(GraphColumns.SHARED_COMPONENT_MALAFIDE)) {
        structural = structural.drop(labelFeature);
      }
    }
    Dataset<Row> proximity = crossFittedProximity(sample, accounts);
    double graphSeconds = (System.nanoTime() - started) / 1e9;

    Dataset<Row> table =
        accounts
            .join(BasicTransactionFeatures.compute(sample.transactions(), sample.asOf()), new String[] {Contracts.FIRM_ID}, "left")
            .join(structural, new String[] {Contracts.FIRM_ID}, "left")
            .join(proximity, new String[] {Contracts.FIRM_ID}, "left");
    List<Column> filled = new ArrayList<>(List.of(col(Contracts.FIRM_ID), col(LABEL), col(TEST)));
    for (String feature : BasicTransactionFeatures.FEATURES) {
      filled.add(coalesce(col(feature), lit(0.0)).as(feature));
    }
    for (String feature : GraphColumns.FEATURES) {
      double missing = feature.equals(GraphColumns.HOPS_TO_MALAFIDE)
          ? parameters.maxHops() + 1
          : feature.equals(GraphColumns.SHARED_COMPONENT_SIZE) ? 1.0 : 0.0;
      filled.add(coalesce(col(feature), lit(missing)).as(feature));
    }
    table = table.select(filled.toArray(Column[]::new)).localCheckpoint();

    Row counts =
        table.agg(count(lit(1)), sum(col(TEST).cast("long")), sum(col(LABEL).multiply(col(TEST).cast("double")))).first();
    long total = counts.getLong(0);
    long testAccounts = counts.getLong(1);
    long testPositives = Math.round(counts.getDouble(2));
    if (testPositives == 0 || testAccounts == total) {
      throw CargoRiskErrors.insufficientData(
          "The AMLSim split of " + data + " leaves no laundering account in the test set or no"
              + " training account; use a larger sample.");
    }

    Map<String, List<String>> featureSets = new LinkedHashMap<>();
    featureSets.put(BASIC, BasicTransactionFeatures.FEATURES);
    List<String> structuralFeatures = new ArrayList<>(BasicTransactionFeatures.FEATURES);
    GraphColumns.FEATURES.stream().filter(f -> !GraphColumns.LABEL_FEATURES.contains(f)).forEach(structuralFeatures::add);
    featureSets.put(BASIC_STRUCTURAL, structuralFeatures);
    List<String> allFeatures = new ArrayList<>(BasicTransactionFeatures.FEATURES);
    allFeatures.addAll(GraphColumns.FEATURES);
    featureSets.put(BASIC_GRAPH, allFeatures);

    Dataset<Row> train = table.where(col(TEST).equalTo(false));
    Dataset<Row> test = table.where(col(TEST));
    Map<String, RankingReport> reports = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> set : featureSets.entrySet()) {
      spark.sparkContext().setJobDescription("EVALUATE-AMLSIM train " + set.getKey());
      reports.put(set.getKey(), trainAndRank(train, test, set.getValue(), testPositives));
      LOG.info("AMLSim {}: AUC-PR {}", set.getKey(), reports.get(set.getKey()).aucPr());
    }
    return new AmlsimEvaluationResult(
        Path.of(data).getFileName().toString(), seed, total, testAccounts, testPositives, reports, featureSets, graphSeconds);
  }

  /** Adds is_test (stratified by label, by hash) and fold (for cross-fitting) per account. */
  Dataset<Row> split(Dataset<Row> accounts) {
    return accounts
        .withColumn(
            "split_rank",
            percent_rank()
                .over(Window.partitionBy(LABEL).orderBy(xxhash64(col(Contracts.FIRM_ID), lit(seed)), col(Contracts.FIRM_ID))))
        .withColumn(TEST, col("split_rank").lt(testFraction))
        .withColumn(FOLD, pmod(xxhash64(col(Contracts.FIRM_ID), lit(seed + 1)), lit((long) folds)))
        .drop("split_rank");
  }

  /**
   * Risk diffusion and hop distance without leakage: test accounts from all training labels,
   * training accounts of fold f from the training labels outside fold f.
   */
  Dataset<Row> crossFittedProximity(AmlsimData sample, Dataset<Row> accounts) {
    Dataset<Row> trainingPositives = accounts.where(col(TEST).equalTo(false).and(col(LABEL).equalTo(1.0)));
    Dataset<Row> forTest =
        LabelProximity.compute(sample.transactions(), asLabels(trainingPositives, sample), sample.asOf(), parameters)
            .join(accounts.where(col(TEST)).select(Contracts.FIRM_ID), Contracts.FIRM_ID);
    Dataset<Row> result = forTest;
    for (long fold = 0; fold < folds; fold++) {
      Dataset<Row> seeds = trainingPositives.where(col(FOLD).notEqual(fold));
      Dataset<Row> members = accounts.where(col(TEST).equalTo(false).and(col(FOLD).equalTo(fold))).select(Contracts.FIRM_ID);
      result =
          result.unionByName(
              LabelProximity.compute(sample.transactions(), asLabels(seeds, sample), sample.asOf(), parameters)
                  .join(members, Contracts.FIRM_ID));
    }
    return result.localCheckpoint();
  }

  private static Dataset<Row> asLabels(Dataset<Row> positives, AmlsimData sample) {
    return positives.select(
        col(Contracts.FIRM_ID),
        lit(Date.valueOf(sample.asOf())).as(Contracts.LABELLED_ON),
        lit("MALAFIDE").as(Contracts.LABEL),
        lit("AMLSIM").as(Contracts.LABEL_SOURCE));
  }

  private RankingReport trainAndRank(Dataset<Row> train, Dataset<Row> test, List<String> features, long testPositives) {
    VectorAssembler assembler =
        new VectorAssembler().setInputCols(features.toArray(String[]::new)).setOutputCol("features");
    GBTClassificationModel model =
        new GBTClassifier()
            .setLabelCol(LABEL)
            .setFeaturesCol("features")
            .setMaxIter(trees)
            .setMaxDepth(depth)
            .setStepSize(0.1)
            .setSubsamplingRate(0.8)
            .setSeed(seed)
            .fit(assembler.transform(train));
    Dataset<Row> scored =
        model
            .transform(assembler.transform(test))
            .select(
                org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64").getItem(1).as(SCORE),
                col(LABEL));
    return new RankingEvaluator()
        .scoreColumn(SCORE)
        .labelColumn(LABEL)
        .rates(RankingEvaluator.STANDARD_RATES)
        .capacity("k=positives", testPositives)
        .evaluate(scored);
  }
}
