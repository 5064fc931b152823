package org.cargorisk.models.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.models.explain.ReasonCodes;
import org.cargorisk.models.registry.RegisteredModel;
import org.cargorisk.models.training.ModelColumns;

/**
 * Applies a registered model to a feature frame: every input column, plus {@code score} (the
 * model's uncalibrated score, which ranks), {@code hit_chance} (the calibrated probability of a
 * hit, increasing with the score), {@code model_version}, and, unless turned off,
 * {@code reasons} / {@code reason_features} (top contributions as sentences).
 *
 * <pre>{@code
 * Dataset<Row> scored = new ModelScorer()
 *     .model(registry.load(registry.champion("container").orElseThrow()))
 *     .featureSpecs(FeatureCatalog.container())
 *     .score(containerFeatures);
 * }</pre>
 */
public final class ModelScorer {
  private PipelineModel pipeline;
  private String modelVersion;
  private List<String> features = List.of();
  private Map<String, FeatureSpec> specs = Map.of();
  private int topReasons = ReasonCodes.DEFAULT_TOP;
  private boolean reasons = true;

  /** The model to apply, with its version label and feature list from the registry. */
  public ModelScorer model(RegisteredModel model) {
    return model(model.pipeline(), model.entry().label(), model.entry().features());
  }

  /** A pipeline trained by {@code ModelTrainer}, its version label and features in order. */
  public ModelScorer model(PipelineModel value, String version, List<String> featureNames) {
    this.pipeline = value;
    this.modelVersion = version;
    this.features = List.copyOf(featureNames);
    return this;
  }

  /** Reason sentences of the features (from {@link FeatureCatalog}). */
  public ModelScorer featureSpecs(List<FeatureSpec> value) {
    this.specs = FeatureCatalog.byName(value);
    return this;
  }

  public ModelScorer topReasons(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("top reasons must be at least 1, cannot be: " + value);
    }
    this.topReasons = value;
    return this;
  }

  /** Scores only (for evaluation): no reason columns, no tree walks. */
  public ModelScorer withoutReasons() {
    this.reasons = false;
    return this;
  }

  public Dataset<Row> score(Dataset<Row> input) {
    if (pipeline == null) {
      throw new IllegalStateException("set the model before scoring");
    }
    SchemaChecks.requireColumns("model scoring", input.schema(), features.toArray(String[]::new));
    for (String output : List.of(ModelColumns.SCORE, ModelColumns.HIT_CHANCE, ModelColumns.MODEL_VERSION)) {
      SchemaChecks.requireAbsent("model scoring", input.schema(), output);
    }
    Dataset<Row> transformed = pipeline.transform(input);
    if (reasons) {
      transformed = ReasonCodes.withReasons(transformed, pipeline, features, specs, topReasons);
    }
    List<Column> output = new ArrayList<>();
    Arrays.stream(input.columns()).forEach(c -> output.add(col("`" + c + "`")));
    output.add(col(ModelColumns.SCORE));
    output.add(col(ModelColumns.HIT_CHANCE));
    output.add(lit(modelVersion).as(ModelColumns.MODEL_VERSION));
    if (reasons) {
      output.add(col(ModelColumns.REASONS));
      output.add(col(ModelColumns.REASON_FEATURES));
    }
    return transformed.select(output.toArray(Column[]::new));
  }
}
