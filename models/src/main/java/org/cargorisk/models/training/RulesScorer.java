package org.cargorisk.models.training;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.SchemaChecks;

/**
 * The rules-only baseline as a pipeline stage: {@link ModelColumns#RAW_SCORE} is the share of
 * rules that fire on the assembled feature vector (a rule fires when its feature exceeds its
 * threshold). Transparent, untrained, built from column expressions; calibrated afterwards like
 * the learned models, so all three are evaluated alike.
 */
public final class RulesScorer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final IntArrayParam featureIndices;
  private final DoubleArrayParam thresholds;

  public RulesScorer() {
    this(Identifiable$.MODULE$.randomUID("rulesScorer"));
  }

  public RulesScorer(String uid) {
    this.uid = uid;
    // Params are made after the uid is set: a Param records its parent's uid.
    this.featureIndices =
        new IntArrayParam(this, "featureIndices", "index in the feature vector of each rule");
    this.thresholds =
        new DoubleArrayParam(this, "thresholds", "each rule fires when its feature > threshold");
    setDefault(featureIndices, new int[0]);
    setDefault(thresholds, new double[0]);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Index in the feature vector of each rule's feature. */
  public IntArrayParam featureIndices() {
    return featureIndices;
  }

  /** Each rule fires when its feature's value is above its threshold. */
  public DoubleArrayParam thresholds() {
    return thresholds;
  }

  public RulesScorer setRules(int[] indices, double[] limits) {
    if (indices.length != limits.length) {
      throw new IllegalArgumentException(
          "one threshold per rule feature, cannot be: " + indices.length + " vs " + limits.length);
    }
    set(featureIndices, indices);
    set(thresholds, limits);
    return this;
  }

  public int[] getFeatureIndices() {
    return (int[]) getOrDefault(featureIndices);
  }

  public double[] getThresholds() {
    return (double[]) getOrDefault(thresholds);
  }

  /** One 0/1 column per rule: whether it fires. */
  public List<Column> firedRules(Column features) {
    Column values = vector_to_array(features, "float64");
    int[] indices = getFeatureIndices();
    double[] limits = getThresholds();
    List<Column> fired = new ArrayList<>();
    for (int i = 0; i < indices.length; i++) {
      fired.add(when(element_at(values, indices[i] + 1).gt(limits[i]), 1.0).otherwise(0.0));
    }
    return fired;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    List<Column> fired = firedRules(col(ModelColumns.FEATURES));
    Column score = lit(0.0);
    for (Column rule : fired) {
      score = score.plus(rule);
    }
    if (!fired.isEmpty()) {
      score = score.divide(fired.size());
    }
    return dataset.withColumn(ModelColumns.RAW_SCORE, score);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireColumns("rules scorer", schema, ModelColumns.FEATURES);
    SchemaChecks.requireAbsent("rules scorer", schema, ModelColumns.RAW_SCORE);
    return schema.add(ModelColumns.RAW_SCORE, DataTypes.DoubleType, false);
  }

  @Override
  public RulesScorer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<RulesScorer> read() {
    return new DefaultParamsReader<>();
  }

  public static RulesScorer load(String path) {
    return read().load(path);
  }
}
