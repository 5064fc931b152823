package org.cargorisk.synthetic;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;

/**
 * Renders the data dictionary of {@code data-samples/README.md} from the contracts in {@link
 * Source}, so that the documentation cannot drift from the code: a test compares the README
 * with this rendering (and rewrites it on request).
 */
public final class DataDictionary {
  private DataDictionary() {}

  /** Start and end markers of the generated section in the README. */
  public static final String BEGIN = "<!-- data-dictionary:begin (generated from Source.columns(); do not edit) -->";
  public static final String END = "<!-- data-dictionary:end -->";

  /** One source: a heading, its natural key and a table of every column. */
  public static String render(Source source) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(source.sourceName()).append("\n\n");
    out.append("Files: `landing/").append(source.sourceName())
        .append("/date=YYYY-MM-DD/*.csv` (or `.json`, `.parquet`). Natural key: ")
        .append(source.naturalKey().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
        .append(" (a later record with the same key replaces the earlier one).\n\n");
    out.append("| column | type | required | meaning | example | validation rule |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (ColumnSpec column : source.columns()) {
      out.append("| `").append(column.name()).append("` | ")
          .append(column.type().simpleString().toLowerCase(Locale.ROOT)).append(" | ")
          .append(column.required() ? "yes" : "no").append(" | ")
          .append(cell(column.meaning())).append(" | `")
          .append(cell(column.example())).append("` | ")
          .append(cell(column.rule())).append(" |\n");
    }
    return out.toString();
  }

  /** Every source, between the markers. */
  public static String renderAll() {
    return BEGIN + "\n\n"
        + Stream.of(Source.values()).map(DataDictionary::render).collect(Collectors.joining("\n"))
        + "\n" + END;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
