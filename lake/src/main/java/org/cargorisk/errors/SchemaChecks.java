package org.cargorisk.errors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Preconditions on input schemas, checked before any computation (Deequ's preconditions). */
public final class SchemaChecks {
  private SchemaChecks() {}

  /** Fails with {@link ErrorCode#MISSING_COLUMN} naming every column the step needs but lacks. */
  public static void requireColumns(String step, StructType schema, String... columns) {
    List<String> available = Arrays.asList(schema.fieldNames());
    List<String> missing = new ArrayList<>();
    for (String column : columns) {
      if (!available.contains(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      throw CargoRiskErrors.missingColumns(step, missing, available);
    }
  }

  /** Fails unless each named column exists with the given type. */
  public static void requireTypes(String step, StructType schema, Map<String, DataType> types) {
    requireColumns(step, schema, types.keySet().toArray(String[]::new));
    for (Map.Entry<String, DataType> entry : types.entrySet()) {
      StructField field = schema.apply(entry.getKey());
      if (!field.dataType().sameType(entry.getValue())) {
        throw CargoRiskErrors.wrongColumnType(
            step,
            entry.getKey(),
            entry.getValue().simpleString(),
            field.dataType().simpleString());
      }
    }
  }

  /** Fails if the output column already exists (a stage never silently overwrites). */
  public static void requireAbsent(String step, StructType schema, String column) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw CargoRiskErrors.columnExists(step, column);
    }
  }
}
