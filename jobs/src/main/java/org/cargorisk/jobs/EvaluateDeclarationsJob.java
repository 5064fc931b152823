package org.cargorisk.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.declarations.DeclarationEvaluation;
import org.cargorisk.declarations.DeclarationEvaluationResult;
import org.cargorisk.declarations.GradientBoostingParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The public customs-declarations benchmark (docs/DECLARATIONS.md). Prints the figures, then one
 * JSON object as the last line of standard output.
 */
@Command(
    name = "evaluate-declarations",
    mixinStandardHelpOptions = true,
    description = {
      "Train the declaration model and measure precision/recall@1/2/5/10%% and AUC-PR for Fraud"
          + " and Critical Fraud on the public customs-declarations data.",
      "Validation mode (when --test is the --valid file): train on --train, evaluate --valid.",
      "Final mode (--final, or when --test differs from --valid): train on --train and --valid,"
          + " evaluate --test."
    })
public final class EvaluateDeclarationsJob implements Callable<Integer> {
  @Option(names = "--train", required = true, description = "Training CSV (2020).")
  Path train;

  @Option(names = "--valid", required = true, description = "Validation CSV (2021-Q1).")
  Path valid;

  @Option(names = "--test", required = true, description = "CSV to evaluate (2021-Q2, or the validation file).")
  Path test;

  @Option(names = "--final", description = "Train on train + valid and evaluate --test (the default when --test differs from --valid).")
  boolean finalMode;

  @Option(names = "--max-depth", description = "Tree depth (default ${DEFAULT-VALUE}).")
  int maxDepth = GradientBoostingParams.DEFAULTS.maxDepth();

  @Option(names = "--iterations", description = "Number of trees (default ${DEFAULT-VALUE}).")
  int iterations = GradientBoostingParams.DEFAULTS.maxIterations();

  @Option(names = "--step-size", description = "Learning rate (default ${DEFAULT-VALUE}).")
  double stepSize = GradientBoostingParams.DEFAULTS.stepSize();

  @Option(names = "--subsampling", description = "Row share per tree (default ${DEFAULT-VALUE}).")
  double subsampling = GradientBoostingParams.DEFAULTS.subsamplingRate();

  @Option(names = "--feature-subset", description = "Features per split: all, sqrt, 0.5, ... (default ${DEFAULT-VALUE}).")
  String featureSubset = GradientBoostingParams.DEFAULTS.featureSubsetStrategy();

  @Option(names = "--min-instances", description = "Smallest leaf (default ${DEFAULT-VALUE}).")
  int minInstances = GradientBoostingParams.DEFAULTS.minInstancesPerNode();

  @Option(names = "--smoothing", description = "Prior weight of the past fraud rates (default ${DEFAULT-VALUE}).")
  double smoothing = DEFAULT_SMOOTHING;

  @Option(names = "--burn-in-days", description = "Training days left out of the fit, still feeding histories (default ${DEFAULT-VALUE}).")
  int burnInDays = DEFAULT_BURN_IN_DAYS;

  @Option(names = "--critical-model", negatable = true, description = "Rank critical fraud with its own model (default ${DEFAULT-VALUE}).")
  boolean criticalModel = DEFAULT_CRITICAL_MODEL;

  @Spec CommandSpec spec;

  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  static final double DEFAULT_SMOOTHING = 1.0;
  static final int DEFAULT_BURN_IN_DAYS = 0;
  static final boolean DEFAULT_CRITICAL_MODEL = true;

  @Override
  public Integer call() {
    boolean sameFile = test.toAbsolutePath().normalize().equals(valid.toAbsolutePath().normalize());
    if (finalMode && sameFile) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--final trains on --valid, so --test must be another file (the held-out period); "
              + "drop --final to evaluate the validation file.");
    }
    boolean isFinal = finalMode || !sameFile;
    GradientBoostingParams params =
        new GradientBoostingParams(
            maxDepth, iterations, stepSize, subsampling, featureSubset, minInstances,
            GradientBoostingParams.DEFAULTS.seed());
    DeclarationEvaluation evaluation =
        new DeclarationEvaluation()
            .mode(isFinal ? "final" : "validation")
            .params(params)
            .smoothing(smoothing)
            .burnInDays(burnInDays);
    if (criticalModel) {
      evaluation.criticalParams(params);
    }
    if (isFinal) {
      evaluation.trainOn(train.toString(), valid.toString()).evaluate(test.toString());
    } else {
      evaluation.trainOn(train.toString()).evaluate(valid.toString());
    }
    SparkSession spark = Sessions.getOrCreate("cargorisk evaluate-declarations");
    if (!spark.sparkContext().getConf().contains(SHUFFLE_PARTITIONS)) {
      // Tens of thousands of declarations: 200 shuffle partitions per window would be overhead.
      spark.conf().set(SHUFFLE_PARTITIONS, Math.max(2, spark.sparkContext().defaultParallelism()));
    }
    long started = System.nanoTime();
    DeclarationEvaluationResult result = evaluation.execute(spark);
    double seconds = (System.nanoTime() - started) / 1e9;
    var out = spec.commandLine().getOut();
    result.summaryLines().forEach(out::println);
    out.printf(java.util.Locale.ROOT, "evaluation took %.1f s%n", seconds);
    out.println(result.toJson());
    out.flush();
    return 0;
  }
}
