package org.cargorisk.models.registry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.cargorisk.models.registry.ModelScorer;
import org.cargorisk.models.training.Algorithm;
import org.cargorisk.models.training.Labels;
import org.cargorisk.models.training.ModelTraining;
import org.cargorisk.models.training.RuleSpec;
import org.cargorisk.models.training.TrainResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@code train}, {@code evaluate} and {@code promote} jobs do, against the lake: read
 * the silver features and bronze labels (pinned to their current Delta versions), build the
 * point-in-time labelled sets, train / evaluate / promote, and keep the registry.
 *
 * <pre>{@code
 * TrainOutcome outcome = new ModelLifecycle(spark, lake)
 *     .model(ModelLifecycle.CONTAINER, FeatureCatalog.container())
 *     .labelDelayDays(7).validationWeeks(3)
 *     .train(LocalDate.parse("2026-03-31"), "analyst", clock.instant());
 * }</pre>
 */
public final class ModelLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLifecycle.class);

  /** The container model: silver/container_features labelled by bronze inspections. */
  public static final String CONTAINER = "container";
  /** The firm model: silver/firm_features labelled by bronze firm_labels. */
  public static final String FIRM = "firm";

  public static final List<String> MODEL_NAMES = List.of(CONTAINER, FIRM);

  /**
   * Firms the financial investigators can open per week: the capacity at which the firm model's
   * precision is measured (and the promotion guard compares it with rules-only).
   */
  public static final int FIRM_INVESTIGATIONS_PER_WEEK = 5;

  private final SparkSession spark;
  private final Lake lake;
  private String modelName;
  private List<FeatureSpec> specs = List.of();
  private Algorithm algorithm = Algorithm.GBT;
  private int maxIter = 60;
  private int maxDepth = 5;
  private double stepSize = 0.1;
  private long seed = 42;
  private int validationWeeks = 3;
  private int labelDelayDays = 7;
  private Map<String, Integer> officeCapacities = Map.of();
  private final Map<String, Long> inputVersions = new LinkedHashMap<>();

  public ModelLifecycle(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** Which model (container or firm) and its features, from {@link FeatureCatalog}. */
  public ModelLifecycle model(String name, List<FeatureSpec> features) {
    if (!MODEL_NAMES.contains(name)) {
      throw CargoRiskErrors.invalidConfiguration("--model", name, "must be one of " + MODEL_NAMES);
    }
    this.modelName = name;
    this.specs = List.copyOf(features);
    return this;
  }

  public ModelLifecycle algorithm(Algorithm value) {
    this.algorithm = value;
    return this;
  }

  public ModelLifecycle trees(int iterations, int depth, double step) {
    this.maxIter = iterations;
    this.maxDepth = depth;
    this.stepSize = step;
    return this;
  }

  public ModelLifecycle seed(long value) {
    this.seed = value;
    return this;
  }

  public ModelLifecycle validationWeeks(int weeks) {
    this.validationWeeks = weeks;
    return this;
  }

  /** Days an inspection outcome needs to arrive: features younger than this do not train. */
  public ModelLifecycle labelDelayDays(int days) {
    if (days < 0) {
      throw CargoRiskErrors.invalidConfiguration("--label-delay-days", days, "must be at least 0");
    }
    this.labelDelayDays = days;
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
    LocalDate validationFrom = validationTo.minusWeeks(validationWeeks).plusDays(1);
    Dataset<Row> labelled =
        CONTAINER.equals(modelName)
            ? Labels.containerTrainingSet(
                read(lake.containerFeatures(), "container features"),
                read(lake.bronze(Source.INSPECTIONS), "bronze inspections"),
                cutoff,
                labelDelayDays)
            : Labels.firmTrainingSet(
                read(lake.firmFeatures(), "firm features"),
                read(lake.bronze(Source.FIRM_LABELS), "bronze firm labels"),
                cutoff);
    ModelTraining training =
        new ModelTraining()
            .features(FeatureCatalog.names(specs))
            .rules(RuleSpec.defaultsFor(specs))
            .algorithm(algorithm)
            .maxIter(maxIter)
            .maxDepth(maxDepth)
            .stepSize(stepSize)
            .seed(seed)
            .dateColumn(dateColumn())
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
    return new LocalDate[] {to.minusWeeks(validationWeeks).plusDays(1), to};
  }

  /**
   * The labelled rows of a period, unscored (features, label, quantity_kg, random_selected):
   * what {@link #evaluate} scores, also read by the model report.
   */
  public Dataset<Row> evaluationSet(LocalDate from, LocalDate to) {
    requireModel();
    if (to.isBefore(from)) {
      throw CargoRiskErrors.invalidConfiguration(
          "--to", to, "the period must not end before --from " + from);
    }
    if (CONTAINER.equals(modelName)) {
      return Labels.containerEvaluationSet(
          read(lake.containerFeatures(), "container features"),
          read(lake.bronze(Source.INSPECTIONS), "bronze inspections"),
          from,
          to);
    }
    return Labels.firmTrainingSet(
            read(lake.firmFeatures(), "firm features"),
            read(lake.bronze(Source.FIRM_LABELS), "bronze firm labels"),
            to.plusDays(1))
        .where(col(ModelColumns.LABELLED_AT).geq(lit(from)));
  }

  private LocalDate lastTrainableDay(LocalDate cutoff) {
    return CONTAINER.equals(modelName) ? cutoff.minusDays(labelDelayDays + 1L) : cutoff.minusDays(1);
  }

  /**
   * What identifies a labelled row: a container on its B/L at a date; a firm's label date. Also
   * the key of the calibration split (the model report draws its calibration table from it).
   */
  public String[] rowKey() {
    requireModel();
    return CONTAINER.equals(modelName)
        ? new String[] {Contracts.BL_NUMBER, Contracts.CONTAINER_ID, ModelColumns.AS_OF}
        : new String[] {Contracts.FIRM_ID, ModelColumns.LABELLED_AT};
  }

  private String dateColumn() {
    return CONTAINER.equals(modelName) ? ModelColumns.AS_OF : ModelColumns.LABELLED_AT;
  }

  private ModelEvaluator evaluator() {
    // Office capacities apply to containers; firms are measured at the investigators' capacity.
    return CONTAINER.equals(modelName)
        ? new ModelEvaluator().officeCapacities(officeCapacities)
        : new ModelEvaluator().capacityPerDay(FIRM_INVESTIGATIONS_PER_WEEK / 7.0);
  }

  private Dataset<Row> read(String path, String what) {
    TableVersions.VersionedTable table = TableVersions.readLatest(spark, path, what);
    inputVersions.put(relative(path), table.version());
    LOG.info("Reading {} at Delta version {}", path, table.version());
    return table.data();
  }

  private String relative(String path) {
    String root = lake.root() + "/";
    return path.startsWith(root) ? path.substring(root.length()) : path;
  }

  private void requireModel() {
    if (modelName == null) {
      throw new IllegalStateException(
          String.format(Locale.ROOT, "choose the model (%s) first", MODEL_NAMES));
    }
  }
}
