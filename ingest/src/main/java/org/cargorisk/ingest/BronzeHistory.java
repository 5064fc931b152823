package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
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
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;

/**
 * Bronze: every accepted record of every source, kept in {@code bronze/history} by the day it
 * arrived (ingest only appends; docs/INGEST.md, "Versions"), and the tables derived from it, by
 * one set of winner rules ({@link #deduplicate}: per natural key, manifests the latest {@code
 * filed_at}, then the latest business date, file and line; for manifests the amendment count and
 * first filing over the distinct filings known).
 *
 * <ul>
 *   <li>{@link #current}: each source's table as it stands now, one row per key; what scoring,
 *       training labels, feedback, reports and exports read.
 *   <li>{@link #asOf}: the table as it was known at the end of a day.
 *   <li>{@link #versions}: every version of every key with the days it was the one known; what
 *       the feature builds read, so that a backfill sees each day as the night saw it.
 * </ul>
 *
 * <pre>{@code
 * Dataset<Row> inspections = BronzeHistory.current(io, Source.INSPECTIONS);
 * Dataset<Row> manifests = BronzeHistory.asOf(io, Source.MANIFESTS, LocalDate.parse("2026-03-18"));
 * }</pre>
 *
 * <p>A version's lineage columns are those of the record that first carried its values: a
 * record re-sent unchanged adds no version and keeps the day it first became known.
 */
public final class BronzeHistory {
  /** The day a key's version became current, while the versions are computed. */
  private static final String DAY = "_version_day";

  private static final String RANK = "_rank";

  /** The winning record of a key on a day, while the versions are computed. */
  private static final String WINNER = "_winner";

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
    return readPinned(io).data();
  }

  /**
   * As {@link #read}, with the version read. A lake without history (none ingested yet, or
   * written before the history existed) is a user error naming the command that fills it.
   */
  public static TableIO.Pinned readPinned(TableIO io) {
    if (!io.exists(LakeTables.HISTORY)) {
      throw CargoRiskErrors.missingInput(
          "Bronze history",
          io.location(LakeTables.HISTORY),
          "This lake has no bronze history (it was written before 2026-12-07, or nothing was"
              + " ingested yet): run 'cargorisk ingest --from D0 --date D' over the dates it holds"
              + " (re-ingesting is idempotent and writes the history; docs/INGEST.md, 'Versions').");
    }
    return io.readLatest(LakeTables.HISTORY, "bronze history");
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
    Dataset<Row> rows = history.where(col(IngestColumns.H_SOURCE).equalTo(lit(source.sourceName())));
    if (day != null) {
      rows = rows.where(col(BronzeColumns.BUSINESS_DATE).leq(lit(Date.valueOf(day))));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /**
   * The source's table as it stands now (every record ingested, whatever its date): one row per
   * key, in the bronze schema, {@code _business_date} the day its current version became known.
   * Read through {@code io} at the history's latest version (recorded as read); a lake without
   * history is a user error naming the command that fills it.
   */
  public static Dataset<Row> current(TableIO io, Source source) {
    return current(read(io), source);
  }

  /** As {@link #current(TableIO, Source)}, from a history already read (e.g. pinned). */
  public static Dataset<Row> current(Dataset<Row> history, Source source) {
    Dataset<Row> all = knownBy(history, source, null);
    return versionsOf(all, source).where(col(BronzeColumns.VALID_TO).isNull()).drop(BronzeColumns.VALID_TO);
  }

  /** The source's table as known at the end of {@code day}: one row per key, bronze schema. */
  public static Dataset<Row> asOf(TableIO io, Source source, LocalDate day) {
    return deduplicate(knownBy(io, source, day), source);
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
   * <p>A key gets a version on each day a record of it arrived, the winner by the bronze rules
   * ({@link #winnerOrder}) among its records known by then; a version equal to the one
   * before it in its contract (and amendment) columns is no new version: a record re-sent
   * unchanged keeps the day it first became known.
   */
  public static Dataset<Row> versions(Dataset<Row> history, Source source, LocalDate to) {
    return versionsOf(knownBy(history, source, to), source);
  }

  /**
   * The versions in one pass per key (one shuffle): the records of a key in order of arrival day,
   * a running maximum of the {@link #winnerOrder} (with the record) over the days so far gives
   * each day's winner, a running set of {@code filed_at} its amendment columns; then one row per
   * day, a row equal to the day before dropped, and {@code _valid_to} the next row's day. The
   * same winners as {@link #deduplicate} of the records known by each day ({@code IngestTest}).
   */
  private static Dataset<Row> versionsOf(Dataset<Row> known, Source source) {
    List<String> key = source.naturalKey();
    Column[] keyColumns = key.stream().map(c -> col(c)).toArray(Column[]::new);
    StructType schema = IngestColumns.bronzeSchema(source);
    List<Column> record = new ArrayList<>();
    for (StructField field : known.schema().fields()) {
      record.add(col(field.name()));
    }
    List<Column> ranked = new ArrayList<>(winnerOrder(source));
    ranked.add(struct(record.toArray(Column[]::new)).as(WINNER));
    WindowSpec sinceFirstDay =
        Window.partitionBy(keyColumns)
            .orderBy(col(BronzeColumns.BUSINESS_DATE))
            .rangeBetween(Window.unboundedPreceding(), Window.currentRow());
    List<Column> perDay = new ArrayList<>(List.of(keyColumns));
    perDay.add(col(BronzeColumns.BUSINESS_DATE).as(DAY));
    perDay.add(max(struct(ranked.toArray(Column[]::new))).over(sinceFirstDay).getField(WINNER).as(WINNER));
    if (source == Source.MANIFESTS) {
      perDay.add(array_sort(collect_set(col(Contracts.FILED_AT)).over(sinceFirstDay)).as(IngestColumns.FILED_AT_VERSIONS));
    }
    // Every record of a day sees the same frame (the day's peers included): one row per day.
    List<String> keyAndDay = new ArrayList<>(key);
    keyAndDay.add(DAY);
    Dataset<Row> days = known.select(perDay.toArray(Column[]::new)).dropDuplicates(keyAndDay.toArray(String[]::new));
    List<Column> winners = new ArrayList<>();
    for (String column : schema.fieldNames()) {
      if (column.equals(IngestColumns.FILED_AT_VERSIONS)) {
        winners.add(col(column));
      } else if (column.equals(BronzeColumns.AMENDMENT_COUNT) || column.equals(BronzeColumns.FIRST_FILED_AT)) {
        winners.add(amendment(column).as(column));
      } else {
        winners.add(col(WINNER + "." + column).as(column));
      }
    }
    winners.add(col(DAY));
    Dataset<Row> perKeyDay = days.select(winners.toArray(Column[]::new));
    List<Column> content = new ArrayList<>();
    for (StructField field : source.schema().fields()) {
      content.add(col(field.name()));
    }
    if (source == Source.MANIFESTS) {
      content.add(col(BronzeColumns.AMENDMENT_COUNT));
      content.add(col(BronzeColumns.FIRST_FILED_AT));
    }
    WindowSpec byDay = Window.partitionBy(keyColumns).orderBy(col(DAY));
    Column values = struct(content.toArray(Column[]::new));
    Dataset<Row> changes =
        perKeyDay
            .withColumn("_previous", lag(values, 1).over(byDay))
            .where(col("_previous").isNull().or(not(col("_previous").eqNullSafe(values))))
            .drop("_previous");
    List<Column> out = new ArrayList<>();
    for (String column : schema.fieldNames()) {
      out.add(column.equals(BronzeColumns.BUSINESS_DATE) ? col(DAY).as(column) : col(column));
    }
    out.add(lead(col(DAY), 1).over(byDay).as(BronzeColumns.VALID_TO));
    return changes.select(out.toArray(Column[]::new));
  }

  /**
   * A manifest's amendment column from the sorted distinct {@code filed_at} values known ({@link
   * IngestColumns#FILED_AT_VERSIONS}): {@code amendment_count} = their number - 1, {@code
   * first_filed_at} = the earliest.
   */
  private static Column amendment(String column) {
    Column versions = col(IngestColumns.FILED_AT_VERSIONS);
    return column.equals(BronzeColumns.AMENDMENT_COUNT) ? size(versions).minus(1) : element_at(versions, 1);
  }

  /**
   * The winner rule: among the records of a key, the greatest by these columns wins (manifests
   * the latest {@code filed_at}; then, all sources, the latest business date, the last file by
   * name and the last line, which make it unique). The one declaration {@link #deduplicate} and
   * {@link #versions} apply.
   */
  private static List<Column> winnerOrder(Source source) {
    List<Column> order = new ArrayList<>();
    if (source == Source.MANIFESTS) {
      order.add(col(Contracts.FILED_AT));
    }
    // A batch may span several business dates (catch-up): the latest date wins.
    order.add(col(BronzeColumns.BUSINESS_DATE));
    order.add(col(BronzeColumns.SOURCE_FILE));
    order.add(col(BronzeColumns.LINE_NUMBER));
    return order;
  }

  /**
   * True for a version (a row of {@link #versions}, its {@code _business_date} and {@code
   * _valid_to} given) that is the one known at the end of {@code asOf}.
   */
  public static Column validAt(Column businessDate, Column validTo, Column asOf) {
    return businessDate.leq(asOf).and(validTo.isNull().or(asOf.lt(validTo)));
  }

  /**
   * One row per natural key, with the bronze schema's columns in order.
   *
   * @param batch contract columns (typed) and the lineage columns of {@link BronzeColumns}
   */
  static Dataset<Row> deduplicate(Dataset<Row> batch, Source source) {
    return deduplicate(batch, source, List.of());
  }

  /**
   * One row per natural key and value of the {@code groups} columns (kept after the bronze
   * schema's columns): the same winner rules, applied within each group (the as-of days of
   * {@link #versions}).
   */
  static Dataset<Row> deduplicate(Dataset<Row> batch, Source source, List<String> groups) {
    List<String> lineage =
        IngestColumns.LINEAGE.stream().map(StructField::name).toList();
    SchemaChecks.requireColumns("bronze " + source.sourceName(), batch.schema(), lineage.toArray(String[]::new));
    List<Column> partition = new ArrayList<>();
    source.naturalKey().forEach(c -> partition.add(col(c)));
    groups.forEach(c -> partition.add(col(c)));
    WindowSpec byKey = Window.partitionBy(partition.toArray(Column[]::new));
    List<Column> order = winnerOrder(source).stream().map(Column::desc).toList();
    Dataset<Row> rows = batch;
    if (source == Source.MANIFESTS) {
      rows =
          rows.withColumn(
              IngestColumns.FILED_AT_VERSIONS, array_sort(collect_set(col(Contracts.FILED_AT)).over(byKey)));
    }
    rows =
        rows.withColumn(RANK, row_number().over(byKey.orderBy(order.toArray(Column[]::new))))
            .filter(col(RANK).equalTo(1))
            .drop(RANK);
    if (source == Source.MANIFESTS) {
      rows =
          rows.withColumn(BronzeColumns.AMENDMENT_COUNT, amendment(BronzeColumns.AMENDMENT_COUNT))
              .withColumn(BronzeColumns.FIRST_FILED_AT, amendment(BronzeColumns.FIRST_FILED_AT));
    }
    List<Column> out = new ArrayList<>();
    for (String column : IngestColumns.bronzeSchema(source).fieldNames()) {
      out.add(col(column));
    }
    groups.forEach(c -> out.add(col(c)));
    return rows.select(out.toArray(Column[]::new));
  }
}
