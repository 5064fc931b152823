package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.cargorisk.contracts.Source;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;

/**
 * A source's bronze table as it was known at the end of a day, computed from {@code
 * bronze/history} (every accepted record by the day it arrived; docs/INGEST.md, "Bronze
 * history"): the records that had arrived by then, with one winner per key by the same rules as
 * the nightly MERGE ({@link BronzeMerge#deduplicate}: manifests the latest {@code filed_at}, then
 * the latest business date, file and line), and for manifests the amendment count and first
 * filing over the versions known by then.
 *
 * <pre>{@code
 * Dataset<Row> manifests = BronzeHistory.asOf(io, Source.MANIFESTS, LocalDate.parse("2026-03-18"));
 * }</pre>
 *
 * <p>Its contract and amendment columns equal those the bronze table had after the ingest of that
 * day ({@code IngestTest}); the lineage columns are those of the winning record (the MERGE keeps
 * an unchanged row's older lineage). Nothing reads it yet: the features switch to it with the
 * backfill-equals-night test of issue 22.
 */
public final class BronzeHistory {
  private BronzeHistory() {}

  /**
   * The source's accepted records that had arrived by the end of {@code day}, every version
   * (contract columns, then the lineage columns), read through {@code io} (recorded as read).
   */
  public static Dataset<Row> knownBy(TableIO io, Source source, LocalDate day) {
    Dataset<Row> history = io.readLatest(LakeTables.HISTORY, "bronze history").data();
    List<Column> columns = new ArrayList<>();
    for (StructField field : source.schema().fields()) {
      columns.add(col(source.sourceName() + "." + field.name()).cast(field.dataType()).as(field.name()));
    }
    for (StructField field : IngestColumns.LINEAGE) {
      columns.add(col(field.name()));
    }
    return history
        .where(col(IngestColumns.H_SOURCE).equalTo(lit(source.sourceName())))
        .where(col(BronzeColumns.BUSINESS_DATE).leq(lit(Date.valueOf(day))))
        .select(columns.toArray(Column[]::new));
  }

  /** The source's table as known at the end of {@code day}: one row per key, bronze schema. */
  public static Dataset<Row> asOf(TableIO io, Source source, LocalDate day) {
    return BronzeMerge.deduplicate(knownBy(io, source, day), source);
  }
}
