package org.cargorisk.jobs;

import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.CargoRiskException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point: {@code bin/cargorisk <job>} locally, or {@code spark-submit --class
 * org.cargorisk.jobs.CargoRisk cargorisk-jobs.jar <job>} on a cluster.
 *
 * <p>Exit codes: 0 success, 1 user error (the message says what and how to fix it), 2 usage
 * error, 3 internal error.
 */
@Command(
    name = "cargorisk",
    mixinStandardHelpOptions = true,
    version = "CargoRisk 0.1.0",
    description = "Risk targeting for sea containers and transport firms on Apache Spark.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ShowConfigJob.class,
      GenerateJob.class,
      FeaturesJob.class,
      TrainJob.class,
      EvaluateJob.class,
      PromoteJob.class,
      ScoreJob.class,
      FeedbackJob.class,
      NightlyJob.class,
      IngestJob.class,
      EvaluateDeclarationsJob.class,
      EvaluateAmlsimJob.class,
      ReportJob.class,
      ExportAnalysisJob.class,
      BenchmarkJob.class,
    })
public final class CargoRisk implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CargoRisk.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing job: name one of the commands below.");
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new CargoRisk());
    commandLine.setExecutionExceptionHandler(CargoRisk::handle);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  private static int handle(
      Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    CargoRiskException known = find(error);
    if (known != null) {
      commandLine.getErr().println("cargorisk " + commandLine.getCommandName() + ": " + known.getMessage());
      LOG.debug("Details", error);
      return known.code().exitCode();
    }
    commandLine
        .getErr()
        .println(
            "cargorisk "
                + commandLine.getCommandName()
                + ": internal error: "
                + CargoRiskErrors.rootMessage(error)
                + " (this is a bug; the stack trace follows)");
    error.printStackTrace(commandLine.getErr());
    return 3;
  }

  private static CargoRiskException find(Throwable error) {
    Throwable current = error;
    while (current != null) {
      if (current instanceof CargoRiskException known) {
        return known;
      }
      current = current.getCause() == current ? null : current.getCause();
    }
    return null;
  }

  public static void main(String[] args) {
    int exitCode = commandLine().execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
