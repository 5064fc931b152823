package org.cargorisk.models.training;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import org.apache.spark.ml.Transformer;
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

/**
 * Pipeline stage that turns a classifier's probability vector into the positive-class
 * probability {@link ModelColumns#SCORE} (a double), which the calibration stage reads.
 * Built from {@code vector_to_array}; saved and loaded with the pipeline.
 */
public final class PositiveProbability extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;

  public PositiveProbability() {
    this(Identifiable$.MODULE$.randomUID("positiveProbability"));
  }

  public PositiveProbability(String uid) {
    this.uid = uid;
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
        element_at(vector_to_array(col(ModelColumns.PROBABILITY), "float64"), 2));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    SchemaChecks.requireColumns("positive probability", schema, ModelColumns.PROBABILITY);
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
