package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;

/**
 * Idempotent MERGE of one day's accepted records into a bronze table, on the source's natural
 * key.
 *
 * <ul>
 *   <li>Duplicates of a key within the day: one deterministic winner (manifests: the latest
 *       {@code filed_at}; then the last file by name and the last line).
 *   <li>Most sources: the latest business date wins; a row is only rewritten when the incoming
 *       record is from the same or a later date <em>and</em> its contract values differ, so a
 *       re-run leaves unchanged rows (and their lineage) as they were, and a late-arriving older
 *       date does not overwrite newer data.
 *   <li>Manifests: the latest {@code filed_at} wins whatever the arrival order. The set of
 *       distinct {@code filed_at} values seen is kept ({@link IngestColumns#FILED_AT_VERSIONS}),
 *       so {@code amendment_count} and {@code first_filed_at} count each version once across
 *       dates, re-runs and late files.
 * </ul>
 *
 * Quality flags are not compared: they record what was known when the row version was written,
 * and a re-run after more firms arrived must not rewrite otherwise unchanged rows.
 */
final class BronzeMerge {
  /** Delta's operation name of an append. */
  static final String WRITE = "WRITE";

  /** Delta's operation name of a MERGE. */
  static final String MERGE = "MERGE";

  /**
   * Delta materialises (local-checkpoints) a MERGE source that it cannot prove deterministic,
   * which for a source read from files is a full extra pass that writes every row to disk. Ours
   * is deterministic: the records are read from immutable landing files and persisted, the
   * deduplication orders by a unique key (file, line), and bronze firms (the referential flags)
   * cannot change during the MERGE (firms are committed first; one writer holds the lake lock);
   * so the MERGE reads it directly.
   */
  private static final String MATERIALIZE_SOURCE = "spark.databricks.delta.merge.materializeSource";

  private static final String RANK = "_rank";
  private static final String TARGET = "t";
  private static final String SOURCE = "s";

  private BronzeMerge() {}

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
   * {@link BronzeHistory#versions}).
   */
  static Dataset<Row> deduplicate(Dataset<Row> batch, Source source, List<String> groups) {
    List<String> lineage =
        IngestColumns.LINEAGE.stream().map(StructField::name).toList();
    SchemaChecks.requireColumns("bronze " + source.sourceName(), batch.schema(), lineage.toArray(String[]::new));
    List<Column> partition = new ArrayList<>();
    source.naturalKey().forEach(c -> partition.add(col(c)));
    groups.forEach(c -> partition.add(col(c)));
    WindowSpec byKey = Window.partitionBy(partition.toArray(Column[]::new));
    List<Column> order = new ArrayList<>();
    if (source == Source.MANIFESTS) {
      order.add(col(Contracts.FILED_AT).desc());
    }
    // A batch may span several business dates (catch-up): the latest date wins.
    order.add(col(BronzeColumns.BUSINESS_DATE).desc());
    order.add(col(BronzeColumns.SOURCE_FILE).desc());
    order.add(col(BronzeColumns.LINE_NUMBER).desc());
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
      Column versions = col(IngestColumns.FILED_AT_VERSIONS);
      rows =
          rows.withColumn(BronzeColumns.AMENDMENT_COUNT, size(versions).minus(1))
              .withColumn(BronzeColumns.FIRST_FILED_AT, element_at(versions, 1));
    }
    List<Column> out = new ArrayList<>();
    for (String column : IngestColumns.bronzeSchema(source).fieldNames()) {
      out.add(col(column));
    }
    groups.forEach(c -> out.add(col(c)));
    return rows.select(out.toArray(Column[]::new));
  }

  /**
   * Writes the deduplicated batch into the table (which must exist): one atomic commit. Into an
   * empty table (the first load) it is a plain append, which gives the rows a MERGE would insert
   * without the MERGE's join against the target; otherwise a {@link #merge MERGE}.
   *
   * @return the Delta operation committed ({@code WRITE} or {@code MERGE})
   */
  static String write(TableIO io, Source source, Dataset<Row> deduplicated) {
    LakeTable table = LakeTables.bronze(source);
    if (io.isEmpty(table)) {
      io.appendFirstLoad(table, deduplicated);
      return WRITE;
    }
    merge(io, source, deduplicated);
    io.recordWritten(table);
    return MERGE;
  }

  /** Merges the deduplicated batch into the table (which must exist): one atomic commit. */
  static void merge(TableIO io, Source source, Dataset<Row> deduplicated) {
    String[] columns = IngestColumns.bronzeSchema(source).fieldNames();
    Column keyMatch = lit(true);
    for (String key : source.naturalKey()) {
      keyMatch = keyMatch.and(target(key).equalTo(incoming(key)));
    }
    Column same = lit(true);
    for (ColumnSpec spec : source.columns()) {
      same = same.and(target(spec.name()).eqNullSafe(incoming(spec.name())));
    }
    Column differs = not(same);
    Map<String, Column> everything = new LinkedHashMap<>();
    for (String column : columns) {
      everything.put(column, incoming(column));
    }
    var merge =
        io.deltaTable(LakeTables.bronze(source))
            .as(TARGET)
            .merge(deduplicated.as(SOURCE), keyMatch);
    if (source == Source.MANIFESTS) {
      Column versions =
          array_sort(
              array_union(target(IngestColumns.FILED_AT_VERSIONS), incoming(IngestColumns.FILED_AT_VERSIONS)));
      Map<String, Column> amendments = new LinkedHashMap<>();
      amendments.put(IngestColumns.FILED_AT_VERSIONS, versions);
      amendments.put(BronzeColumns.AMENDMENT_COUNT, size(versions).minus(1));
      amendments.put(BronzeColumns.FIRST_FILED_AT, element_at(versions, 1));
      Map<String, Column> newerVersion = new LinkedHashMap<>(everything);
      newerVersion.putAll(amendments);
      Column filedAt = incoming(Contracts.FILED_AT);
      Column targetFiledAt = target(Contracts.FILED_AT);
      Column newer =
          filedAt
              .gt(targetFiledAt)
              .or(
                  filedAt
                      .equalTo(targetFiledAt)
                      .and(incoming(BronzeColumns.BUSINESS_DATE).geq(target(BronzeColumns.BUSINESS_DATE)))
                      .and(differs));
      Column unseenVersion =
          size(array_except(incoming(IngestColumns.FILED_AT_VERSIONS), target(IngestColumns.FILED_AT_VERSIONS)))
              .gt(0);
      merge =
          merge
              .whenMatched(newer)
              .update(newerVersion)
              // An older version arrived late: count it, keep the newer data and its lineage.
              .whenMatched(unseenVersion)
              .update(amendments);
    } else {
      merge =
          merge
              .whenMatched(
                  incoming(BronzeColumns.BUSINESS_DATE).geq(target(BronzeColumns.BUSINESS_DATE)).and(differs))
              .update(everything);
    }
    var statement = merge.whenNotMatched().insert(everything);
    SparkSession spark = deduplicated.sparkSession();
    String materialize = spark.conf().get(MATERIALIZE_SOURCE, null);
    spark.conf().set(MATERIALIZE_SOURCE, "none");
    try {
      statement.execute();
    } finally {
      if (materialize == null) {
        spark.conf().unset(MATERIALIZE_SOURCE);
      } else {
        spark.conf().set(MATERIALIZE_SOURCE, materialize);
      }
    }
  }

  private static Column target(String column) {
    return col(TARGET + "." + column);
  }

  private static Column incoming(String column) {
    return col(SOURCE + "." + column);
  }
}
