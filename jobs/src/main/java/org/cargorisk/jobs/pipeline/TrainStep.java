package org.cargorisk.jobs.pipeline;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.evaluation.EvaluationTable;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.models.training.Algorithm;
import org.cargorisk.scoring.report.ReportPublisher;

/**
 * The train step: the models trained on data known before the business date with the
 * configuration's model settings, each registered as a CANDIDATE (the first one of a name becomes
 * champion), its metrics against the baselines printed and its model report published.
 */
public final class TrainStep implements PipelineStep {
  /** The job name under which the model reports are recorded in the access log. */
  private static final String ACCESS_LOG_JOB = "train";

  private List<ModelKind> kinds = List.of(ModelKind.values());

  /** The models to train (default: all kinds). */
  public TrainStep kinds(List<ModelKind> value) {
    this.kinds = List.copyOf(value);
    return this;
  }

  @Override
  public Step step() {
    return Step.TRAIN;
  }

  @Override
  public void run(JobContext context, PrintWriter out) {
    CargoRiskConfig.ModelSettings settings = context.config().model();
    for (ModelKind kind : kinds) {
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
      context.recordOutputs(org.cargorisk.lake.LakeStep.TRAIN);
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
            ACCESS_LOG_JOB,
            java.util.List.of(
                new org.cargorisk.audit.AccessLog.Look(
                    org.cargorisk.audit.AccessLog.Kind.MODEL_REPORT, null, context.date(), null, report.path())));
      });
      out.flush();
    }
  }
}
