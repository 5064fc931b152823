package org.cargorisk.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunLog;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.LandingCheck;
import org.cargorisk.lake.Lake;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 20, item 5: a mistyped {@code --landing} or a night without the sources due every day is
 * an error that names what is missing, never a quiet exit 0 with lists published; {@code
 * --allow-empty} records the night EMPTY and publishes nothing.
 */
@EndToEnd
class EmptyNightTest {
  private static final String DATE = "2026-04-01";

  private final SparkSession spark = SparkTestSession.get();

  @TempDir Path work;

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CargoRisk.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private String[] args(String job, Path landing, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        job,
        "--lake", work.resolve("lake").toString(),
        "--landing", landing.toString(),
        "--export", work.resolve("export").toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** A header-only CSV file for the source and date: the source arrived, with no records. */
  private static void arrived(Path landing, Source source, String date) throws IOException {
    Path folder = Files.createDirectories(landing.resolve(source.sourceName()).resolve("date=" + date));
    Files.writeString(
        folder.resolve("part-00000.csv"),
        source.columns().stream().map(ColumnSpec::name).collect(Collectors.joining(",")) + "\n");
  }

  private Path landingWithFirmsOnly(String date) throws IOException {
    Path landing = Files.createDirectories(work.resolve("landing"));
    arrived(landing, Source.FIRMS, date);
    return landing;
  }

  private List<Row> runs() {
    Lake lake = new Lake(work.resolve("lake").toString());
    return new RunLog(spark, lake).read().orderBy(RunLog.STARTED_AT).collectAsList();
  }

  /** Nothing published: no scan list or firm list table, no export file. */
  private void assertNothingPublished() throws IOException {
    Lake lake = new Lake(work.resolve("lake").toString());
    assertThat(Path.of(lake.scanList())).doesNotExist();
    assertThat(Path.of(lake.firmRisk())).doesNotExist();
    Path export = work.resolve("export");
    if (Files.exists(export)) {
      try (Stream<Path> files = Files.walk(export)) {
        assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
      }
    }
  }

  @Test
  void mistypedLandingFailsAtOnceNamingThePathAndWritesNothing() {
    Path typo = work.resolve("landng");
    for (String job : List.of("nightly", "ingest")) {
      long started = System.nanoTime();
      Result result = run(args(job, typo, "--date", DATE));
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertThat(result.exit()).as(result.err()).isEqualTo(1);
      assertThat(result.err())
          .contains("cargorisk " + job + ": [MISSING_INPUT] Landing area not found at " + typo + " (no such folder)")
          .contains("Check --landing");
      assertThat(millis).as("fails before any Spark work").isLessThan(5_000);
      // Before the run: no lock, no run record, no lake created by a typo.
      assertThat(work.resolve("lake")).doesNotExist();
    }
  }

  @Test
  void nightWithoutDailySourcesFailsNamingDateSourceAndFolder() throws IOException {
    Path landing = landingWithFirmsOnly(DATE);

    Result result = run(args("nightly", landing, "--date", DATE, "--train", "never"));

    assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
    for (Source source : LandingCheck.DAILY) {
      assertThat(result.err())
          .contains(DATE + " " + source.sourceName() + " (looked in "
              + landing + "/" + source.sourceName() + "/date=" + DATE + ")");
    }
    assertThat(result.err()).contains("No landing files for a source due every day").contains("--allow-empty");
    assertThat(result.out()).contains("[1/").contains("ingest " + DATE + " FAILED").doesNotContain("[2/");
    Row record = runs().stream().filter(r -> "nightly".equals(r.getAs(RunLog.JOB))).findFirst().orElseThrow();
    assertThat(record.<String>getAs(RunLog.OUTCOME)).isEqualTo(RunRecord.FAILED);
    assertThat(record.<String>getAs(RunLog.ERROR_MESSAGE)).contains(DATE + " manifests (looked in ");
    assertNothingPublished();
  }

  @Test
  void allowEmptyRecordsTheNightEmptyAndPublishesNothing() throws IOException {
    Path landing = landingWithFirmsOnly(DATE);

    Result result = run(args("nightly", landing, "--date", DATE, "--allow-empty"));

    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("(--allow-empty): " + DATE + " manifests (looked in " + landing + "/manifests/date=" + DATE + ")")
        .contains("nightly " + DATE + " recorded EMPTY (--allow-empty)")
        // Said once, by nightly: not again by its ingest step.
        .doesNotContain("ingest " + DATE + ": run ")
        .doesNotContain("[2/")
        .doesNotContainPattern("(^|\\s)-1\\b");
    List<Row> runs = runs();
    assertThat(runs).hasSize(1);
    Row record = runs.get(0);
    assertThat(record.<String>getAs(RunLog.JOB)).isEqualTo("nightly");
    assertThat(record.<String>getAs(RunLog.OUTCOME)).isEqualTo(RunRecord.EMPTY);
    assertThat(record.<String>getAs(RunLog.ERROR_MESSAGE))
        .contains(DATE + " manifests", DATE + " port_calls", DATE + " container_events");
    assertThat(record.<String, Long>getJavaMap(record.fieldIndex(RunLog.COUNTS)))
        .containsEntry("ingest.daily_sources_missing", 3L)
        .containsEntry("ingest.firms.files", 1L);
    assertNothingPublished();
  }

  @Test
  void catchUpNeedsTheDailySourcesOfEveryDate() throws IOException {
    Path landing = Files.createDirectories(work.resolve("landing"));
    LocalDate last = LocalDate.parse(DATE);
    String missing = last.minusDays(1).toString();
    for (LocalDate day : List.of(last.minusDays(2), last)) {
      for (Source source : LandingCheck.DAILY) {
        arrived(landing, source, day.toString());
      }
    }
    // Only one of the three arrived on the middle date.
    arrived(landing, Source.MANIFESTS, missing);

    Result strict = run(args("ingest", landing, "--from", last.minusDays(2).toString(), "--date", DATE));

    assertThat(strict.exit()).as(strict.out() + strict.err()).isEqualTo(1);
    assertThat(strict.err())
        .contains(missing + " port_calls (looked in ", missing + " container_events (looked in ")
        .doesNotContain(missing + " manifests")
        .doesNotContain(DATE + " manifests");

    Result allowed =
        run(args("ingest", landing, "--from", last.minusDays(2).toString(), "--date", DATE, "--allow-empty"));

    assertThat(allowed.exit()).as(allowed.out() + allowed.err()).isZero();
    assertThat(allowed.out())
        .contains("no landing files for a source due every day (--allow-empty): " + missing + " port_calls")
        .contains("ingest " + DATE + ": run ")
        .contains(" done");
    // The business date itself had its sources: a normal (succeeded) run, with the gaps counted.
    Row record = runs().stream().filter(r -> "ingest".equals(r.getAs(RunLog.JOB))
        && RunRecord.SUCCEEDED.equals(r.getAs(RunLog.OUTCOME))).findFirst().orElseThrow();
    assertThat(record.<String, Long>getJavaMap(record.fieldIndex(RunLog.COUNTS)))
        .containsEntry("daily_sources_missing", 2L);
  }
}
