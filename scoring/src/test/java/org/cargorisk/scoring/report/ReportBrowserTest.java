package org.cargorisk.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.RankingReport;
import org.cargorisk.models.registry.ModelStatus;
import org.cargorisk.models.registry.ModelVersion;
import org.cargorisk.scoring.report.ChartData.CalibrationBin;
import org.cargorisk.scoring.report.ChartData.CategoryValue;
import org.cargorisk.scoring.report.ChartData.FeatureWeight;
import org.cargorisk.scoring.report.ChartData.RankCurve;
import org.cargorisk.scoring.report.ChartData.RankPoint;
import org.cargorisk.scoring.report.ChartData.ScoreBin;
import org.cargorisk.testing.EndToEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report pages open in a real browser: headless Chromium runs each page's own check script,
 * which sets the title to {@code report-ok:N} only when no script error occurred and every chart
 * {@code <svg>} exists with a non-empty bounding box. Needs no Spark: the data is built by hand.
 * Skipped (with a message) where Chromium is not installed; CI installs it.
 */
@EndToEnd
class ReportBrowserTest {
  @TempDir static Path scratch;

  @BeforeAll
  static void needsChromium() {
    HeadlessChromium.binary();
  }

  static ModelReportData modelData() {
    double[] shares = {0.01, 0.05, 0.2, 1.0};
    RankCurve model =
        new RankCurve(
            "container-v7",
            200,
            10,
            List.of(
                new RankPoint(0.01, 2, 2, 1.0, 0.2, 20),
                new RankPoint(0.05, 10, 5, 0.5, 0.5, 10),
                new RankPoint(0.2, 40, 9, 0.225, 0.9, 4.5),
                new RankPoint(1.0, 200, 10, 0.05, 1.0, 1)));
    RankCurve rules =
        new RankCurve(
            "rules only",
            200,
            10,
            List.of(
                new RankPoint(0.01, 2, 0, 0, 0, 0),
                new RankPoint(0.05, 10, 2, 0.2, 0.2, 4),
                new RankPoint(0.2, 40, 5, 0.125, 0.5, 2.5),
                new RankPoint(1.0, 200, 10, 0.05, 1.0, 1)));
    RankingReport overall =
        new RankingReport(200, 10, 0.05, 0.41, 0.88, List.of(new RankingReport.AtK("5%", 10, 5, 0.5, 0.5, 0.6, 10)));
    EvaluationResult evaluation =
        new EvaluationResult("gbt", "2026-03-01", "2026-03-21", overall, null, List.of(), null, 0.05, EvaluationResult.PRECISION_AT_5, 0.5);
    ModelVersion entry =
        new ModelVersion(
            "container", 7, "gbt", Instant.parse("2026-03-31T05:00:00Z"), LocalDate.of(2026, 3, 31),
            Map.of("maxIter", "60"), List.of("route_risk", "consignee_age_days", "weight_ratio"),
            Map.of("gbt", evaluation), Map.of("silver/container_features", 3L), "dev", 42,
            "/lake/models/container/7", ModelStatus.CHAMPION, null, null, false, null, null);
    return new ModelReportData(
        entry,
        "2026-03-01",
        "2026-03-21",
        model,
        rules,
        RankCurve.random(200, 10, shares),
        List.of(new CalibrationBin(0, 0.1, 180, 0.02, 0.022), new CalibrationBin(0.3, 0.4, 20, 0.33, 0.3)),
        List.of(new ScoreBin(0, 0.5, 2, 150), new ScoreBin(0.5, 1, 8, 40)),
        List.of(new FeatureWeight("route_risk", 0.6), new FeatureWeight("consignee_age_days", 0.3), new FeatureWeight("weight_ratio", 0.1)));
  }

  static RunReportData runData() {
    return new RunReportData(
        "nightly-0001",
        "nightly",
        LocalDate.of(2026, 3, 31),
        "SUCCEEDED",
        Instant.parse("2026-03-31T05:00:00Z"),
        Instant.parse("2026-03-31T05:08:00Z"),
        null,
        LocalDate.of(2026, 3, 1),
        LocalDate.of(2026, 3, 31),
        List.of(
            new RunReportData.StepSummary("ingest 2026-03-01..2026-03-31", "SUCCEEDED", 200, Map.of("manifests.read", 900L)),
            new RunReportData.StepSummary("score 2026-03-31", "SUCCEEDED", 40, Map.of())),
        List.of(new CategoryValue("BAD_CHECK_DIGIT", "manifests", 3), new CategoryValue("MISSING_VALUE", "firms", 1)),
        List.of(),
        List.of(
            new CategoryValue("2026-W10", "MODEL", 0.2),
            new CategoryValue("2026-W10", "RANDOM", 0.01),
            new CategoryValue("2026-W11", "MODEL", 0.25)));
  }

  @Test
  void theModelReportRendersWithoutErrorsAndWithEveryChart() throws Exception {
    Path page = write("model.html", ReportPages.model(modelData()).render());

    String dom = HeadlessChromium.dumpDom(page, scratch);

    assertThat(HeadlessChromium.title(dom)).isEqualTo("report-ok:" + ReportPages.MODEL_CHARTS.size());
    for (String id : ReportPages.MODEL_CHARTS) {
      assertThat(dom).contains("<svg").contains("id=\"" + id + "\"");
    }
  }

  @Test
  void theRunReportRendersEvenWithAnEmptyChart() throws Exception {
    Path page = write("run.html", ReportPages.run(runData()).render());

    String dom = HeadlessChromium.dumpDom(page, scratch);

    assertThat(HeadlessChromium.title(dom)).isEqualTo("report-ok:" + ReportPages.RUN_CHARTS.size());
    assertThat(dom).contains("BAD_CHECK_DIGIT").contains("no data in range");
  }

  @Test
  void aMissingChartIsReportedByThePageCheck() throws Exception {
    // The check must be able to fail: drop one chart's svg from an otherwise good page.
    String html = ReportPages.model(modelData()).render().replace("<svg id='lift'", "<div id='lift'");
    assertThat(html).contains("<div id='lift'");
    Path page = write("broken.html", html);

    String dom = HeadlessChromium.dumpDom(page, scratch);

    assertThat(HeadlessChromium.title(dom)).isEqualTo("report-missing:lift");
  }

  private static Path write(String name, String html) throws Exception {
    Path page = scratch.resolve(name);
    Files.writeString(page, html, StandardCharsets.UTF_8);
    return page;
  }
}
