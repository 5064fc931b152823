package org.cargorisk.models.training;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.models.ModelColumns;

/**
 * Pipeline stage that turns a classifier's output into its uncalibrated score {@link
 * ModelColumns#SCORE} (a double), which ranks and which the calibration stage reads: the
 * positive-class probability, or with {@link #fromMargin} the positive-class margin (log-odds)
 * of the raw prediction. A logistic regression on heavy-tailed figures (payment volumes of the
 * largest traders, tens of standard deviations out) puts many rows at a probability of exactly
 * 1.0 in double precision; its log-odds keep them apart in the same order. Built from {@code
 * vector_to_array}; saved and loaded with the pipeline.
 */
public final class PositiveProbability extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final BooleanParam fromMargin;

  public PositiveProbability() {
    this(Identifiable$.MODULE$.randomUID("positiveProbability"));
  }

  public PositiveProbability(String uid) {
    this.uid = uid;
    // Made after the uid is set: a Param records its parent's uid.
    this.fromMargin =
        new BooleanParam(this, "fromMargin", "score on the raw prediction's positive margin (log-odds)");
    setDefault(fromMargin, false);
  }

  /** Whether the score is the positive margin of the raw prediction instead of the probability. */
  public BooleanParam fromMargin() {
    return fromMargin;
  }

  /** Scores on the positive margin (log-odds) of the raw prediction. */
  public PositiveProbability onMargin() {
    set(fromMargin, true);
    return this;
  }

  private String input() {
    return (Boolean) getOrDefault(fromMargin) ? ModelColumns.RAW_PREDICTION : ModelColumns.PROBABILITY;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    return dataset.withColumn(
        ModelColumns.SCORE,
        element_at(vector_to_array(col(input()), "float64"), 2));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireColumns("positive probability", schema, input());
    SchemaChecks.requireAbsent("positive probability", schema, ModelColumns.SCORE);
    return schema.add(ModelColumns.SCORE, DataTypes.DoubleType, true);
  }

  @Override
  public PositiveProbability copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<PositiveProbability> read() {
    return new DefaultParamsReader<>();
  }

  public static PositiveProbability load(String path) {
    return read().load(path);
  }
}
