package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleParam;
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
 * The fitted hit-chance calibration (Platt scaling): {@link ModelColumns#HIT_CHANCE} = 1 / (1 +
 * exp(-(slope × logit(score) + intercept))), with the score clamped to [{@value #EPSILON}, 1 -
 * {@value #EPSILON}] before the logit. The slope is never negative, so the hit chance is an
 * increasing function of the score: strictly increasing when the slope is positive (it keeps the
 * ranking and never merges rows the score separates, unlike isotonic regression's steps), and
 * the constant base rate when the slope is 0 (the validation rows showed no link between score
 * and hits). Fitted by {@link PlattCalibrator}; saved and loaded with the pipeline.
 */
public final class PlattCalibration extends Model<PlattCalibration> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  /** Scores are clamped this far from 0 and 1, so the logit is finite. */
  public static final double EPSILON = 1e-6;

  private final String uid;
  private final DoubleParam slope;
  private final DoubleParam intercept;

  public PlattCalibration() {
    this(Identifiable$.MODULE$.randomUID("plattCalibration"));
  }

  public PlattCalibration(String uid) {
    this.uid = uid;
    // Params are made after the uid is set: a Param records its parent's uid.
    this.slope = new DoubleParam(this, "slope", "weight of logit(score); at least 0");
    this.intercept = new DoubleParam(this, "intercept", "log-odds of a hit at score 0.5");
    setDefault(slope, 0.0);
    setDefault(intercept, 0.0);
  }

  @Override
  public String uid() {
    return uid;
  }

  public DoubleParam slope() {
    return slope;
  }

  public DoubleParam intercept() {
    return intercept;
  }

  public double getSlope() {
    return (Double) getOrDefault(slope);
  }

  public double getIntercept() {
    return (Double) getOrDefault(intercept);
  }

  /** Sets the fitted coefficients; a negative or non-finite slope would reverse or break the order. */
  public PlattCalibration setCoefficients(double slopeValue, double interceptValue) {
    if (!(slopeValue >= 0) || Double.isInfinite(slopeValue)) {
      throw new IllegalArgumentException("calibration slope must be finite and at least 0, cannot be: " + slopeValue);
    }
    if (!Double.isFinite(interceptValue)) {
      throw new IllegalArgumentException("calibration intercept must be finite, cannot be: " + interceptValue);
    }
    set(slope, slopeValue);
    set(intercept, interceptValue);
    return this;
  }

  /** logit of the clamped score: the calibration's input. */
  static Column logit(Column score) {
    Column p = least(greatest(score.cast(DataTypes.DoubleType), lit(EPSILON)), lit(1 - EPSILON));
    return org.apache.spark.sql.functions.log(p.divide(lit(1.0).minus(p)));
  }

  /** The hit chance of a score, as a column. */
  public Column hitChance(Column score) {
    Column margin = logit(score).multiply(getSlope()).plus(getIntercept());
    return lit(1.0).divide(lit(1.0).plus(exp(margin.multiply(-1.0))));
  }

  /** The hit chance of one score, computed like {@link #hitChance(Column)} (for tests and texts). */
  public double hitChance(double score) {
    double p = Math.min(Math.max(score, EPSILON), 1 - EPSILON);
    double margin = getSlope() * Math.log(p / (1 - p)) + getIntercept();
    return 1.0 / (1.0 + Math.exp(-margin));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return dataset.withColumn(ModelColumns.HIT_CHANCE, hitChance(col(ModelColumns.SCORE)));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireColumns("hit chance calibration", schema, ModelColumns.SCORE);
    SchemaChecks.requireAbsent("hit chance calibration", schema, ModelColumns.HIT_CHANCE);
    return schema.add(ModelColumns.HIT_CHANCE, DataTypes.DoubleType, true);
  }

  @Override
  public PlattCalibration copy(ParamMap extra) {
    return copyValues(new PlattCalibration(uid), extra).setParent(parent());
  }

  public static MLReader<PlattCalibration> read() {
    return new DefaultParamsReader<>();
  }

  public static PlattCalibration load(String path) {
    return read().load(path);
  }
}
