package org.cargorisk.models.registry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.models.evaluation.EvaluationResult;
import org.cargorisk.models.training.TrainResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry: a Delta table ({@code gold/model_registry}, one row per model version)
 * plus one saved Spark ML pipeline per version under {@code models/<name>/<version>}.
 *
 * <p>Registration saves the pipeline folder first and then appends the row in one Delta
 * commit, so a version is either fully registered or invisible (a folder without a row is
 * overwritten by the next registration). Promotion is one Delta UPDATE that makes the new
 * champion and retires the old one in the same commit. One writer at a time: two concurrent
 * trainings of the same model could pick the same version number.
 */
public final class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  public static final String MODEL_NAME = "model_name";
  public static final String VERSION = "version";
  public static final String ALGORITHM = "algorithm";
  public static final String CREATED_AT = "created_at";
  public static final String TRAINING_CUTOFF = "training_cutoff";
  public static final String PARAMS = "params";
  public static final String FEATURES = "features";
  public static final String METRICS = "metrics";
  public static final String INPUT_VERSIONS = "input_versions";
  public static final String CODE_VERSION = "code_version";
  public static final String SEED = "seed";
  public static final String MODEL_PATH = "model_path";
  public static final String STATUS = "status";
  public static final String PROMOTED_AT = "promoted_at";
  public static final String PROMOTED_BY = "promoted_by";
  public static final String FORCED = "forced";
  public static final String NOTE = "note";
  /** Version (cutoff date) of the fitted feature statistics of the training features; nullable. */
  public static final String FEATURE_STATISTICS = "feature_statistics";

  /** Schema of {@code gold/model_registry}; params and metrics are JSON objects. */
  public static final StructType SCHEMA =
      new StructType()
          .add(MODEL_NAME, DataTypes.StringType, false)
          .add(VERSION, DataTypes.IntegerType, false)
          .add(ALGORITHM, DataTypes.StringType, false)
          .add(CREATED_AT, DataTypes.TimestampType, false)
          .add(TRAINING_CUTOFF, DataTypes.DateType, false)
          .add(PARAMS, DataTypes.StringType, false)
          .add(FEATURES, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(METRICS, DataTypes.StringType, false)
          .add(
              INPUT_VERSIONS,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false),
              false)
          .add(CODE_VERSION, DataTypes.StringType, false)
          .add(SEED, DataTypes.LongType, false)
          .add(MODEL_PATH, DataTypes.StringType, false)
          .add(STATUS, DataTypes.StringType, false)
          .add(PROMOTED_AT, DataTypes.TimestampType, true)
          .add(PROMOTED_BY, DataTypes.StringType, true)
          .add(FORCED, DataTypes.BooleanType, false)
          .add(NOTE, DataTypes.StringType, true)
          .add(FEATURE_STATISTICS, DataTypes.StringType, true);

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final SparkSession spark;
  private final Lake lake;

  public ModelRegistry(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** Version of the running code: the jar's Implementation-Version, else "dev". */
  public static String codeVersion() {
    String version = ModelRegistry.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }

  /**
   * Registers a trained model as a new CANDIDATE version.
   *
   * @param modelName container or firm
   * @param trainingCutoff the training date
   * @param inputVersions Delta version of each table read for training
   * @param now registration time (the run's clock)
   */
  public ModelVersion register(
      String modelName,
      TrainResult result,
      LocalDate trainingCutoff,
      Map<String, Long> inputVersions,
      Instant now) {
    return register(modelName, result, trainingCutoff, inputVersions, null, now);
  }

  /**
   * Registers a trained model as a new CANDIDATE version, naming the feature statistics version
   * its training features were computed with (see {@link ModelVersion#featureStatistics()}).
   */
  public ModelVersion register(
      String modelName,
      TrainResult result,
      LocalDate trainingCutoff,
      Map<String, Long> inputVersions,
      String featureStatistics,
      Instant now) {
    int version = versions(modelName).stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
    String path = lake.models() + "/" + modelName + "/" + version;
    Map<String, EvaluationResult> metrics = new LinkedHashMap<>();
    result.evaluations().forEach((algorithm, evaluation) -> metrics.put(algorithm.configName(), evaluation));
    ModelVersion entry =
        new ModelVersion(
            modelName,
            version,
            result.algorithm().configName(),
            now,
            trainingCutoff,
            result.params(),
            result.features(),
            metrics,
            inputVersions,
            codeVersion(),
            result.seed(),
            path,
            ModelStatus.CANDIDATE,
            null,
            null,
            false,
            null,
            featureStatistics);
    try {
      // Folder first, row second: the row is what makes the version exist.
      result.model().write().overwrite().save(path);
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot save model " + entry.label() + " to " + path, e);
    }
    // a registry written before feature_statistics existed takes the column (old rows: null)
    tables().appendMergingSchema(
        LakeTables.MODEL_REGISTRY, spark.createDataFrame(List.of(toRow(entry)), SCHEMA).coalesce(1));
    LOG.info("Registered {} ({}) at {}", entry.label(), entry.algorithm(), path);
    return entry;
  }

  /** Every version of a model, oldest first (the registry is small: collecting is safe). */
  public List<ModelVersion> versions(String modelName) {
    if (!tables().exists(LakeTables.MODEL_REGISTRY)) {
      return List.of();
    }
    List<ModelVersion> versions = new ArrayList<>();
    for (Row row :
        tables()
            .read(LakeTables.MODEL_REGISTRY)
            .where(col(MODEL_NAME).equalTo(modelName))
            .collectAsList()) {
      versions.add(fromRow(row));
    }
    versions.sort(Comparator.comparingInt(ModelVersion::version));
    return versions;
  }

  public ModelVersion version(String modelName, int version) {
    return versions(modelName).stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .orElseThrow(
            () ->
                CargoRiskErrors.modelNotFound(
                    "Model " + modelName + " version " + version + " in " + lake.modelRegistry(),
                    "List the registered versions in the registry table, or train one with"
                        + " `cargorisk train`."));
  }

  public Optional<ModelVersion> champion(String modelName) {
    return versions(modelName).stream().filter(v -> v.status() == ModelStatus.CHAMPION).findFirst();
  }

  /** The version with its saved pipeline. */
  public RegisteredModel load(ModelVersion entry) {
    PipelineModel pipeline;
    try {
      pipeline = PipelineModel.load(entry.modelPath());
    } catch (RuntimeException e) {
      throw CargoRiskErrors.storageFailure(
          "Cannot load model " + entry.label() + " from " + entry.modelPath(), e);
    }
    // Versions trained before the hit chance existed end in an isotonic calibration that writes
    // the score itself (a step function that ties containers); they cannot score any more.
    if (java.util.Arrays.stream(pipeline.stages())
        .noneMatch(stage -> stage instanceof org.cargorisk.models.training.PlattCalibration)) {
      throw CargoRiskErrors.modelNotFound(
          "A hit-chance calibration in model " + entry.label() + " (" + entry.modelPath() + ")",
          "The version was trained before scores and hit chances were separated. Train a new"
              + " version (`cargorisk train --date <date>`) and promote it.");
    }
    return new RegisteredModel(entry, pipeline);
  }

  /**
   * Makes a version champion and retires the current one, in one Delta commit. The guard
   * (beats the champion, or forced) is {@link ModelPromotion}'s job.
   */
  public ModelVersion promote(
      String modelName, int version, String promotedBy, boolean forced, String note, Instant now) {
    version(modelName, version);
    Column isNew = col(VERSION).equalTo(version);
    Map<String, Column> set = new LinkedHashMap<>();
    set.put(
        STATUS,
        when(isNew, lit(ModelStatus.CHAMPION.name())).otherwise(lit(ModelStatus.RETIRED.name())));
    set.put(PROMOTED_AT, when(isNew, lit(Timestamp.from(now))).otherwise(col(PROMOTED_AT)));
    set.put(PROMOTED_BY, when(isNew, lit(promotedBy)).otherwise(col(PROMOTED_BY)));
    set.put(FORCED, when(isNew, lit(forced)).otherwise(col(FORCED)));
    set.put(NOTE, when(isNew, lit(note)).otherwise(col(NOTE)));
    tables()
        .deltaTable(LakeTables.MODEL_REGISTRY)
        .update(
            col(MODEL_NAME)
                .equalTo(modelName)
                .and(isNew.or(col(STATUS).equalTo(ModelStatus.CHAMPION.name()))),
            set);
    LOG.info("Promoted {}-v{} to champion (forced: {})", modelName, version, forced);
    return version(modelName, version);
  }

  private TableIO tables() {
    return new TableIO(spark, lake);
  }

  private static Row toRow(ModelVersion entry) {
    return RowFactory.create(
        entry.modelName(),
        entry.version(),
        entry.algorithm(),
        Timestamp.from(entry.createdAt()),
        java.sql.Date.valueOf(entry.trainingCutoff()),
        json(entry.params()),
        entry.features(),
        json(entry.metrics()),
        entry.inputVersions(),
        entry.codeVersion(),
        entry.seed(),
        entry.modelPath(),
        entry.status().name(),
        entry.promotedAt() == null ? null : Timestamp.from(entry.promotedAt()),
        entry.promotedBy(),
        entry.forced(),
        entry.note(),
        entry.featureStatistics());
  }

  private static ModelVersion fromRow(Row row) {
    try {
      Map<String, String> params =
          JSON.readValue(row.<String>getAs(PARAMS), new TypeReference<LinkedHashMap<String, String>>() {});
      Map<String, EvaluationResult> metrics =
          JSON.readValue(
              row.<String>getAs(METRICS),
              new TypeReference<LinkedHashMap<String, EvaluationResult>>() {});
      Timestamp promotedAt = row.getAs(PROMOTED_AT);
      return new ModelVersion(
          row.getAs(MODEL_NAME),
          row.<Integer>getAs(VERSION),
          row.getAs(ALGORITHM),
          row.<Timestamp>getAs(CREATED_AT).toInstant(),
          row.<java.sql.Date>getAs(TRAINING_CUTOFF).toLocalDate(),
          params,
          row.getList(row.fieldIndex(FEATURES)),
          metrics,
          row.getJavaMap(row.fieldIndex(INPUT_VERSIONS)),
          row.getAs(CODE_VERSION),
          row.<Long>getAs(SEED),
          row.getAs(MODEL_PATH),
          ModelStatus.valueOf(row.getAs(STATUS)),
          promotedAt == null ? null : promotedAt.toInstant(),
          row.getAs(PROMOTED_BY),
          row.<Boolean>getAs(FORCED),
          row.getAs(NOTE),
          java.util.Arrays.asList(row.schema().fieldNames()).contains(FEATURE_STATISTICS)
              ? row.getAs(FEATURE_STATISTICS)
              : null);
    } catch (JsonProcessingException e) {
      throw CargoRiskErrors.internal("Unreadable registry row " + row, e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw CargoRiskErrors.internal("Cannot write registry JSON", e);
    }
  }
}
