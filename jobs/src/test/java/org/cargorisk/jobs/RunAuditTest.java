package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunLog;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.contracts.Source;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.RunLock;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Audit (issue 12): every job that touches the lake, run in-process through the command line as
 * a user runs it, leaves one row in the runs table with who (user), what (job, arguments), when
 * (start, end), inputs (landing files or Delta versions), outputs (Delta versions) and outcome,
 * and failed runs too (their error). On one day of the sample landing: ingest and features
 * succeed; train, evaluate, promote and score fail (no labels enough, no model); a nightly fails
 * at its score step; a run refused because another holds the lake lock is recorded as well. No
 * row holds the pseudonym key.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunAuditTest {
  private static final String DATE = "2026-01-16";

  private final SparkSession spark = SparkTestSession.get();
  @TempDir static Path work;
  private Lake lake;
  private final Map<String, Integer> exitCodes = new java.util.LinkedHashMap<>();
  private final List<Row> runs = new ArrayList<>();

  private String[] options(String job, String... extra) {
    Path root = TestPaths.repoRoot();
    List<String> args =
        new ArrayList<>(
            List.of(
                job,
                "--lake", work.resolve("lake").toString(),
                "--landing", root.resolve("data-samples/landing").toString(),
                "--export", work.resolve("export").toString(),
                "--config", config().toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private Path config() {
    Path config = work.resolve("cargorisk.properties");
    try {
      if (!Files.exists(config)) {
        Path root = TestPaths.repoRoot();
        Files.writeString(
            config,
            Files.readString(root.resolve("conf/cargorisk.properties"))
                .replace("reference.dir = data-samples/reference", "reference.dir = " + root.resolve("data-samples/reference")));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return config;
  }

  private void run(String name, String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = CargoRisk.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    exitCodes.put(name, commandLine.execute(args));
  }

  @BeforeAll
  void runEveryJob() {
    lake = new Lake(work.resolve("lake").toString());
    run("ingest", options("ingest", "--date", DATE));
    run("features", options("features", "--date", DATE));
    run("train", options("train", "--date", DATE, "--model", "container"));
    run("evaluate", options("evaluate", "--model", "container", "--version", "1", "--from", "2026-01-01", "--to", DATE));
    run("promote", options("promote", "--date", DATE, "--model", "container", "--version", "1"));
    run("score", options("score", "--date", DATE));
    run("nightly", options("nightly", "--date", DATE, "--train", "never"));
    try (RunLock held =
        RunLock.acquire(spark.sparkContext().hadoopConfiguration(), lake, "nightly", DATE, "run-holding-the-lake")) {
      run("refused", options("ingest", "--date", DATE));
    }
    runs.addAll(new RunLog(spark, lake).read().orderBy(RunLog.STARTED_AT).collectAsList());
  }

  private Row only(String job, String outcome) {
    List<Row> matching =
        runs.stream().filter(r -> job.equals(r.getAs(RunLog.JOB)) && outcome.equals(r.getAs(RunLog.OUTCOME))).toList();
    assertThat(matching).as(job + " " + outcome + " records in " + runs).hasSize(1);
    return matching.get(0);
  }

  private static Map<String, Long> map(Row row, String column) {
    return scala.jdk.javaapi.CollectionConverters.asJava(row.<scala.collection.Map<String, Long>>getAs(column));
  }

  /** Who, what, when of any run. */
  private static void assertWhoWhatWhen(Row run, String job, String... arguments) {
    assertThat(run.<String>getAs(RunLog.USER)).isEqualTo(System.getProperty("user.name"));
    assertThat(run.<String>getAs(RunLog.RUN_ID)).startsWith(job + "-");
    assertThat(run.<String>getAs(RunLog.ARGUMENTS)).contains(arguments);
    Timestamp started = run.getAs(RunLog.STARTED_AT);
    Timestamp ended = run.getAs(RunLog.ENDED_AT);
    assertThat(ended).isNotNull();
    assertThat(ended).isAfterOrEqualTo(started);
  }

  @Test
  void everyRunIsRecordedOnceWithItsOutcome() {
    assertThat(exitCodes)
        .containsEntry("ingest", 0)
        .containsEntry("features", 0)
        .containsEntry("refused", 1);
    assertThat(exitCodes.get("train")).isNotZero();
    assertThat(exitCodes.get("evaluate")).isNotZero();
    assertThat(exitCodes.get("promote")).isNotZero();
    assertThat(exitCodes.get("score")).isNotZero();
    assertThat(exitCodes.get("nightly")).isNotZero();
    assertThat(runs).extracting(r -> r.<String>getAs(RunLog.JOB) + " " + r.<String>getAs(RunLog.OUTCOME))
        .containsExactly(
            "ingest SUCCEEDED", "features SUCCEEDED", "train FAILED", "evaluate FAILED",
            "promote FAILED", "score FAILED", "nightly FAILED", "ingest FAILED");
  }

  @Test
  void ingestRecordsItsLandingFilesOutputVersionsAndCounts() {
    Row run = only("ingest", RunRecord.SUCCEEDED);
    assertWhoWhatWhen(run, "ingest", "--date " + DATE, "--lake " + lake.root());
    assertThat(run.getList(run.fieldIndex(RunLog.INPUT_FILES))).isNotEmpty()
        .allMatch(f -> f.toString().contains("date=" + DATE));
    assertThat(map(run, RunLog.OUTPUT_VERSIONS)).containsOnlyKeys(lake.table(LakeTables.HISTORY), lake.quarantine());
    Map<String, Long> counts = map(run, RunLog.COUNTS);
    assertThat(counts.get("manifests.read")).isEqualTo(counts.get("manifests.accepted") + counts.get("manifests.quarantined"));
    assertThat(run.<String>getAs(RunLog.ERROR_MESSAGE)).isNull();
  }

  @Test
  void featuresRecordsTheBronzeHistoryVersionItReadAndTheSilverVersionsItWrote() {
    Row run = only("features", RunRecord.SUCCEEDED);
    assertWhoWhatWhen(run, "features", "--date " + DATE);
    Map<String, Long> inputs = map(run, RunLog.INPUT_VERSIONS);
    // every version of every bronze record, from the history (issue 22)
    assertThat(inputs).containsOnlyKeys(lake.table(LakeTables.HISTORY));
    assertThat(map(run, RunLog.OUTPUT_VERSIONS)).containsKeys(lake.containerFeatures(), lake.firmFeatures());
    assertThat(run.getList(run.fieldIndex(RunLog.STEPS))).hasSize(3);
  }

  @Test
  void failedModelJobsAreRecordedWithTheirError() {
    for (String job : List.of("train", "evaluate", "promote", "score")) {
      Row run = only(job, RunRecord.FAILED);
      assertWhoWhatWhen(run, job, "--lake " + lake.root());
      assertThat(run.<String>getAs(RunLog.ERROR_MESSAGE)).as(job + " error").isNotBlank();
    }
  }

  @Test
  void aFailedNightlyKeepsTheStepsItFinishedAndTheirOutputs() {
    Row run = only("nightly", RunRecord.FAILED);
    assertWhoWhatWhen(run, "nightly", "--train never");
    List<Row> steps = run.getList(run.fieldIndex(RunLog.STEPS));
    assertThat(steps).extracting(s -> s.<String>getAs("name").split(" ")[0] + " " + s.<String>getAs("outcome"))
        .containsExactly("ingest SUCCEEDED", "features SUCCEEDED", "score FAILED");
    assertThat(map(run, RunLog.OUTPUT_VERSIONS)).containsKeys(lake.table(LakeTables.HISTORY), lake.containerFeatures());
    assertThat(map(run, RunLog.INPUT_VERSIONS)).containsKey(lake.table(LakeTables.HISTORY));
  }

  @Test
  void aRunRefusedByTheLakeLockIsRecordedNamingTheHolder() {
    Row run = runs.get(runs.size() - 1);
    assertThat(run.<String>getAs(RunLog.OUTCOME)).isEqualTo(RunRecord.FAILED);
    assertWhoWhatWhen(run, "ingest", "--date " + DATE);
    assertThat(run.<String>getAs(RunLog.ERROR_MESSAGE)).contains("run-holding-the-lake", "Cannot start ingest");
  }

  @Test
  void noRunRecordOrTableRowHoldsThePseudonymKey() {
    List<String> rows = new ArrayList<>(new RunLog(spark, lake).read().toJSON().collectAsList());
    rows.addAll(spark.read().format("delta").load(lake.table(LakeTables.HISTORY)).toJSON().collectAsList());
    rows.addAll(spark.read().format("delta").load(lake.quarantine()).toJSON().collectAsList());
    assertThat(rows).isNotEmpty().noneMatch(r -> r.contains(IngestJob.DEVELOPMENT_KEY));
  }
}
