package org.cargorisk.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunLog;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.ingest.IngestColumns;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.scoring.report.ChartData.CategoryValue;
import org.cargorisk.scoring.report.ChartData.FeatureWeight;
import org.cargorisk.scoring.report.ChartData.RankPoint;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports against a small real lake ({@link TrainedLake}: a GBT model trained and registered
 * by {@link ModelLifecycle} on {@link SyntheticFrames}), plus a run record and a quarantine. The report's recomputed curves must agree with what training registered for the
 * model and for the rules-only baseline (same rows, same ranking), and the written file must be
 * owner-only, self-contained and render in Chromium.
 */
@EndToEnd
class ReportPublisherTest {
  private static final SparkSession spark = SparkTestSession.get();
  private static final Instant NOW = TrainedLake.NOW;

  @TempDir static Path folder;
  private static Lake lake;

  @BeforeAll
  static void trainAModelAndRecordARun() throws Exception {
    lake = TrainedLake.get();
    new RunLog(spark, lake)
        .append(
            new RunRecord(
                "run-1", "nightly", LocalDate.of(2026, 1, 22), "nightly --date 2026-01-22", "analyst",
                Instant.parse("2026-01-22T05:00:00Z"), Instant.parse("2026-01-22T05:03:00Z"), RunRecord.SUCCEEDED, null,
                List.of("/landing/manifests/date=2026-01-20/m.csv", "/landing/firms/date=2026-01-22/f.csv"),
                Map.of(), Map.of(), Map.of("ingest.manifests.read", 12L),
                List.of(
                    new RunRecord.Step("ingest 2026-01-20..2026-01-22", Instant.parse("2026-01-22T05:00:00Z"),
                        Instant.parse("2026-01-22T05:02:00Z"), RunRecord.SUCCEEDED, Map.of("manifests.read", 12L)),
                    new RunRecord.Step("score 2026-01-22", Instant.parse("2026-01-22T05:02:00Z"),
                        Instant.parse("2026-01-22T05:03:00Z"), RunRecord.SUCCEEDED, Map.of()))));
    Timestamp at = Timestamp.from(NOW);
    spark
        .createDataFrame(
            List.of(
                RowFactory.create("manifests", Date.valueOf("2026-01-20"), "m.csv", 3L, "x", List.of("BAD_CHECK_DIGIT", "MISSING_VALUE"), "run-1", at),
                RowFactory.create("manifests", Date.valueOf("2026-01-21"), "m.csv", 4L, "y", List.of("BAD_CHECK_DIGIT"), "run-1", at),
                RowFactory.create("firms", Date.valueOf("2026-01-22"), "f.csv", 2L, "z", List.of("MISSING_VALUE"), "run-1", at),
                // another night's date: not this run's
                RowFactory.create("firms", Date.valueOf("2026-02-01"), "f.csv", 2L, "z", List.of("BAD_DATE"), "run-0", at)),
            IngestColumns.QUARANTINE_SCHEMA)
        .write()
        .format("delta")
        .save(lake.quarantine());
  }

  @Test
  void theModelReportAgreesWithTheRegisteredMetricsOfTheModelAndTheRulesBaseline() {
    ModelReportData data =
        new ModelReport(spark, lake)
            .model(ModelKind.CONTAINER)
            .featureSpecs(SyntheticFrames.SPECS)
            .shares(0.05, 0.10, 1.0)
            .compute();

    Map<String, EvaluationResult> registered = data.entry().metrics();
    assertThat(data.from()).isEqualTo(registered.get("gbt").from());
    assertThat(data.model().rows()).isEqualTo(registered.get("gbt").overall().rows());
    assertThat(data.model().positives()).isEqualTo(registered.get("gbt").overall().positives());
    for (String algorithm : List.of("gbt", "rules")) {
      RankPoint at5 = (algorithm.equals("gbt") ? data.model() : data.rules()).points().get(0);
      assertThat(at5.precision())
          .as(algorithm + " precision@5%")
          .isCloseTo(registered.get(algorithm).overall().at("5%").precision(), within(1e-12));
      RankPoint at10 = (algorithm.equals("gbt") ? data.model() : data.rules()).points().get(1);
      assertThat(at10.recall())
          .as(algorithm + " recall@10%")
          .isCloseTo(registered.get(algorithm).overall().at("10%").recall(), within(1e-12));
    }
    assertThat(data.model().points().get(2).recall()).isEqualTo(1.0);
    assertThat(data.random().points().get(0).precision())
        .isCloseTo((double) data.model().positives() / data.model().rows(), within(1e-12));

    // The calibration table checks the calibration on the validation rows it was not fitted on.
    ModelLifecycle lifecycle = new ModelLifecycle(spark, lake).model(ModelKind.CONTAINER, SyntheticFrames.SPECS);
    long heldOut =
        lifecycle.evaluationSet(LocalDate.parse(data.from()), LocalDate.parse(data.to()))
            .where(org.apache.spark.sql.functions.not(
                org.cargorisk.models.training.CalibrationSplit.fitsCalibration(List.of(lifecycle.rowKey()))))
            .count();
    assertThat(heldOut).isPositive().isLessThan(data.model().rows());
    assertThat(data.calibration().stream().mapToLong(ChartData.CalibrationBin::rows).sum()).isEqualTo(heldOut);
    assertThat(data.entry().params().get("calibration"))
        .isEqualTo("Platt scaling of the score into the hit chance, fitted on the validation rows whose"
            + " xxhash64(bl_number, container_id, as_of) is even; checked on the others");
    assertThat(data.scores()).hasSize(20);
    assertThat(data.scores().stream().mapToLong(ChartData.ScoreBin::hits).sum()).isEqualTo(data.model().positives());
    assertThat(data.importances().get(0).feature()).isEqualTo("signal");
    assertThat(data.importances().stream().mapToDouble(FeatureWeight::weight).sum()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void theRunReportCountsTheQuarantineOfTheRunsDatesAndItsSteps() {
    RunReportData data = new RunReport(spark, lake).run("run-1").compute();

    assertThat(data.firstDate()).isEqualTo(LocalDate.of(2026, 1, 20));
    assertThat(data.lastDate()).isEqualTo(LocalDate.of(2026, 1, 22));
    assertThat(data.steps()).extracting(RunReportData.StepSummary::seconds).containsExactly(120.0, 60.0);
    assertThat(data.steps().get(0).counts()).containsEntry("manifests.read", 12L);
    assertThat(data.quarantine())
        .containsExactly(
            new CategoryValue("BAD_CHECK_DIGIT", "manifests", 2),
            new CategoryValue("MISSING_VALUE", "firms", 1),
            new CategoryValue("MISSING_VALUE", "manifests", 1));
    // No scan lists in this lake: no list hit rates; recorded selections from the inspections.
    assertThat(data.listHitRates()).isEmpty();
    assertThat(data.recordedHitRates()).isNotEmpty();
    assertThat(data.recordedHitRates())
        .allSatisfy(v -> assertThat(v.value()).isBetween(0.0, 1.0))
        .extracting(CategoryValue::series)
        .isSubsetOf("MODEL", "RANDOM");

    assertThat(new RunReport(spark, lake).latest("nightly").compute().runId()).isEqualTo("run-1");
    assertThatThrownBy(() -> new RunReport(spark, lake).run("nope").compute())
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("run nope not found");
  }

  @Test
  void reportsAreWrittenOwnerOnlySelfContainedAndRenderInChromium() throws Exception {
    ReportPublisher publisher = new ReportPublisher(spark, lake, folder.resolve("export").toString());

    ReportPublisher.Published model = publisher.model(ModelKind.CONTAINER, 1);
    ReportPublisher.Published run = publisher.latestRun("nightly");

    Path modelFile = Path.of(model.path());
    assertThat(modelFile).hasFileName("model_container-v1.html");
    assertThat(modelFile.getParent()).isEqualTo(folder.resolve("export").resolve("reports"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(modelFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(modelFile.getParent()))).isEqualTo("rwx------");
    assertThat(Path.of(run.path())).hasFileName("run_run-1.html");
    assertThat(model.charts()).isEqualTo(ReportPages.MODEL_CHARTS);
    for (ReportPublisher.Published report : List.of(model, run)) {
      String html = Files.readString(Path.of(report.path()));
      assertThat(html).doesNotContain("<link", "<img", "src=", "@import", "url(http");
      // The only URLs are XML namespace names of the inline SVG, which no browser fetches.
      Matcher urls = Pattern.compile("https?://[^'\" ]+").matcher(html);
      while (urls.find()) {
        assertThat(urls.group()).matches("http://www\\.(w3|jfree)\\.org/.*");
      }
    }
    assertThatThrownBy(() -> publisher.model(ModelKind.CONTAINER, 9))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("version 9");

    HeadlessChromium.binary();
    String dom = HeadlessChromium.dumpDom(modelFile, folder);
    assertThat(HeadlessChromium.title(dom)).isEqualTo("report-ok:6");
    dom = HeadlessChromium.dumpDom(Path.of(run.path()), folder);
    assertThat(HeadlessChromium.title(dom)).isEqualTo("report-ok:4");
  }
}
