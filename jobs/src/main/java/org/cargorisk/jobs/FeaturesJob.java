package org.cargorisk.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.BronzeInputs;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.container.ContainerFeatures;
import org.cargorisk.features.container.ContainerStatistics;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.features.firm.FirmFeatures;
import org.cargorisk.lake.DeltaVersions;
import org.cargorisk.reference.ReferenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code features --date D [--from D0]}: builds {@code silver/firm_features} and {@code
 * silver/container_features} from bronze for every as_of in [D0, D] (default D0 = D), replacing
 * exactly those as_of partitions (Delta {@code replaceWhere}), so a re-run gives the same tables.
 * Firm features are computed for every as_of of the range (not weekly), because the container
 * features of each night join the firm features of the same night.
 *
 * <p>The fitted statistics are fitted on manifests known before D0 (or loaded with {@code
 * --statistics}) and saved under {@code models/feature-statistics/<D0>} for audit and re-use.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description =
        "Build the silver feature tables (container_features, firm_features) from bronze for the"
            + " as_of dates --from .. --date; re-runs replace those dates.")
public final class FeaturesJob extends SparkJob {
  /** Folder below the lake's models/ where fitted feature statistics are saved. */
  public static final String STATISTICS_FOLDER = "feature-statistics";

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "First as_of date of a backfill (default: --date). Statistics are fitted on"
          + " data before it, so give training history a few weeks of warm-up.")
  LocalDate from;

  @Option(
      names = "--statistics",
      paramLabel = "PATH",
      description = "Use fitted statistics saved by an earlier run (e.g. <lake>/models/"
          + STATISTICS_FOLDER + "/2026-03-01) instead of fitting them.")
  String statistics;

  /** For tests and the nightly job: the range start (null = the business date). */
  public FeaturesJob from(LocalDate value) {
    this.from = value;
    return this;
  }

  @Override
  protected String jobName() {
    return "features";
  }

  @Override
  protected void run(JobContext context) {
    SparkSession spark = context.spark();
    LocalDate to = context.date();
    LocalDate first = from == null ? to : from;
    if (first.isAfter(to)) {
      throw CargoRiskErrors.invalidConfiguration(
          "--from", first, "must not be after --date " + to);
    }
    ReferenceData reference =
        ReferenceData.load(spark.sparkContext().hadoopConfiguration(), context.config().referenceDir());
    BronzeInputs bronze = BronzeInputs.fromLake(spark, context.lake());
    for (Source source : Source.values()) {
      context.tracker().inputVersion(context.lake().bronze(source), latestVersion(spark, context.lake().bronze(source)));
    }

    var started = context.tracker().now();
    context.jobGroup("features firm", "firm features for as_of " + first + ".." + to);
    Dataset<Row> firm = FirmFeatures.builder(spark).bronze(bronze).reference(reference).from(first).to(to).build();
    long firmRows = write(spark, firm, context.lake().firmFeatures(), FirmFeatureColumns.AS_OF, first, to);
    step(context, "firm_features", started, firmRows);
    context.tracker().outputVersion(context.lake().firmFeatures(), latestVersion(spark, context.lake().firmFeatures()));

    started = context.tracker().now();
    context.jobGroup("features statistics", "fit container feature statistics before " + first);
    ContainerFeatures builder =
        ContainerFeatures.builder(spark).bronze(bronze).reference(reference).from(first).to(to);
    ContainerStatistics fitted =
        statistics != null ? ContainerStatistics.load(statistics) : builder.fitStatistics();
    if (statistics == null) {
      fitted.save(context.lake().models() + "/" + STATISTICS_FOLDER + "/" + first);
    }
    step(context, "statistics", started, 0);

    started = context.tracker().now();
    context.jobGroup("features container", "container features for as_of " + first + ".." + to);
    Dataset<Row> firmTable =
        spark.read().format("delta").load(context.lake().firmFeatures())
            .where(col(FirmFeatureColumns.AS_OF).between(lit(first), lit(to)));
    Dataset<Row> container = builder.firmFeatures(firmTable).statistics(fitted).build();
    long containerRows =
        write(spark, container, context.lake().containerFeatures(), ContainerFeatureColumns.AS_OF, first, to);
    step(context, "container_features", started, containerRows);
    context.tracker().outputVersion(
        context.lake().containerFeatures(), latestVersion(spark, context.lake().containerFeatures()));
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("firm_features_rows", firmRows);
    counts.put("container_features_rows", containerRows);
    context.tracker().counts(counts);
    if (spec != null) {
      spec.commandLine().getOut().printf(
          "features %s..%s: %d container rows, %d firm rows%n", first, to, containerRows, firmRows);
    }
  }

  /** Replaces the as_of partitions of [first, last]; returns the rows written (from the Delta log). */
  static long write(SparkSession spark, Dataset<Row> rows, String path, String asOf, LocalDate first, LocalDate last) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .partitionBy(asOf)
        .option("replaceWhere", asOf + " >= '" + first + "' AND " + asOf + " <= '" + last + "'")
        .save(path);
    Row metrics = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").first();
    scala.collection.Map<String, String> map = metrics.getMap(0);
    return map.contains("numOutputRows") ? Long.parseLong(map.apply("numOutputRows")) : -1L;
  }

  /** The table's latest Delta version; the table must exist (it was just read or written). */
  private static long latestVersion(SparkSession spark, String path) {
    return DeltaVersions.latest(spark, path)
        .orElseThrow(() -> CargoRiskErrors.missingInput("Delta table", path, "Run ingest first."));
  }


  private static void step(JobContext context, String name, java.time.Instant started, long rows) {
    context.tracker().step(
        new RunRecord.Step(name, started, context.tracker().now(), RunRecord.SUCCEEDED, Map.of("rows", rows)));
  }
}
