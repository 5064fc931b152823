package org.cargorisk.lake;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one Delta table of the lake: where it lives, what identifies a row, how it
 * is partitioned, which class owns its schema, how it is written and which step writes it. Every
 * table is declared once, in {@link LakeTables}; {@link TableIO} reads and writes a table only
 * through its declaration.
 *
 * <p>The schema is named, not held: the lake module comes first in the pipeline and cannot
 * import the {@code *Columns} classes of the modules that compute the rows (features, scoring),
 * and moving those schemas down here would part them from the code and comments that give each
 * column its meaning. So {@link #schemaOwner} names the static {@code StructType} field (or the
 * static method of a {@link org.cargorisk.contracts.Source}) that declares it, as {@code
 * fully.qualified.Class#MEMBER}; the jobs module, which sees every module, resolves each one in
 * {@code LakeCatalogueTest} and checks that the declared key and partition columns are in it.
 *
 * @param name the table's name in the data dictionary and the run report ({@code scan_list})
 * @param path its folder relative to the lake root ({@code gold/scan_list})
 * @param layer bronze, silver, gold, quarantine or restricted
 * @param keyColumns the columns that identify a row (natural key)
 * @param partitionColumns the Delta partition columns (empty: unpartitioned)
 * @param schemaOwner {@code Class#MEMBER} of the schema's single declaration
 * @param writeMode how every write commits to it
 * @param owner the step that writes it
 */
public record LakeTable(
    String name,
    String path,
    Layer layer,
    List<String> keyColumns,
    List<String> partitionColumns,
    String schemaOwner,
    WriteMode writeMode,
    LakeStep owner) {

  public LakeTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(layer, "layer");
    keyColumns = List.copyOf(keyColumns);
    partitionColumns = List.copyOf(partitionColumns);
    Objects.requireNonNull(schemaOwner, "schemaOwner");
    Objects.requireNonNull(writeMode, "writeMode");
    Objects.requireNonNull(owner, "owner");
    if (!schemaOwner.contains("#")) {
      throw new IllegalArgumentException("schemaOwner must be Class#MEMBER, cannot be: " + schemaOwner);
    }
  }

  /** Layers of the lake (DESIGN.md, "The lake"). */
  public enum Layer {
    BRONZE,
    QUARANTINE,
    SILVER,
    GOLD,
    /** Owner-only folder: tables analysts must not read. */
    RESTRICTED
  }

  /** The write idioms of the lake; a table has exactly one. */
  public enum WriteMode {
    /** New rows only (the run record, the access log, registry versions). */
    APPEND,
    /**
     * Delta {@code replaceWhere} on the partition column: a run replaces whole date partitions
     * atomically, so a re-run for the same dates gives the same table.
     */
    REPLACE_PARTITIONS
  }
}
