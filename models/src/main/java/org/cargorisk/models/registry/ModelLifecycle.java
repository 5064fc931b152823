package org.cargorisk.models.registry;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.models.training.Algorithm;
import org.cargorisk.models.training.ModelTraining;
import org.cargorisk.models.training.RuleSpec;
import org.cargorisk.models.training.TrainResult;
import org.cargorisk.models.training.TrainingParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code train}, {@code evaluate} and {@code promote} jobs do, against the lake: read
 * the silver features and bronze labels (pinned to their current Delta versions), build the
 * point-in-time labelled sets, train / evaluate / promote, and keep the registry.
 *
 * <pre>{@code
 * TrainOutcome outcome = new ModelLifecycle(spark, lake)
 *     .model(ModelKind.CONTAINER)
 *     .params(trainingParams)
 *     .train(LocalDate.parse("2026-03-31"), "analyst", clock.instant());
 * }</pre>
 */
public final class ModelLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLifecycle.class);

  private final SparkSession spark;
  private final Lake lake;
  private ModelKind kind;
  private String modelName;
  private List<FeatureSpec> specs = List.of();
  private Algorithm algorithm = Algorithm.GBT;
  private TrainingParams params = TrainingParams.DEFAULTS;
  private Map<String, Integer> officeCapacities = Map.of();
  private final Map<String, Long> inputVersions = new LinkedHashMap<>();

  public ModelLifecycle(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** Which model (container or firm), with its features from {@link FeatureCatalog}. */
  public ModelLifecycle model(ModelKind value) {
    return model(value, value.features());
  }

  /** Which model, with other features than the catalog's (tests, reports of older versions). */
  public ModelLifecycle model(ModelKind value, List<FeatureSpec> features) {
    this.kind = java.util.Objects.requireNonNull(value, "kind");
    this.modelName = value.modelName();
    this.specs = List.copyOf(features);
    return this;
  }

  public ModelLifecycle algorithm(Algorithm value) {
    this.algorithm = value;
    return this;
  }

  /** Trees, seed, validation weeks and label delay (default {@link TrainingParams#DEFAULTS}). */
  public ModelLifecycle params(TrainingParams value) {
    this.params = java.util.Objects.requireNonNull(value, "params");
    return this;
  }

  public ModelLifecycle officeCapacities(Map<String, Integer> capacities) {
    this.officeCapacities = Map.copyOf(capacities);
    return this;
  }

  /** Delta versions of the tables read so far (for the run record). */
  public Map<String, Long> inputVersions() {
    return Map.copyOf(inputVersions);
  }

  /**
   * Result of a training run.
   *
   * @param registered the new registry entry (CANDIDATE, or CHAMPION when it became champion)
   * @param result the training result with every algorithm's evaluation
   * @param becameChampion whether the new version became champion (there was none, or the
   *     champion was rules-only, and it beats rules-only on validation)
   * @param guard the promotion guard's verdict on the new version (see {@link BaselineGuard})
   * @param rulesChampion the rules-only version registered and made champion in its place when
   *     there was no champion and the new version failed the guard; null otherwise
   */
  public record TrainOutcome(
      ModelVersion registered,
      TrainResult result,
      boolean becameChampion,
      BaselineGuard.Verdict guard,
      ModelVersion rulesChampion) {}

  /**
   * Trains at cutoff T and registers the model. It becomes champion when there is none yet (or
   * the champion is rules-only) and it passes the {@link BaselineGuard}; when it fails the guard
   * and there is no champion, the rules-only baseline of the same training is registered and
   * serves instead, its registry note saying why, with a warning.
   */
  public TrainOutcome train(LocalDate cutoff, String user, Instant now) {
    requireModel();
    LocalDate validationTo = lastTrainableDay(cutoff);
    LocalDate validationFrom = validationTo.minusWeeks(params.validationWeeks()).plusDays(1);
    Dataset<Row> labelled =
        kind.trainingSet(readFeatures(), readLabels(), cutoff, params.labelDelayDays());
    ModelTraining training =
        new ModelTraining()
            .features(FeatureCatalog.names(specs))
            .rules(RuleSpec.defaultsFor(specs))
            .algorithm(algorithm)
            .maxIter(params.maxIter())
            .maxDepth(params.maxDepth())
            .stepSize(params.stepSize())
            .seed(params.seed())
            .dateColumn(kind.dateColumn())
            .rowKey(rowKey())
            .validation(validationFrom, validationTo)
            .evaluator(evaluator());
    TrainResult result = training.train(labelled);
    ModelRegistry registry = new ModelRegistry(spark, lake);
    String statistics = featureStatistics(labelled);
    ModelVersion registered =
        registry.register(modelName, result, cutoff, inputVersions, statistics, now);
    BaselineGuard.Verdict guard = BaselineGuard.check(registered);
    Optional<ModelVersion> champion = registry.champion(modelName);
    boolean rulesOnlyServes =
        champion.isPresent() && Algorithm.RULES.configName().equals(champion.get().algorithm());
    if (champion.isEmpty() || rulesOnlyServes) {
      if (guard.passes()) {
        ModelVersion promoted =
            registry.promote(
                modelName,
                registered.version(),
                user,
                false,
                (champion.isEmpty() ? "first champion; " : "replaces rules-only " + champion.get().label() + "; ")
                    + guard.reason(),
                now);
        return new TrainOutcome(promoted, result, true, guard, null);
      }
      LOG.warn(
          "{} is not made champion: {}. {}",
          registered.label(),
          guard.reason(),
          champion.isEmpty()
              ? "The rules-only baseline serves instead."
              : "Rules-only " + champion.get().label() + " keeps serving.");
      if (champion.isEmpty() && result.evaluations().containsKey(Algorithm.RULES)) {
        ModelVersion rules =
            registry.register(
                modelName,
                result.as(Algorithm.RULES, training.params(Algorithm.RULES)),
                cutoff,
                inputVersions,
                statistics,
                now);
        ModelVersion rulesChampion =
            registry.promote(
                modelName,
                rules.version(),
                user,
                false,
                "rules-only serves: " + guard.reason(),
                now);
        return new TrainOutcome(registered, result, false, guard, rulesChampion);
      }
    }
    return new TrainOutcome(registered, result, false, guard, null);
  }

  /**
   * The fitted feature statistics version the training rows were computed with (the container
   * features' lineage column; null for the firm model or rows written before it existed). One
   * aggregate row. Rows of several versions (a refit without rebuilding the history) record the
   * newest, with a warning: rebuild with {@code features --from <first> --refit-statistics}.
   */
  private static String featureStatistics(Dataset<Row> labelled) {
    String column = org.cargorisk.features.container.ContainerFeatureColumns.STATISTICS_VERSION;
    if (!java.util.Arrays.asList(labelled.columns()).contains(column)) {
      return null;
    }
    Row versions =
        labelled.agg(
                org.apache.spark.sql.functions.max(col(column)),
                org.apache.spark.sql.functions.count_distinct(col(column)))
            .first();
    if (versions.getLong(1) > 1) {
      LOG.warn(
          "Training rows were computed with {} feature statistics versions; recording the newest, {}."
              + " Rebuild the features with one version (features --refit-statistics) for a consistent model.",
          versions.getLong(1), versions.getString(0));
    }
    return versions.isNullAt(0) ? null : versions.getString(0);
  }

  /** Evaluates a registered version on the labelled rows of a period. */
  public EvaluationResult evaluate(int version, LocalDate from, LocalDate to) {
    requireModel();
    ModelRegistry registry = new ModelRegistry(spark, lake);
    ModelVersion entry = registry.version(modelName, version);
    Dataset<Row> scored =
        new ModelScorer().model(registry.load(entry)).withoutReasons().score(evaluationSet(from, to));
    return evaluator().evaluate(scored, entry.algorithm(), from, to);
  }

  /** Champion/challenger on a period (see {@link ModelPromotion}). */
  public PromotionResult promote(
      int version, LocalDate from, LocalDate to, String forceReason, String user, Instant now) {
    requireModel();
    ModelPromotion promotion =
        new ModelPromotion(new ModelRegistry(spark, lake))
            .model(modelName)
            .version(version)
            .evaluationSet(evaluationSet(from, to), from, to)
            .evaluator(evaluator())
            .promotedBy(user)
            .at(now);
    if (forceReason != null) {
      promotion.force(forceReason);
    }
    return promotion.execute();
  }

  /** The default comparison period at date T: the validation weeks of a training at T. */
  public LocalDate[] defaultPeriod(LocalDate date) {
    LocalDate to = lastTrainableDay(date);
    return new LocalDate[] {to.minusWeeks(params.validationWeeks()).plusDays(1), to};
  }

  /**
   * The labelled rows of a period, unscored (features, label, quantity_kg, random_selected):
   * what {@link #evaluate} scores, also read by the model report.
   */
  public Dataset<Row> evaluationSet(LocalDate from, LocalDate to) {
    requireModel();
    checkPeriod(from, to);
    return kind.evaluationSet(readFeatures(), readLabels(), from, to);
  }

  /** A period as {@code evaluate} and {@code promote} take it: {@code --to} not before {@code --from}. */
  public static void checkPeriod(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw CargoRiskErrors.invalidConfiguration(
          "--to", to, "the period must not end before --from " + from);
    }
  }

  private Dataset<Row> readFeatures() {
    return read(kind.featureTable(), kind.modelName() + " features");
  }

  private Dataset<Row> readLabels() {
    // The labels as they stand now, derived from the bronze history read pinned.
    TableIO.Pinned history = BronzeHistory.readPinned(new TableIO(spark, lake));
    inputVersions.put(LakeTables.HISTORY.path(), history.version());
    LOG.info("Reading {} at Delta version {}", history.location(), history.version());
    return BronzeHistory.current(history.data(), kind.labelSource());
  }

  private LocalDate lastTrainableDay(LocalDate cutoff) {
    return kind.lastTrainableDay(cutoff, params.labelDelayDays());
  }

  /**
   * What identifies a labelled row: a container on its B/L at a date; a firm's label date. Also
   * the key of the calibration split (the model report draws its calibration table from it).
   */
  public String[] rowKey() {
    requireModel();
    return kind.rowKey().toArray(String[]::new);
  }

  private ModelEvaluator evaluator() {
    return kind.evaluator(officeCapacities);
  }

  /** Reads the table pinned at its latest version; the model records it by lake-relative path. */
  private Dataset<Row> read(LakeTable table, String what) {
    TableIO.Pinned pinned = new TableIO(spark, lake).readLatest(table, what);
    inputVersions.put(table.path(), pinned.version());
    LOG.info("Reading {} at Delta version {}", pinned.location(), pinned.version());
    return pinned.data();
  }

  private void requireModel() {
    if (kind == null) {
      throw new IllegalStateException(
          String.format(Locale.ROOT, "choose the model (%s) first", ModelKind.names()));
    }
  }
}
