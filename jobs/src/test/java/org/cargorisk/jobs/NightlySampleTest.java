package org.cargorisk.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunLog;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.selection.ScanListColumns;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole night on the bundled sample data, as README's first command runs it: catch-up
 * ingest of 2026-01-01..2026-03-31, features, training (no champion yet), scoring. Then checks
 * what customs gets: capacity respected per office, the RANDOM share, reasons on every row,
 * office scoping of the exports, owner-only files, one run record with every step, and the same
 * lists when the night's scoring is re-run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlySampleTest {
  private static final String DATE = "2026-03-31";
  private static final Map<String, Integer> CAPACITIES = Map.of("NLRTM", 12, "BEANR", 10, "DEHAM", 6);

  private final SparkSession spark = SparkTestSession.get();
  @TempDir static Path work;
  private Lake lake;
  private Path export;
  private String firstOutput;
  private Dataset<Row> firstList;

  private int run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = CargoRisk.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    int exit = commandLine.execute(args);
    firstOutput = firstOutput == null ? out.toString() : firstOutput;
    assertThat(exit).as("exit code; output:%n%s", out).isZero();
    return exit;
  }

  /** The commented example configuration, with the reference folder made absolute. */
  private Path config() {
    Path root = TestPaths.repoRoot();
    Path config = work.resolve("cargorisk.properties");
    try {
      if (!Files.exists(config)) {
        String text =
            Files.readString(root.resolve("conf/cargorisk.properties"))
                .replace(
                    "reference.dir = data-samples/reference",
                    "reference.dir = " + root.resolve("data-samples/reference"));
        Files.writeString(config, text);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return config;
  }

  private String[] options(String job, String... extra) {
    Path root = TestPaths.repoRoot();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                job,
                "--date", DATE,
                "--lake", work.resolve("lake").toString(),
                "--landing", root.resolve("data-samples/landing").toString(),
                "--export", work.resolve("export").toString(),
                "--config", config().toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @BeforeAll
  void runTheNight() {
    lake = new Lake(work.resolve("lake").toString());
    export = work.resolve("export");
    run(options("nightly", "--from", "2026-01-01"));
    firstList = scanList().localCheckpoint();
  }

  private Dataset<Row> scanList() {
    return spark.read().format("delta").load(lake.scanList())
        .where(col(ScanListColumns.BUSINESS_DATE).equalTo(lit(Date.valueOf(DATE))));
  }

  @Test
  void everyStepRanAndIsInOneRunRecord() {
    assertThat(firstOutput)
        .contains("[1/5] ingest", "[2/5] features", "[3/5] train", "[4/5] score", "[5/5] feedback")
        .containsPattern("hit rates 2026-W\\d\\d\\.\\.2026-W14 \\(hits/inspected\\): .*RANDOM = unbiased base rate");
    Row run =
        new RunLog(spark, lake).read().where(col(RunLog.JOB).equalTo("nightly")).first();
    assertThat(run.<String>getAs(RunLog.OUTCOME)).isEqualTo("SUCCEEDED");
    List<Row> steps = scala.jdk.javaapi.CollectionConverters.asJava(run.<scala.collection.Seq<Row>>getAs(RunLog.STEPS));
    assertThat(steps).extracting(s -> s.<String>getAs("name").split(" ")[0])
        .containsExactly("ingest", "features", "train", "score", "feedback");
    // The feedback step wrote the hit rates of the night's week: every listed container counted.
    Row week =
        spark.read().format("delta").load(lake.hitRates())
            .where(col(org.cargorisk.models.feedback.HitRateColumns.ISO_WEEK).equalTo("2026-W14"))
            .agg(sum(col(org.cargorisk.models.feedback.HitRateColumns.LISTED)))
            .first();
    assertThat(week.getLong(0)).isEqualTo(firstList.count());
    scala.collection.Map<String, Long> counts = run.getAs(RunLog.COUNTS);
    long read = counts.get("ingest.manifests.read").get();
    assertThat(read).isEqualTo(counts.get("ingest.manifests.accepted").get() + counts.get("ingest.manifests.quarantined").get());
  }

  @Test
  void listsRespectCapacityAndCarryReasons() {
    List<Row> perOffice =
        firstList
            .groupBy(col(ScanListColumns.OFFICE))
            .agg(
                count(lit(1)).as("listed"),
                sum(when(col(ScanListColumns.SELECTION).equalTo("RULE"), 1).otherwise(0)).as("rule"),
                sum(when(col(ScanListColumns.SELECTION).equalTo("RANDOM"), 1).otherwise(0)).as("random"),
                sum(when(size(col(ScanListColumns.REASONS)).equalTo(0), 1).otherwise(0)).as("without_reasons"))
            .orderBy(ScanListColumns.OFFICE)
            .collectAsList();
    assertThat(perOffice).isNotEmpty();
    for (Row office : perOffice) {
      String name = office.getString(0);
      long listed = office.getLong(1);
      long rule = office.getLong(2);
      long random = office.getLong(3);
      int capacity = CAPACITIES.getOrDefault(name, Integer.MAX_VALUE);
      // Must-scan rules are never dropped; everything else fits the capacity.
      assertThat(listed).as(name).isLessThanOrEqualTo(Math.max(capacity, rule));
      assertThat(office.getLong(4)).as("rows without reasons at " + name).isZero();
      if (CAPACITIES.containsKey(name) && rule < capacity) {
        // 5 % of capacity, rounded half up (0 for capacities below 10 unless configured larger).
        assertThat(random).as("RANDOM picks at " + name).isEqualTo(Math.round(0.05 * capacity));
      }
    }
    assertThat(firstList.where(col(ScanListColumns.SELECTION).equalTo("MODEL")).count()).isPositive();
  }

  @Test
  void eachOfficeExportHoldsOnlyItsOwnContainersAndIsOwnerOnly() throws IOException {
    List<Row> offices = firstList.select(ScanListColumns.OFFICE).distinct().collectAsList();
    for (Row office : offices) {
      String name = office.getString(0);
      Path folder = export.resolve(name).resolve(DATE);
      Path csv = folder.resolve("scan_list_" + name + "_" + DATE + ".csv");
      assertThat(csv).exists();
      assertThat(folder.resolve("scan_list_" + name + "_" + DATE + ".html")).exists();
      Set<String> own =
          Set.copyOf(
              firstList.where(col(ScanListColumns.OFFICE).equalTo(name))
                  .select(ScanListColumns.CONTAINER_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
      Set<String> others =
          Set.copyOf(
              firstList.where(col(ScanListColumns.OFFICE).notEqual(name))
                  .select(ScanListColumns.CONTAINER_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
      String text = Files.readString(csv);
      own.forEach(id -> assertThat(text).contains(id));
      others.forEach(id -> assertThat(text).doesNotContain(id));
      assertThat(Files.getPosixFilePermissions(csv))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
  }

  @Test
  void reRunningTheNightsScoringGivesTheSameListsAndFiles() throws IOException {
    Map<Path, String> before = exportedFiles();
    run(options("score"));
    DataFrameAssert.assertSameRows(scanList(), firstList);
    assertThat(exportedFiles()).isEqualTo(before);
  }

  private Map<Path, String> exportedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(export)) {
      return files.filter(Files::isRegularFile)
          .collect(java.util.stream.Collectors.toMap(p -> export.relativize(p), p -> {
            try {
              return Files.readString(p);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }));
    }
  }

  // ---- the firm list (issue 20, item 3) ----

  private Dataset<Row> firmList() {
    return spark.read().format("delta").load(lake.firmRisk())
        .where(col(org.cargorisk.models.selection.FirmRiskColumns.BUSINESS_DATE).equalTo(lit(Date.valueOf(DATE))));
  }

  /** The firm list ranks on a score that separates firms: at least 90 % of them distinct. */
  @Test
  void theFirmListsScoresAreDistinctForAtLeastNinetyPercentOfListedFirms() {
    Row counts = firmList().agg(
            count(lit(1)),
            org.apache.spark.sql.functions.count_distinct(col(org.cargorisk.models.selection.FirmRiskColumns.RAW_SCORE)))
        .first();
    assertThat(counts.getLong(0)).isEqualTo(org.cargorisk.models.export.ScanListPublisher.DEFAULT_FIRM_LIST_SIZE);
    assertThat(counts.getLong(1)).as("distinct raw scores of %d listed firms", counts.getLong(0))
        .isGreaterThanOrEqualTo((long) Math.ceil(0.9 * counts.getLong(0)));
  }

  /**
   * The firm champion is a learned model that beat rules-only on its validation weeks (the
   * promotion guard let it serve), with labelled firms of both classes there, and the night's
   * list is scored by it.
   */
  @Test
  void theFirmChampionBeatsRulesOnlyOnItsValidationWeeks() {
    org.cargorisk.models.registry.ModelVersion champion =
        new org.cargorisk.models.registry.ModelRegistry(spark, lake).champion("firm").orElseThrow();
    org.cargorisk.models.evaluation.EvaluationResult model = champion.evaluation();
    org.cargorisk.models.evaluation.EvaluationResult rules = champion.metrics().get("rules");
    assertThat(champion.algorithm()).isEqualTo("gbt");
    assertThat(model.overall().positives()).isGreaterThanOrEqualTo(5);
    assertThat(model.overall().rows() - model.overall().positives()).isGreaterThanOrEqualTo(5);
    assertThat(model.overall().aucPr()).as("firm champion AUC-PR vs rules-only %s", rules.overall().aucPr())
        .isGreaterThan(rules.overall().aucPr());
    assertThat(model.primaryValue()).isGreaterThanOrEqualTo(rules.primaryValue());
    assertThat(champion.note()).contains("beats rules-only");
    assertThat(firmList().select(org.cargorisk.models.selection.FirmRiskColumns.MODEL_VERSION).distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly(champion.label());
  }

  /** The investigators' files: the firm_risk rows of the night, in rank order, owner-only. */
  @Test
  void theFirmExportHoldsTheFirmRiskRowsInRankOrderAndIsOwnerOnly() throws IOException {
    Path folder = export.resolve("firms").resolve(DATE);
    Path csv = folder.resolve("firm_list_" + DATE + ".csv");
    Path html = folder.resolve("firm_list_" + DATE + ".html");
    List<String> ids =
        firmList().orderBy(org.cargorisk.models.selection.FirmRiskColumns.RANK)
            .select(org.cargorisk.models.selection.FirmRiskColumns.FIRM_ID)
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(ids.size() + 1);
    assertThat(lines.subList(1, lines.size())).extracting(line -> line.split(",")[1].replace("\"", ""))
        .containsExactlyElementsOf(ids);
    String page = Files.readString(html);
    ids.forEach(id -> assertThat(page).contains(id));
    for (Path file : List.of(csv, html)) {
      assertThat(Files.getPosixFilePermissions(file))
          .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    for (Path dir : List.of(folder, folder.getParent())) {
      assertThat(Files.getPosixFilePermissions(dir)).containsExactlyInAnyOrder(
          PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    }
  }
}
