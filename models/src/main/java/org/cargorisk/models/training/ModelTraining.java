package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.evaluation.ModelEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model on a labelled set with a time-based split, and evaluates it against the two
 * baselines on the same validation period: rows dated before {@code validationFrom} train,
 * rows from {@code validationFrom} to {@code validationTo} validate (half of them, chosen by
 * {@link CalibrationSplit} on the row key, also fit the hit-chance calibration).
 *
 * <pre>{@code
 * TrainResult result = new ModelTraining()
 *     .features(FeatureCatalog.names(FeatureCatalog.container()))
 *     .rules(RuleSpec.defaultsFor(FeatureCatalog.container()))
 *     .validation(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-21"))
 *     .train(Labels.containerTrainingSet(features, inspections, cutoff, 7));
 * }</pre>
 */
public final class ModelTraining {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);
  private static final long ROWS_PER_PARTITION = 50_000;

  private List<String> features = List.of();
  private List<RuleSpec> rules = List.of();
  private Algorithm algorithm = Algorithm.GBT;
  private int maxIter = TrainingParams.DEFAULTS.maxIter();
  private int maxDepth = TrainingParams.DEFAULTS.maxDepth();
  private double stepSize = TrainingParams.DEFAULTS.stepSize();
  private long seed = TrainingParams.DEFAULTS.seed();
  private String dateColumn = ModelColumns.AS_OF;
  private LocalDate validationFrom;
  private LocalDate validationTo;
  private ModelEvaluator evaluator = new ModelEvaluator();
  private boolean baselines = true;
  private List<String> rowKey = List.of();

  public ModelTraining features(List<String> names) {
    this.features = List.copyOf(names);
    return this;
  }

  public ModelTraining rules(List<RuleSpec> value) {
    this.rules = List.copyOf(value);
    return this;
  }

  /** The algorithm of the model to register; the others are trained as baselines. */
  public ModelTraining algorithm(Algorithm value) {
    this.algorithm = value;
    return this;
  }

  public ModelTraining maxIter(int value) {
    this.maxIter = value;
    return this;
  }

  public ModelTraining maxDepth(int value) {
    this.maxDepth = value;
    return this;
  }

  public ModelTraining stepSize(double value) {
    this.stepSize = value;
    return this;
  }

  public ModelTraining seed(long value) {
    this.seed = value;
    return this;
  }

  /** Date column of the time-based split: as_of (containers) or labelled_at (firms). */
  public ModelTraining dateColumn(String column) {
    this.dateColumn = column;
    return this;
  }

  /** The validation period, both days included; earlier rows train. */
  public ModelTraining validation(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "validation period must not end before it starts, cannot be: " + from + " to " + to);
    }
    this.validationFrom = from;
    this.validationTo = to;
    return this;
  }

  /**
   * Columns that identify a labelled row (unique together), e.g. bl_number, container_id, as_of.
   * The rows are hash-partitioned and sorted by them before training (see {@link #train}).
   * Without a key, every column of a simple type is used.
   */
  public ModelTraining rowKey(String... columns) {
    this.rowKey = List.of(columns);
    return this;
  }

  public ModelTraining evaluator(ModelEvaluator value) {
    this.evaluator = value;
    return this;
  }

  /** Trains the chosen algorithm only, without the two baselines (benchmarks, quick checks). */
  public ModelTraining withoutBaselines() {
    this.baselines = false;
    return this;
  }

  /** The training parameters of the chosen algorithm, as the registry records them. */
  public Map<String, String> params() {
    return trainer(algorithm).calibrationKey(rowKey).params();
  }

  /** The training parameters of any algorithm (a baseline registered in the chosen one's place). */
  public Map<String, String> params(Algorithm which) {
    return trainer(which).calibrationKey(rowKey).params();
  }

  /**
   * Trains GBT, logistic regression and the rules baseline on the rows before the validation
   * period, calibrates and evaluates each on the validation period.
   *
   * <p>The rows are first put in a canonical layout: hash-partitioned by the row key into a
   * number of partitions that depends only on the row count, and sorted by the key within each
   * partition. MLlib's trees sample their split candidates per partition (above 10,000 rows)
   * and the imputer's medians merge per-partition summaries, so without this the same rows read
   * from other files or on another cluster (other input splits) gave another model; with it,
   * the same rows and seed give the same model on any deployment up to 50,000 rows (one
   * partition; see {@link #canonicalPartitions}), and above that the same split candidates with
   * statistics equal up to the last bit of a floating-point sum.
   */
  public TrainResult train(Dataset<Row> labelled) {
    if (validationFrom == null) {
      throw new IllegalStateException("set the validation period before training");
    }
    SchemaChecks.requireColumns("model training", labelled.schema(), dateColumn, ModelColumns.LABEL);
    List<String> key = rowKey.isEmpty() ? simpleColumns(labelled) : rowKey;
    SchemaChecks.requireColumns("model training row key", labelled.schema(), key.toArray(String[]::new));
    // Cached for the count that sizes the layout, so the labelled set (a join) is built once.
    Dataset<Row> filtered =
        labelled.where(col(dateColumn).cast("date").leq(lit(validationTo)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> dated;
    try {
      Column[] keyColumns = key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      dated =
          filtered
              .repartition(canonicalPartitions(filtered.count()), keyColumns)
              .sortWithinPartitions(keyColumns)
              .persist(StorageLevel.MEMORY_AND_DISK());
      dated.count();
    } finally {
      filtered.unpersist();
    }
    try {
      Column isValidation = col(dateColumn).cast("date").geq(lit(validationFrom));
      Column isHit = col(ModelColumns.LABEL).equalTo(1.0);
      Row counts =
          dated
              .agg(
                  sum(when(isValidation, 0).otherwise(1)),
                  sum(when(not(isValidation).and(isHit), 1).otherwise(0)),
                  sum(when(isValidation, 1).otherwise(0)),
                  sum(when(isValidation.and(isHit), 1).otherwise(0)),
                  count(lit(1)))
              .first();
      long trainingRows = counts.isNullAt(0) ? 0 : counts.getLong(0);
      long trainingPositives = counts.isNullAt(1) ? 0 : counts.getLong(1);
      long validationRows = counts.isNullAt(2) ? 0 : counts.getLong(2);
      long validationPositives = counts.isNullAt(3) ? 0 : counts.getLong(3);
      if (validationRows == 0 || validationPositives == 0 || trainingRows == 0) {
        throw CargoRiskErrors.insufficientData(
            String.format(
                Locale.ROOT,
                "Cannot train with a validation period %s to %s: it holds %d labelled rows (%d"
                    + " hits), the training period before it %d rows. Both need labelled rows"
                    + " and hits: train at a later date, or change model.validation-weeks.",
                validationFrom,
                validationTo,
                validationRows,
                validationPositives,
                trainingRows));
      }
      Dataset<Row> training = dated.where(not(isValidation));
      Dataset<Row> validation = dated.where(isValidation);
      LOG.info(
          "Training on {} rows ({} hits), validating on {} rows ({} hits) from {} to {}",
          trainingRows,
          trainingPositives,
          validationRows,
          validationPositives,
          validationFrom,
          validationTo);

      List<Algorithm> order = new ArrayList<>(List.of(algorithm));
      for (Algorithm other : Algorithm.values()) {
        if (other != algorithm && baselines && other.isBaseline()) {
          order.add(other);
        }
      }
      PipelineModel chosen = null;
      Map<Algorithm, EvaluationResult> evaluations = new LinkedHashMap<>();
      Map<Algorithm, PipelineModel> models = new LinkedHashMap<>();
      for (Algorithm each : order) {
        PipelineModel model = trainer(each).calibrationKey(key).fit(training, validation);
        models.put(each, model);
        if (each == algorithm) {
          chosen = model;
        }
        evaluations.put(
            each,
            evaluator.evaluate(
                model.transform(validation), each.configName(), validationFrom, validationTo));
        LOG.info("{} on the validation period: {}", each.configName(), evaluations.get(each).headline());
      }
      return new TrainResult(
          algorithm,
          chosen,
          features,
          trainer(algorithm).calibrationKey(key).params(),
          seed,
          trainingRows,
          trainingPositives,
          validationRows,
          validationPositives,
          evaluations,
          models);
    } finally {
      dated.unpersist();
    }
  }

  /**
   * Partitions of the canonical layout: one per 50,000 rows, at most 200. Up to 50,000 rows that
   * is one partition, and then the trees are bit-identical on every deployment: with several,
   * each split's statistics are sums of per-partition sums merged in the order the shuffle
   * delivers them (another order on a cluster), and where two splits have the same gain (common
   * on small sets) the last bit of those sums picks one (seen in the cluster + S3 test: the first
   * split of the container model differed with 4 partitions of 69 training rows).
   */
  static int canonicalPartitions(long rows) {
    return (int) Math.max(1, Math.min(200, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
  }

  private static List<String> simpleColumns(Dataset<Row> rows) {
    List<String> names = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      DataType type = field.dataType();
      if (!(type instanceof ArrayType
          || type instanceof MapType
          || type instanceof StructType
          || type instanceof UserDefinedType)) {
        names.add(field.name());
      }
    }
    return names;
  }

  private ModelTrainer trainer(Algorithm which) {
    return new ModelTrainer()
        .features(features)
        .algorithm(which)
        .maxIter(maxIter)
        .maxDepth(maxDepth)
        .stepSize(stepSize)
        .seed(seed)
        .rules(rules);
  }
}
