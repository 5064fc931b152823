package org.cargorisk.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.FeatureBuildResult.StatisticsUsed;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.container.ContainerFeatures;
import org.cargorisk.features.container.ContainerStatistics;
import org.cargorisk.features.container.StatisticsStore;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.features.firm.FirmFeatures;
import org.cargorisk.features.inputs.BronzeInputs;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the silver feature tables of a lake for the as_of dates [from, to]: reads every version
 * of every bronze record known by {@code to} from the bronze history, pinned to its current Delta
 * version ({@link BronzeInputs#versions}: each as_of date sees the records as known at its end,
 * so a backfill computes exactly what the nights computed), writes {@code silver/firm_features}, picks or fits the
 * container statistics, writes {@code silver/container_features}. Each table replaces exactly
 * the as_of partitions of the range (Delta {@code replaceWhere}), so a re-run gives the same
 * tables.
 *
 * <p>Which fitted statistics (see {@link StatisticsStore}): by default the newest saved version
 * whose cutoff is on or before {@code from}, so every as_of of the range is computed with
 * statistics that saw only earlier data, and every night after a fit uses that same fit (no
 * train/score skew); the first build of a lake fits at {@code from} and saves. {@link
 * #refitStatistics()} fits anew at {@code from} (when a model is retrained on a rebuilt history);
 * {@link #statisticsVersion(String)} uses a given version, e.g. the one the champion model was
 * trained with. Each container row names its version in {@link
 * ContainerFeatureColumns#STATISTICS_VERSION}.
 *
 * <pre>{@code
 * FeatureBuildResult result = FeatureBuild.builder(spark)
 *     .lake(lake).reference(reference)
 *     .from(LocalDate.parse("2026-01-15")).to(LocalDate.parse("2026-03-31"))
 *     .clock(clock)
 *     .execute();
 * }</pre>
 */
public final class FeatureBuild {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureBuild.class);

  static final String STEP_FIRM = "firm_features";
  static final String STEP_STATISTICS = "statistics";
  static final String STEP_CONTAINER = "container_features";

  private final SparkSession spark;
  private Lake lake;
  private ReferenceData reference;
  private LocalDate from;
  private LocalDate to;
  /** The run's clock, injected: a build never reads the wall clock itself. */
  private Clock clock;
  private boolean refit;
  private String statisticsVersion;
  private boolean graphFlows = true;

  private FeatureBuild(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  public static FeatureBuild builder(SparkSession spark) {
    return new FeatureBuild(spark);
  }

  public FeatureBuild lake(Lake value) {
    this.lake = value;
    return this;
  }

  public FeatureBuild reference(ReferenceData value) {
    this.reference = value;
    return this;
  }

  /** First as_of (inclusive). */
  public FeatureBuild from(LocalDate value) {
    this.from = value;
    return this;
  }

  /** Last as_of (inclusive); the Spark job groups carry it. */
  public FeatureBuild to(LocalDate value) {
    this.to = value;
    return this;
  }

  /** The run's clock: step timings and the statistics' fitted_at. */
  public FeatureBuild clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** Fit the statistics anew on data known before {@code from} and save them as a version. */
  public FeatureBuild refitStatistics() {
    this.refit = true;
    return this;
  }

  /**
   * Use this saved statistics version: its cutoff date (e.g. from the model registry), or the
   * folder of statistics saved by an earlier run. A version whose cutoff is after {@code from}
   * is refused: it saw data the range must not see.
   */
  public FeatureBuild statisticsVersion(String value) {
    this.statisticsVersion = value;
    return this;
  }

  /**
   * Leaves the graph flow features out of the firm features (0 in their columns; configuration
   * {@code features.graph.enabled=false}): see {@link FirmFeatures#skipGraphFlows()}.
   */
  public FeatureBuild skipGraphFlows() {
    this.graphFlows = false;
    return this;
  }

  private void validate() {
    if (lake == null || reference == null || from == null || to == null || clock == null) {
      throw CargoRiskErrors.invalidConfiguration(
          "feature build", "lake=" + lake + ", from=" + from + ", to=" + to + ", clock=" + clock,
          "lake, reference, from, to and clock must all be set");
    }
    if (from.isAfter(to)) {
      throw CargoRiskErrors.invalidConfiguration("--from", from, "must not be after --date " + to);
    }
    if (refit && statisticsVersion != null) {
      throw CargoRiskErrors.invalidConfiguration(
          "--statistics", statisticsVersion, "give either a statistics version or a refit, not both");
    }
  }

  /** Builds and writes both tables; see the class comment. */
  public FeatureBuildResult execute() {
    validate();
    TableIO io = new TableIO(spark, lake);
    BronzeInputs.Pinned pinned = BronzeInputs.versions(io, to);
    BronzeInputs bronze = pinned.inputs().persisted();
    try {
      return build(io, pinned, bronze);
    } finally {
      bronze.release();
    }
  }

  private FeatureBuildResult build(TableIO io, BronzeInputs.Pinned pinned, BronzeInputs bronze) {
    List<RunRecord.Step> steps = new ArrayList<>();

    // Statistics first: a refused version fails the run before anything is written.
    Instant started = clock.instant();
    jobGroup("features statistics", "container feature statistics for as_of " + from + ".." + to);
    ContainerFeatures containerFeatures =
        ContainerFeatures.builder(spark).bronze(bronze).reference(reference).from(from).to(to);
    StatisticsStore store = new StatisticsStore(lake.models(), spark.sparkContext().hadoopConfiguration());
    Resolved resolved = resolveStatistics(store, containerFeatures);
    steps.add(step(STEP_STATISTICS, started, 0));

    started = clock.instant();
    jobGroup("features firm", "firm features for as_of " + from + ".." + to);
    FirmFeatures firmFeatures = FirmFeatures.builder(spark).bronze(bronze).reference(reference).from(from).to(to);
    if (!graphFlows) {
      firmFeatures.skipGraphFlows();
    }
    Dataset<Row> firm = firmFeatures.build();
    long firmRows = write(io, firm, LakeTables.FIRM_FEATURES, FirmFeatureColumns.AS_OF);
    steps.add(step(STEP_FIRM, started, firmRows));

    started = clock.instant();
    jobGroup("features container", "container features for as_of " + from + ".." + to);
    Dataset<Row> firmTable =
        io.read(LakeTables.FIRM_FEATURES)
            .where(col(FirmFeatureColumns.AS_OF).between(lit(from), lit(to)));
    Dataset<Row> container =
        containerFeatures.firmFeatures(firmTable).statistics(resolved.statistics()).build()
            .withColumn(ContainerFeatureColumns.STATISTICS_VERSION, lit(resolved.used().id()));
    long containerRows;
    try {
      containerRows = write(io, container, LakeTables.CONTAINER_FEATURES, ContainerFeatureColumns.AS_OF);
    } finally {
      containerFeatures.release();
    }
    steps.add(step(STEP_CONTAINER, started, containerRows));

    LOG.info(
        "Features {}..{}: {} container rows, {} firm rows, statistics {}",
        from, to, containerRows, firmRows, resolved.used().id());
    return new FeatureBuildResult(
        from, to, pinned.versions(), resolved.used(), firmRows, containerRows, io.versionsWritten(), steps);
  }

  private record Resolved(ContainerStatistics statistics, StatisticsUsed used) {}

  private Resolved resolveStatistics(StatisticsStore store, ContainerFeatures containerFeatures) {
    if (statisticsVersion != null) {
      LocalDate cutoff = parseDate(statisticsVersion);
      if (cutoff == null) {
        // A folder given by path (statistics saved elsewhere): loaded as is.
        return new Resolved(
            ContainerStatistics.load(statisticsVersion),
            new StatisticsUsed(statisticsVersion, null, statisticsVersion, false));
      }
      StatisticsStore.Version version = store.version(statisticsVersion);
      if (version.cutoff().isAfter(from)) {
        throw CargoRiskErrors.invalidConfiguration(
            "--statistics", statisticsVersion,
            "its cutoff is after the first as_of " + from + ", so it saw data those features must"
                + " not see; give a version with a cutoff on or before " + from
                + " or refit with --refit-statistics");
      }
      return loaded(store, version);
    }
    if (!refit) {
      var latest = store.latestAtOrBefore(from);
      if (latest.isPresent()) {
        return loaded(store, latest.get());
      }
      LOG.info("No saved feature statistics with a cutoff on or before {}: fitting them", from);
    }
    ContainerStatistics fitted = containerFeatures.fitBefore(from).fitStatistics();
    StatisticsStore.Version saved = store.save(from, fitted, clock.instant());
    return new Resolved(fitted, new StatisticsUsed(saved.id(), saved.cutoff(), saved.path(), true));
  }

  private static Resolved loaded(StatisticsStore store, StatisticsStore.Version version) {
    LOG.info("Using feature statistics {} (cutoff {})", version.path(), version.cutoff());
    return new Resolved(
        store.load(version), new StatisticsUsed(version.id(), version.cutoff(), version.path(), false));
  }

  private static LocalDate parseDate(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Replaces the as_of partitions of [from, to]; returns the rows written (from the Delta log).
   * mergeSchema: a table written before a column was added takes it (older rows read null).
   */
  private long write(TableIO io, Dataset<Row> rows, LakeTable table, String asOf) {
    io.replacePartitionsMergingSchema(
        table, rows, asOf + " >= '" + from + "' AND " + asOf + " <= '" + to + "'");
    long written = io.lastCommit(table).metric("numOutputRows");
    if (written >= 0) {
      return written;
    }
    // Delta reports no numOutputRows when the write added no file (an empty range); count the
    // range instead (answered from the Delta log's file statistics), never a -1 on the console.
    return io.read(table)
        .where(col(asOf).between(lit(from), lit(to))).count();
  }

  private RunRecord.Step step(String name, Instant started, long rows) {
    return new RunRecord.Step(name, started, clock.instant(), RunRecord.SUCCEEDED, Map.of("rows", rows));
  }

  /** Names the Spark jobs that follow, like the jobs do: "FEATURES FIRM 2026-03-31". */
  private void jobGroup(String step, String description) {
    spark.sparkContext().setJobGroup(step.toUpperCase(Locale.ROOT) + " " + to, description, false);
  }
}
