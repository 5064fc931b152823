package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.time.LocalDate;
import org.cargorisk.jobs.config.ConfigKeys;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.models.registry.PromotionResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code promote --date T --model container --version V [--force --reason "..."]}: makes V the
 * champion if it beats the current one on the same period (default: the validation weeks of a
 * training at T), else refuses (exit 1, PROMOTION_REFUSED with both figures).
 */
@Command(
    name = "promote",
    // No standard --version option: --version names the model version here (as in the CLI
    // contract of docs/MODELS.md); -h/--help is declared below.
    description =
        "Make a model version champion if it beats the current champion on the same period"
            + " (or with --force and a --reason, recorded).")
public final class PromoteJob extends SparkJob {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--model", required = true, paramLabel = "NAME", description = "container or firm.")
  String model;

  @Option(names = "--version", required = true, paramLabel = "V", description = "Version to promote.")
  int version;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day of the comparison period (default: the validation weeks before --date).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day of the comparison period.")
  LocalDate to;

  @Option(
      names = "--label-delay-days",
      paramLabel = "DAYS",
      description = "As for train (default: model.label-delay-days of the configuration, 7).")
  Integer labelDelayDays;

  @Option(names = "--force", description = "Promote even if the challenger is worse (needs --reason).")
  boolean force;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why a forced promotion is made (recorded).")
  String reason;

  // The option overrides the configured delay, as for train: a default here would hide it.
  @Override
  protected java.util.Map<String, String> configOverrides() {
    return labelDelayDays == null
        ? java.util.Map.of()
        : java.util.Map.of(ConfigKeys.MODEL_LABEL_DELAY_DAYS, labelDelayDays.toString());
  }

  @Override
  protected void checkOptions() {
    if (force && (reason == null || reason.isBlank())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--force needs --reason \"...\" (it is recorded)");
    }
    ModelKind.fromName("--model", model);
    if (from != null && to != null) {
      ModelLifecycle.checkPeriod(from, to);
    }
  }

  @Override
  protected void run(JobContext context) {
    context.jobGroup("promote " + model, "promote " + model + " v" + version);
    ModelLifecycle lifecycle =
        new ModelLifecycle(context.spark(), context.lake())
            .model(ModelKind.fromName("--model", model))
            .params(context.config().model().training())
            .officeCapacities(context.config().officeCapacities());
    LocalDate[] period = lifecycle.defaultPeriod(context.date());
    LocalDate first = from == null ? period[0] : from;
    LocalDate last = to == null ? period[1] : to;
    PromotionResult result =
        lifecycle.promote(
            version, first, last, force ? reason : null, System.getProperty("user.name"), context.tracker().now());
    lifecycle.inputVersions().forEach(context.tracker()::inputVersion);
    context.recordOutputs(org.cargorisk.lake.LakeStep.TRAIN);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%s is champion%s. %s%n",
        result.champion().label(),
        result.champion().forced() ? " (forced)" : "",
        result.champion().note());
    out.flush();
  }
}
