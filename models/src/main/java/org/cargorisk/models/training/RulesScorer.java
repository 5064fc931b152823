package org.cargorisk.models.training;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

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
import org.cargorisk.models.ModelColumns;

/**
 * The rules-only baseline as a pipeline stage: a points score. Each rule fires when its feature
 * (in the assembled feature vector) exceeds its threshold and then adds its points; {@link
 * ModelColumns#SCORE} is the points of the fired rules as a share of all points, plus a tie
 * break below {@value #TIE_BREAK} of a point (divided by all points): a fixed pseudo-random
 * fraction hashed from the row's feature values. A points table has few distinct sums, so many
 * rows share one; the evaluation breaks score ties pessimistically (non-hits first) and the
 * scan list takes the top of the ranking, so without a deterministic order among equals the
 * baseline would be judged on an arbitrary (or the worst) order. Transparent, untrained, built
 * from column expressions; calibrated afterwards like the learned models, so all three are
 * evaluated alike. Without points (models saved before points existed) every rule is worth 1.
 */
public final class RulesScorer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final IntArrayParam featureIndices;
  private final DoubleArrayParam thresholds;
  private final DoubleArrayParam points;

  /** Largest tie break, in points: smaller than any gap between two different point sums. */
  public static final double TIE_BREAK = 1e-6;

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
    this.points =
        new DoubleArrayParam(
            this, "points", "points of each rule when it fires (empty: 1 point per rule)");
    setDefault(featureIndices, new int[0]);
    setDefault(thresholds, new double[0]);
    setDefault(points, new double[0]);
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

  /** Points of each rule when it fires. */
  public DoubleArrayParam points() {
    return points;
  }

  /** Rules worth one point each. */
  public RulesScorer setRules(int[] indices, double[] limits) {
    double[] ones = new double[indices.length];
    java.util.Arrays.fill(ones, 1.0);
    return setRules(indices, limits, ones);
  }

  /** Rules with their points: rule i fires when feature indices[i] &gt; limits[i]. */
  public RulesScorer setRules(int[] indices, double[] limits, double[] weights) {
    if (indices.length != limits.length || indices.length != weights.length) {
      throw new IllegalArgumentException(
          "one threshold and one points value per rule feature, cannot be: "
              + indices.length + " features, " + limits.length + " thresholds, "
              + weights.length + " points");
    }
    for (double weight : weights) {
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("a rule's points must be positive, cannot be: " + weight);
      }
    }
    set(featureIndices, indices);
    set(thresholds, limits);
    set(points, weights);
    return this;
  }

  /** Points of each rule (1 each when the model was saved without points). */
  public double[] getPoints() {
    double[] weights = (double[]) getOrDefault(points);
    if (weights.length == getFeatureIndices().length) {
      return weights;
    }
    double[] ones = new double[getFeatureIndices().length];
    java.util.Arrays.fill(ones, 1.0);
    return ones;
  }

  private double totalPoints() {
    double total = 0;
    for (double weight : getPoints()) {
      total += weight;
    }
    return total;
  }

  /**
   * One column per rule: its share of the score when it fires (its points over all points),
   * else 0. Summed per feature, these are the rules baseline's reason contributions.
   */
  public List<Column> firedShares(Column features) {
    List<Column> fired = firedRules(features);
    double[] weights = getPoints();
    double total = totalPoints();
    List<Column> shares = new ArrayList<>();
    for (int i = 0; i < fired.size(); i++) {
      shares.add(fired.get(i).multiply(weights[i] / total));
    }
    return shares;
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
    List<Column> shares = firedShares(col(ModelColumns.FEATURES));
    Column score = lit(0.0);
    for (Column share : shares) {
      score = score.plus(share);
    }
    if (!shares.isEmpty()) {
      score = score.plus(tieBreak(col(ModelColumns.FEATURES)).multiply(TIE_BREAK / totalPoints()));
    }
    return dataset.withColumn(ModelColumns.SCORE, score);
  }

  /**
   * A fraction in [0, 1) fixed by the row's feature values (xxhash64 of the vector's values):
   * the same row always gets the same place among its equals, on every run and machine.
   */
  static Column tieBreak(Column features) {
    int buckets = 1_000_000;
    return pmod(xxhash64(vector_to_array(features, "float64")), lit((long) buckets))
        .cast("double")
        .divide(buckets);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireColumns("rules scorer", schema, ModelColumns.FEATURES);
    SchemaChecks.requireAbsent("rules scorer", schema, ModelColumns.SCORE);
    return schema.add(ModelColumns.SCORE, DataTypes.DoubleType, false);
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
