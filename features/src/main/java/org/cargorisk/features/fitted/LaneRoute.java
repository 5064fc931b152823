package org.cargorisk.features.fitted;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * Learns each lane's usual route (lane = port of loading to port of discharge): the most frequent
 * sequence of intermediate ports and the median number of intermediate calls. The model flags a
 * container whose route differs from its lane's usual one, counts extra calls (detour), and
 * flags lanes seen fewer than {@code minLaneCount} times.
 */
public final class LaneRoute extends Estimator<LaneRouteModel>
    implements LaneRouteParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Columns columns;
  private final IntParam minLaneCount;

  public LaneRoute(String uid) {
    this.uid = uid;
    // Params after the uid: a Param records its parent's uid when created.
    this.columns = new Columns(this);
    this.minLaneCount =
        new IntParam( this, "minLaneCount", "lanes seen fewer times count as new (>= 1)", ParamValidators.gtEq(1));
    setDefault(minLaneCount, 3);
  }

  public LaneRoute() {
    this(Identifiable.randomUID("laneRoute"));
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Columns columnParams() {
    return columns;
  }

  public IntParam minLaneCount() {
    return minLaneCount;
  }

  public LaneRoute setLaneCol(String value) {
    set(laneCol(), value);
    return this;
  }

  public LaneRoute setRouteCol(String value) {
    set(routeCol(), value);
    return this;
  }

  public LaneRoute setCallsCol(String value) {
    set(callsCol(), value);
    return this;
  }

  public LaneRoute setDetourCol(String value) {
    set(detourCol(), value);
    return this;
  }

  public LaneRoute setUnusualRouteCol(String value) {
    set(unusualRouteCol(), value);
    return this;
  }

  public LaneRoute setNewLaneCol(String value) {
    set(newLaneCol(), value);
    return this;
  }

  public LaneRoute setMinLaneCount(int value) {
    set(minLaneCount, value);
    return this;
  }

  @Override
  public LaneRouteModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> routes =
        dataset
            .select(col($(laneCol())).as("lane"), col($(routeCol())).as("route"),
                col($(callsCol())).cast("double").as("calls"))
            .where(col("lane").isNotNull().and(col("route").isNotNull()));
    Dataset<Row> perRoute = routes.groupBy("lane", "route").agg(count(lit(1)).as("n"));
    // The usual route: most frequent; ties broken by the route text so the fit is deterministic.
    Dataset<Row> usual =
        perRoute
            .withColumn(
                "rank",
                row_number().over(Window.partitionBy("lane").orderBy(desc("n"), col("route"))))
            .withColumn("lane_n", sum("n").over(Window.partitionBy("lane")))
            .where(col("rank").equalTo(1))
            .where(col("lane_n").geq($(minLaneCount)))
            .select("lane", "route");
    Dataset<Row> medians =
        routes.groupBy("lane").agg(percentile_approx(col("calls"), lit(0.5), lit(10000)).as("median"));
    List<Row> rows =
        usual.join(medians, "lane").orderBy("lane").collectAsList(); // bounded: one row per lane
    String[] lanes = new String[rows.size()];
    String[] usualRoutes = new String[rows.size()];
    double[] usualCalls = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      lanes[i] = rows.get(i).getString(0);
      usualRoutes[i] = rows.get(i).getString(1);
      usualCalls[i] = rows.get(i).getDouble(2);
    }
    LaneRouteModel model =
        new LaneRouteModel(Identifiable.randomUID("laneRouteModel"))
            .setRoutes(lanes, usualRoutes, usualCalls);
    copyValues(model, extractParamMap());
    return model.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return LaneRouteParams.validateAndTransform(this, uid, schema);
  }

  @Override
  public LaneRoute copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<LaneRoute> read() {
    return new DefaultParamsReader<>();
  }

  public static LaneRoute load(String path) {
    return read().load(path);
  }
}
