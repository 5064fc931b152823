package org.cargorisk.features.fitted;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Fits the robust location and scale of a numeric column per peer group (e.g. value per kg per
 * HS heading): the median and the median absolute deviation (MAD), both with {@code
 * percentile_approx}. Groups with fewer than {@code minGroupSize} observations fall back to the
 * global median and MAD, so a rare HS heading is compared with all goods rather than with two
 * neighbours.
 *
 * <p>The fitted statistics are small (one row per group) and travel in the model's Params, as
 * Spark's own {@code QuantileDiscretizer} keeps its splits in the fitted {@code Bucketizer}; the
 * model therefore saves and loads with {@link DefaultParamsWritable}.
 */
public final class PeerRobustZ extends Estimator<PeerRobustZModel>
    implements PeerRobustZParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final String GROUP = "_peer_group";
  private static final String VALUE = "_peer_value";
  private static final String MEDIAN = "_peer_median";

  private final String uid;
  private final Columns columns;
  private final IntParam minGroupSize;
  private final IntParam accuracy;

  public PeerRobustZ(String uid) {
    this.uid = uid;
    // Params after the uid: a Param records its parent's uid when created.
    this.columns = new Columns(this);
    this.minGroupSize =
        new IntParam( this, "minGroupSize", "groups with fewer observations use the global statistics (>= 1)", ParamValidators.gtEq(1));
    this.accuracy =
        new IntParam( this, "accuracy", "percentile_approx accuracy (>= 100)", ParamValidators.gtEq(100));
    setDefault(ratioCol(), "");
    setDefault(minGroupSize, 5);
    setDefault(accuracy, 10000);
  }

  public PeerRobustZ() {
    this(Identifiable.randomUID("peerRobustZ"));
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Columns columnParams() {
    return columns;
  }

  public IntParam minGroupSize() {
    return minGroupSize;
  }

  public IntParam accuracy() {
    return accuracy;
  }

  public PeerRobustZ setInputCol(String value) {
    set(inputCol(), value);
    return this;
  }

  public PeerRobustZ setGroupCol(String value) {
    set(groupCol(), value);
    return this;
  }

  public PeerRobustZ setOutputCol(String value) {
    set(outputCol(), value);
    return this;
  }

  public PeerRobustZ setRatioCol(String value) {
    set(ratioCol(), value);
    return this;
  }

  public PeerRobustZ setMinGroupSize(int value) {
    set(minGroupSize, value);
    return this;
  }

  public PeerRobustZ setAccuracy(int value) {
    set(accuracy, value);
    return this;
  }

  @Override
  public PeerRobustZModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column median = percentile_approx(col(VALUE), lit(0.5), lit($(accuracy)));
    Dataset<Row> values =
        dataset
            .select(col($(groupCol())).as(GROUP), col($(inputCol())).cast("double").as(VALUE))
            .where(col(VALUE).isNotNull());
    // Two small aggregations: medians first, then the median of the absolute deviations.
    Dataset<Row> groupMedians =
        values.groupBy(GROUP).agg(median.as(MEDIAN), count(lit(1)).as("n"))
            .where(col("n").geq($(minGroupSize)).and(col(GROUP).isNotNull()));
    List<Row> groups =
        values
            .join(groupMedians, GROUP)
            .groupBy(GROUP)
            .agg(
                org.apache.spark.sql.functions.first(MEDIAN).as(MEDIAN),
                percentile_approx(abs(col(VALUE).minus(col(MEDIAN))), lit(0.5), lit($(accuracy)))
                    .as("mad"),
                org.apache.spark.sql.functions.first("n").as("n"))
            .orderBy(GROUP)
            .collectAsList(); // bounded: one row per peer group (HS headings x types)
    Row global = values.agg(median.as(MEDIAN)).first();
    double globalMedian = global.isNullAt(0) ? 0.0 : global.getDouble(0);
    Row globalMadRow =
        values
            .agg(percentile_approx(abs(col(VALUE).minus(lit(globalMedian))), lit(0.5), lit($(accuracy))))
            .first();
    double globalMad = globalMadRow.isNullAt(0) ? 0.0 : globalMadRow.getDouble(0);

    String[] names = new String[groups.size()];
    double[] medians = new double[groups.size()];
    double[] mads = new double[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      Row row = groups.get(i);
      names[i] = row.getString(0);
      medians[i] = row.getDouble(1);
      mads[i] = row.getDouble(2);
    }
    PeerRobustZModel model =
        new PeerRobustZModel(Identifiable.randomUID("peerRobustZModel"))
            .setStatistics(names, medians, mads, globalMedian, globalMad);
    copyValues(model, extractParamMap());
    return model.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return PeerRobustZParams.validateAndTransform(this, uid, schema);
  }

  @Override
  public PeerRobustZ copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<PeerRobustZ> read() {
    return new DefaultParamsReader<>();
  }

  public static PeerRobustZ load(String path) {
    return read().load(path);
  }
}
