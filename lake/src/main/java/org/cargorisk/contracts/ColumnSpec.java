package org.cargorisk.contracts;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * One column of a landing contract: name, type, whether it is required, and the documentation
 * that goes into the data dictionary ({@code data-samples/README.md}).
 *
 * @param name column name in landing files and bronze tables
 * @param type Spark type after validation
 * @param required true if a record without a value is quarantined
 * @param meaning what the column means, for the data dictionary
 * @param example an example value as it appears in a landing file
 * @param rule the validation rule, in words, for the data dictionary
 */
public record ColumnSpec(
    String name, DataType type, boolean required, String meaning, String example, String rule) {

  /** As a Spark field; the documentation travels as the field's {@code comment} metadata. */
  public StructField toField() {
    Metadata metadata =
        new MetadataBuilder()
            .putString("comment", meaning)
            .putString("example", example)
            .putString("rule", rule)
            .build();
    return new StructField(name, type, !required, metadata);
  }
}
