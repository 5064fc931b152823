package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.models.evaluation.EvaluationTable;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.models.training.Algorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train --date T [--model container|firm]}: trains the models on data known before T,
 * registers each as a CANDIDATE (the first one of a name becomes champion), prints the metrics
 * of the model and its baselines on the validation weeks.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train the container and firm models on data known before --date, register them and"
            + " print their metrics against the baselines.")
public final class TrainJob extends SparkJob {
  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "container or firm (default: both).")
  String model;

  @Option(
      names = "--label-delay-days",
      paramLabel = "DAYS",
      defaultValue = "7",
      description = "Days an inspection outcome needs to arrive; younger features do not train (default: ${DEFAULT-VALUE}).")
  int labelDelayDays;

  @Override
  protected void run(JobContext context) {
    CargoRiskConfig.ModelSettings settings = context.config().model();
    List<String> names = model == null ? ModelLifecycle.MODEL_NAMES : List.of(model);
    PrintWriter out = spec.commandLine().getOut();
    for (String name : names) {
      context.jobGroup("train " + name, "train the " + name + " model at " + context.date());
      ModelLifecycle lifecycle =
          new ModelLifecycle(context.spark(), context.lake())
              .model(
                  name,
                  ModelLifecycle.CONTAINER.equals(name)
                      ? FeatureCatalog.container()
                      : FeatureCatalog.firm())
              .algorithm(Algorithm.fromName(settings.algorithm()))
              .trees(settings.maxIter(), settings.maxDepth(), settings.stepSize())
              .seed(settings.seed())
              .validationWeeks(settings.validationWeeks())
              .labelDelayDays(labelDelayDays)
              .officeCapacities(context.config().officeCapacities());
      ModelLifecycle.TrainOutcome outcome =
          lifecycle.train(context.date(), System.getProperty("user.name"), context.tracker().now());
      lifecycle.inputVersions().forEach(context.tracker()::inputVersion);
      org.cargorisk.lake.DeltaVersions.latest(context.spark(), context.lake().modelRegistry())
          .ifPresent(v -> context.tracker().outputVersion(context.lake().modelRegistry(), v));
      context.tracker().count(name + ".training_rows", outcome.result().trainingRows());
      context.tracker().count(name + ".validation_rows", outcome.result().validationRows());
      context.tracker().count(name + ".version", outcome.registered().version());
      out.printf(
          "%s registered as %s (%s)%s%n",
          outcome.registered().label(),
          outcome.registered().status(),
          outcome.registered().algorithm(),
          outcome.becameChampion() ? ": no champion yet, so it is the champion" : "");
      out.print(EvaluationTable.format(new ArrayList<>(outcome.result().evaluations().values())));
      out.flush();
    }
  }
}
