package org.cargorisk.scoring.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.scoring.export.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a report, renders it as one self-contained HTML file and writes it owner-only (like
 * the scan lists: reports show hits and scores) under {@code <export>/reports/}:
 * {@code model_<name>-v<N>.html} and {@code run_<run id>.html}.
 *
 * <pre>{@code
 * Published report = new ReportPublisher(spark, lake, exportRoot).model(ModelKind.CONTAINER, 3);
 * }</pre>
 */
public final class ReportPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ReportPublisher.class);
  /** Folder below the export root. */
  public static final String FOLDER = "reports";

  private final SparkSession spark;
  private final Lake lake;
  private final String exportRoot;

  public ReportPublisher(SparkSession spark, Lake lake, String exportRoot) {
    this.spark = spark;
    this.lake = lake;
    this.exportRoot = exportRoot;
  }

  /**
   * A written report.
   *
   * @param path the HTML file
   * @param charts ids of the charts it holds
   */
  public record Published(String path, List<String> charts) {}

  /** The model report of a version; {@code version} null means the current champion. */
  public Published model(ModelKind kind, Integer version) {
    ModelReport report = new ModelReport(spark, lake).model(kind);
    if (version != null) {
      report.version(version);
    }
    ModelReportData data = report.compute();
    return write("model_" + data.entry().label() + ".html", ReportPages.model(data));
  }

  /**
   * The model report written right after training. A report is a by-product: when it fails,
   * the registered model and the night's scan lists must not, so the failure is logged as an
   * error with the command that retries it, and the result is empty.
   */
  public java.util.Optional<Published> afterTraining(ModelKind kind, int version) {
    String name = kind.modelName();
    try {
      return java.util.Optional.of(model(kind, version));
    } catch (RuntimeException e) {
      LOG.error(
          "Could not write the model report of {}-v{} ({}); the model is registered. Retry with"
              + " `cargorisk report --model {}-v{}`.",
          name, version, org.cargorisk.errors.CargoRiskErrors.rootMessage(e), name, version, e);
      return java.util.Optional.empty();
    }
  }

  /**
   * The model report of a label as the command line gives it: {@code container} or {@code firm}
   * (the champion), or a version such as {@code container-v3}.
   */
  public Published model(String label) {
    ModelLabel parsed = parseModel(label);
    return model(parsed.kind(), parsed.version());
  }

  /** A model label of the command line: the kind, and the version or null for the champion. */
  public record ModelLabel(ModelKind kind, Integer version) {}

  /** Parses {@code container}, {@code firm} or {@code container-v3}; anything else is a user error. */
  public static ModelLabel parseModel(String label) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([a-z]+)(?:-v(\\d{1,9}))?").matcher(label == null ? "" : label);
    if (!matcher.matches()) {
      throw org.cargorisk.errors.CargoRiskErrors.invalidConfiguration(
          "--model", label, "must be container or firm (the champion) or a registered version such as container-v3");
    }
    return new ModelLabel(
        ModelKind.fromName("--model", matcher.group(1)),
        matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2)));
  }

  /** The run report of a run id. */
  public Published run(String runId) {
    return run(new RunReport(spark, lake).run(runId).compute());
  }

  /** The run report of the latest run of a job. */
  public Published latestRun(String job) {
    return run(new RunReport(spark, lake).latest(job).compute());
  }

  private Published run(RunReportData data) {
    return write("run_" + data.runId().replaceAll("[^A-Za-z0-9._-]", "_") + ".html", ReportPages.run(data));
  }

  private Published write(String name, HtmlPage page) {
    OwnerOnlyFiles files = new OwnerOnlyFiles(spark.sparkContext().hadoopConfiguration());
    String folder = files.folder(exportRoot, FOLDER);
    String path = files.write(folder, name, page.render().getBytes(StandardCharsets.UTF_8));
    LOG.info("Wrote report {} ({} charts)", path, page.chartIds().size());
    return new Published(path, page.chartIds());
  }
}
