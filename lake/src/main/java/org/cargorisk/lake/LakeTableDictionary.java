package org.cargorisk.lake;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lake's table list in {@code data-samples/README.md}, rendered from the declarations
 * ({@link LakeTables#all()}) so that the documented list is the declared one; {@code
 * LakeCatalogueTest} (jobs) fails when the README differs and rewrites it when run with {@code
 * CARGORISK_REGENERATE_DICTIONARY=1}.
 */
public final class LakeTableDictionary {
  private LakeTableDictionary() {}

  public static final String BEGIN = "<!-- lake-tables:begin (generated from LakeTables.all(); do not edit) -->";
  public static final String END = "<!-- lake-tables:end -->";

  /** The section between the markers, markers included. */
  public static String render() {
    StringBuilder text = new StringBuilder(BEGIN).append("\n\n");
    text.append("| table | path below the lake root | layer | key | partitioned by | written by | write mode | input of | schema |\n");
    text.append("|---|---|---|---|---|---|---|---|---|\n");
    for (LakeTable table : LakeTables.all()) {
      text.append("| `")
          .append(table.name())
          .append("` | `")
          .append(table.path())
          .append("` | ")
          .append(lower(table.layer().name()))
          .append(" | ")
          .append(columns(table.keyColumns()))
          .append(" | ")
          .append(table.partitionColumns().isEmpty() ? "-" : columns(table.partitionColumns()))
          .append(" | ")
          .append(lower(table.owner().name()))
          .append(" | ")
          .append(lower(table.writeMode().name()))
          .append(" | ")
          .append(readers(table))
          .append(" | `")
          .append(table.schemaOwner().substring(table.schemaOwner().lastIndexOf('.') + 1))
          .append("` |\n");
    }
    return text.append('\n').append(END).toString();
  }

  private static String readers(LakeTable table) {
    String steps =
        java.util.Arrays.stream(LakeStep.values())
            .filter(step -> step.reads().stream().anyMatch(read -> read.table().equals(table)))
            .map(step -> lower(step.name()))
            .collect(Collectors.joining(", "));
    return steps.isEmpty() ? "-" : steps;
  }

  private static String columns(List<String> names) {
    return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
