package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.reference.ReferenceColumns;
import org.cargorisk.reference.ReferenceData;

/**
 * Must-scan rules: a candidate is hit when an entry of the watchlist is active on the business
 * date ({@code valid_from <= date <= valid_to}, open-ended when {@code valid_to} is empty) and
 * names one of its parties (FIRM: shipper, consignee, forwarder or notify party), its container
 * (CONTAINER) or its bill of lading (BL).
 *
 * <p>The watchlist is small (reference data); it is reduced to one row per (entity type, entity
 * id) with the sorted, distinct reasons, then joined once per role with a broadcast hash join.
 * Six broadcast joins keep the candidates where they are (no shuffle) and cannot multiply rows,
 * unlike one join with an OR condition (a nested-loop join) or a join on duplicated entries.
 */
public final class MustScanRules {
  /** Output column: the rule sentences of a candidate, empty when no rule hits it. */
  public static final String RULE_REASONS = "rule_reasons";

  private static final String ENTRY_REASONS = "__watchlist_reasons";
  private static final String ENTRY_ID = "__watchlist_entity_id";

  /** A role of a candidate that a watchlist entity type is matched against. */
  private record Role(String words, String entityType, String column) {}

  private static final List<Role> ROLES =
      List.of(
          new Role("shipper", ReferenceColumns.FIRM, CandidateColumns.SHIPPER_ID),
          new Role("consignee", ReferenceColumns.FIRM, CandidateColumns.CONSIGNEE_ID),
          new Role("forwarder", ReferenceColumns.FIRM, CandidateColumns.FORWARDER_ID),
          new Role("notify party", ReferenceColumns.FIRM, CandidateColumns.NOTIFY_PARTY_ID),
          new Role("container", ReferenceColumns.CONTAINER, CandidateColumns.CONTAINER_ID),
          new Role("B/L", ReferenceColumns.BL, CandidateColumns.BL_NUMBER));

  private final Dataset<Row> watchlist;

  /**
   * @param watchlist the watchlist frame ({@link ReferenceData#watchlistFrame}, schema {@link
   *     ReferenceData#WATCHLIST_SCHEMA})
   */
  public MustScanRules(Dataset<Row> watchlist) {
    this.watchlist = Objects.requireNonNull(watchlist, "watchlist");
    SchemaChecks.requireTypes(
        "MustScanRules",
        watchlist.schema(),
        java.util.Map.of(
            ReferenceColumns.ENTITY_TYPE, DataTypes.StringType,
            ReferenceColumns.ENTITY_ID, DataTypes.StringType,
            ReferenceColumns.REASON, DataTypes.StringType,
            ReferenceColumns.VALID_FROM, DataTypes.DateType,
            ReferenceColumns.VALID_TO, DataTypes.DateType));
  }

  /**
   * Adds {@link #RULE_REASONS} (array of sentences such as "consignee F000123 on watchlist:
   * tip-off ...", never null) to the candidates, using the entries active on {@code date}.
   */
  public Dataset<Row> withRuleReasons(Dataset<Row> candidates, LocalDate date) {
    SchemaChecks.requireColumns(
        "MustScanRules",
        candidates.schema(),
        ROLES.stream().map(Role::column).distinct().toArray(String[]::new));
    SchemaChecks.requireAbsent("MustScanRules", candidates.schema(), RULE_REASONS);
    Column day = lit(Date.valueOf(date));
    Dataset<Row> active =
        watchlist
            .where(
                col(ReferenceColumns.VALID_FROM)
                    .leq(day)
                    .and(
                        col(ReferenceColumns.VALID_TO)
                            .isNull()
                            .or(col(ReferenceColumns.VALID_TO).geq(day))))
            .groupBy(ReferenceColumns.ENTITY_TYPE, ReferenceColumns.ENTITY_ID)
            .agg(array_sort(collect_set(col(ReferenceColumns.REASON))).as(ENTRY_REASONS));

    Dataset<Row> out = candidates;
    List<Column> sentences = new ArrayList<>();
    List<String> helpers = new ArrayList<>();
    for (int i = 0; i < ROLES.size(); i++) {
      Role role = ROLES.get(i);
      String reasonsColumn = ENTRY_REASONS + "_" + i;
      String idColumn = ENTRY_ID + "_" + i;
      Dataset<Row> entries =
          active
              .where(col(ReferenceColumns.ENTITY_TYPE).equalTo(role.entityType()))
              .select(
                  col(ReferenceColumns.ENTITY_ID).as(idColumn),
                  col(ENTRY_REASONS).as(reasonsColumn));
      out = out.join(broadcast(entries), out.col(role.column()).equalTo(col(idColumn)), "left");
      Column id = col(role.column());
      sentences.add(
          when(
                  col(reasonsColumn).isNotNull(),
                  transform(
                      col(reasonsColumn),
                      reason ->
                          concat(lit(role.words() + " "), id, lit(" on watchlist: "), reason)))
              .otherwise(array().cast(DataTypes.createArrayType(DataTypes.StringType))));
      helpers.add(reasonsColumn);
      helpers.add(idColumn);
    }
    return out.withColumn(RULE_REASONS, array_distinct(concat(sentences.toArray(Column[]::new))))
        .drop(helpers.toArray(String[]::new));
  }
}
