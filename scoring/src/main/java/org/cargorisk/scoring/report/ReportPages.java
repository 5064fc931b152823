package org.cargorisk.scoring.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.RankingReport;
import org.cargorisk.models.registry.ModelVersion;
import org.cargorisk.scoring.report.ChartData.RankCurve;
import org.cargorisk.scoring.report.ChartData.RankPoint;
import org.cargorisk.scoring.report.ReportCharts.Measure;

/** Lays out the model report and the run report as {@link HtmlPage}s. */
public final class ReportPages {
  /** Chart ids of the model report, in page order. */
  public static final List<String> MODEL_CHARTS =
      List.of("precision-at-k", "recall-at-k", "lift", "calibration", "score-distribution", "feature-importance");

  /** Chart ids of the run report, in page order. */
  public static final List<String> RUN_CHARTS =
      List.of("step-durations", "quarantine-reasons", "hit-rates-lists", "hit-rates-recorded");

  private static final String[] STANDARD = {"1%", "2%", "5%", "10%"};

  private ReportPages() {}

  /** What a model ranks, in words: "containers" or "firms". */
  static String entities(ModelVersion entry) {
    return org.cargorisk.models.registry.ModelKind.fromName("model_name", entry.modelName()).entities();
  }

  public static HtmlPage model(ModelReportData data) {
    ModelVersion entry = data.entry();
    HtmlPage page = new HtmlPage("CargoRisk model report: " + entry.label());
    page.table(
        List.of("model", entry.label()),
        List.of(
            List.of("status", entry.status().name()),
            List.of("algorithm", entry.algorithm()),
            List.of("training cutoff", entry.trainingCutoff().toString()),
            List.of("registered at", entry.createdAt().toString()),
            List.of("evaluated period (validation)", data.from() + " to " + data.to()),
            List.of("labelled rows / hits", data.model().rows() + " / " + data.model().positives()),
            List.of("base rate (random selection's hit rate)", percent(ratio(data.model().positives(), data.model().rows()))),
            List.of("features", Integer.toString(entry.features().size())),
            List.of("code version / seed", entry.codeVersion() + " / " + entry.seed()),
            // Why it serves or not: the promotion guard against rules-only, and the registry note.
            List.of("against rules-only", org.cargorisk.models.registry.BaselineGuard.check(entry).reason()),
            List.of("registry note", entry.note() == null ? "none" : entry.note())));
    String units = entities(entry);
    page.paragraph(
        "Curves are recomputed now on the lake's labelled rows of the validation period, so outcomes"
            + " that arrived after training count; the metrics table below is what was registered at"
            + " training time. Ties in the score are ranked pessimistically (non-hits first).");

    List<RankCurve> curves = List.of(data.model(), data.rules(), data.random());
    page.heading("Precision and recall at k");
    page.chart(
        ReportCharts.rankChart(MODEL_CHARTS.get(0), "Precision@k: hit rate of the top k", Measure.PRECISION, curves),
        "Hit rate among the k highest-scored " + units + ", against the rules-only baseline and random"
            + " selection (whose hit rate is the base rate). Read it at your "
            + ("firms".equals(units) ? "investigation" : "inspection") + " capacity.");
    page.chart(
        ReportCharts.rankChart(MODEL_CHARTS.get(1), "Recall@k: share of all hits found", Measure.RECALL, curves),
        "Share of all hits of the period found by inspecting the top k; random selection finds k/n.");
    page.chart(
        ReportCharts.rankChart(MODEL_CHARTS.get(2), "Lift: times better than random", Measure.LIFT, curves),
        "Cumulative lift = precision@k / base rate. A lift of 5 at 2 % means the top 2 % hold five"
            + " times as many hits as a random 2 %.");
    page.table(curveHeader(), curveRows(curves));

    page.heading("Calibration");
    page.chart(
        ReportCharts.calibrationChart(MODEL_CHARTS.get(3), "Calibration: predicted vs observed", data.calibration()),
        "Estimated hit chance bins (width 0.1): mean predicted hit chance against the observed hit"
            + " rate. On the dashed diagonal a hit chance of 0.2 means one hit in five. Bins with few rows are noisy.");
    long checkRows = data.calibration().stream().mapToLong(ChartData.CalibrationBin::rows).sum();
    page.paragraph(
        "Held-out check: the hit chance is calibrated (Platt scaling) on one half of the validation"
            + " rows, chosen by a hash of the row key; this table and plot use only the other half, the "
            + checkRows + " of " + data.model().rows() + " rows the calibration never saw. "
            + "Registered: " + entry.params().getOrDefault("calibration", "not recorded") + ".");
    List<List<String>> bins = new ArrayList<>();
    data.calibration()
        .forEach(
            b ->
                bins.add(
                    List.of(
                        fixed(b.lower(), 1) + "-" + fixed(b.upper(), 1),
                        Long.toString(b.rows()),
                        fixed(b.meanScore(), 4),
                        fixed(b.hitRate(), 4))));
    page.table(List.of("hit chance bin", "rows (held out)", "mean hit chance", "observed hit rate"), bins);

    page.heading("Score distributions");
    page.chart(
        ReportCharts.scoreHistogramChart(MODEL_CHARTS.get(4), "Model score of hits and non-hits", data.scores()),
        "Share of the hits and of the non-hits in each bin of the model's uncalibrated probability"
            + " (before calibration; trained with balanced class weights, so it spreads over 0-1). The less the"
            + " two overlap, the better the model separates them.");

    page.heading("Global feature importance");
    page.chart(
        ReportCharts.importanceChart(MODEL_CHARTS.get(5), "Feature importance (top 20)", data.importances(), 20),
        "GBT: impurity gain of the splits on the feature; logistic regression: absolute coefficient"
            + " on the standardised feature; rules only: each rule's feature equally. Normalised to sum 1."
            + " Importance is not direction: see the reason codes of single " + units + " for that.");

    page.heading("Registered metrics (validation period, at training time)");
    page.table(metricsHeader(), metricsRows(entry.metrics()));
    return page;
  }

  public static HtmlPage run(RunReportData data) {
    HtmlPage page = new HtmlPage("CargoRisk run report: " + data.job() + " " + data.runId());
    page.table(
        List.of("run", data.runId()),
        List.of(
            List.of("job", data.job()),
            List.of("business date", String.valueOf(data.businessDate())),
            List.of("outcome", data.outcome()),
            List.of("started / ended", data.startedAt() + " / " + data.endedAt()),
            List.of("landing dates ingested", data.firstDate() + " to " + data.lastDate()),
            List.of("error", data.errorMessage() == null ? "" : data.errorMessage())));

    page.heading("Steps");
    List<ChartData.CategoryValue> durations = new ArrayList<>();
    List<List<String>> stepRows = new ArrayList<>();
    for (RunReportData.StepSummary step : data.steps()) {
      durations.add(new ChartData.CategoryValue(step.name(), "seconds", step.seconds()));
      stepRows.add(List.of(step.name(), step.outcome(), fixed(step.seconds(), 1), "", ""));
      step.counts().forEach((name, value) -> stepRows.add(List.of("", "", "", name, Long.toString(value))));
    }
    page.chart(
        ReportCharts.barChart(RUN_CHARTS.get(0), "Duration per step", "step", "seconds", durations, false),
        "Wall-clock seconds of each step of the run.");
    page.table(List.of("step", "outcome", "seconds", "count", "value"), stepRows);

    page.heading("Quarantine");
    page.chart(
        ReportCharts.barChart(
            RUN_CHARTS.get(1), "Quarantined records per reason code", "reason code", "records", data.quarantine(), true),
        "Records rejected at ingest for the run's landing dates, per reason code (a record with"
            + " several reasons counts under each), coloured by source. Look for a new or growing"
            + " reason: a supplier may have changed its format.");
    List<List<String>> quarantineRows = new ArrayList<>();
    data.quarantine()
        .forEach(q -> quarantineRows.add(List.of(q.series(), q.category(), Long.toString((long) q.value()))));
    page.table(List.of("source", "reason code", "records"), quarantineRows);

    page.heading("Hit rate per selection type over weeks");
    page.chart(
        ReportCharts.lineChart(
            RUN_CHARTS.get(2),
            "Hit rate of listed containers (scan lists + outcomes)",
            "ISO week of the list",
            "hit rate",
            data.listHitRates()),
        "Inspected containers of the scan lists that were hits, per selection type (HitRates:"
            + " outcomes attributed to the latest listing within 30 days). RANDOM is the honest base"
            + " rate; MODEL above RANDOM is the model's value. Recent weeks fill in as outcomes arrive.");
    page.chart(
        ReportCharts.lineChart(
            RUN_CHARTS.get(3),
            "Hit rate of inspections by recorded selection (selected_by)",
            "ISO week of the inspection",
            "hit rate",
            data.recordedHitRates()),
        "All inspections in the lake of the run's period by who selected them as customs recorded"
            + " it (MODEL, RULE, RANDOM, TIP): history from before the scan lists, too.");
    return page;
  }

  private static List<String> curveHeader() {
    return List.of("share inspected", "k", "model precision", "rules precision", "random precision",
        "model recall", "rules recall", "model lift", "rules lift");
  }

  private static List<List<String>> curveRows(List<RankCurve> curves) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < curves.get(0).points().size(); i++) {
      RankPoint model = curves.get(0).points().get(i);
      RankPoint rules = curves.get(1).points().get(i);
      RankPoint random = curves.get(2).points().get(i);
      rows.add(
          List.of(
              percent(model.share()),
              Long.toString(model.k()),
              fixed(model.precision(), 4),
              fixed(rules.precision(), 4),
              fixed(random.precision(), 4),
              fixed(model.recall(), 4),
              fixed(rules.recall(), 4),
              fixed(model.lift(), 2),
              fixed(rules.lift(), 2)));
    }
    return rows;
  }

  private static List<String> metricsHeader() {
    List<String> header = new ArrayList<>(List.of("algorithm", "rows", "hits", "AUC-PR", "AUC-ROC"));
    for (String k : STANDARD) {
      header.add("P@" + k);
    }
    header.addAll(List.of("R@5%", "lift@5%", "P@capacity", "R@capacity", "P@5% random picks"));
    return header;
  }

  private static List<List<String>> metricsRows(Map<String, EvaluationResult> metrics) {
    List<List<String>> rows = new ArrayList<>();
    metrics.forEach(
        (algorithm, result) -> {
          RankingReport overall = result.overall();
          List<String> row = new ArrayList<>(List.of(
              algorithm, Long.toString(overall.rows()), Long.toString(overall.positives()),
              fixed(overall.aucPr(), 4), fixed(overall.aucRoc(), 4)));
          for (String k : STANDARD) {
            row.add(atK(overall, k, RankingReport.AtK::precision));
          }
          row.add(atK(overall, "5%", RankingReport.AtK::recall));
          row.add(atK(overall, "5%", RankingReport.AtK::lift));
          row.add(result.capacity() == null ? "" : fixed(result.capacity().precision(), 4));
          row.add(result.capacity() == null ? "" : fixed(result.capacity().recall(), 4));
          row.add(result.randomOnly() == null ? "" : atK(result.randomOnly(), "5%", RankingReport.AtK::precision));
          rows.add(row);
        });
    return rows;
  }

  private static String atK(RankingReport report, String name, java.util.function.ToDoubleFunction<RankingReport.AtK> value) {
    return report.atK().stream().filter(a -> a.name().equals(name)).findFirst()
        .map(a -> fixed(value.applyAsDouble(a), 4)).orElse("");
  }

  static String fixed(double value, int digits) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + digits + "f", value);
  }

  static String percent(double share) {
    return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
