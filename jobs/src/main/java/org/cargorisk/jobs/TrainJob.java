package org.cargorisk.jobs;

import java.util.List;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.jobs.pipeline.TrainStep;
import org.cargorisk.models.registry.ModelKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train --date T [--model container|firm]}: trains the models on data known before T,
 * registers each as a CANDIDATE (the first one of a name becomes champion), prints the metrics
 * of the model and its baselines on the validation weeks; the step is {@link TrainStep}.
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
    new TrainStep().kinds(kinds()).run(context, console());
  }
}
