package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.scoring.selection.ScanListSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Errors by kind, through the command line in process: every value a user can type out of range
 * is a user error (exit 1) naming the option or key, the value and the allowed values, found
 * before any Spark work; a library used wrongly by the code is a bug (exit 3).
 */
class OptionErrorsTest {
  private static final String DATE = "2026-03-10";
  private static final String[] DECLARATIONS = {
    "evaluate-declarations", "--train", "train.csv", "--valid", "valid.csv", "--test", "valid.csv"
  };

  private record Result(int exitCode, String err) {}

  private static Result run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return new Result(commandLine.execute(args), err + out.toString());
  }

  private static String[] with(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }

  private static Path config(String line) {
    try {
      Path file = Files.createTempFile("cargorisk-option-errors", ".properties");
      file.toFile().deleteOnExit();
      Files.writeString(file, line + "\n");
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The command line, and what the error must say: the option or key with its value, the rule. */
  static Stream<Arguments> valuesOutOfRange() {
    return Stream.of(
        Arguments.of(with(DECLARATIONS, "--smoothing", "-1"), "--smoothing = '-1.0'", "at least 0"),
        Arguments.of(with(DECLARATIONS, "--max-depth", "0"), "--max-depth = '0'", "between 1 and 15"),
        Arguments.of(with(DECLARATIONS, "--iterations", "0"), "--iterations = '0'", "at least 1"),
        Arguments.of(with(DECLARATIONS, "--step-size", "1.5"), "--step-size = '1.5'", "(0, 1]"),
        Arguments.of(with(DECLARATIONS, "--subsampling", "0"), "--subsampling = '0.0'", "(0, 1]"),
        Arguments.of(with(DECLARATIONS, "--min-instances", "0"), "--min-instances = '0'", "at least 1"),
        Arguments.of(with(DECLARATIONS, "--feature-subset", "half"), "--feature-subset = 'half'", "sqrt"),
        Arguments.of(with(DECLARATIONS, "--burn-in-days", "-2"), "--burn-in-days = '-2'", "at least 0"),
        Arguments.of(
            new String[] {"evaluate-amlsim", "--data", "amlsim", "--test-fraction", "1.5"},
            "--test-fraction = '1.5'", "(0, 1)"),
        Arguments.of(
            new String[] {"evaluate-amlsim", "--data", "amlsim", "--max-counterparties", "0"},
            "maxCounterparties = '0'", "at least 1"),
        Arguments.of(
            new String[] {"generate", "--out", "landing", "--cover-load-rate", "2"},
            "--cover-load-rate = '2.0'", "between 0 and 1"),
        Arguments.of(new String[] {"train", "--date", DATE, "--model", "boat"},
            "--model = 'boat'", "[container, firm]"),
        Arguments.of(new String[] {"train", "--date", DATE, "--label-delay-days", "-1"},
            "model.label-delay-days = '-1'", "between 0 and 365"),
        Arguments.of(new String[] {"promote", "--date", DATE, "--model", "boat", "--version", "1"},
            "--model = 'boat'", "[container, firm]"),
        Arguments.of(new String[] {"promote", "--date", DATE, "--model", "firm", "--version", "1",
                "--label-delay-days", "400"},
            "model.label-delay-days = '400'", "between 0 and 365"),
        Arguments.of(
            new String[] {"evaluate", "--model", "container", "--version", "1", "--from", DATE, "--to",
                "2026-03-01"},
            "--to = '2026-03-01'", "must not end before --from"),
        Arguments.of(new String[] {"report", "--model", "boat-v2"}, "--model = 'boat'", "[container, firm]"),
        Arguments.of(new String[] {"report", "--model", "container-v99999999999"},
            "--model = 'container-v99999999999'", "a registered version such as container-v3"),
        Arguments.of(new String[] {"feedback", "--date", DATE, "--weeks", "0"},
            "--weeks = '0'", "between 1 and 520"),
        Arguments.of(new String[] {"export-analysis", "--date", DATE, "--rows", "0"},
            "--rows = '0'", "at least 1"),
        Arguments.of(new String[] {"export-analysis", "--date", DATE, "--days", "0"},
            "--days = '0'", "at least 1"),
        Arguments.of(
            new String[] {"train", "--date", DATE, "--config",
                config("model.gbt.max-depth = 99").toString()},
            "model.gbt.max-depth = '99'", "between 1 and 30"),
        Arguments.of(
            new String[] {"score", "--date", DATE, "--config",
                config("selection.exploration-share = 0.9").toString()},
            "selection.exploration-share = '0.9'", "between 0 and 0.5"));
  }

  @ParameterizedTest
  @MethodSource("valuesOutOfRange")
  void aValueOutOfRangeIsAUserErrorNamingItBeforeAnySparkWork(
      String[] args, String named, String rule) {
    boolean sessionBefore = SparkSession.getDefaultSession().isDefined();

    Result result = run(CargoRisk.commandLine(), args);

    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.err()).contains(named).contains(rule).doesNotContain("this is a bug");
    if (!sessionBefore) {
      assertThat(SparkSession.getDefaultSession().isDefined())
          .as("no Spark session started for %s", String.join(" ", args))
          .isFalse();
    }
  }

  /** A job whose code forgets a builder value: nothing the user typed, so a bug. */
  @CommandLine.Command(name = "misuse")
  static final class Misuse implements Callable<Integer> {
    @Override
    public Integer call() {
      new ScanListSelector().date(LocalDate.parse(DATE)).select(null);
      return 0;
    }
  }

  @Test
  void aBuilderUsedWronglyIsAnInternalError() {
    CommandLine commandLine = CargoRisk.commandLine();
    commandLine.addSubcommand("misuse", new Misuse());

    Result result = run(commandLine, "misuse");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
    assertThat(result.err()).contains("ScanListSelector used wrongly").contains("bug");
  }
}
