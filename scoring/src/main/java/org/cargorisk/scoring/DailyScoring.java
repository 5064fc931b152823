package org.cargorisk.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.models.explain.ReasonRules;
import org.cargorisk.scoring.export.ScanListPublisher;
import org.cargorisk.models.registry.ModelRegistry;
import org.cargorisk.models.registry.ModelScorer;
import org.cargorisk.models.registry.ModelVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring of one business date: the champion container model scores the date's
 * container_features, the champion firm model the date's firm_features, and the {@link
 * ScanListPublisher} selects, writes and exports the scan lists and the firm list.
 *
 * <pre>{@code
 * DailyScoring.Result result = new DailyScoring(spark, lake)
 *     .date(date)
 *     .publisher(new ScanListPublisher().capacities(...).seed(...).watchlist(...).exportRoot(...))
 *     .execute();
 * }</pre>
 *
 * <p>Without a container champion the run fails (MODEL_NOT_FOUND: train first). Without a firm
 * champion (no firm labels yet) the firm list is skipped and the result says so.
 */
public final class DailyScoring {
  private static final Logger LOG = LoggerFactory.getLogger(DailyScoring.class);

  private final SparkSession spark;
  private final Lake lake;
  private LocalDate date;
  private ScanListPublisher publisher;

  /**
   * What the scoring did.
   *
   * @param publication the published lists per office, with counts
   * @param containerModel version label of the container champion
   * @param firmModel version label of the firm champion, if there was one
   * @param inputVersions Delta versions of the feature tables read
   */
  public record Result(
      ScanListPublisher.Publication publication,
      String containerModel,
      Optional<String> firmModel,
      Map<String, Long> inputVersions) {
    public Result {
      inputVersions = Map.copyOf(inputVersions);
    }
  }

  public DailyScoring(SparkSession spark, Lake lake) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.lake = Objects.requireNonNull(lake, "lake");
  }

  public DailyScoring date(LocalDate businessDate) {
    this.date = Objects.requireNonNull(businessDate, "date");
    return this;
  }

  /** The publisher, configured with capacities, shares, seed, watchlist and export root. */
  public DailyScoring publisher(ScanListPublisher value) {
    this.publisher = Objects.requireNonNull(value, "publisher");
    return this;
  }

  public Result execute() {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(publisher, "publisher");
    ModelRegistry registry = new ModelRegistry(spark, lake);
    TableIO io = new TableIO(spark, lake);

    ModelVersion containerChampion =
        registry
            .champion(ModelKind.CONTAINER.modelName())
            .orElseThrow(
                () ->
                    CargoRiskErrors.modelNotFound(
                        "A champion container model",
                        "Train one first: `cargorisk train --date "
                            + date
                            + "` (the first trained version becomes champion), or let `nightly`"
                            + " train it."));
    TableIO.Pinned containerTable = io.readLatest(LakeTables.CONTAINER_FEATURES, "container features");
    Dataset<Row> containers =
        containerTable.data().where(col(ContainerFeatureColumns.AS_OF).equalTo(lit(Date.valueOf(date))));
    Dataset<Row> scoredContainers =
        new ModelScorer()
            .model(registry.load(containerChampion))
            .reasonRules(ReasonRules.container())
            .score(containers);

    Optional<ModelVersion> firmChampion = registry.champion(ModelKind.FIRM.modelName());
    Dataset<Row> scoredFirms = null;
    if (firmChampion.isPresent()) {
      TableIO.Pinned firmTable = io.readLatest(LakeTables.FIRM_FEATURES, "firm features");
      Dataset<Row> firms = BronzeHistory.current(io, Source.FIRMS);
      Dataset<Row> features =
          firmTable.data().where(col(FirmFeatureColumns.AS_OF).equalTo(lit(Date.valueOf(date))));
      // The firm list shows the registered name and date; country comes from the feature table.
      Dataset<Row> names =
          firms.select(
              col(Contracts.FIRM_ID).as("__firm"), col(Contracts.NAME), col(Contracts.REGISTERED_ON));
      Dataset<Row> named =
          features
              .join(names, features.col(FirmFeatureColumns.FIRM_ID).equalTo(names.col("__firm")), "left")
              .drop("__firm");
      scoredFirms =
          new ModelScorer()
              .model(registry.load(firmChampion.get()))
              .reasonRules(ReasonRules.firm())
              .score(named);
    } else {
      // INFO: the result says so (firmModel() empty) and the score job prints it with the fix.
      LOG.info("No champion firm model: the firm risk list of {} is not produced", date);
    }

    ScanListPublisher.Publication publication =
        publisher.date(date).lake(lake).publish(scoredContainers, scoredFirms);
    return new Result(
        publication, containerChampion.label(), firmChampion.map(ModelVersion::label), io.versionsRead());
  }
}
