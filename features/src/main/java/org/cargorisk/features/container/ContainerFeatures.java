package org.cargorisk.features.container;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;
import static org.cargorisk.features.container.ContainerFeatureColumns.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.features.firm.FirmFeatures;
import org.cargorisk.features.inputs.BronzeInputs;
import org.cargorisk.features.inputs.PointInTime;
import org.cargorisk.features.inputs.ReferenceLookups;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container features for every scoring date in a range, in one pass.
 *
 * <p>Which containers: for as_of D, the (bl_number, container_id) whose current manifest version
 * is known by the end of D and that arrive on D+1 (eta date), plus manifests first filed on D for
 * containers that already arrived (eta on or before D), so every container is scored once. Each
 * container gets its own as_of = max(eta date - 1, first filing date); every feature is then
 * bounded by that as_of: events, port calls, inspections and firm records count only if known by
 * the end of as_of ({@link PointInTime}), party history counts only manifests first filed before
 * this one, and firm risk comes from {@code firm_features} of the same as_of.
 *
 * <p>Fitted statistics (peer medians, usual routes) come from {@link ContainerStatistics}: given,
 * or fitted on manifests known before {@code fitBefore} (default: the first as_of), so they never
 * see the range being computed.
 *
 * <pre>{@code
 * BronzeInputs bronze = BronzeInputs.versions(new TableIO(spark, lake), LocalDate.parse("2026-03-31")).inputs();
 * Dataset<Row> features = ContainerFeatures.builder(spark).bronze(bronze).reference(reference)
 *     .from(LocalDate.parse("2026-03-01")).to(LocalDate.parse("2026-03-31")).build();
 * }</pre>
 */
public final class ContainerFeatures {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerFeatures.class);

  /** Container events up to this many days before the eta belong to the current trip. */
  public static final int TRIP_LOOKBACK_DAYS = 45;
  /** Window of the vessel's port-call history. */
  public static final int VESSEL_HISTORY_DAYS = 90;
  /** Risk tier of high-risk ports and countries. */
  public static final int HIGH_RISK_TIER = 3;

  // Intermediate columns (also the inputs of the fitted statistics).
  static final String HS_HEADING = "_hs_heading";
  static final String VALUE_PER_KG = "_value_per_kg";
  static final String WEIGHT_KG = "_weight_kg";
  static final String WEIGHT_GROUP = "_weight_group";
  static final String LANE = "_lane";
  static final String ROUTE = "_route";
  private static final String ROUTE_PORTS = "_route_ports";
  private static final String POL_DEPARTED = "_pol_departed_at";
  private static final List<String> KEY = List.of(BL_NUMBER, CONTAINER_ID, AS_OF);
  /** A manifest line: the key of a record version of bronze manifests. */
  private static final List<String> KEY_WITHOUT_AS_OF = List.of(BL_NUMBER, CONTAINER_ID);

  private final SparkSession spark;
  private BronzeInputs bronze;
  private ReferenceData reference;
  private LocalDate from;
  private LocalDate to;
  private LocalDate fitBefore;
  private Dataset<Row> firmFeatures;
  private ContainerStatistics statistics;
  /** Intermediate results kept by {@link #build()} for reuse; dropped by {@link #release()}. */
  private final List<Dataset<Row>> kept = new ArrayList<>();

  private ContainerFeatures(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  public static ContainerFeatures builder(SparkSession spark) {
    return new ContainerFeatures(spark);
  }

  public ContainerFeatures bronze(BronzeInputs inputs) {
    this.bronze = inputs;
    return this;
  }

  public ContainerFeatures reference(ReferenceData value) {
    this.reference = value;
    return this;
  }

  /** First as_of (inclusive). */
  public ContainerFeatures from(LocalDate value) {
    this.from = value;
    return this;
  }

  /** Last as_of (inclusive). */
  public ContainerFeatures to(LocalDate value) {
    this.to = value;
    return this;
  }

  /** Fit the statistics on manifests known before this date (default: {@code from}). */
  public ContainerFeatures fitBefore(LocalDate value) {
    this.fitBefore = value;
    return this;
  }

  /** Firm features covering [from, to] (e.g. the silver table); computed if not given. */
  public ContainerFeatures firmFeatures(Dataset<Row> value) {
    this.firmFeatures = value;
    return this;
  }

  /** Use these fitted statistics instead of fitting. */
  public ContainerFeatures statistics(ContainerStatistics value) {
    this.statistics = value;
    return this;
  }

  private void validate() {
    if (bronze == null || reference == null || from == null || to == null) {
      throw CargoRiskErrors.invalidConfiguration(
          "container features", "from=" + from + ", to=" + to,
          "bronze, reference, from and to must all be set");
    }
    if (to.isBefore(from)) {
      throw CargoRiskErrors.invalidConfiguration(
          "container features range", from + ".." + to, "the first date must not be after the last");
    }
  }

  /**
   * Fits the statistics on manifests known by the end of the day before {@code fitBefore} (or
   * {@code from}). Bounded collects: one row per HS heading, heading x container type, and lane.
   */
  public ContainerStatistics fitStatistics() {
    validate();
    LocalDate cutoff = fitBefore == null ? from : fitBefore;
    Column lastKnownDay = lit(cutoff.minusDays(1));
    Dataset<Row> history =
        prepared(bronze.manifests().withColumn(AS_OF, lastKnownDay))
            .where(PointInTime.knownBy(col(Contracts.FILED_AT), col(BronzeColumns.BUSINESS_DATE), col(BronzeColumns.VALID_TO), col(AS_OF)));
    Dataset<Row> withRoutes = withRoute(history);
    LOG.info("Fitting container feature statistics on manifests known before {}", cutoff);
    return ContainerStatistics.fit(withRoutes);
  }

  /** The container features for as_of in [from, to], in {@link ContainerFeatureColumns#SCHEMA} order. */
  public Dataset<Row> build() {
    validate();
    ContainerStatistics fitted = statistics != null ? statistics : fitStatistics();
    ReferenceLookups lookups = new ReferenceLookups(reference);

    // The manifests scored and their routed, fitted rows are each read by several of the joins
    // below; kept once instead of a plan that repeats them (and their bronze scans) per read.
    Dataset<Row> targets = keep(prepared(scored(bronze.manifests())));
    Dataset<Row> features = withRoute(targets);
    features = keep(fitted.lanes().transform(fitted.valuePerKg().transform(fitted.weight().transform(features))));
    features = features.join(routeRisk(features, lookups), toSeq(KEY), "left");
    features = features.join(vesselHistory(targets, lookups), toSeq(List.of(Contracts.VESSEL_IMO, AS_OF)), "left");
    features = features.join(events(targets, lookups), toSeq(KEY), "left");
    features = withPartyHistory(features);
    features = withPartyInspections(features, targets, Contracts.SHIPPER_ID, SHIPPER_PAST_INSPECTIONS, SHIPPER_PAST_HITS);
    features = withPartyInspections(features, targets, Contracts.CONSIGNEE_ID, CONSIGNEE_PAST_INSPECTIONS, CONSIGNEE_PAST_HITS);
    features = withFirmAge(features, Contracts.SHIPPER_ID, "_shipper");
    features = withFirmAge(features, Contracts.CONSIGNEE_ID, "_consignee");
    features = withFirmAge(features, Contracts.FORWARDER_ID, "_forwarder");
    features = withFirmAge(features, Contracts.NOTIFY_PARTY_ID, "_notify");
    features = withFirmRisk(features);
    return select(features, lookups);
  }

  /**
   * Drops the intermediate results {@link #build()} keeps in memory (or on disk); call it once the
   * built features are written. Reading the built features after this recomputes them.
   */
  public void release() {
    kept.forEach(rows -> rows.unpersist(false));
    kept.clear();
  }

  /** Persists an intermediate result that later steps read more than once (see {@link #release()}). */
  private Dataset<Row> keep(Dataset<Row> rows) {
    Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
    kept.add(persisted);
    return persisted;
  }

  /** The manifests scored in [from, to], each with its as_of. */
  private Dataset<Row> scored(Dataset<Row> manifests) {
    Column asOf =
        greatest(date_sub(to_date(col(Contracts.ETA)), 1), to_date(col(BronzeColumns.FIRST_FILED_AT)));
    return manifests
        .withColumn(AS_OF, asOf)
        .where(col(AS_OF).between(lit(from), lit(to)))
        .where(PointInTime.knownBy(col(Contracts.FILED_AT), col(BronzeColumns.BUSINESS_DATE), col(BronzeColumns.VALID_TO), col(AS_OF)));
  }

  /** Derived per-manifest columns used by the goods features and the fitted statistics. */
  private static Dataset<Row> prepared(Dataset<Row> manifests) {
    Column weight = col(Contracts.GROSS_WEIGHT_KG);
    return manifests
        .withColumn(HS_HEADING, substring(col(Contracts.HS_CODE), 1, 4))
        .withColumn(WEIGHT_KG, weight)
        .withColumn(WEIGHT_GROUP, concat_ws("|", col(HS_HEADING), col(Contracts.CONTAINER_TYPE)))
        .withColumn(VALUE_PER_KG, when(weight.gt(0), col(Contracts.DECLARED_VALUE_EUR).divide(weight)))
        .withColumn(LANE, concat_ws(">", col(Contracts.PORT_OF_LOADING), col(Contracts.PORT_OF_DISCHARGE)));
  }

  /**
   * The voyage's calls between loading and discharge (known by as_of): intermediate ports in
   * order, their number, the route text, and the departure from the port of loading.
   */
  private Dataset<Row> withRoute(Dataset<Row> manifests) {
    Dataset<Row> calls =
        bronze.portCalls()
            .select(
                col(Contracts.VESSEL_IMO).as("_pc_vessel"),
                col(Contracts.VOYAGE_ID).as("_pc_voyage"),
                col(Contracts.SEQ).as("_seq"),
                col(Contracts.PORT).as("_port"),
                col(Contracts.ARRIVED_AT).as("_arrived"),
                col(Contracts.DEPARTED_AT).as("_departed"),
                col(BronzeColumns.BUSINESS_DATE).as("_pc_business_date"),
                col(BronzeColumns.VALID_TO).as("_pc_valid_to"));
    Dataset<Row> keys =
        manifests.select(
            col(BL_NUMBER), col(CONTAINER_ID), col(AS_OF), col(Contracts.VESSEL_IMO),
            col(Contracts.VOYAGE_ID), col(Contracts.PORT_OF_LOADING), col(Contracts.PORT_OF_DISCHARGE));
    Column known =
        PointInTime.valid(col("_pc_business_date"), col("_pc_valid_to"), col(AS_OF))
            .and(col("_arrived").isNull().or(PointInTime.before(col("_arrived"), col(AS_OF))));
    Dataset<Row> perContainer =
        keys.join(
                calls,
                col(Contracts.VESSEL_IMO).equalTo(col("_pc_vessel"))
                    .and(col(Contracts.VOYAGE_ID).equalTo(col("_pc_voyage")))
                    .and(known))
            .groupBy(toColumns(KEY))
            .agg(
                array_sort(collect_list(struct(col("_seq").as("seq"), col("_port").as("port")))).as("_calls"),
                min(when(col("_port").equalTo(col(Contracts.PORT_OF_LOADING)), col("_seq"))).as("_load_seq"),
                max(when(col("_port").equalTo(col(Contracts.PORT_OF_DISCHARGE)), col("_seq"))).as("_discharge_seq"),
                min(when(col("_port").equalTo(col(Contracts.PORT_OF_LOADING)), col("_departed")))
                    .as(POL_DEPARTED));
    Column between =
        filter(
            col("_calls"),
            c -> c.getField("seq").gt(coalesce(col("_load_seq"), lit(0)))
                .and(c.getField("seq").lt(coalesce(col("_discharge_seq"), lit(Integer.MAX_VALUE)))));
    Dataset<Row> routes =
        perContainer.select(
            col(BL_NUMBER), col(CONTAINER_ID), col(AS_OF),
            transform(between, c -> c.getField("port")).as(ROUTE_PORTS),
            col(POL_DEPARTED));
    return manifests
        .join(routes, toSeq(KEY), "left")
        .withColumn(ROUTE_PORTS, coalesce(col(ROUTE_PORTS), org.apache.spark.sql.functions.array().cast("array<string>")))
        .withColumn(ROUTE, array_join(col(ROUTE_PORTS), "-"))
        .withColumn(ROUTE_INTERMEDIATE_CALLS, size(col(ROUTE_PORTS)).cast("double"));
  }

  /** Transshipment ports (TRANSSHIP events of the trip) joined with the voyage's intermediate ports. */
  private Dataset<Row> routeRisk(Dataset<Row> features, ReferenceLookups lookups) {
    Dataset<Row> transships =
        tripEvents(features)
            .where(col(Contracts.EVENT_TYPE).equalTo("TRANSSHIP"))
            .groupBy(toColumns(KEY))
            .agg(
                collect_set(col(Contracts.LOCATION)).as("_transship_ports"),
                // In the order the container passed them (first TRANSSHIP event per port).
                array_sort(collect_list(struct(col(Contracts.EVENT_AT).as("at"), col(Contracts.LOCATION).as("port"))))
                    .as("_transship_visits"));
    Dataset<Row> joined = features.select(toColumns(KEY, ROUTE_PORTS)).join(transships, toSeq(KEY), "left");
    Column transshipPorts = coalesce(col("_transship_ports"), org.apache.spark.sql.functions.array().cast("array<string>"));
    Column ports = array_union(col(ROUTE_PORTS), transshipPorts);
    Column tiers = transform(ports, p -> lookups.portTier(p));
    return joined.select(
        col(BL_NUMBER), col(CONTAINER_ID), col(AS_OF),
        coalesce(array_max(tiers), lit(0)).cast("double").as(ROUTE_MAX_PORT_TIER),
        size(filter(tiers, t -> t.geq(HIGH_RISK_TIER))).cast("double").as(ROUTE_HIGH_RISK_PORTS),
        size(transshipPorts).cast("double").as(TRANSSHIPMENT_COUNT),
        // concat_ws of an empty array is "", which must read as "none known" (null), not a value.
        when(size(transshipPorts).gt(0),
                concat_ws(", ", array_distinct(filter(
                    transform(col("_transship_visits"), v -> v.getField("port")), p -> p.isNotNull()))))
            .as(TRANSSHIPMENT_PORTS));
  }

  /** The container's events of this trip known by as_of: from eta - 45 days to the end of as_of. */
  private Dataset<Row> tripEvents(Dataset<Row> targets) {
    Dataset<Row> events =
        bronze.containerEvents()
            .select(
                col(Contracts.CONTAINER_ID).as("_ev_container"),
                col(Contracts.EVENT_TYPE),
                col(Contracts.LOCATION),
                col(Contracts.EVENT_AT),
                col(Contracts.SEAL_NUMBER).as("_ev_seal"),
                col(BronzeColumns.BUSINESS_DATE).as("_ev_business_date"),
                col(BronzeColumns.VALID_TO).as("_ev_valid_to"));
    Dataset<Row> keys =
        targets.select(
            col(BL_NUMBER), col(CONTAINER_ID), col(AS_OF), col(Contracts.ETA),
            col(Contracts.PORT_OF_LOADING), col(Contracts.PORT_OF_DISCHARGE), col(Contracts.SEAL_NUMBER));
    return keys.join(
        events,
        col(CONTAINER_ID).equalTo(col("_ev_container"))
            .and(PointInTime.knownBy(col(Contracts.EVENT_AT), col("_ev_business_date"), col("_ev_valid_to"), col(AS_OF)))
            .and(col(Contracts.EVENT_AT).geq(date_sub(to_date(col(Contracts.ETA)), TRIP_LOOKBACK_DAYS).cast("timestamp"))));
  }

  /** Event features: seals, dwell at transshipment ports, event order, discharge to gate-out. */
  private Dataset<Row> events(Dataset<Row> targets, ReferenceLookups lookups) {
    Dataset<Row> trip = tripEvents(targets);
    Column type = col(Contracts.EVENT_TYPE);
    Column at = col(Contracts.EVENT_AT);
    Column atPod = col(Contracts.LOCATION).equalTo(col(Contracts.PORT_OF_DISCHARGE));
    Dataset<Row> perTrip =
        trip.groupBy(toColumns(KEY))
            .agg(
                sum(when(type.equalTo("SEAL_CHANGE"), 1.0).otherwise(0.0)).as(SEAL_CHANGE_COUNT),
                sum(when(type.notEqual("SEAL_CHANGE").and(col("_ev_seal").isNotNull())
                        .and(col("_ev_seal").notEqual(col(Contracts.SEAL_NUMBER))), 1.0).otherwise(0.0))
                    .as(SEAL_MISMATCH_COUNT),
                min(when(type.equalTo("GATE_IN"), at)).as("_gate_in"),
                min(when(type.equalTo("LOAD"), at)).as("_first_load"),
                min(when(type.equalTo("DISCHARGE"), at)).as("_first_discharge"),
                min(when(type.equalTo("DISCHARGE").and(atPod), at)).as("_pod_discharge"),
                min(when(type.equalTo("GATE_OUT").and(atPod), at)).as("_gate_out"));
    Column unusualOrder =
        coalesce(col("_gate_in").gt(col("_first_load")), lit(false))
            .or(coalesce(col("_first_discharge").lt(col("_first_load")), lit(false)))
            .or(coalesce(col("_gate_out").lt(col("_pod_discharge")), lit(false)))
            .or(col("_gate_out").isNotNull().and(col("_pod_discharge").isNull()));
    Dataset<Row> dwell =
        trip.where(col(Contracts.LOCATION).notEqual(col(Contracts.PORT_OF_LOADING)).and(col(Contracts.LOCATION).notEqual(col(Contracts.PORT_OF_DISCHARGE))))
            .groupBy(toColumns(KEY, Contracts.LOCATION))
            .agg(max(at).as("_last"), min(at).as("_first"))
            .groupBy(toColumns(KEY))
            .agg(max(unix_seconds(col("_last")).minus(unix_seconds(col("_first")))).divide(3600.0)
                .as(TRANSSHIP_DWELL_HOURS_MAX));
    return perTrip
        .select(
            col(BL_NUMBER), col(CONTAINER_ID), col(AS_OF), col(SEAL_CHANGE_COUNT), col(SEAL_MISMATCH_COUNT),
            when(unusualOrder, 1.0).otherwise(0.0).as(EVENT_ORDER_UNUSUAL),
            unix_seconds(col("_gate_out")).minus(unix_seconds(col("_pod_discharge"))).divide(3600.0)
                .as(DISCHARGE_TO_GATE_OUT_HOURS))
        .join(dwell, toSeq(KEY), "left");
  }

  /** Calls of the vessel (any voyage) at high-risk ports in the 90 days up to as_of. */
  private Dataset<Row> vesselHistory(Dataset<Row> targets, ReferenceLookups lookups) {
    Dataset<Row> vesselDays = targets.select(Contracts.VESSEL_IMO, AS_OF).distinct();
    Dataset<Row> calls =
        bronze.portCalls()
            .where(lookups.portTier(col(Contracts.PORT)).geq(HIGH_RISK_TIER))
            .select(
                col(Contracts.VESSEL_IMO).as("_pc_vessel"),
                // the first call of a voyage has no arrival time: its departure stands in
                coalesce(col(Contracts.ARRIVED_AT), col(Contracts.DEPARTED_AT)).as("_arrived"),
                col(BronzeColumns.BUSINESS_DATE).as("_pc_business_date"),
                col(BronzeColumns.VALID_TO).as("_pc_valid_to"));
    return vesselDays
        .join(
            calls,
            col(Contracts.VESSEL_IMO).equalTo(col("_pc_vessel"))
                .and(PointInTime.knownBy(col("_arrived"), col("_pc_business_date"), col("_pc_valid_to"), col(AS_OF)))
                .and(col("_arrived").geq(date_sub(col(AS_OF), VESSEL_HISTORY_DAYS - 1).cast("timestamp"))))
        .groupBy(Contracts.VESSEL_IMO, AS_OF)
        .agg(count(lit(1)).cast("double").as(VESSEL_HIGH_RISK_CALLS_90D));
  }

  /**
   * Party history from manifest lines known strictly before this one (so containers of the same
   * filing do not count each other): prior lines per shipper and consignee, first pairing, and
   * whether the consignee never received goods from this origin country before. A line counts
   * for a party from the first version that named it (an amendment that names another party
   * adds a line for that party and leaves the first its own: the party was on the line), at
   * the later of its first filing and the day that version landed; so a later version or a
   * late-landed line never changes what an earlier as_of counted.
   */
  private Dataset<Row> withPartyHistory(Dataset<Row> features) {
    Dataset<Row> result = features;
    result = withPrior(result, "_shipper_prior", Contracts.SHIPPER_ID);
    result = withPrior(result, "_consignee_prior", Contracts.CONSIGNEE_ID);
    result = withPrior(result, "_pair_prior", Contracts.SHIPPER_ID, Contracts.CONSIGNEE_ID);
    result = withPrior(result, "_origin_prior", Contracts.CONSIGNEE_ID, Contracts.ORIGIN_COUNTRY);
    return result
        .withColumn(SHIPPER_PRIOR_MANIFESTS, col("_shipper_prior").cast("double"))
        .withColumn(CONSIGNEE_PRIOR_MANIFESTS, col("_consignee_prior").cast("double"))
        .withColumn(FIRST_TIME_PAIR, when(col("_pair_prior").equalTo(0), 1.0).otherwise(0.0))
        .withColumn(
            CONSIGNEE_NEW_ORIGIN_COUNTRY,
            when(col("_consignee_prior").gt(0).and(col("_origin_prior").equalTo(0)), 1.0).otherwise(0.0))
        .drop("_shipper_prior", "_consignee_prior", "_pair_prior", "_origin_prior");
  }

  /**
   * The number of other lines known before this line with the same values of {@code party}
   * (null counts as a value, like a window's partition), joined to the features on the line and
   * the party values of the version scored.
   */
  private Dataset<Row> withPrior(Dataset<Row> features, String name, String... party) {
    Column known =
        unix_seconds(greatest(col(BronzeColumns.FIRST_FILED_AT), col(BronzeColumns.BUSINESS_DATE).cast("timestamp")));
    List<String> lineAndParty = new ArrayList<>(KEY_WITHOUT_AS_OF);
    lineAndParty.addAll(List.of(party));
    Dataset<Row> named =
        bronze.manifests().groupBy(toColumns(lineAndParty)).agg(min(known).as("_known"));
    WindowSpec prior =
        Window.partitionBy(toColumns(List.of(party))).orderBy("_known").rangeBetween(Window.unboundedPreceding(), -1);
    List<Column> out = new ArrayList<>();
    Column on = lit(true);
    for (String column : lineAndParty) {
      out.add(col(column).as(name + column));
      on = on.and(col(column).eqNullSafe(col(name + column)));
    }
    out.add(count(lit(1)).over(prior).as(name));
    Dataset<Row> counts = named.select(out.toArray(Column[]::new));
    Dataset<Row> joined = features.join(counts, on, "left");
    for (String column : lineAndParty) {
      joined = joined.drop(name + column);
    }
    return joined;
  }

  /**
   * Inspections and hits of a party's containers known by the end of as_of (as-of join: the
   * inspections and the (party, as_of) lookups are sorted together per party, inspections first
   * on the same day, and summed cumulatively). A line counts for every party a version of it
   * named, from the day that version landed; an inspection counts in the version known at the
   * end of as_of (a corrected outcome replaces the first from the day it landed).
   */
  private Dataset<Row> withPartyInspections(
      Dataset<Row> features, Dataset<Row> targets, String role, String inspections, String hits) {
    // The lines that named the party, from the day the first version naming it landed.
    Dataset<Row> named =
        bronze.manifests().where(col(role).isNotNull())
            .groupBy(col(BL_NUMBER), col(CONTAINER_ID), col(role).as("_party"))
            .agg(min(col(BronzeColumns.BUSINESS_DATE)).as("_named"));
    // Each inspection version counts from the later of its known day and the naming, until a
    // later version of it replaced it (a -1 on that day, so the cumulative sum drops it).
    Dataset<Row> versions =
        bronze.inspections()
            .join(named, toSeq(List.of(BL_NUMBER, CONTAINER_ID)))
            .withColumn(
                "_from",
                greatest(
                    PointInTime.knownDay(col(Contracts.INSPECTED_AT), col(BronzeColumns.BUSINESS_DATE)),
                    col("_named")))
            .where(col(BronzeColumns.VALID_TO).isNull().or(col(BronzeColumns.VALID_TO).gt(col("_from"))))
            .withColumn("_hit_value", when(col(Contracts.OUTCOME).equalTo("HIT"), 1.0).otherwise(0.0));
    Dataset<Row> known =
        versions.select(
                col("_party"), col("_from").as("_day"), lit(0).as("_lookup"),
                lit(1.0).as("_inspection"), col("_hit_value").as("_hit"))
            .unionByName(
                versions.where(col(BronzeColumns.VALID_TO).isNotNull())
                    .select(
                        col("_party"), col(BronzeColumns.VALID_TO).as("_day"), lit(0).as("_lookup"),
                        lit(-1.0).as("_inspection"), col("_hit_value").multiply(-1.0).as("_hit")));
    Dataset<Row> lookups =
        // From the targets (the same parties and days as the features' rows), so the features are
        // read once here, not once more per role.
        targets.select(col(role).as("_party"), col(AS_OF).as("_day")).where(col("_party").isNotNull()).distinct()
            .select(col("_party"), col("_day"), lit(1).as("_lookup"), lit(0.0).as("_inspection"), lit(0.0).as("_hit"));
    WindowSpec upTo =
        Window.partitionBy("_party").orderBy(col("_day"), col("_lookup"))
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> counts =
        known.unionByName(lookups)
            .select(
                col("_party"), col("_day"), col("_lookup"),
                sum("_inspection").over(upTo).as(inspections),
                sum("_hit").over(upTo).as(hits))
            .where(col("_lookup").equalTo(1))
            .drop("_lookup");
    return features.join(
            counts,
            col(role).equalTo(col("_party")).and(col(AS_OF).equalTo(col("_day"))),
            "left")
        .drop("_party", "_day");
  }

  /**
   * Registration date of a party if the firm is registered by as_of and known then (its record
   * as known at the end of as_of; else unknown).
   */
  private Dataset<Row> withFirmAge(Dataset<Row> features, String role, String prefix) {
    Dataset<Row> firms =
        bronze.firms().select(
            col(Contracts.FIRM_ID).as(prefix + "_id"), col(Contracts.REGISTERED_ON).as(prefix + "_registered_on"),
            col(BronzeColumns.BUSINESS_DATE).as(prefix + "_business_date"), col(BronzeColumns.VALID_TO).as(prefix + "_valid_to"));
    Column known =
        col(role).equalTo(col(prefix + "_id"))
            .and(col(prefix + "_registered_on").leq(col(AS_OF)))
            .and(PointInTime.valid(col(prefix + "_business_date"), col(prefix + "_valid_to"), col(AS_OF)));
    return features
        .join(firms, known, "left")
        .withColumn(prefix + "_age", datediff(col(AS_OF), col(prefix + "_registered_on")).cast("double"))
        .withColumn(prefix + "_known", col(prefix + "_id").isNotNull())
        .drop(prefix + "_id", prefix + "_registered_on", prefix + "_business_date", prefix + "_valid_to");
  }

  /** Firm risk of consignee and shipper from the firm features of the same as_of. */
  private Dataset<Row> withFirmRisk(Dataset<Row> features) {
    Dataset<Row> firm =
        firmFeatures != null
            ? firmFeatures
            : FirmFeatures.builder(spark).bronze(bronze).reference(reference).from(from).to(to).build();
    SchemaChecks.requireColumns(
        "container features: firm features", firm.schema(),
        FirmFeatureColumns.FIRM_ID, FirmFeatureColumns.AS_OF, FirmFeatureColumns.CASH_SHARE_90D,
        FirmFeatureColumns.STRUCTURING_COUNT_90D, FirmFeatureColumns.THIRD_PARTY_PAYMENTS_90D,
        FirmFeatureColumns.SHARED_DIRECTOR_COUNT, FirmFeatureColumns.SHARED_BANK_ACCOUNT_COUNT,
        FirmFeatureColumns.MALAFIDE_LINKS);
    Dataset<Row> consignee =
        firm.select(
            col(FirmFeatureColumns.FIRM_ID).as("_cf_id"),
            col(FirmFeatureColumns.AS_OF).as("_cf_as_of"),
            col(FirmFeatureColumns.CASH_SHARE_90D).as("_cf_cash"),
            col(FirmFeatureColumns.STRUCTURING_COUNT_90D).as("_cf_structuring"),
            col(FirmFeatureColumns.THIRD_PARTY_PAYMENTS_90D).as("_cf_third"),
            col(FirmFeatureColumns.SHARED_DIRECTOR_COUNT).plus(col(FirmFeatureColumns.SHARED_BANK_ACCOUNT_COUNT)).as("_cf_shared"),
            col(FirmFeatureColumns.MALAFIDE_LINKS).as("_cf_malafide"));
    Dataset<Row> shipper =
        firm.select(
            col(FirmFeatureColumns.FIRM_ID).as("_sf_id"),
            col(FirmFeatureColumns.AS_OF).as("_sf_as_of"),
            col(FirmFeatureColumns.MALAFIDE_LINKS).as("_sf_malafide"));
    return features
        .join(consignee, col(Contracts.CONSIGNEE_ID).equalTo(col("_cf_id")).and(col(AS_OF).equalTo(col("_cf_as_of"))), "left")
        .join(shipper, col(Contracts.SHIPPER_ID).equalTo(col("_sf_id")).and(col(AS_OF).equalTo(col("_sf_as_of"))), "left");
  }

  /** The output contract: keys, descriptive columns, features with their documented defaults. */
  private static Dataset<Row> select(Dataset<Row> f, ReferenceLookups lookups) {
    Column firstFiled = unix_seconds(col(BronzeColumns.FIRST_FILED_AT));
    Column departed = col(POL_DEPARTED);
    Column departedKnown = departed.isNotNull().and(PointInTime.before(departed, col(AS_OF)));
    Column valuePerKgZ = col(VALUE_PER_KG_ROBUST_Z);
    Column gateOutHours = col(DISCHARGE_TO_GATE_OUT_HOURS);
    List<Column> columns = new ArrayList<>();
    columns.add(col(BL_NUMBER));
    columns.add(col(CONTAINER_ID));
    columns.add(col(AS_OF));
    columns.add(col(Contracts.PORT_OF_DISCHARGE).as(OFFICE));
    for (String descriptive : List.of(ORIGIN_COUNTRY, PORT_OF_LOADING, HS_CODE, GOODS_DESCRIPTION,
        SHIPPER_ID, CONSIGNEE_ID, FORWARDER_ID, NOTIFY_PARTY_ID, ETA, TRANSSHIPMENT_PORTS)) {
      columns.add(col(descriptive));
    }
    // route
    columns.add(lookups.portTier(col(Contracts.PORT_OF_LOADING)).cast("double").as(ORIGIN_PORT_TIER));
    columns.add(lookups.countryTier(col(Contracts.ORIGIN_COUNTRY)).cast("double").as(ORIGIN_COUNTRY_TIER));
    columns.add(zero(ROUTE_MAX_PORT_TIER));
    columns.add(zero(ROUTE_HIGH_RISK_PORTS));
    columns.add(zero(TRANSSHIPMENT_COUNT));
    columns.add(zero(ROUTE_INTERMEDIATE_CALLS));
    columns.add(zero(ROUTE_DETOUR_CALLS));
    columns.add(zero(ROUTE_UNUSUAL));
    columns.add(zero(LANE_NEW));
    columns.add(zero(VESSEL_HIGH_RISK_CALLS_90D));
    // events
    columns.add(zero(TRANSSHIP_DWELL_HOURS_MAX));
    columns.add(zero(SEAL_CHANGE_COUNT));
    columns.add(zero(SEAL_MISMATCH_COUNT));
    columns.add(zero(EVENT_ORDER_UNUSUAL));
    columns.add(coalesce(gateOutHours, lit(0.0)).as(DISCHARGE_TO_GATE_OUT_HOURS));
    columns.add(when(gateOutHours.isNotNull(), 1.0).otherwise(0.0).as(GATE_OUT_KNOWN));
    // goods
    columns.add(substring(col(Contracts.HS_CODE), 1, 2).cast("double").as(HS_CHAPTER));
    columns.add(when(lookups.isCoverGoods(col(Contracts.HS_CODE)), 1.0).otherwise(0.0).as(COVER_GOODS));
    columns.add(coalesce(col(WEIGHT_EXPECTED_RATIO), lit(1.0)).as(WEIGHT_EXPECTED_RATIO));
    columns.add(zero(WEIGHT_ROBUST_Z));
    columns.add(coalesce(valuePerKgZ, lit(0.0)).as(VALUE_PER_KG_ROBUST_Z));
    columns.add(when(col(VALUE_PER_KG).isNull(), 1.0).otherwise(0.0).as(VALUE_MISSING));
    // parties
    columns.add(coalesce(col("_shipper_age"), lit(0.0)).as(SHIPPER_AGE_DAYS));
    columns.add(coalesce(col("_consignee_age"), lit(0.0)).as(CONSIGNEE_AGE_DAYS));
    columns.add(coalesce(col("_forwarder_age"), lit(0.0)).as(FORWARDER_AGE_DAYS));
    columns.add(when(col("_shipper_known"), 0.0).otherwise(1.0).as(SHIPPER_UNKNOWN));
    columns.add(when(col("_consignee_known"), 0.0).otherwise(1.0).as(CONSIGNEE_UNKNOWN));
    columns.add(zero(SHIPPER_PRIOR_MANIFESTS));
    columns.add(zero(CONSIGNEE_PRIOR_MANIFESTS));
    columns.add(zero(SHIPPER_PAST_INSPECTIONS));
    columns.add(zero(SHIPPER_PAST_HITS));
    columns.add(zero(CONSIGNEE_PAST_INSPECTIONS));
    columns.add(zero(CONSIGNEE_PAST_HITS));
    columns.add(coalesce(col(FIRST_TIME_PAIR), lit(1.0)).as(FIRST_TIME_PAIR));
    columns.add(zero(CONSIGNEE_NEW_ORIGIN_COUNTRY));
    columns.add(when(coalesce(col(Contracts.NOTIFY_PARTY_ID).equalTo(col(Contracts.CONSIGNEE_ID)), lit(false)), 1.0)
        .otherwise(0.0).as(NOTIFY_IS_CONSIGNEE));
    columns.add(when(col("_notify_known"), 0.0).otherwise(1.0).as(NOTIFY_PARTY_UNKNOWN));
    // firm risk
    columns.add(coalesce(col("_cf_cash"), lit(0.0)).as(CONSIGNEE_CASH_SHARE_90D));
    columns.add(coalesce(col("_cf_structuring"), lit(0.0)).as(CONSIGNEE_STRUCTURING_90D));
    columns.add(coalesce(col("_cf_third"), lit(0.0)).as(CONSIGNEE_THIRD_PARTY_PAYMENTS_90D));
    columns.add(coalesce(col("_cf_shared"), lit(0.0)).as(CONSIGNEE_SHARED_DIRECTOR_OR_ACCOUNT));
    columns.add(coalesce(col("_cf_malafide"), lit(0.0)).as(CONSIGNEE_MALAFIDE_LINKS));
    columns.add(coalesce(col("_sf_malafide"), lit(0.0)).as(SHIPPER_MALAFIDE_LINKS));
    // filing
    columns.add(unix_seconds(col(Contracts.ETA)).minus(firstFiled).divide(3600.0).as(FILING_LEAD_HOURS));
    columns.add(when(departedKnown.and(col(BronzeColumns.FIRST_FILED_AT).gt(departed)), 1.0).otherwise(0.0)
        .as(FILED_AFTER_DEPARTURE));
    columns.add(col(BronzeColumns.AMENDMENT_COUNT).cast("double").as(AMENDMENT_COUNT));
    columns.add(when(departedKnown.and(col(BronzeColumns.AMENDMENT_COUNT).gt(0))
            .and(col(Contracts.FILED_AT).gt(departed)), 1.0).otherwise(0.0)
        .as(AMENDMENT_AFTER_DEPARTURE));
    return f.select(columns.toArray(Column[]::new));
  }

  private static Column zero(String name) {
    return coalesce(col(name), lit(0.0)).as(name);
  }

  static scala.collection.immutable.Seq<String> toSeq(List<String> names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(names).toList();
  }

  private static Column[] toColumns(List<String> names, String... more) {
    List<Column> columns = new ArrayList<>();
    names.forEach(n -> columns.add(col(n)));
    for (String n : more) {
      columns.add(col(n));
    }
    return columns.toArray(Column[]::new);
  }
}
