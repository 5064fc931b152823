package org.cargorisk.features.fitted;

import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;

/** Params shared by {@link LaneRoute} and {@link LaneRouteModel}, and their schema check. */
interface LaneRouteParams extends Params {
  Param<String> laneCol();

  Param<String> routeCol();

  Param<String> callsCol();

  Param<String> detourCol();

  Param<String> unusualRouteCol();

  Param<String> newLaneCol();

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
