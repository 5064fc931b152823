package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
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
 * an unchanged row's older lineage). {@link #versions} gives every day's view in one table.
 */
public final class BronzeHistory {
  /** The day a key's version became current, while the versions are computed. */
  private static final String DAY = "_version_day";

  private BronzeHistory() {}

  /**
   * A source's records (its contract columns and the lineage columns, e.g. an ingest's accepted
   * records or rows shaped like bronze) as rows of {@code bronze/history}, in its schema.
   */
  public static Dataset<Row> rows(Source source, Dataset<Row> records) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : IngestColumns.HISTORY_SCHEMA.fields()) {
      String name = field.name();
      if (name.equals(IngestColumns.H_SOURCE)) {
        columns.add(lit(source.sourceName()).as(name));
      } else if (name.equals(source.sourceName())) {
        columns.add(struct(source.columns().stream().map(c -> col(c.name())).toArray(Column[]::new)).cast(field.dataType()).as(name));
      } else if (IngestColumns.LINEAGE.stream().anyMatch(l -> l.name().equals(name))) {
        columns.add(col(name).cast(field.dataType()).as(name));
      } else {
        columns.add(lit(null).cast(field.dataType()).as(name));
      }
    }
    return records.select(columns.toArray(Column[]::new));
  }

  /** The whole history table at its latest version, read through {@code io} (recorded as read). */
  public static Dataset<Row> read(TableIO io) {
    return io.readLatest(LakeTables.HISTORY, "bronze history").data();
  }

  /**
   * The source's accepted records that had arrived by the end of {@code day}, every version
   * (contract columns, then the lineage columns), read through {@code io} (recorded as read).
   */
  public static Dataset<Row> knownBy(TableIO io, Source source, LocalDate day) {
    return knownBy(read(io), source, day);
  }

  /** As {@link #knownBy(TableIO, Source, LocalDate)}, from a history already read (e.g. pinned). */
  public static Dataset<Row> knownBy(Dataset<Row> history, Source source, LocalDate day) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : source.schema().fields()) {
      columns.add(col(source.sourceName() + "." + field.name()).as(field.name()));
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

  /**
   * Every version of the source's records known by the end of {@code to}, each with the days it
   * was the one known: the bronze schema (for manifests with the amendment columns as they stood
   * then), {@code _business_date} the day it became current and {@link BronzeColumns#VALID_TO}
   * the day a later version replaced it (null while current). So the table as known at the end
   * of any day D <= {@code to} is the rows with {@code _business_date <= D} and ({@code
   * _valid_to} null or {@code D < _valid_to}), equal to {@link #asOf} of D: one query serves
   * every as_of date of a feature build (docs/INGEST.md, "Bronze history").
   *
   * <p>A key gets a version on each day a record of it arrived, the winner by the MERGE's rules
   * ({@link BronzeMerge#deduplicate}) among its records known by then; a version equal to the one
   * before it in its contract (and amendment) columns is no new version: a record re-sent
   * unchanged keeps the day it first became known.
   */
  public static Dataset<Row> versions(Dataset<Row> history, Source source, LocalDate to) {
    Dataset<Row> known = knownBy(history, source, to);
    List<String> key = source.naturalKey();
    Dataset<Row> days =
        known.select(
                java.util.stream.Stream.concat(
                        key.stream().map(c -> col(c)), java.util.stream.Stream.of(col(BronzeColumns.BUSINESS_DATE).as(DAY)))
                    .toArray(Column[]::new))
            .distinct();
    // Each day a key got a record, with every record of the key known by the end of that day.
    Dataset<Row> upTo =
        known.join(days, scala.jdk.javaapi.CollectionConverters.asScala(key).toList())
            .where(col(BronzeColumns.BUSINESS_DATE).leq(col(DAY)));
    Dataset<Row> winners = BronzeMerge.deduplicate(upTo, source, List.of(DAY));
    List<Column> content = new ArrayList<>();
    for (StructField field : source.schema().fields()) {
      content.add(col(field.name()));
    }
    if (source == Source.MANIFESTS) {
      content.add(col(BronzeColumns.AMENDMENT_COUNT));
      content.add(col(BronzeColumns.FIRST_FILED_AT));
    }
    Column[] keyColumns = key.stream().map(c -> col(c)).toArray(Column[]::new);
    WindowSpec byDay = Window.partitionBy(keyColumns).orderBy(col(DAY));
    Column values = struct(content.toArray(Column[]::new));
    Dataset<Row> changes =
        winners
            .withColumn("_previous", lag(values, 1).over(byDay))
            .where(col("_previous").isNull().or(not(col("_previous").eqNullSafe(values))))
            .drop("_previous");
    List<Column> out = new ArrayList<>();
    for (String column : IngestColumns.bronzeSchema(source).fieldNames()) {
      out.add(column.equals(BronzeColumns.BUSINESS_DATE) ? col(DAY).as(column) : col(column));
    }
    out.add(lead(col(DAY), 1).over(byDay).as(BronzeColumns.VALID_TO));
    return changes.select(out.toArray(Column[]::new));
  }

  /**
   * True for a version (a row of {@link #versions}, its {@code _business_date} and {@code
   * _valid_to} given) that is the one known at the end of {@code asOf}.
   */
  public static Column validAt(Column businessDate, Column validTo, Column asOf) {
    return businessDate.leq(asOf).and(validTo.isNull().or(asOf.lt(validTo)));
  }
}
