package org.cargorisk.features.fitted;

import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;

/** Params shared by {@link PeerRobustZ} and {@link PeerRobustZModel}, and their schema check. */
interface PeerRobustZParams extends Params {
  Param<String> inputCol();

  Param<String> groupCol();

  Param<String> outputCol();

  Param<String> ratioCol();

  /** Checks inputs (numeric value, string group) and that no output column exists yet. */
  static StructType validateAndTransform(PeerRobustZParams stage, String uid, StructType schema) {
    String step = "PeerRobustZ " + uid;
    String input = stage.getOrDefault(stage.inputCol());
    String group = stage.getOrDefault(stage.groupCol());
    String output = stage.getOrDefault(stage.outputCol());
    String ratio = stage.getOrDefault(stage.ratioCol());
    SchemaChecks.requireTypes(step, schema, Map.of(group, DataTypes.StringType));
    SchemaChecks.requireColumns(step, schema, input);
    if (!(schema.apply(input).dataType() instanceof NumericType)) {
      throw CargoRiskErrors.wrongColumnType(
          step, input, "numeric", schema.apply(input).dataType().simpleString());
    }
    SchemaChecks.requireAbsent(step, schema, output);
    StructType out = schema.add(output, DataTypes.DoubleType, true);
    if (!ratio.isEmpty()) {
      SchemaChecks.requireAbsent(step, schema, ratio);
      out = out.add(ratio, DataTypes.DoubleType, true);
    }
    return out;
  }
}
