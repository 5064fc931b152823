package org.cargorisk.models.training;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.models.evaluation.EvaluationTable;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.testing.SparkTestSession;

/**
 * Training benchmark on a synthetic labelled frame of a given size (the planted-signal frame of
 * {@link SyntheticFrames}, generated in Spark so it scales): prints the training time of the
 * model and both baselines, and their metrics. Run by {@code bench/train-benchmark.sh
 * --synthetic N}; not a test.
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    int trees = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> labelled =
        SyntheticFrames.generated(spark, rows)
            .persist(StorageLevel.MEMORY_AND_DISK());
    labelled.count();

    long started = System.nanoTime();
    TrainResult result =
        new ModelTraining()
            .features(SyntheticFrames.FEATURES)
            .rules(RuleSpec.defaultsFor(SyntheticFrames.SPECS))
            .maxIter(trees)
            .maxDepth(5)
            .seed(42)
            .validation(SyntheticFrames.START.plusWeeks(5), LocalDate.of(2026, 3, 1))
            .evaluator(new ModelEvaluator().officeCapacities(java.util.Map.of("NLRTM", 100)))
            .train(labelled);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "rows=%d training_rows=%d validation_rows=%d trees=%d seconds=%.1f (gbt + logistic + rules,"
            + " with calibration and evaluation)%n",
        rows,
        result.trainingRows(),
        result.validationRows(),
        trees,
        seconds);
    System.out.print(EvaluationTable.format(new ArrayList<>(result.evaluations().values())));
    System.out.println(result.evaluation().toJson());
    spark.stop();
  }
}
