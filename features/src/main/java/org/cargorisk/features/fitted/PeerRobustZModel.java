package org.cargorisk.features.fitted;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fitted peer statistics: per group the median and MAD of the input. Writes the robust z-score
 * {@code (x - median) / max(1.4826 * MAD, 1% of |median|, 1e-9)} (the floor keeps a group of
 * identical values from turning a tiny difference into a huge score) and, if {@code ratioCol} is
 * set, {@code x / median}. Unknown groups use the global statistics; a null input gives null.
 */
public final class PeerRobustZModel extends Model<PeerRobustZModel>
    implements PeerRobustZParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  /** MAD of a normal distribution is 0.6745 sigma; 1.4826 = 1 / 0.6745. */
  static final double MAD_TO_SIGMA = 1.4826;

  private static final String GROUP = "__fitted_peer_group";
  private static final String MEDIAN = "__fitted_peer_median";
  private static final String MAD = "__fitted_peer_mad";

  private final String uid;
  private final Columns columns;
  private final StringArrayParam groups;
  private final DoubleArrayParam medians;
  private final DoubleArrayParam mads;
  private final DoubleParam globalMedian;
  private final DoubleParam globalMad;

  public PeerRobustZModel(String uid) {
    this.uid = uid;
    // Params after the uid: a Param records its parent's uid when created.
    this.columns = new Columns(this);
    this.groups =
        new StringArrayParam(this, "groups", "fitted peer groups");
    this.medians =
        new DoubleArrayParam(this, "medians", "fitted median per group");
    this.mads =
        new DoubleArrayParam(this, "mads", "fitted MAD per group");
    this.globalMedian =
        new DoubleParam(this, "globalMedian", "median over all observations");
    this.globalMad =
        new DoubleParam(this, "globalMad", "MAD over all observations");
    setDefault(ratioCol(), "");
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Columns columnParams() {
    return columns;
  }

  public StringArrayParam groups() {
    return groups;
  }

  public DoubleArrayParam medians() {
    return medians;
  }

  public DoubleArrayParam mads() {
    return mads;
  }

  public DoubleParam globalMedian() {
    return globalMedian;
  }

  public DoubleParam globalMad() {
    return globalMad;
  }

  PeerRobustZModel setStatistics(
      String[] groupNames, double[] groupMedians, double[] groupMads, double median, double mad) {
    set(groups, groupNames);
    set(medians, groupMedians);
    set(mads, groupMads);
    set(globalMedian, median);
    set(globalMad, mad);
    return this;
  }

  /** The fitted median of a group (the global median for an unknown group). */
  public double medianOf(String group) {
    String[] names = $(groups);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(group)) {
        return $(medians)[i];
      }
    }
    return (double) $(globalMedian);
  }

  /** The fitted MAD of a group (the global MAD for an unknown group). */
  public double madOf(String group) {
    String[] names = $(groups);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(group)) {
        return $(mads)[i];
      }
    }
    return (double) $(globalMad);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String[] names = $(groups);
    List<Row> rows = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      rows.add(RowFactory.create(names[i], $(medians)[i], $(mads)[i]));
    }
    StructType statsSchema =
        new StructType()
            .add(GROUP, DataTypes.StringType, false)
            .add(MEDIAN, DataTypes.DoubleType, false)
            .add(MAD, DataTypes.DoubleType, false);
    Dataset<Row> stats = dataset.sparkSession().createDataFrame(rows, statsSchema);
    Dataset<Row> joined =
        dataset.toDF().join(broadcast(stats), col($(groupCol())).equalTo(stats.col(GROUP)), "left");
    Column median = coalesce(col(MEDIAN), lit((double) $(globalMedian)));
    Column mad = coalesce(col(MAD), lit((double) $(globalMad)));
    Column scale = greatest(mad.multiply(MAD_TO_SIGMA), abs(median).multiply(0.01), lit(1e-9));
    Column value = col($(inputCol())).cast("double");
    Dataset<Row> out = joined.withColumn($(outputCol()), value.minus(median).divide(scale));
    if (!$(ratioCol()).isEmpty()) {
      out = out.withColumn($(ratioCol()), when(median.gt(0), value.divide(median)));
    }
    return out.drop(GROUP, MEDIAN, MAD);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return PeerRobustZParams.validateAndTransform(this, uid, schema);
  }

  @Override
  public PeerRobustZModel copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<PeerRobustZModel> read() {
    return new DefaultParamsReader<>();
  }

  public static PeerRobustZModel load(String path) {
    return read().load(path);
  }
}
