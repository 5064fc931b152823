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
 * The column Params shared by {@link PeerRobustZ} and {@link PeerRobustZModel}, and their schema
 * check (MLlib's {@code GBTClassifierParams} in Java). An interface cannot hold the Param
 * instances, so each stage creates one {@link Columns} with itself as parent and the getters here
 * read from it. Public because Spark finds a stage's Params by calling its public Param getters
 * by reflection, and these getters are declared here.
 */
public interface PeerRobustZParams extends Params {
  /** This stage's column Params (created once, in the stage's constructor). */
  Columns columnParams();

  /** Numeric column whose peers are compared (nulls ignored). */
  default Param<String> inputCol() {
    return columnParams().inputCol;
  }

  /** String column naming the peer group (e.g. HS heading). */
  default Param<String> groupCol() {
    return columnParams().groupCol;
  }

  /** Output column: robust z-score. */
  default Param<String> outputCol() {
    return columnParams().outputCol;
  }

  /** Optional output column: x / peer median (default empty: none). */
  default Param<String> ratioCol() {
    return columnParams().ratioCol;
  }

  /**
   * The column Params of one stage; their names are the saved format, never rename them. The
   * stage sets the default of {@code ratioCol} (empty) itself.
   */
  final class Columns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Param<String> inputCol;
    private final Param<String> groupCol;
    private final Param<String> outputCol;
    private final Param<String> ratioCol;

    /** Call after the stage's uid is set: a Param records its parent's uid when created. */
    Columns(Params stage) {
      inputCol =
          new Param<>(stage, "inputCol", "numeric column whose peers are compared (nulls ignored)");
      groupCol =
          new Param<>(stage, "groupCol", "string column naming the peer group (e.g. HS heading)");
      outputCol =
          new Param<>(
              stage, "outputCol", "output column: robust z-score (x - median) / (1.4826 MAD)");
      ratioCol =
          new Param<>(stage, "ratioCol", "optional output column: x / peer median (empty: none)");
    }
  }

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
