package org.cargorisk.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The landing sources of DESIGN.md, each with its contract. Files for a business date arrive
 * under {@code <landing>/<name>/date=YYYY-MM-DD/} as CSV (header row), JSON lines or Parquet.
 *
 * <p>The contract is declared once, here: the generator writes it, ingest validates against it,
 * and the data dictionary test checks {@code data-samples/README.md} against it.
 */
public enum Source {
  MANIFESTS("manifests", Contracts.MANIFESTS, List.of(Contracts.BL_NUMBER, Contracts.CONTAINER_ID)),
  PORT_CALLS(
      "port_calls",
      Contracts.PORT_CALLS,
      List.of(Contracts.VESSEL_IMO, Contracts.VOYAGE_ID, Contracts.SEQ)),
  CONTAINER_EVENTS(
      "container_events",
      Contracts.CONTAINER_EVENTS,
      List.of(Contracts.CONTAINER_ID, Contracts.EVENT_TYPE, Contracts.LOCATION, Contracts.EVENT_AT)),
  FIRMS("firms", Contracts.FIRMS, List.of(Contracts.FIRM_ID)),
  TRANSACTIONS("transactions", Contracts.TRANSACTIONS, List.of(Contracts.TXN_ID)),
  INSPECTIONS(
      "inspections",
      Contracts.INSPECTIONS,
      List.of(Contracts.BL_NUMBER, Contracts.CONTAINER_ID, Contracts.INSPECTED_AT)),
  FIRM_LABELS(
      "firm_labels",
      Contracts.FIRM_LABELS,
      List.of(Contracts.FIRM_ID, Contracts.LABELLED_ON, Contracts.LABEL));

  private final String sourceName;
  private final List<ColumnSpec> columns;
  private final List<String> naturalKey;

  Source(String sourceName, List<ColumnSpec> columns, List<String> naturalKey) {
    this.sourceName = sourceName;
    this.columns = List.copyOf(columns);
    this.naturalKey = List.copyOf(naturalKey);
  }

  /** Folder name under the landing root, and bronze table name. */
  public String sourceName() {
    return sourceName;
  }

  /** The documented columns, in file order. */
  public List<ColumnSpec> columns() {
    return columns;
  }

  /** The typed contract schema (validated types, required columns non-nullable). */
  public StructType schema() {
    return new StructType(columns.stream().map(ColumnSpec::toField).toArray(StructField[]::new));
  }

  /** The raw schema ingest reads with: every column a string, so nothing fails to parse. */
  public StructType rawSchema() {
    return new StructType(
        columns.stream()
            .map(c -> DataTypes.createStructField(c.name(), DataTypes.StringType, true))
            .toArray(StructField[]::new));
  }

  /** Columns that identify a record; a later record with the same key replaces the earlier. */
  public List<String> naturalKey() {
    return naturalKey;
  }

  public List<String> requiredColumns() {
    return columns.stream().filter(ColumnSpec::required).map(ColumnSpec::name).toList();
  }

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Person-level columns (pseudonymised at ingest); empty for sources without any. */
  public List<String> personalColumns() {
    return this == FIRMS ? Contracts.FIRMS_PERSONAL : List.of();
  }

  public static Source fromName(String name) {
    return Arrays.stream(values())
        .filter(s -> s.sourceName.equals(name.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown source '"
                        + name
                        + "'; known sources: "
                        + Arrays.stream(values()).map(Source::sourceName).toList()));
  }
}
