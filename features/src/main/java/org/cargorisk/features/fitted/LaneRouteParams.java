package org.cargorisk.features.fitted;

import java.io.Serializable;
import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;

/**
 * The column Params shared by {@link LaneRoute} and {@link LaneRouteModel}, and their schema
 * check (MLlib's {@code GBTClassifierParams} in Java). An interface cannot hold the Param
 * instances, so each stage creates one {@link Columns} with itself as parent and the getters here
 * read from it. Public because Spark finds a stage's Params by calling its public Param getters
 * by reflection, and these getters are declared here.
 */
public interface LaneRouteParams extends Params {
  /** This stage's column Params (created once, in the stage's constructor). */
  Columns columnParams();

  /** String column: the lane, e.g. 'ECGYE>NLRTM'. */
  default Param<String> laneCol() {
    return columnParams().laneCol;
  }

  /** String column: intermediate ports in call order. */
  default Param<String> routeCol() {
    return columnParams().routeCol;
  }

  /** Numeric column: number of intermediate calls. */
  default Param<String> callsCol() {
    return columnParams().callsCol;
  }

  /** Output: intermediate calls above the lane's median (>= 0). */
  default Param<String> detourCol() {
    return columnParams().detourCol;
  }

  /** Output: 1 if the route is not the lane's usual one. */
  default Param<String> unusualRouteCol() {
    return columnParams().unusualRouteCol;
  }

  /** Output: 1 if the lane was rarely or never seen. */
  default Param<String> newLaneCol() {
    return columnParams().newLaneCol;
  }

  /** The column Params of one stage; their names are the saved format, never rename them. */
  final class Columns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Param<String> laneCol;
    private final Param<String> routeCol;
    private final Param<String> callsCol;
    private final Param<String> detourCol;
    private final Param<String> unusualRouteCol;
    private final Param<String> newLaneCol;

    /** Call after the stage's uid is set: a Param records its parent's uid when created. */
    Columns(Params stage) {
      laneCol = new Param<>(stage, "laneCol", "string column: the lane, e.g. 'ECGYE>NLRTM'");
      routeCol = new Param<>(stage, "routeCol", "string column: intermediate ports in call order");
      callsCol = new Param<>(stage, "callsCol", "numeric column: number of intermediate calls");
      detourCol =
          new Param<>(
              stage, "detourCol", "output: intermediate calls above the lane's median (>= 0)");
      unusualRouteCol =
          new Param<>(
              stage, "unusualRouteCol", "output: 1 if the route is not the lane's usual one");
      newLaneCol =
          new Param<>(stage, "newLaneCol", "output: 1 if the lane was rarely or never seen");
    }
  }

  static StructType validateAndTransform(LaneRouteParams stage, String uid, StructType schema) {
    String step = "LaneRoute " + uid;
    String lane = stage.getOrDefault(stage.laneCol());
    String route = stage.getOrDefault(stage.routeCol());
    String calls = stage.getOrDefault(stage.callsCol());
    SchemaChecks.requireTypes(
        step, schema, Map.of(lane, DataTypes.StringType, route, DataTypes.StringType));
    SchemaChecks.requireColumns(step, schema, calls);
    if (!(schema.apply(calls).dataType() instanceof NumericType)) {
      throw CargoRiskErrors.wrongColumnType(
          step, calls, "numeric", schema.apply(calls).dataType().simpleString());
    }
    StructType out = schema;
    for (Param<String> output :
        java.util.List.of(stage.detourCol(), stage.unusualRouteCol(), stage.newLaneCol())) {
      String name = stage.getOrDefault(output);
      SchemaChecks.requireAbsent(step, out, name);
      out = out.add(name, DataTypes.DoubleType, false);
    }
    return out;
  }
}
