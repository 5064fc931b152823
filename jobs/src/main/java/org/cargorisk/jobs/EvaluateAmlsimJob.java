package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.features.graph.GraphParameters;
import org.cargorisk.amlsim.AmlsimEvaluation;
import org.cargorisk.amlsim.AmlsimEvaluationResult;
import org.cargorisk.models.evaluation.RankingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate-amlsim --data DIR}: the firm model with and without graph features on an IBM
 * AMLSim sample; a table for people, then one JSON object on the last line for scripts.
 */
@Command(
    name = "evaluate-amlsim",
    mixinStandardHelpOptions = true,
    description =
        "Train and evaluate the firm model on an IBM AMLSim sample, with and without graph"
            + " features (account-level split); prints precision@k, recall@k and AUC-PR against"
            + " random, and a JSON object on the last line.")
public final class EvaluateAmlsimJob implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "AMLSim sample folder holding nodes.csv and transactions.csv.")
  String data;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and the models (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--test-fraction", defaultValue = "0.3",
      description = "Share of accounts per class held out for testing (default ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--max-counterparties", defaultValue = "50",
      description = "Hub cap of path enumeration: top-N counterparties per side (default ${DEFAULT-VALUE}).")
  int maxCounterparties;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The options are checked before the session starts: a typo fails at once.
    AmlsimEvaluation.checkTestFraction(testFraction);
    GraphParameters d = GraphParameters.defaults();
    GraphParameters parameters =
        new GraphParameters(d.lookback(), d.recentWindow(), d.pathWindow(), d.passThroughWindow(),
            maxCounterparties, d.structuringThresholds(), d.structuringBand(), d.diffusionIterations(),
            d.restartProbability(), d.maxHops(), d.maxFirmsPerSharedValue(), d.maxComponentIterations());
    SparkSession spark = Sessions.getOrCreate("cargorisk evaluate-amlsim");
    spark.sparkContext().setJobGroup("EVALUATE-AMLSIM", "evaluate-amlsim " + data, false);
    try {
      AmlsimEvaluationResult result =
          AmlsimEvaluation.builder(spark)
              .data(data)
              .seed(seed)
              .testFraction(testFraction)
              .graphParameters(parameters)
              .evaluate();
      print(result, spec.commandLine().getOut());
      return 0;
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  static void print(AmlsimEvaluationResult result, PrintWriter out) {
    out.printf(Locale.ROOT, "AMLSim %s: %d accounts, %d test accounts, %d laundering (base rate %.4f)%n",
        result.dataset(), result.accounts(), result.testAccounts(), result.testPositives(), result.baseRate());
    out.printf(Locale.ROOT, "graph features: %.1f s%n", result.graphFeatureSeconds());
    out.printf(Locale.ROOT, "%-24s %8s %8s  %s%n", "model", "AUC-PR", "AUC-ROC", "precision / recall @ k");
    out.printf(Locale.ROOT, "%-24s %8.4f %8s  %s%n", "random", result.baseRate(), "0.5000",
        atKRandom(result));
    for (Map.Entry<String, RankingReport> entry : result.models().entrySet()) {
      RankingReport report = entry.getValue();
      StringBuilder atK = new StringBuilder();
      for (RankingReport.AtK k : report.atK()) {
        atK.append(String.format(Locale.ROOT, "%s: %.3f/%.3f  ", k.name(), k.precision(), k.recall()));
      }
      out.printf(Locale.ROOT, "%-24s %8.4f %8.4f  %s%n", entry.getKey(), report.aucPr(), report.aucRoc(), atK.toString().trim());
    }
    out.println(result.toJson());
    out.flush();
  }

  private static String atKRandom(AmlsimEvaluationResult result) {
    StringBuilder atK = new StringBuilder();
    for (RankingReport.AtK k : result.models().values().iterator().next().atK()) {
      atK.append(String.format(Locale.ROOT, "%s: %.3f/%.3f  ", k.name(), result.baseRate(),
          (double) k.k() / result.testAccounts()));
    }
    return atK.toString().trim();
  }
}
