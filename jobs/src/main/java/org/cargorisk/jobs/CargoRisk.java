package org.cargorisk.jobs;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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

  /**
   * The wall clock, read here and nowhere else: the command line is the entry point, and every
   * run below it gets this clock injected, so tests run any job at a fixed instant
   * (ClockRuleTest enforces it).
   */
  static Clock wallClock() {
    return Clock.systemUTC();
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new CargoRisk());
    commandLine.setExecutionExceptionHandler(CargoRisk::handle);
    commandLine.setParameterExceptionHandler(CargoRisk::usageError);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // Registered before subcommands are used: picocli passes converters down to every job.
    commandLine.registerConverter(LocalDate.class, CargoRisk::date);
    return commandLine;
  }

  /**
   * A date option's value in plain words when it is not a date (picocli would show Java's
   * DateTimeParseException text).
   */
  static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(value + " is not a date: use YYYY-MM-DD");
    }
  }

  /**
   * A usage error: the problem in one line and where to find the options, not the whole usage
   * text, which would hide the problem in a screen of options. Exit code 2.
   */
  private static int usageError(CommandLine.ParameterException error, String[] args) {
    CommandLine commandLine = error.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String message = error.getMessage();
    if (error.getCause() instanceof CommandLine.TypeConversionException conversion
        && error.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
      // "--date 2026-02-30 is not a date: use YYYY-MM-DD"
      message = option.longestName() + " " + conversion.getMessage();
    }
    err.println("cargorisk" + commandName(commandLine) + ": " + message);
    CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
    err.println("See 'cargorisk" + commandName(commandLine) + " --help' for the options.");
    err.flush();
    return 2;
  }

  private static String commandName(CommandLine commandLine) {
    return commandLine.getParent() == null ? "" : " " + commandLine.getCommandName();
  }

  private static int handle(
      Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    CargoRiskException known = find(error);
    if (known != null) {
      commandLine.getErr().println("cargorisk " + commandLine.getCommandName() + ": " + known.getMessage());
      LOG.info("Details", error);
      logFile(commandLine);
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
    logFile(commandLine);
    return 3;
  }

  private static void logFile(CommandLine commandLine) {
    if (commandLine.getCommand() instanceof SparkJob job) {
      job.logFile().ifPresent(file -> commandLine.getErr().println("log file: " + file));
    }
    commandLine.getErr().flush();
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
