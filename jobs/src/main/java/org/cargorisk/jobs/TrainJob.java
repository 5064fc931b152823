package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.models.ModelKind;
import org.cargorisk.models.evaluation.EvaluationTable;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.scoring.report.ReportPublisher;
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
      description =
          "Days an inspection outcome needs to arrive: younger containers neither train nor"
              + " validate (default: model.label-delay-days of the configuration, 7).")
  Integer labelDelayDays;

  @Override
  protected java.util.Map<String, String> configOverrides() {
    return labelDelayDays == null
        ? java.util.Map.of()
        : java.util.Map.of(
            org.cargorisk.jobs.config.ConfigKeys.MODEL_LABEL_DELAY_DAYS, labelDelayDays.toString());
  }

  /** The models to train: the one named by --model, else both. */
  private List<ModelKind> kinds() {
    return model == null ? List.of(ModelKind.values()) : List.of(ModelKind.fromName("--model", model));
  }

  @Override
  protected void checkOptions() {
    kinds();
  }

  @Override
  protected void run(JobContext context) {
    CargoRiskConfig.ModelSettings settings = context.config().model();
    PrintWriter out = spec.commandLine().getOut();
    for (ModelKind kind : kinds()) {
      String name = kind.modelName();
      context.jobGroup("train " + name, "train the " + name + " model at " + context.date());
      ModelLifecycle lifecycle =
          new ModelLifecycle(context.spark(), context.lake())
              .model(kind)
              .algorithm(Algorithm.fromName(settings.algorithmOf(kind)))
              .params(settings.training())
              .officeCapacities(context.config().officeCapacities());
      ModelLifecycle.TrainOutcome outcome =
          lifecycle.train(context.date(), System.getProperty("user.name"), context.tracker().now());
      lifecycle.inputVersions().forEach(context.tracker()::inputVersion);
      org.cargorisk.lake.DeltaVersions.latest(context.spark(), context.lake().modelRegistry())
          .ifPresent(v -> context.tracker().outputVersion(context.lake().modelRegistry(), v));
      context.tracker().count(name + ".training_rows", outcome.result().trainingRows());
      context.tracker().count(name + ".validation_rows", outcome.result().validationRows());
      context.tracker().count(name + ".version", outcome.registered().version());
      // The promotion guard's verdict, in the run record (1 = beats rules-only) and in words.
      context.tracker().count(name + ".beats_rules_only", outcome.guard().passes() ? 1 : 0);
      if (outcome.rulesChampion() != null) {
        context.tracker().count(name + ".rules_only_champion_version", outcome.rulesChampion().version());
      }
      out.printf(
          "%s registered as %s (%s): %s%s%n",
          outcome.registered().label(),
          outcome.registered().status(),
          outcome.registered().algorithm(),
          outcome.guard().reason(),
          outcome.rulesChampion() != null
              ? "; rules-only serves as " + outcome.rulesChampion().label()
              : outcome.becameChampion() ? "; it is the champion" : "");
      out.print(EvaluationTable.format(new ArrayList<>(outcome.result().evaluations().values())));
      new ReportPublisher(context.spark(), context.lake(), context.config().export()).afterTraining(kind, outcome.registered().version()).ifPresent(report -> {
        out.printf("model report: %s%n", report.path());
        context.recordLooks(
            jobName(),
            java.util.List.of(
                new org.cargorisk.audit.AccessLog.Look(
                    org.cargorisk.audit.AccessLog.Kind.MODEL_REPORT, null, context.date(), null, report.path())));
      });
      out.flush();
    }
  }
}
