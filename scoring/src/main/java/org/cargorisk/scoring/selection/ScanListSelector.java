package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the day's scan list of every customs office from the scored candidates (one row per
 * bl_number and container_id, columns {@link CandidateColumns}).
 *
 * <p>Per office, with capacity C (configured, else {@code ceil(defaultCapacityShare ×
 * candidates)}):
 *
 * <ol>
 *   <li>every candidate hit by a must-scan rule is listed as {@code RULE}, even beyond C: a rule
 *       is never dropped for lack of capacity; the overflow is counted in {@link
 *       ScanList#summary()} and logged;
 *   <li>of the remaining {@code max(0, C - RULE)} places, {@code explorationSlots(C)} are
 *       reserved for random picks: {@code round(explorationShare × C)} (half up), and at least 1
 *       when C &gt;= 20 and the share is above 0, so even a small share keeps an honest control
 *       group at a real office;
 *   <li>the other places go to the highest model scores ({@code MODEL}; score descending). The
 *       score is the model's uncalibrated one, which separates containers; the estimated hit
 *       chance beside it rises with it, so it would give the same order. Equal scores (rare) are
 *       ordered by {@code xxhash64(bl_number, container_id)}, then B/L, then container: fixed on
 *       every run, unrelated to risk. Candidates without a score are never {@code MODEL}
 *       picks: places the model cannot fill become random places;
 *   <li>the random places are filled uniformly among the candidates neither rules nor the model
 *       picked ({@code RANDOM}): the candidates are ordered by {@code xxhash64(seed, date,
 *       office, bl_number, container_id)} and the first ones are taken. The order is a
 *       pseudo-random permutation fixed by the seed: the same input and seed give the same picks
 *       on any cluster and partitioning; another seed or date gives another draw.
 * </ol>
 *
 * <p>All windows are partitioned by office only, so the selection costs one shuffle; an office's
 * candidates of one day (thousands to tens of thousands) fit one task.
 *
 * <pre>{@code
 * ScanList list = new ScanListSelector()
 *     .date(date).capacities(config.officeCapacities())
 *     .defaultCapacityShare(0.03).explorationShare(0.05).seed(config.selectionSeed())
 *     .watchlist(reference.watchlistFrame(spark))
 *     .select(scoredCandidates);
 * }</pre>
 */
public final class ScanListSelector {
  private static final Logger LOG = LoggerFactory.getLogger(ScanListSelector.class);
  private static final String STEP = "ScanListSelector";

  /** Default share of capacity for random control picks (DESIGN.md: 5 %). */
  public static final double DEFAULT_EXPLORATION_SHARE = 0.05;
  /** Default capacity of an office without a configured one, as a share of its candidates. */
  public static final double DEFAULT_CAPACITY_SHARE = 0.03;
  /** From this capacity on, an office gets at least one random pick whatever the share. */
  public static final int MIN_CAPACITY_FOR_RANDOM_PICK = 20;

  // Working columns of the decision frame (ScanList#decisions).
  static final String IS_RULE = "__is_rule";
  static final String CANDIDATES = "__candidates";
  static final String RULE_COUNT = "__rule_count";
  static final String SCORED_REST = "__scored_rest";
  static final String MODEL_SLOTS = "__model_slots";
  static final String RANDOM_SLOTS = "__random_slots";
  static final String MODEL_ELIGIBLE = "__model_eligible";
  static final String MODEL_RANK = "__model_rank";
  static final String REST = "__rest";
  static final String RANDOM_KEY = "__random_key";
  static final String RANDOM_RANK = "__random_rank";
  static final String TIE_HASH = "__tie_hash";

  private LocalDate date;
  private final Map<String, Integer> capacities = new TreeMap<>();
  private double defaultCapacityShare = DEFAULT_CAPACITY_SHARE;
  private double explorationShare = DEFAULT_EXPLORATION_SHARE;
  private Long seed;
  private Dataset<Row> watchlist;

  /** The business date; only candidates with {@code as_of} equal to it are considered. */
  public ScanListSelector date(LocalDate businessDate) {
    this.date = Objects.requireNonNull(businessDate, "date");
    return this;
  }

  /** Containers per day per office (UN/LOCODE); offices not in the map get the default share. */
  public ScanListSelector capacities(Map<String, Integer> officeCapacities) {
    officeCapacities.forEach(
        (office, capacity) -> {
          if (capacity == null || capacity < 0) {
            throw CargoRiskErrors.invalidConfiguration(
                "capacity of office " + office, capacity, "must be at least 0");
          }
        });
    capacities.putAll(officeCapacities);
    return this;
  }

  /** Capacity of an unconfigured office as a share of its candidates, in (0, 1]. */
  public ScanListSelector defaultCapacityShare(double share) {
    if (!(share > 0 && share <= 1)) {
      throw CargoRiskErrors.invalidConfiguration(
          "default capacity share", share, "must be in (0, 1]");
    }
    this.defaultCapacityShare = share;
    return this;
  }

  /** Share of each office's capacity reserved for random control picks, in [0, 0.5]. */
  public ScanListSelector explorationShare(double share) {
    if (!(share >= 0 && share <= 0.5)) {
      throw CargoRiskErrors.invalidConfiguration(
          "exploration share", share, "must be between 0 and 0.5");
    }
    this.explorationShare = share;
    return this;
  }

  /** Seed of the random picks; recorded in every row of the list. */
  public ScanListSelector seed(long selectionSeed) {
    this.seed = selectionSeed;
    return this;
  }

  /** The watchlist frame ({@code ReferenceData.watchlistFrame}); without one no RULE picks. */
  public ScanListSelector watchlist(Dataset<Row> watchlistFrame) {
    this.watchlist = Objects.requireNonNull(watchlistFrame, "watchlist");
    return this;
  }

  /**
   * Number of random places of an office with the given capacity: {@code round(share ×
   * capacity)} half up, at least 1 from {@link #MIN_CAPACITY_FOR_RANDOM_PICK} on (share above 0).
   * The same rule as the Spark expression {@link #explorationSlots(Column, double)}.
   */
  public static int explorationSlots(int capacity, double share) {
    int slots = (int) Math.floor(capacity * share + 0.5);
    return share > 0 && capacity >= MIN_CAPACITY_FOR_RANDOM_PICK ? Math.max(1, slots) : slots;
  }

  static Column explorationSlots(Column capacity, double share) {
    Column slots = round(capacity.cast(DataTypes.DoubleType).multiply(share), 0).cast("int");
    return share > 0
        ? when(capacity.geq(MIN_CAPACITY_FOR_RANDOM_PICK), greatest(slots, lit(1))).otherwise(slots)
        : slots;
  }

  /** Selects the scan lists of every office for the date. Lazy: nothing runs until used. */
  public ScanList select(Dataset<Row> candidates) {
    if (date == null) {
      throw CargoRiskErrors.misuse("ScanListSelector", "the date is not set; call date(...) before select(...)");
    }
    if (seed == null) {
      // selection.seed always has a value (default 20260101): a missing seed is the caller's.
      throw CargoRiskErrors.misuse(
          "ScanListSelector", "the seed is not set; call seed(...) so random picks can be replayed");
    }
    SchemaChecks.requireTypes(STEP, candidates.schema(), CandidateColumns.TYPES);
    SchemaChecks.requireAbsent(STEP, candidates.schema(), MustScanRules.RULE_REASONS);

    Dataset<Row> day =
        candidates.where(col(CandidateColumns.AS_OF).equalTo(lit(Date.valueOf(date))));
    Dataset<Row> withRules =
        watchlist == null
            ? day.withColumn(
                MustScanRules.RULE_REASONS,
                array().cast(DataTypes.createArrayType(DataTypes.StringType)))
            : new MustScanRules(watchlist).withRuleReasons(day, date);
    if (watchlist == null) {
      LOG.warn(
          "Scan lists for {} without a watchlist: no must-scan rule is applied. Give the selector"
              + " the watchlist (watchlist.csv in reference.dir) to apply them.",
          date);
    }

    Column office = col(CandidateColumns.OFFICE);
    Column bl = col(CandidateColumns.BL_NUMBER);
    Column container = col(CandidateColumns.CONTAINER_ID);
    Column score = col(CandidateColumns.SCORE);
    WindowSpec perOffice = Window.partitionBy(office);
    Column one = lit(1);
    Column zero = lit(0);

    Dataset<Row> counted =
        withRules
            .withColumn(IS_RULE, size(col(MustScanRules.RULE_REASONS)).gt(0))
            .withColumn(MODEL_ELIGIBLE, not(col(IS_RULE)).and(score.isNotNull()))
            .withColumn(CANDIDATES, count(one).over(perOffice).cast("int"))
            .withColumn(RULE_COUNT, sum(when(col(IS_RULE), one).otherwise(zero)).over(perOffice))
            .withColumn(
                SCORED_REST,
                sum(when(col(MODEL_ELIGIBLE), one).otherwise(zero)).over(perOffice))
            .withColumn(
                ScanListColumns.CAPACITY,
                coalesce(
                    configuredCapacity(office),
                    ceil(col(CANDIDATES).multiply(defaultCapacityShare)).cast("int")));

    Column capacity = col(ScanListColumns.CAPACITY);
    Column remaining = greatest(zero, capacity.minus(col(RULE_COUNT)));
    Column reserve = least(remaining, explorationSlots(capacity, explorationShare));
    Column modelSlots = least(remaining.minus(reserve), col(SCORED_REST));
    Dataset<Row> slotted =
        counted
            .withColumn(MODEL_SLOTS, modelSlots)
            .withColumn(RANDOM_SLOTS, remaining.minus(col(MODEL_SLOTS)))
            .withColumn(TIE_HASH, xxhash64(bl, container))
            .withColumn(
                RANDOM_KEY,
                xxhash64(lit(seed), lit(date.toString()), office, bl, container));

    // Eligible rows sort first, so their row number within the office is their model rank.
    Dataset<Row> modelRanked =
        slotted.withColumn(
            MODEL_RANK,
            row_number()
                .over(
                    perOffice.orderBy(
                        col(MODEL_ELIGIBLE).desc(),
                        score.desc_nulls_last(),
                        col(TIE_HASH).asc(),
                        bl.asc(),
                        container.asc())));
    Column isModel = col(MODEL_ELIGIBLE).and(col(MODEL_RANK).leq(col(MODEL_SLOTS)));
    Dataset<Row> randomRanked =
        modelRanked
            .withColumn(REST, not(col(IS_RULE)).and(not(isModel)))
            .withColumn(
                RANDOM_RANK,
                row_number()
                    .over(
                        perOffice.orderBy(
                            col(REST).desc(), col(RANDOM_KEY).asc(), bl.asc(), container.asc())));
    Column selection =
        when(col(IS_RULE), lit(Selection.RULE.name()))
            .when(isModel, lit(Selection.MODEL.name()))
            .when(
                col(REST).and(col(RANDOM_RANK).leq(col(RANDOM_SLOTS))),
                lit(Selection.RANDOM.name()));
    Dataset<Row> decisions = randomRanked.withColumn(ScanListColumns.SELECTION, selection);

    return new ScanList(date, seed, listed(decisions), decisions);
  }

  private Column configuredCapacity(Column office) {
    Column capacity = null;
    for (Map.Entry<String, Integer> entry : capacities.entrySet()) {
      capacity =
          capacity == null
              ? when(office.equalTo(entry.getKey()), lit(entry.getValue()))
              : capacity.when(office.equalTo(entry.getKey()), lit(entry.getValue()));
    }
    return capacity == null ? lit(null).cast("int") : capacity;
  }

  /** The listed rows, ranked and shaped as {@link ScanListColumns#SCHEMA}. */
  private Dataset<Row> listed(Dataset<Row> decisions) {
    Column selection = col(ScanListColumns.SELECTION);
    Column isRandom = selection.equalTo(Selection.RANDOM.name());
    Column selectionOrder =
        when(selection.equalTo(Selection.RULE.name()), 0)
            .when(selection.equalTo(Selection.MODEL.name()), 1)
            .otherwise(2);
    Column rank =
        row_number()
            .over(
                Window.partitionBy(col(CandidateColumns.OFFICE))
                    .orderBy(
                        selectionOrder.asc(),
                        when(not(isRandom), col(CandidateColumns.SCORE)).desc_nulls_last(),
                        when(isRandom, col(RANDOM_KEY)).asc_nulls_last(),
                        col(TIE_HASH).asc(),
                        col(CandidateColumns.BL_NUMBER).asc(),
                        col(CandidateColumns.CONTAINER_ID).asc()));

    Column modelReasons =
        coalesce(
            col(CandidateColumns.REASONS),
            array().cast(DataTypes.createArrayType(DataTypes.StringType)));
    Column allReasons =
        when(
                selection.equalTo(Selection.RULE.name()),
                concat(col(MustScanRules.RULE_REASONS), modelReasons))
            .when(isRandom, concat(array(lit(Selection.RANDOM_REASON)), modelReasons))
            .when(
                size(filter(modelReasons, reason -> reason.isNotNull())).equalTo(0),
                array(lit(Selection.MODEL_ONLY_REASON)))
            .otherwise(modelReasons);
    Column reasons =
        slice(filter(allReasons, reason -> reason.isNotNull()), 1, ScanListColumns.MAX_REASONS);

    List<Column> columns = new ArrayList<>();
    columns.add(lit(Date.valueOf(date)).as(ScanListColumns.BUSINESS_DATE));
    columns.add(col(CandidateColumns.OFFICE));
    columns.add(rank.as(ScanListColumns.RANK));
    columns.add(col(CandidateColumns.BL_NUMBER));
    columns.add(col(CandidateColumns.CONTAINER_ID));
    columns.add(col(CandidateColumns.SCORE));
    columns.add(col(CandidateColumns.HIT_CHANCE));
    columns.add(selection);
    columns.add(reasons.as(ScanListColumns.REASONS));
    columns.add(col(CandidateColumns.MODEL_VERSION));
    columns.add(lit(seed).as(ScanListColumns.SELECTION_SEED));
    columns.add(col(ScanListColumns.CAPACITY));
    for (String descriptive : CandidateColumns.DESCRIPTIVE) {
      columns.add(col(descriptive));
    }
    return DeltaPartitions.conform(
        decisions.where(selection.isNotNull()).select(columns.toArray(Column[]::new)),
        ScanListColumns.SCHEMA);
  }
}
