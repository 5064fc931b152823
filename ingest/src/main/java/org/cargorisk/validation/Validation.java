package org.cargorisk.validation;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.lake.BronzeColumns;

/** Applies a source's hard rules to raw (all-string) records. */
public final class Validation {
  private Validation() {}

  /**
   * Validates raw records of one source.
   *
   * @param raw every contract column as a string, plus {@link ValidationColumns#FORMAT_REASONS}
   *     and any pass-through columns (lineage, raw record)
   * @return the pass-through columns, the contract columns typed, and {@link
   *     ValidationColumns#REASONS} (all hard reason codes; empty when the record is accepted)
   */
  public static Dataset<Row> validate(Dataset<Row> raw, Source source, LocalDate businessDate) {
    List<String> contract = source.columns().stream().map(ColumnSpec::name).toList();
    SchemaChecks.requireColumns("validate " + source.sourceName(), raw.schema(), contract.toArray(String[]::new));
    SchemaChecks.requireTypes(
        "validate " + source.sourceName(),
        raw.schema(),
        java.util.Map.of(ValidationColumns.FORMAT_REASONS, DataTypes.createArrayType(DataTypes.StringType)));
    SchemaChecks.requireAbsent("validate " + source.sourceName(), raw.schema(), ValidationColumns.REASONS);

    List<Column> passThrough =
        Arrays.stream(raw.columns()).filter(c -> !contract.contains(c)).map(c -> col(c)).toList();
    // A batch that spans several business dates carries each record's date in a column.
    SourceRules rules =
        Arrays.asList(raw.columns()).contains(BronzeColumns.BUSINESS_DATE)
            ? SourceRules.of(source, col(BronzeColumns.BUSINESS_DATE))
            : SourceRules.of(source, businessDate);

    List<Column> cleaned = new ArrayList<>(passThrough);
    cleaned.addAll(rules.cleanedColumns());
    Column[] broken =
        rules.rules().stream().map(r -> when(r.broken(), lit(r.code()))).toArray(Column[]::new);
    Column reasons = concat(col(ValidationColumns.FORMAT_REASONS), array_compact(array(broken)));

    List<Column> typed = new ArrayList<>(passThrough);
    typed.addAll(rules.typedColumns());
    typed.add(col(ValidationColumns.REASONS));
    return raw.select(cleaned.toArray(Column[]::new))
        .withColumn(ValidationColumns.REASONS, reasons)
        .select(typed.toArray(Column[]::new));
  }
}
