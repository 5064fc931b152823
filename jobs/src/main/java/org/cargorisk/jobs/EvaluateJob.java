package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.EvaluationTable;
import org.cargorisk.models.registry.ModelLifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate --model container --version V --from D0 --to D1}: metrics of a registered
 * version on any period; a table, then the result as one JSON object on the last line.
 */
@Command(
    name = "evaluate",
    // No standard --version option: --version names the model version here (as in the CLI
    // contract of docs/MODELS.md); -h/--help is declared below.
    description =
        "Evaluate a registered model version on the labelled rows of a period; the last line is"
            + " the result as JSON.")
public final class EvaluateJob extends SparkJob {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "container or firm.")
  String model;

  @Option(names = "--version", required = true, paramLabel = "V", description = "Registered version.")
  int version;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day of the period.")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day of the period.")
  LocalDate to;

  @Override
  protected boolean requiresDate() {
    return false;
  }

  @Override
  protected void checkOptions() {
    ModelKind.fromName("--model", model);
    ModelLifecycle.checkPeriod(from, to);
  }

  @Override
  protected void run(JobContext context) {
    context.jobGroup("evaluate " + model, "evaluate " + model + " v" + version + " " + from + " to " + to);
    ModelLifecycle lifecycle =
        new ModelLifecycle(context.spark(), context.lake())
            .model(ModelKind.fromName("--model", model))
            .officeCapacities(context.config().officeCapacities());
    EvaluationResult result = lifecycle.evaluate(version, from, to);
    lifecycle.inputVersions().forEach(context.tracker()::inputVersion);
    PrintWriter out = spec.commandLine().getOut();
    out.print(EvaluationTable.format(List.of(result)));
    out.println(result.toJson());
    out.flush();
  }
}
