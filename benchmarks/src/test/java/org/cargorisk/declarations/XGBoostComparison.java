package org.cargorisk.declarations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.TableIO;
import org.cargorisk.declarations.DeclarationEvaluation;
import org.cargorisk.declarations.DeclarationEvaluationResult;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.models.evaluation.RankingReport;
import org.cargorisk.models.training.Algorithm;
import org.cargorisk.models.training.Labels;
import org.cargorisk.models.training.ModelTraining;
import org.cargorisk.models.training.RuleSpec;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.models.training.TrainResult;
import org.cargorisk.models.training.TrainingBenchmark;
import org.cargorisk.testing.SparkTestSession;

/**
 * GBT against XGBoost on the same rows, features, class weights, calibration and validation
 * period: prints one table row per algorithm (training seconds, precision at 1/2/5/10 %, AUC-PR).
 * Run by {@code bench/xgboost-compare.sh}; not a test.
 *
 * <ul>
 *   <li>{@code lake LAKE DATE [TREES]}: the container model as {@code cargorisk train --date DATE}
 *       trains it (silver container features, bronze inspections, 7 days of label delay, the last
 *       3 trainable weeks validate); seconds = fit + calibration + evaluation, the labelled set
 *       read and cached beforehand.
 *   <li>{@code declarations TRAIN.csv VALID.csv}: the customs-declarations benchmark in
 *       validation mode (train 2020, evaluate 2021-Q1) with its tuned parameters; seconds = the
 *       whole evaluation (features, fit, scoring), whose only difference is the model.
 * </ul>
 */
public final class XGBoostComparison {
  private static final List<Algorithm> COMPARED = List.of(Algorithm.GBT, Algorithm.XGBOOST);
  private static final String[] RATES = {"1%", "2%", "5%", "10%"};

  private XGBoostComparison() {}

  public static void main(String[] args) {
    // -Dspark.master=spark://host:port (and -Dspark.jars=the application jar) runs on a cluster.
    SparkSession spark =
        System.getProperty("spark.master") == null
            ? SparkTestSession.get()
            : SparkSession.builder().appName("xgboost-compare").getOrCreate();
    List<String> rows = new ArrayList<>();
    if (args.length >= 2 && args[0].equals("synthetic")) {
      rows.addAll(synthetic(spark, Long.parseLong(args[1])));
    } else if (args.length >= 3 && args[0].equals("lake")) {
      int trees = args.length > 3 ? Integer.parseInt(args[3]) : 60;
      rows.addAll(lake(spark, args[1], LocalDate.parse(args[2]), trees));
    } else if (args.length >= 3 && args[0].equals("declarations")) {
      rows.addAll(declarations(spark, args[1], args[2]));
    } else {
      System.err.println(
          "usage: XGBoostComparison lake LAKE DATE [TREES] | declarations TRAIN.csv VALID.csv"
              + " | synthetic ROWS");
      System.exit(2);
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "%-22s %-8s %8s %8s %8s %8s %8s %8s %8s",
            "data",
            "model",
            "train_s",
            "p@1%",
            "p@2%",
            "p@5%",
            "p@10%",
            "AUC-PR",
            "AUC-ROC"));
    rows.forEach(System.out::println);
    spark.stop();
  }

  private static List<String> lake(SparkSession spark, String root, LocalDate cutoff, int trees) {
    Lake lake = new Lake(root);
    int labelDelayDays = 7;
    LocalDate validationTo = cutoff.minusDays(labelDelayDays + 1L);
    LocalDate validationFrom = validationTo.minusWeeks(3).plusDays(1);
    List<FeatureSpec> specs = FeatureCatalog.container();
    Dataset<Row> labelled =
        Labels.containerTrainingSet(
                spark.read().format("delta").load(lake.containerFeatures()),
                BronzeHistory.current(new TableIO(spark, lake), Source.INSPECTIONS),
                cutoff,
                labelDelayDays)
            .persist(StorageLevel.MEMORY_AND_DISK());
    labelled.count();
    List<String> rows = new ArrayList<>();
    for (Algorithm algorithm : COMPARED) {
      long started = System.nanoTime();
      TrainResult result =
          new ModelTraining()
              .features(FeatureCatalog.names(specs))
              .rules(RuleSpec.defaultsFor(specs))
              .algorithm(algorithm)
              .maxIter(trees)
              .maxDepth(5)
              .stepSize(0.1)
              .seed(42)
              .validation(validationFrom, validationTo)
              .evaluator(new ModelEvaluator().officeCapacities(Map.of()))
              .withoutBaselines()
              .train(labelled);
      double seconds = (System.nanoTime() - started) / 1e9;
      EvaluationResult evaluation = result.evaluation();
      rows.add(row("sample " + validationFrom + ".." + validationTo, algorithm, seconds, evaluation.overall()));
    }
    labelled.unpersist();
    return rows;
  }

  /** The planted-signal frame of TrainingBenchmark ({@link SyntheticFrames#generated}). */
  private static List<String> synthetic(SparkSession spark, long count) {
    Dataset<Row> labelled =
        SyntheticFrames.generated(spark, count)
            .persist(StorageLevel.MEMORY_AND_DISK());
    labelled.count();
    List<String> rows = new ArrayList<>();
    for (Algorithm algorithm : COMPARED) {
      long started = System.nanoTime();
      TrainResult result =
          new ModelTraining()
              .features(SyntheticFrames.FEATURES)
              .rules(RuleSpec.defaultsFor(SyntheticFrames.SPECS))
              .algorithm(algorithm)
              .maxIter(20)
              .maxDepth(5)
              .seed(42)
              .validation(SyntheticFrames.START.plusWeeks(5), SyntheticFrames.START.plusWeeks(8).minusDays(1))
              .evaluator(new ModelEvaluator().officeCapacities(Map.of()))
              .withoutBaselines()
              .train(labelled);
      double seconds = (System.nanoTime() - started) / 1e9;
      rows.add(row("synthetic " + count, algorithm, seconds, result.evaluation().overall()));
    }
    labelled.unpersist();
    return rows;
  }

  private static List<String> declarations(SparkSession spark, String train, String valid) {
    List<String> rows = new ArrayList<>();
    for (Algorithm algorithm : COMPARED) {
      long started = System.nanoTime();
      DeclarationEvaluationResult result =
          new DeclarationEvaluation()
              .trainOn(train)
              .evaluate(valid)
              .mode("validation")
              .algorithm(algorithm)
              .execute(spark);
      double seconds = (System.nanoTime() - started) / 1e9;
      rows.add(row("declarations 2021-Q1", algorithm, seconds, result.fraud()));
    }
    return rows;
  }

  private static String row(String data, Algorithm algorithm, double seconds, RankingReport report) {
    StringBuilder line =
        new StringBuilder(
            String.format(Locale.ROOT, "%-22s %-8s %8.1f", data, algorithm.configName(), seconds));
    for (String rate : RATES) {
      line.append(String.format(Locale.ROOT, " %8.4f", report.at(rate).precision()));
    }
    return line.append(String.format(Locale.ROOT, " %8.4f %8.4f", report.aucPr(), report.aucRoc()))
        .toString();
  }
}
