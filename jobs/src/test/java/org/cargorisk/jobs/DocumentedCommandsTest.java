package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The commands the documentation gives are commands the CLI takes: every {@code cargorisk JOB
 * --option} written in README.md, BENCHMARKS.md, docs/ and the scripts names a job that exists and
 * options that job has. (docs/MODELS.md once documented a {@code --algorithm} option that train
 * never had.) Fast: picocli's model only, no Spark.
 */
class DocumentedCommandsTest {
  /** A command: "cargorisk" (bin/cargorisk, bench/launch.sh SNAPSHOT, the jar) and a job name. */
  private static final Pattern COMMAND =
      Pattern.compile("(?:bin/cargorisk|launch\\.sh \\S+|cargorisk-jobs\\.jar|cargorisk) ([a-z][a-z-]+)((?: +[^#|`\\n]*)?)");

  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");

  /** A documented use: where, the job, the options written after it. */
  private record Use(String where, String job, List<String> options) {}

  @Test
  void everyDocumentedJobAndOptionExists() throws IOException {
    Map<String, CommandLine> jobs = CargoRisk.commandLine().getSubcommands();
    List<Use> uses = documentedUses();
    assertThat(uses).as("documented commands found").hasSizeGreaterThan(20);
    List<String> wrong = new ArrayList<>();
    for (Use use : uses) {
      CommandLine job = jobs.get(use.job());
      if (job == null) {
        if (looksLikeAJob(use)) {
          wrong.add(use.where() + ": no job '" + use.job() + "'");
        }
        continue;
      }
      for (String option : use.options()) {
        if (job.getCommandSpec().findOption(option) == null && !option.equals("--help")) {
          wrong.add(use.where() + ": job '" + use.job() + "' has no option " + option);
        }
      }
    }
    assertThat(wrong).as("documented commands the CLI does not take (fix the text or the CLI)").isEmpty();
  }

  @Test
  void theCheckFindsAnOptionThatDoesNotExist() {
    Map<String, CommandLine> jobs = CargoRisk.commandLine().getSubcommands();
    Matcher matcher = COMMAND.matcher("bin/cargorisk train --date 2026-03-31 --algorithm xgboost");
    assertThat(matcher.find()).isTrue();
    assertThat(matcher.group(1)).isEqualTo("train");
    assertThat(options(matcher.group(2))).containsExactly("--date", "--algorithm");
    assertThat(jobs.get("train").getCommandSpec().findOption("--algorithm")).isNull();
  }

  /** "cargorisk" followed by a word is prose as often as a command: only flagged with options. */
  private static boolean looksLikeAJob(Use use) {
    return !use.options().isEmpty();
  }

  private static List<Use> documentedUses() throws IOException {
    Path root = TestPaths.repoRoot();
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("BENCHMARKS.md")));
    for (String folder : List.of("docs", "bench", ".ci", "bin")) {
      try (Stream<Path> listed = Files.list(root.resolve(folder))) {
        listed.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    List<Use> uses = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        // A shell continuation ("\" at the end) carries the command on to the next line.
        String line = lines.get(i);
        int first = i;
        while (line.endsWith("\\") && i + 1 < lines.size()) {
          line = line.substring(0, line.length() - 1) + " " + lines.get(++i).trim();
        }
        Matcher matcher = COMMAND.matcher(line);
        while (matcher.find()) {
          uses.add(
              new Use(
                  root.relativize(file) + ":" + (first + 1),
                  matcher.group(1),
                  options(matcher.group(2))));
        }
      }
    }
    return uses;
  }

  private static List<String> options(String rest) {
    List<String> options = new ArrayList<>();
    Matcher matcher = OPTION.matcher(rest == null ? "" : rest);
    while (matcher.find()) {
      options.add(matcher.group(1));
    }
    return options;
  }
}
