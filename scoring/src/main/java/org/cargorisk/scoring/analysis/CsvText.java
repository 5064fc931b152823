package org.cargorisk.scoring.analysis;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.scoring.export.ExportCells;

/**
 * RFC 4180 CSV text of a bounded set of rows, for the analysis exports that pandas reads: a
 * header row, fields quoted when they hold a comma, quote or line break, null as an empty field,
 * dates and timestamps in ISO form, arrays joined with " | ". Text cells that a spreadsheet would
 * take for a formula get a leading apostrophe, as in the scan-list exports.
 */
final class CsvText {
  /** Separator of array elements inside one field. */
  static final String LIST_SEPARATOR = " | ";

  private CsvText() {}

  static String of(StructType schema, Iterator<Row> rows) {
    StringBuilder csv = new StringBuilder();
    csv.append(List.of(schema.fieldNames()).stream().map(CsvText::quote).collect(Collectors.joining(","))).append('\n');
    StructField[] fields = schema.fields();
    while (rows.hasNext()) {
      Row row = rows.next();
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          csv.append(',');
        }
        csv.append(quote(cell(row, i, fields[i])));
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  private static String cell(Row row, int index, StructField field) {
    if (row.isNullAt(index)) {
      return "";
    }
    if (field.dataType() instanceof ArrayType) {
      return row.getList(index).stream().map(String::valueOf).map(CsvText::text).collect(Collectors.joining(LIST_SEPARATOR));
    }
    Object value = row.get(index);
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Double number) {
      return number.isNaN() || number.isInfinite() ? "" : String.format(Locale.ROOT, "%s", number);
    }
    if (value instanceof String string) {
      return text(string);
    }
    return String.valueOf(value);
  }

  private static String text(String value) {
    return value.matches("(?s)" + ExportCells.FORMULA_START + ".*") ? "'" + value : value;
  }

  static String quote(String value) {
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }
}
