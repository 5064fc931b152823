package org.cargorisk.scoring.export;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark column expressions that make cell text safe for the files customs opens: CSV cells that
 * a spreadsheet cannot execute, and HTML text that a browser cannot interpret. Built-in functions
 * only, so the work happens in the executors and no UDF is needed.
 */
public final class ExportCells {
  private ExportCells() {}

  /**
   * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): {@code =
   * + - @}, tab and carriage return at the start.
   */
  public static final String FORMULA_START = "^[=+\\-@\\t\\r]";

  /** Text prefixed with an apostrophe if it starts like a formula; null stays null. */
  public static Column neutraliseFormula(Column text) {
    Column value = text.cast(DataTypes.StringType);
    return when(value.rlike(FORMULA_START), concat(lit("'"), value)).otherwise(value);
  }

  /**
   * One RFC 4180 CSV field: formula-neutralised, quoted, inner quotes doubled; null as an empty
   * quoted field. Line breaks inside the field are kept (they are legal inside quotes).
   */
  public static Column csvField(Column text) {
    Column safe = coalesce(neutraliseFormula(text), lit(""));
    return concat(lit("\""), regexp_replace(safe, "\"", "\"\""), lit("\""));
  }

  /** HTML text: {@code & < > " '} escaped (ampersand first); null as the empty string. */
  public static Column htmlText(Column text) {
    Column value = coalesce(text.cast(DataTypes.StringType), lit(""));
    Column escaped = regexp_replace(value, "&", "&amp;");
    escaped = regexp_replace(escaped, "<", "&lt;");
    escaped = regexp_replace(escaped, ">", "&gt;");
    escaped = regexp_replace(escaped, "\"", "&quot;");
    return regexp_replace(escaped, "'", "&#39;");
  }

  /** An array of sentences as escaped HTML lines separated by {@code <br>}. */
  public static Column htmlLines(Column sentences) {
    return coalesce(array_join(transform(sentences, ExportCells::htmlText), "<br>"), lit(""));
  }

  /** The same escaping in Java, for the few header values the driver writes. */
  public static String escapeHtml(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
