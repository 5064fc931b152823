package org.cargorisk.features.fitted;

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
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fitted usual routes per lane. Outputs (all 0/1 or counts as doubles, never null): detour =
 * max(0, calls - lane median), unusual route = route differs from the lane's most frequent one,
 * new lane = lane not in the fit (detour and unusual route are 0 for a new lane; the new-lane
 * flag carries the signal).
 */
public final class LaneRouteModel extends Model<LaneRouteModel>
    implements LaneRouteParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final String LANE = "__fitted_lane";
  private static final String USUAL_ROUTE = "__fitted_usual_route";
  private static final String USUAL_CALLS = "__fitted_usual_calls";

  private final String uid;
  private final Columns columns;
  private final StringArrayParam lanes;
  private final StringArrayParam usualRoutes;
  private final DoubleArrayParam usualCalls;

  public LaneRouteModel(String uid) {
    this.uid = uid;
    // Params after the uid: a Param records its parent's uid when created.
    this.columns = new Columns(this);
    this.lanes =
        new StringArrayParam(this, "lanes", "fitted lanes");
    this.usualRoutes =
        new StringArrayParam(this, "usualRoutes", "most frequent route per lane");
    this.usualCalls =
        new DoubleArrayParam(this, "usualCalls", "median intermediate calls per lane");
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Columns columnParams() {
    return columns;
  }

  public StringArrayParam lanes() {
    return lanes;
  }

  public StringArrayParam usualRoutes() {
    return usualRoutes;
  }

  public DoubleArrayParam usualCalls() {
    return usualCalls;
  }

  LaneRouteModel setRoutes(String[] laneNames, String[] routes, double[] calls) {
    set(lanes, laneNames);
    set(usualRoutes, routes);
    set(usualCalls, calls);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < $(lanes).length; i++) {
      rows.add(RowFactory.create($(lanes)[i], $(usualRoutes)[i], $(usualCalls)[i]));
    }
    StructType schema =
        new StructType()
            .add(LANE, DataTypes.StringType, false)
            .add(USUAL_ROUTE, DataTypes.StringType, false)
            .add(USUAL_CALLS, DataTypes.DoubleType, false);
    Dataset<Row> fitted = dataset.sparkSession().createDataFrame(rows, schema);
    Dataset<Row> joined =
        dataset.toDF().join(broadcast(fitted), col($(laneCol())).equalTo(fitted.col(LANE)), "left");
    Column known = col(LANE).isNotNull();
    Column calls = coalesce(col($(callsCol())).cast("double"), lit(0.0));
    return joined
        .withColumn(
            $(detourCol()),
            when(known, greatest(calls.minus(col(USUAL_CALLS)), lit(0.0))).otherwise(0.0))
        .withColumn(
            $(unusualRouteCol()),
            when(known.and(coalesce(col($(routeCol())), lit("")).notEqual(col(USUAL_ROUTE))), 1.0)
                .otherwise(0.0))
        .withColumn($(newLaneCol()), when(known, 0.0).otherwise(1.0))
        .drop(LANE, USUAL_ROUTE, USUAL_CALLS);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return LaneRouteParams.validateAndTransform(this, uid, schema);
  }

  @Override
  public LaneRouteModel copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<LaneRouteModel> read() {
    return new DefaultParamsReader<>();
  }

  public static LaneRouteModel load(String path) {
    return read().load(path);
  }
}
