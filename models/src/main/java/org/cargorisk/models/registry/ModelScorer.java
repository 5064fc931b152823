package org.cargorisk.models.registry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.explain.ReasonCodes;
import org.cargorisk.models.explain.ReasonRule;
import org.cargorisk.models.explain.ReasonRules;
import org.cargorisk.models.registry.RegisteredModel;

/**
 * Applies a registered model to a feature frame: every input column, plus {@code score} (the
 * model's uncalibrated score, which ranks), {@code hit_chance} (the calibrated probability of a
 * hit, increasing with the score), {@code model_version}, and, unless turned off,
 * {@code reasons} / {@code reason_features} (the strongest contributions whose reason rule holds
 * for the row, as sentences; see {@link ReasonCodes}).
 *
 * <pre>{@code
 * Dataset<Row> scored = new ModelScorer()
 *     .model(registry.load(registry.champion("container").orElseThrow()))
 *     .reasonRules(ReasonRules.container())
 *     .score(containerFeatures);
 * }</pre>
 */
public final class ModelScorer {
  private PipelineModel pipeline;
  private String modelVersion;
  private List<String> features = List.of();
  private List<ReasonRule> rules = List.of();
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

  /** The reason rules ({@link ReasonRules}); without them no row gets a reason. */
  public ModelScorer reasonRules(List<ReasonRule> value) {
    this.rules = List.copyOf(value);
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
      transformed = ReasonCodes.withReasons(transformed, pipeline, features, rules, topReasons);
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
