package org.cargorisk.synthetic;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.reference.ReferenceColumns;
import org.cargorisk.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a complete synthetic landing area (every {@link Source}, one folder per business
 * date) with planted smuggling schemes and biased inspections, plus its ground truth under
 * {@code _truth/}. Rows that scale with the volume (manifests, container events, inspections,
 * transactions) come from {@code spark.range} and hash-derived pseudo-random values (see
 * {@link HashRandom}); the small dimensions (ports, services, voyages, goods, firms) are built on
 * the driver ({@link World}) and broadcast.
 *
 * <pre>{@code
 * GenerationResult result = SyntheticLandingGenerator.builder(spark)
 *     .settings(GeneratorSettings.builder().days(7).manifestsPerDay(5000).build())
 *     .reference(ReferenceData.load(hadoopConf, "data-samples/reference"))
 *     .output("/tmp/landing")
 *     .execute();
 * }</pre>
 */
public final class SyntheticLandingGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticLandingGenerator.class);
  private static final String TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss'Z'";
  private static final int SLOTS = World.PICKER_SLOTS;
  private static final long DAY = 86_400L;
  private static final long HOUR = 3_600L;
  /** Share of a front's third-party wires and wires abroad made with its own partners. */
  private static final double FRONT_PARTNER_SHARE = 0.7;
  /** Days a front company trades (from its registration, or the period's start) before an investigation can label it. */
  private static final int FIRST_INVESTIGATION_DAY = 21;
  /** Days from a front's MALAFIDE label to its partners' (the investigation widens): 7 + 0..30. */
  private static final int PARTNER_LABEL_DELAY = 7;
  private static final int PARTNER_LABEL_SPREAD = 30;
  /** How much likelier a young legitimate firm (registered in the last year) is to be investigated. */
  private static final double YOUNG_FIRM_INVESTIGATION_FACTOR = 5.0;

  // internal (non-contract) columns of the generation plan
  private static final String ROW = "row_id";
  private static final String DAY_INDEX = "day_index";
  private static final String FILED_DAY = "filed_day";
  private static final String SCHEME_CODE = "scheme_code";
  private static final String SERVICE = "service_index";
  private static final String DEPARTURE_DAY = "departure_day";
  private static final String GOODS = "goods_index";
  private static final String CONSIGNEE_INDEX = "consignee_index";
  private static final String FINAL_CONSIGNEE_INDEX = "final_consignee_index";

  private final SparkSession spark;
  private GeneratorSettings settings = GeneratorSettings.builder().build();
  private ReferenceData reference;
  private String output;

  private SyntheticLandingGenerator(SparkSession spark) {
    this.spark = spark;
  }

  public static SyntheticLandingGenerator builder(SparkSession spark) {
    return new SyntheticLandingGenerator(spark);
  }

  public SyntheticLandingGenerator settings(GeneratorSettings value) {
    this.settings = value;
    return this;
  }

  public SyntheticLandingGenerator reference(ReferenceData value) {
    this.reference = value;
    return this;
  }

  /** Root of the landing area to write (local path or any Hadoop file system URI). */
  public SyntheticLandingGenerator output(String value) {
    this.output = value;
    return this;
  }

  /** What was generated: the settings and a summary of the planted truth. */
  public record GenerationResult(
      String output, GeneratorSettings settings, long manifests, Map<String, Long> schemes,
      long inspections, long hits, long randomInspections, long randomHits) {}

  public GenerationResult execute() {
    if (reference == null || output == null) {
      throw CargoRiskErrors.invalidConfiguration(
          "generator", reference == null ? "reference" : "output", "reference data and output are required");
    }
    String timeZone = spark.conf().get("spark.sql.session.timeZone");
    if (!"UTC".equals(timeZone) && !"Etc/UTC".equals(timeZone)) {
      throw CargoRiskErrors.invalidConfiguration("spark.sql.session.timeZone", timeZone,
          "must be UTC: landing timestamps are written in UTC (set --conf spark.sql.session.timeZone=UTC)");
    }
    LOG.info("Generating {} days x {} manifests from {} into {} (seed {})", settings.days(),
        settings.manifestsPerDay(), settings.startDate(), output, settings.seed());
    World world = new World(settings, reference);
    HashRandom random = new HashRandom(settings.seed());
    LandingWriter writer = new LandingWriter(spark, output, settings);

    Dataset<Row> containers =
        containers(world, random).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      double meanWeight = containers.agg(avg(col("inspection_weight"))).first().getDouble(0);
      Dataset<Row> inspected = withInspections(containers, random, meanWeight)
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        jobGroup("manifests");
        writer.writeSource(Source.MANIFESTS, manifestRows(inspected), settings.manifestsPerDay());
        jobGroup("container_events");
        writer.writeSource(Source.CONTAINER_EVENTS, eventRows(inspected),
            6L * settings.manifestsPerDay());
        jobGroup("inspections");
        writer.writeSource(Source.INSPECTIONS, inspectionRows(inspected),
            settings.manifestsPerDay() / 5 + 1);
        jobGroup("port_calls");
        writer.writeSource(Source.PORT_CALLS, portCallRows(world), world.services.size());
        jobGroup("firms");
        writer.writeSource(Source.FIRMS, firmRows(world), settings.firms());
        jobGroup("firm_labels");
        writer.writeSource(Source.FIRM_LABELS, firmLabelRows(world), settings.firms());
        jobGroup("transactions");
        writer.writeSource(Source.TRANSACTIONS, transactionRows(world, random),
            settings.transactionsPerDay());
        jobGroup("truth");
        int truthFiles = (int) Math.max(1, settings.totalManifests() / 2_000_000);
        writer.writeTruth(TruthColumns.CONTAINERS, containerTruth(inspected, world), truthFiles);
        writer.writeTruth(TruthColumns.FIRMS, firmTruth(world), 1);
        writer.writeSingleCsv(TruthColumns.WATCHLIST_FILE, watchlist(inspected, world));
        return summary(inspected);
      } finally {
        inspected.unpersist();
      }
    } finally {
      containers.unpersist();
      spark.sparkContext().clearJobGroup();
    }
  }

  private void jobGroup(String step) {
    spark.sparkContext().setJobGroup("GENERATE " + step,
        "generate " + step + " " + settings.startDate() + " +" + settings.days() + "d", false);
  }

  // ---- helpers ----

  private static Column ts(Column epochSeconds) {
    return date_format(timestamp_seconds(epochSeconds), TIMESTAMP);
  }

  private static Column dateOf(Column epochSeconds) {
    return date_format(timestamp_seconds(epochSeconds), "yyyy-MM-dd");
  }

  private static Column dayString(Column epochDay) {
    return date_from_unix_date(epochDay.cast("int")).cast("string");
  }

  private Column firmId(Column index, World world) {
    // null index (no forwarder, no notify party, cash) -> null id, not "F   null"
    return when(index.isNotNull(), format_string("F%07d",
        pmod(index.cast("long").multiply(World.FIRM_ID_MULTIPLIER).plus(world.firmIdOffset()),
            lit(World.FIRM_ID_MODULUS))));
  }

  private static Column pick(int[] picker, Column slot) {
    return lit(picker).getItem(slot.cast("int"));
  }

  private static Column money(Column amount) {
    return amount.cast("decimal(16,2)").cast("string");
  }

  private static Column schemeIs(Scheme... schemes) {
    Column result = lit(false);
    for (Scheme s : schemes) {
      result = result.or(col(SCHEME_CODE).equalTo(s.ordinal()));
    }
    return result;
  }

  private int[] servicePicker(World world, Predicate<World.Service> eligible) {
    double[] weights = world.serviceWeights(eligible);
    if (java.util.Arrays.stream(weights).sum() == 0) {
      weights = world.serviceWeights(s -> true);
    }
    return World.picker(weights);
  }

  // ---- dimension frames ----

  private Dataset<Row> servicesFrame(World world) {
    StructType schema = new StructType()
        .add(SERVICE, DataTypes.IntegerType).add("origin", DataTypes.StringType)
        .add("origin_country", DataTypes.StringType).add("origin_country_index", DataTypes.IntegerType)
        .add("origin_tier", DataTypes.IntegerType).add("region_index", DataTypes.IntegerType)
        .add("hub", DataTypes.StringType).add("hub_risky", DataTypes.BooleanType)
        .add("discharge", DataTypes.StringType).add("phase", DataTypes.IntegerType)
        .add("carrier", DataTypes.StringType);
    List<Row> rows = world.services.stream().map(s -> RowFactory.create(
        s.index(), s.origin().locode(), s.origin().country(), world.countryIndex(s.origin().country()),
        world.tier(s.origin()), s.region().ordinal(), s.hub() == null ? null : s.hub().locode(),
        s.riskyHub(), s.discharge().locode(), s.phase(), s.carrier())).toList();
    return spark.createDataFrame(rows, schema);
  }

  private Dataset<Row> voyagesFrame(World world) {
    StructType schema = new StructType()
        .add(SERVICE, DataTypes.IntegerType).add(DEPARTURE_DAY, DataTypes.LongType)
        .add(Contracts.VOYAGE_ID, DataTypes.StringType).add(Contracts.VESSEL_IMO, DataTypes.StringType)
        .add("departure_s", DataTypes.LongType).add("hub_arrival_s", DataTypes.LongType)
        .add("hub_departure_s", DataTypes.LongType).add("eta_s", DataTypes.LongType)
        .add("arrival_s", DataTypes.LongType);
    List<Row> rows = world.voyages.stream().map(v -> RowFactory.create(
        v.serviceIndex(), v.departureDay(), v.voyageId(), v.vesselImo(), v.departure(),
        v.hubArrival(), v.hubDeparture(), v.eta(), v.arrival())).toList();
    return spark.createDataFrame(rows, schema);
  }

  private Dataset<Row> goodsFrame(World world) {
    StructType schema = new StructType()
        .add(GOODS, DataTypes.IntegerType).add(Contracts.HS_CODE, DataTypes.StringType)
        .add(Contracts.GOODS_DESCRIPTION, DataTypes.StringType)
        .add(Contracts.CONTAINER_TYPE, DataTypes.StringType)
        .add("packages_min", DataTypes.IntegerType).add("packages_max", DataTypes.IntegerType)
        .add("kg_per_package", DataTypes.DoubleType).add("eur_per_kg", DataTypes.DoubleType)
        .add("cover", DataTypes.BooleanType);
    List<Row> rows = world.goods.stream().map(g -> RowFactory.create(g.index(), g.hsCode(),
        g.description(), g.containerType(), g.packagesMin(), g.packagesMax(), g.kgPerPackage(),
        g.eurPerKg(), g.cover())).toList();
    return spark.createDataFrame(rows, schema);
  }

  /** Firm index, country, front flag, registration day and watchlist day, for broadcast joins. */
  private Dataset<Row> firmKeysFrame(World world, String prefix) {
    StructType schema = new StructType()
        .add(prefix + "firm_key", DataTypes.IntegerType).add(prefix + "country", DataTypes.StringType)
        .add(prefix + "front", DataTypes.BooleanType)
        .add(prefix + "registered_day", DataTypes.LongType)
        .add(prefix + "watch_from_day", DataTypes.IntegerType);
    List<Row> rows = world.firms.stream().map(f -> RowFactory.create(f.index(), f.country(),
        f.front(), f.registeredOn().toEpochDay(), f.watchFromDay())).toList();
    return spark.createDataFrame(rows, schema);
  }

  // ---- containers: one row per manifest (container on a bill of lading) ----

  private Dataset<Row> containers(World world, HashRandom r) {
    GeneratorSettings s = settings;
    long total = s.totalManifests();
    int partitions = (int) Math.min(2000, Math.max(2, total / 250_000));
    Column id = col(ROW);
    Dataset<Row> base = spark.range(0, total, 1, partitions).withColumnRenamed("id", ROW)
        .withColumn(DAY_INDEX, floor(id.divide(s.manifestsPerDay())).cast("int"))
        .withColumn(FILED_DAY, col(DAY_INDEX).plus(world.startDay));

    // scheme: mutually exclusive ranges of one uniform draw
    Column u = r.uniform(id, "scheme");
    Column scheme = lit(Scheme.NONE.ordinal());
    double upper = 0;
    List<Object[]> ranges = new ArrayList<>();
    for (Scheme candidate : Scheme.values()) {
      if (candidate != Scheme.NONE) {
        upper += candidate.rate(s);
        ranges.add(new Object[] {candidate, upper});
      }
    }
    Column schemeCase = null;
    for (Object[] range : ranges) {
      Column condition = u.lt((Double) range[1]);
      Column value = lit(((Scheme) range[0]).ordinal());
      schemeCase = schemeCase == null ? when(condition, value) : schemeCase.when(condition, value);
    }
    scheme = schemeCase == null ? scheme : schemeCase.otherwise(scheme);
    base = base.withColumn(SCHEME_CODE, scheme);

    // route: a service chosen by volume, restricted by the scheme
    Column slot = r.below(id, "service", SLOTS);
    int[] general = servicePicker(world, x -> true);
    int[] tier3Origins = servicePicker(world, x -> world.tier(x.origin()) >= 3);
    int[] riskyHubs = servicePicker(world, x -> x.riskyHub()
        && (x.region() == World.Region.LATIN_AMERICA || x.region() == World.Region.AFRICA));
    int[] latinHubs = servicePicker(world, x -> x.hub() != null && x.region() == World.Region.LATIN_AMERICA);
    int[] riskyOrigins = servicePicker(world, x -> world.tier(x.origin()) >= 2);
    base = base.withColumn(SERVICE,
        when(schemeIs(Scheme.COVER_LOAD, Scheme.FRONT_COVER_TRAFFIC), pick(tier3Origins, slot))
            .when(schemeIs(Scheme.RISKY_TRANSSHIPMENT), pick(riskyHubs, slot))
            .when(schemeIs(Scheme.RIP_ON_RIP_OFF), pick(latinHubs, slot))
            .when(schemeIs(Scheme.LATE_AMENDMENT), pick(riskyOrigins, slot))
            .otherwise(pick(general, slot)));
    base = base.join(broadcast(servicesFrame(world)), SERVICE);
    // the first sailing at least two days after filing (24-hour rule before loading)
    Column firstDay = col(FILED_DAY).plus(2);
    base = base.withColumn(DEPARTURE_DAY,
        firstDay.plus(pmod(col("phase").minus(firstDay), lit(7))).cast("long"));
    base = base.join(broadcast(voyagesFrame(world)), new String[] {SERVICE, DEPARTURE_DAY});

    // goods by origin region; cover loads take cover goods
    Column goodsSlot = col("region_index").multiply(SLOTS).plus(r.below(id, "goods", SLOTS));
    base = base.withColumn(GOODS,
        when(schemeIs(Scheme.COVER_LOAD, Scheme.FRONT_COVER_TRAFFIC),
            pick(world.goodsPickers(true), goodsSlot))
            .otherwise(pick(world.goodsPickers(false), goodsSlot)));
    base = base.join(broadcast(goodsFrame(world)), GOODS);

    // packages, weight and value
    Column packages = col("packages_min").plus(
        r.below(id, "packages", col("packages_max").minus(col("packages_min")).plus(1)));
    base = base.withColumn("packages_n", packages.cast("int"));
    Column expected = col("packages_n").multiply(col("kg_per_package"));
    base = base.withColumn("expected_weight", least(expected, lit(32_500.0)));
    Column anomalyKind = r.uniform(id, "anomaly-kind");
    Column isWeightValue = schemeIs(Scheme.WEIGHT_VALUE_ANOMALY);
    Column weight = col("expected_weight").multiply(r.normal(id, "weight").multiply(0.03).plus(1));
    weight = when(isWeightValue.and(anomalyKind.lt(0.5)),
        weight.multiply(r.uniform(id, "light").multiply(0.2).plus(0.55))).otherwise(weight);
    base = base.withColumn("weight", least(greatest(weight, lit(1.0)), lit(39_000.0)));
    Column value = col("weight").multiply(col("eur_per_kg"))
        .multiply(exp(r.normal(id, "value").multiply(0.3)));
    Column undervalued = isWeightValue.and(anomalyKind.geq(0.5))
        .or(r.uniform(id, "benign-undervalue").lt(0.01));
    value = when(undervalued, value.multiply(r.uniform(id, "cheap").multiply(0.17).plus(0.08)))
        .otherwise(value);
    base = base.withColumn("value", when(r.uniform(id, "no-value").lt(0.02), lit(null))
        .otherwise(value));

    // firms: heavy-tailed pools (index = start + size * u^k puts most volume on the first firms)
    Column countryIndex = col("origin_country_index");
    base = base.withColumn("shipper_index", lit(world.shipperStart).getItem(countryIndex)
        .plus(floor(lit(world.shipperSize).getItem(countryIndex)
            .multiply(pow(r.uniform(id, "shipper"), 3)))).cast("int"));
    Column eligibleFronts = lit(world.frontsRegisteredBefore).getItem(col(DAY_INDEX));
    Column front = floor(eligibleFronts.multiply(r.uniform(id, "front"))).plus(world.frontStart);
    Column usual = floor(pow(r.uniform(id, "consignee"), 2.5).multiply(world.importerSize))
        .plus(world.importerStart);
    Column small = floor(r.uniform(id, "small-consignee").multiply(world.importerSize))
        .plus(world.importerStart);
    Column wantsFront = r.uniform(id, "wants-front");
    Column frontConsignee = eligibleFronts.gt(0).and(
        schemeIs(Scheme.FRONT_COVER_TRAFFIC)
            .or(schemeIs(Scheme.COVER_LOAD).and(wantsFront.lt(0.7)))
            .or(schemeIs(Scheme.RISKY_TRANSSHIPMENT).and(wantsFront.lt(0.5)))
            .or(schemeIs(Scheme.WEIGHT_VALUE_ANOMALY).and(wantsFront.lt(0.4))));
    base = base.withColumn(CONSIGNEE_INDEX,
        when(frontConsignee, front)
            .when(schemeIs(Scheme.COVER_LOAD, Scheme.LATE_AMENDMENT, Scheme.RISKY_TRANSSHIPMENT), small)
            .otherwise(usual).cast("int"));
    base = base.withColumn(FINAL_CONSIGNEE_INDEX,
        when(schemeIs(Scheme.LATE_AMENDMENT).and(eligibleFronts.gt(0)), front.cast("int"))
            .otherwise(col(CONSIGNEE_INDEX)));
    base = base.withColumn("forwarder_index", when(r.uniform(id, "has-forwarder").lt(0.7),
        floor(pow(r.uniform(id, "forwarder"), 2).multiply(world.forwarderSize))
            .plus(world.forwarderStart)).cast("int"));
    Column notifyDraw = r.uniform(id, "notify");
    base = base.withColumn("notify_index",
        when(notifyDraw.lt(0.2), col(FINAL_CONSIGNEE_INDEX))
            .when(notifyDraw.lt(0.4), floor(pow(r.uniform(id, "agent"), 2).multiply(world.agentSize))
                .plus(world.agentStart).cast("int")));

    base = base
        .withColumn("shipper_id", firmId(col("shipper_index"), world))
        .withColumn("consignee_id", firmId(col(CONSIGNEE_INDEX), world))
        .withColumn("final_consignee_id", firmId(col(FINAL_CONSIGNEE_INDEX), world))
        .withColumn("forwarder_id", firmId(col("forwarder_index"), world))
        .withColumn("notify_id", firmId(col("notify_index"), world));

    // identifiers
    base = base.withColumn(Contracts.BL_NUMBER, concat(col("carrier"), format_string("%010d",
        pmod(id.multiply(387_420_489L).plus(Math.floorMod(s.seed() * 1_000_003L, 10_000_000_000L)),
            lit(10_000_000_000L)))));
    long owners = World.CONTAINER_OWNERS.size();
    Column containerNumber = pmod(id.multiply(7_777_777L)
        .plus(Math.floorMod(s.seed() * 104_729L, owners * 1_000_000L)), lit(owners * 1_000_000L));
    Column owner = floor(containerNumber.divide(1_000_000)).cast("int");
    Column serial = pmod(containerNumber, lit(1_000_000L));
    Column checkSum = lit(World.ownerCheckSums()).getItem(owner);
    for (int j = 0; j < 6; j++) {
      Column digit = pmod(floor(serial.divide(Math.pow(10, 5 - j))), lit(10));
      checkSum = checkSum.plus(digit.multiply(1 << (4 + j)));
    }
    base = base.withColumn(Contracts.CONTAINER_ID, concat(
        lit(World.CONTAINER_OWNERS.toArray(String[]::new)).getItem(owner),
        lpad(serial.cast("string"), 6, "0"),
        pmod(pmod(checkSum, lit(11)), lit(10)).cast("string")));
    base = base.withColumn(Contracts.SEAL_NUMBER, format_string("SL%07d", r.below(id, "seal", 10_000_000)))
        .withColumn("new_seal", format_string("SL%07d", r.below(id, "new-seal", 10_000_000)));

    // times (epoch seconds)
    base = base.withColumn("filed_s",
        col(FILED_DAY).multiply(DAY).plus(r.between(id, "filed-minute", 360, 1319).multiply(60)));
    Column lateAmendment = schemeIs(Scheme.LATE_AMENDMENT);
    Column benignAmendment = r.uniform(id, "amend").lt(s.amendmentRate()).and(not(lateAmendment));
    Column benignLate = r.uniform(id, "amend-late").lt(0.2);
    Column voyageLength = col("eta_s").minus(col("departure_s"));
    Column afterDeparture = col("departure_s").plus(
        floor(r.uniform(id, "amend-time").multiply(voyageLength.minus(DAY)).divide(60)).multiply(60));
    base = base.withColumn("amendment_s",
        when(lateAmendment.or(benignAmendment.and(benignLate)), afterDeparture)
            .when(benignAmendment, col("filed_s").plus(r.between(id, "amend-hours", 2, 20).multiply(HOUR))));
    base = base.withColumn("amended_weight",
        when(benignAmendment, least(col("weight").multiply(r.normal(id, "amend-weight").multiply(0.05).plus(1)),
            lit(39_000.0))).otherwise(col("weight")));

    // container events along the route
    Column rip = schemeIs(Scheme.RIP_ON_RIP_OFF);
    Column hasHub = col("hub").isNotNull();
    Column originSealChange = r.uniform(id, "origin-seal-change").lt(0.003);
    Column benignHubSealChange = hasHub.and(r.uniform(id, "hub-seal-change").lt(0.004));
    base = base
        .withColumn("gate_in_s", col("departure_s").minus(r.between(id, "gate-in", 12, 108).multiply(HOUR)))
        .withColumn("load_s", col("departure_s").minus(r.between(id, "load", 2, 9).multiply(HOUR)))
        .withColumn("origin_seal_change", originSealChange)
        .withColumn("hub_seal_change", rip.or(benignHubSealChange))
        .withColumn("discharge_s", col("arrival_s").plus(r.between(id, "discharge", 2, 13).multiply(HOUR)));
    Column longDwell = rip.or(r.uniform(id, "long-dwell").lt(0.02));
    Column dwell = when(rip, r.between(id, "dwell-rip", 6, 12).multiply(DAY))
        .when(longDwell, r.between(id, "dwell-long", 4, 10).multiply(DAY))
        .otherwise(r.between(id, "dwell", 18, 90).multiply(HOUR));
    base = base.withColumn("gate_out_s", col("discharge_s").plus(dwell));

    // cocaine: log-normal quantity around 150 kg
    Column smuggled = lit(false);
    for (Scheme candidate : Scheme.values()) {
      if (candidate.smuggling()) {
        smuggled = smuggled.or(col(SCHEME_CODE).equalTo(candidate.ordinal()));
      }
    }
    base = base.withColumn("smuggled", smuggled)
        .withColumn("cocaine_kg", when(smuggled, floor(least(greatest(
            exp(r.normal(id, "cocaine").multiply(0.8).plus(Math.log(150))), lit(10.0)), lit(2000.0))
            .multiply(10)).divide(10)));

    // what the targeting rules see (latest manifest version, events up to arrival)
    base = base.join(broadcast(firmKeysFrame(world, "consignee_")),
        col(FINAL_CONSIGNEE_INDEX).equalTo(col("consignee_firm_key")), "left");
    Column young = col(FILED_DAY).minus(col("consignee_registered_day")).lt(365);
    Column lowValue = col("value").lt(col("weight").multiply(col("eur_per_kg")).multiply(0.35));
    Column light = col("weight").lt(col("expected_weight").multiply(0.8));
    Column risk = when(col("origin_tier").equalTo(3), 2).when(col("origin_tier").equalTo(2), 1).otherwise(0)
        .plus(when(col("cover"), 1).otherwise(0))
        .plus(when(col("hub_risky"), 1).otherwise(0))
        .plus(when(young, 2).otherwise(0))
        .plus(when(col("amendment_s").gt(col("departure_s")), 1).otherwise(0))
        .plus(when(lowValue, 1).otherwise(0))
        .plus(when(light, 1).otherwise(0))
        .plus(when(col("hub_seal_change").or(col("origin_seal_change")), 1).otherwise(0));
    base = base.withColumn("risk_proxy", risk)
        .withColumn("inspection_weight", exp(col("risk_proxy").multiply(0.8)));
    return base;
  }

  /** Adds who was inspected, why, when and with what outcome. */
  private Dataset<Row> withInspections(Dataset<Row> containers, HashRandom r, double meanWeight) {
    GeneratorSettings s = settings;
    Column id = col(ROW);
    double randomRate = s.inspectionRate() * s.randomInspectionShare();
    double targetedRate = s.inspectionRate() * (1 - s.randomInspectionShare());
    Column containerTip = col("smuggled").and(r.uniform(id, "tip").lt(s.tipRate()));
    Column firmTip = col("consignee_watch_from_day").isNotNull()
        .and(col("consignee_watch_from_day").leq(col(FILED_DAY)));
    Column targetedProbability =
        least(lit(1.0), col("inspection_weight").multiply(targetedRate / Math.max(meanWeight, 1e-9)));
    Column selectedBy = when(containerTip.or(firmTip), lit("TIP"))
        .when(r.uniform(id, "random-inspection").lt(randomRate), lit("RANDOM"))
        .when(r.uniform(id, "targeted").lt(targetedProbability),
            when(r.uniform(id, "rule-or-model").lt(0.6), lit("RULE")).otherwise(lit("MODEL")));
    return containers
        .withColumn("container_tip", containerTip)
        .withColumn(Contracts.SELECTED_BY, selectedBy)
        .withColumn("inspected_s", col("discharge_s").plus(r.between(id, "inspected", 3, 47).multiply(HOUR)))
        .withColumn(Contracts.METHOD, when(r.uniform(id, "method").lt(0.65), lit("SCAN")).otherwise(lit("PHYSICAL")))
        .withColumn(Contracts.OUTCOME, when(col("smuggled"), lit("HIT")).otherwise(lit("NO_HIT")))
        .withColumn(Contracts.FINDING, when(col("smuggled"), lit("COCAINE"))
            .when(r.uniform(id, "finding").lt(0.03), lit("MISDECLARED GOODS")));
  }

  // ---- landing rows (every contract column as a string, plus the folder date) ----

  private Dataset<Row> manifestRows(Dataset<Row> c) {
    Column[] common = {
      col(Contracts.BL_NUMBER), col(Contracts.CONTAINER_ID), col(Contracts.VESSEL_IMO),
      col(Contracts.VOYAGE_ID), col("origin").as(Contracts.PORT_OF_LOADING),
      col("discharge").as(Contracts.PORT_OF_DISCHARGE), col("origin_country").as(Contracts.ORIGIN_COUNTRY),
    };
    Dataset<Row> original = c.select(concatColumns(common,
        col("shipper_id").as(Contracts.SHIPPER_ID), col("consignee_id").as(Contracts.CONSIGNEE_ID),
        col("notify_id").as(Contracts.NOTIFY_PARTY_ID), col("forwarder_id").as(Contracts.FORWARDER_ID),
        col(Contracts.HS_CODE), col(Contracts.GOODS_DESCRIPTION),
        col("packages_n").cast("string").as(Contracts.PACKAGES),
        col("weight").cast("decimal(9,1)").cast("string").as(Contracts.GROSS_WEIGHT_KG),
        money(col("value")).as(Contracts.DECLARED_VALUE_EUR), col(Contracts.CONTAINER_TYPE),
        col(Contracts.SEAL_NUMBER), ts(col("filed_s")).as(Contracts.FILED_AT),
        ts(col("eta_s")).as(Contracts.ETA), dateOf(col("filed_s")).as(LandingWriter.DATE)));
    Dataset<Row> amendments = c.filter(col("amendment_s").isNotNull()).select(concatColumns(common,
        col("shipper_id").as(Contracts.SHIPPER_ID), col("final_consignee_id").as(Contracts.CONSIGNEE_ID),
        col("notify_id").as(Contracts.NOTIFY_PARTY_ID), col("forwarder_id").as(Contracts.FORWARDER_ID),
        col(Contracts.HS_CODE), col(Contracts.GOODS_DESCRIPTION),
        col("packages_n").cast("string").as(Contracts.PACKAGES),
        col("amended_weight").cast("decimal(9,1)").cast("string").as(Contracts.GROSS_WEIGHT_KG),
        money(col("value")).as(Contracts.DECLARED_VALUE_EUR), col(Contracts.CONTAINER_TYPE),
        col(Contracts.SEAL_NUMBER), ts(col("amendment_s")).as(Contracts.FILED_AT),
        ts(col("eta_s")).as(Contracts.ETA), dateOf(col("amendment_s")).as(LandingWriter.DATE)));
    return original.unionByName(amendments);
  }

  private static Column[] concatColumns(Column[] first, Column... rest) {
    Column[] all = new Column[first.length + rest.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  private static Column event(Column condition, String type, Column location, Column at, Column seal) {
    return when(condition, struct(lit(type).as("type"), location.as("location"), at.as("at"),
        seal.as("seal")));
  }

  private Dataset<Row> eventRows(Dataset<Row> c) {
    Column yes = lit(true);
    Column hasHub = col("hub").isNotNull();
    Column rip = col(SCHEME_CODE).equalTo(Scheme.RIP_ON_RIP_OFF.ordinal());
    Column hubSealChange = col("hub_seal_change");
    Column originSealChange = col("origin_seal_change");
    Column loadSeal = when(originSealChange, col("new_seal")).otherwise(col(Contracts.SEAL_NUMBER));
    Column afterHubSeal = when(originSealChange.or(hubSealChange), col("new_seal"))
        .otherwise(col(Contracts.SEAL_NUMBER));
    Column hubArrival = col("hub_arrival_s");
    Column hubHandling = hasHub.and(rip.or(hubSealChange));
    Column events = array(
        event(yes, "GATE_IN", col("origin"), col("gate_in_s"), col(Contracts.SEAL_NUMBER)),
        event(originSealChange, "SEAL_CHANGE", col("origin"), col("gate_in_s").plus(4 * HOUR), col("new_seal")),
        event(yes, "LOAD", col("origin"), col("load_s"), loadSeal),
        event(hasHub.and(not(hubHandling)), "TRANSSHIP", col("hub"),
            hubArrival.plus(pmod(col(ROW), lit(10)).plus(2).multiply(HOUR)), loadSeal),
        event(hubHandling, "DISCHARGE", col("hub"), hubArrival.plus(2 * HOUR), loadSeal),
        event(hubHandling, "SEAL_CHANGE", col("hub"),
            hubArrival.plus(pmod(col(ROW), lit(12)).plus(6).multiply(HOUR)), col("new_seal")),
        event(hubHandling, "LOAD", col("hub"), col("hub_departure_s").minus(3 * HOUR), afterHubSeal),
        event(yes, "DISCHARGE", col("discharge"), col("discharge_s"), afterHubSeal),
        event(yes, "GATE_OUT", col("discharge"), col("gate_out_s"), afterHubSeal));
    return c.select(col(Contracts.CONTAINER_ID),
            explode(filter(events, e -> e.isNotNull())).as("event"))
        .select(col(Contracts.CONTAINER_ID), col("event.type").as(Contracts.EVENT_TYPE),
            col("event.location").as(Contracts.LOCATION), ts(col("event.at")).as(Contracts.EVENT_AT),
            col("event.seal").as(Contracts.SEAL_NUMBER), dateOf(col("event.at")).as(LandingWriter.DATE));
  }

  private Dataset<Row> inspectionRows(Dataset<Row> c) {
    return c.filter(col(Contracts.SELECTED_BY).isNotNull()).select(
        col(Contracts.BL_NUMBER), col(Contracts.CONTAINER_ID),
        ts(col("inspected_s")).as(Contracts.INSPECTED_AT), col(Contracts.METHOD),
        col(Contracts.SELECTED_BY), col(Contracts.OUTCOME), col(Contracts.FINDING),
        col("cocaine_kg").cast("decimal(9,1)").cast("string").as(Contracts.QUANTITY_KG),
        dateOf(col("inspected_s")).as(LandingWriter.DATE));
  }

  private Dataset<Row> portCallRows(World world) {
    List<Row> rows = new ArrayList<>();
    for (World.Voyage v : world.voyages) {
      World.Service service = world.services.get(v.serviceIndex());
      List<Object[]> calls = new ArrayList<>();
      calls.add(new Object[] {service.origin().locode(), null, v.departure()});
      if (service.hub() != null) {
        calls.add(new Object[] {service.hub().locode(), v.hubArrival(), v.hubDeparture()});
      }
      calls.add(new Object[] {service.discharge().locode(), v.arrival(), v.dischargeDeparture()});
      for (int seq = 1; seq <= calls.size(); seq++) {
        Object[] call = calls.get(seq - 1);
        Long arrived = (Long) call[1];
        long departed = (Long) call[2];
        // A call is reported when the vessel arrives (departure still empty) and again when it
        // leaves; the later record replaces the earlier one (natural key vessel, voyage, seq).
        if (arrived != null && epochDay(arrived) != epochDay(departed)) {
          rows.add(portCall(v, seq, call[0], arrived, null, arrived));
        }
        rows.add(portCall(v, seq, call[0], arrived, departed, departed));
      }
    }
    StructType schema = new StructType();
    for (String name : List.of(Contracts.VESSEL_IMO, Contracts.VOYAGE_ID, Contracts.SEQ,
        Contracts.PORT, Contracts.ARRIVED_AT, Contracts.DEPARTED_AT, LandingWriter.DATE)) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return spark.createDataFrame(rows, schema);
  }

  private static long epochDay(long seconds) {
    return Math.floorDiv(seconds, DAY);
  }

  private static String isoSeconds(Long seconds) {
    return seconds == null ? null
        : java.time.Instant.ofEpochSecond(seconds).toString();
  }

  private static Row portCall(World.Voyage v, int seq, Object port, Long arrived, Long departed, long folder) {
    return RowFactory.create(v.vesselImo(), v.voyageId(), String.valueOf(seq), port,
        isoSeconds(arrived), isoSeconds(departed), LocalDate.ofEpochDay(epochDay(folder)).toString());
  }

  private Dataset<Row> firmRows(World world) {
    List<Row> rows = new ArrayList<>();
    for (World.Firm f : world.firms) {
      LocalDate folder = f.registeredOn().isBefore(settings.startDate()) ? settings.startDate() : f.registeredOn();
      rows.add(RowFactory.create(f.firmId(), f.name(), f.country(), f.registeredOn().toString(),
          f.eori(), f.address(), f.sector(), f.directorName(), f.bankAccount(), folder.toString()));
    }
    StructType schema = new StructType();
    for (String name : List.of(Contracts.FIRM_ID, Contracts.NAME, Contracts.COUNTRY,
        Contracts.REGISTERED_ON, Contracts.EORI, Contracts.ADDRESS, Contracts.SECTOR,
        Contracts.DIRECTOR_NAME, Contracts.BANK_ACCOUNT, LandingWriter.DATE)) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Firm labels, one per investigated firm: {@code malafideLabelShare} of the front companies are
   * labelled MALAFIDE {@value #FIRST_INVESTIGATION_DAY} + 0..{@code investigationDays} days after
   * they start trading (registration, or the period's start for older fronts), and
   * {@code partnerLabelShare} of their partners {@value #PARTNER_LABEL_DELAY} +
   * 0..{@value #PARTNER_LABEL_SPREAD} days after their front; {@code clearedLabelRate} of the other
   * firms are investigated and CLEARED on a uniform day of the period, a young firm (registered
   * in the year before the period) {@value #YOUNG_FIRM_INVESTIGATION_FACTOR} times as likely as
   * an old one: investigators look at what draws attention, so the cleared are not all
   * harmless-looking. Labels after the period are not written (not yet known).
   */
  private Dataset<Row> firmLabelRows(World world) {
    SplittableRandom random = new SplittableRandom(settings.seed() * 13 + 5);
    String[] sources = {"FIOD", "CUSTOMS-FIU", "POLICE"};
    // firm index -> {label day, MALAFIDE?}; the first label of a firm wins (one investigation)
    Map<Integer, long[]> labels = new java.util.TreeMap<>();
    for (World.Firm f : world.firms) {
      if (f.front() && random.nextDouble() < settings.malafideLabelShare()) {
        long trading = Math.max(f.registeredOn().toEpochDay(), world.startDay);
        long day = trading + FIRST_INVESTIGATION_DAY + random.nextInt(settings.investigationDays() + 1);
        labels.merge(f.index(), new long[] {day, 1}, (a, b) -> a[0] <= b[0] ? a : b);
        int offset = (f.index() - world.frontStart) * World.PARTNERS_PER_FRONT;
        for (int k = 0; k < World.PARTNERS_PER_FRONT; k++) {
          if (random.nextDouble() < settings.partnerLabelShare()) {
            long partnerDay = day + PARTNER_LABEL_DELAY + random.nextInt(PARTNER_LABEL_SPREAD + 1);
            labels.merge(world.frontPartners[offset + k], new long[] {partnerDay, 1},
                (a, b) -> a[0] <= b[0] ? a : b);
          }
        }
      }
    }
    long youngSince = world.startDay - 365;
    long others = world.firms.stream().filter(f -> !f.front()).count();
    long young = world.firms.stream()
        .filter(f -> !f.front() && f.registeredOn().toEpochDay() >= youngSince).count();
    // normalised so that clearedLabelRate stays the share of all non-front firms
    double normaliser = others == 0 ? 1
        : (others - young + YOUNG_FIRM_INVESTIGATION_FACTOR * young) / (double) others;
    for (World.Firm f : world.firms) {
      double factor = f.registeredOn().toEpochDay() >= youngSince ? YOUNG_FIRM_INVESTIGATION_FACTOR : 1.0;
      if (!f.front() && random.nextDouble() < settings.clearedLabelRate() * factor / normaliser) {
        long day = world.startDay + random.nextInt(settings.days());
        labels.putIfAbsent(f.index(), new long[] {day, 0});
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Integer, long[]> label : labels.entrySet()) {
      String date = LocalDate.ofEpochDay(label.getValue()[0]).toString();
      rows.add(RowFactory.create(world.firms.get(label.getKey()).firmId(), date,
          label.getValue()[1] == 1 ? "MALAFIDE" : "CLEARED",
          sources[random.nextInt(sources.length)], date));
    }
    StructType schema = new StructType();
    for (String name : List.of(Contracts.FIRM_ID, Contracts.LABELLED_ON, Contracts.LABEL,
        Contracts.LABEL_SOURCE, LandingWriter.DATE)) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return spark.createDataFrame(rows, schema);
  }

  // ---- transactions ----

  private Dataset<Row> transactionRows(World world, HashRandom r) {
    GeneratorSettings s = settings;
    long total = (long) s.days() * s.transactionsPerDay();
    int partitions = (int) Math.min(2000, Math.max(2, total / 250_000));
    Column id = col(ROW);
    Dataset<Row> t = spark.range(0, total, 1, partitions).withColumnRenamed("id", ROW)
        .withColumn(DAY_INDEX, floor(id.divide(Math.max(1, s.transactionsPerDay()))).cast("int"));
    Column eligibleFronts = lit(world.frontsRegisteredBefore).getItem(col(DAY_INDEX));
    Column frontActor = r.uniform(id, "txn-front").lt(s.frontTransactionShare()).and(eligibleFronts.gt(0));
    Column front = floor(eligibleFronts.multiply(r.uniform(id, "txn-front-firm"))).plus(world.frontStart);
    int shippers = world.importerStart;
    Column anyShipper = floor(pow(r.uniform(id, "txn-shipper"), 2).multiply(shippers));
    Column importer = floor(pow(r.uniform(id, "txn-importer"), 2).multiply(world.importerSize)).plus(world.importerStart);
    Column haulier = floor(pow(r.uniform(id, "txn-haulier"), 2).multiply(world.haulierSize)).plus(world.haulierStart);
    Column partner = floor(r.uniform(id, "txn-partner").multiply(world.forwarderSize + world.agentSize))
        .plus(world.forwarderStart);
    // A front's third-party wires and wires abroad mostly involve its own partners (shippers in
    // high-risk countries, see World#frontPartners): the network that labels them MALAFIDE too.
    Column frontShipper = anyShipper;
    if (world.frontPartners.length > 0) {
      Column slot = front.minus(world.frontStart).multiply(World.PARTNERS_PER_FRONT)
          .plus(floor(r.uniform(id, "txn-front-partner").multiply(World.PARTNERS_PER_FRONT)));
      frontShipper = when(r.uniform(id, "txn-front-partner-share").lt(FRONT_PARTNER_SHARE),
              lit(world.frontPartners).getItem(slot.cast("int")))
          .otherwise(anyShipper);
    }
    Column v = r.uniform(id, "txn-kind");
    double st = s.structuringShare();
    // kinds: 0 wire importer->shipper, 1 card, 2 domestic wire, 3 cash deposit, 4 cash withdrawal,
    // 10 structuring deposit, 11 front withdrawal, 12 third-party wire to front, 13 front wire abroad
    Column kind = when(frontActor,
            when(v.lt(st), 10).when(v.lt(st + (1 - st) * 0.25), 11)
                .when(v.lt(st + (1 - st) * 0.65), 12).otherwise(13))
        .otherwise(when(v.lt(0.65), 0).when(v.lt(0.8), 1).when(v.lt(0.9), 2).when(v.lt(0.96), 3)
            .otherwise(4));
    t = t.withColumn("kind", kind);
    Column k = col("kind");
    t = t.withColumn("payer_index", when(k.equalTo(0).or(k.equalTo(1)).or(k.equalTo(2)), importer)
            .when(k.equalTo(4), haulier).when(k.equalTo(11).or(k.equalTo(13)), front)
            .when(k.equalTo(12), frontShipper).cast("int"))
        .withColumn("payee_index", when(k.equalTo(0), anyShipper).when(k.equalTo(1), haulier)
            .when(k.equalTo(2), partner).when(k.equalTo(3), haulier)
            .when(k.equalTo(10).or(k.equalTo(12)), front).when(k.equalTo(13), frontShipper).cast("int"));
    Column lognormal = exp(r.normal(id, "txn-amount"));
    Column amount = when(k.equalTo(0), lognormal.multiply(0.8).multiply(40_000))
        .when(k.equalTo(1), r.uniform(id, "card").multiply(2_950).plus(50))
        .when(k.equalTo(2), r.uniform(id, "domestic").multiply(19_500).plus(500))
        .when(k.equalTo(3).or(k.equalTo(4)), lognormal.multiply(3_000))
        .when(k.equalTo(10), r.uniform(id, "structuring").multiply(990).plus(9_000))
        .when(k.equalTo(11), r.uniform(id, "withdrawal").multiply(7_900).plus(2_000))
        .otherwise(r.uniform(id, "front-wire").multiply(145_000).plus(5_000));
    t = t.withColumn("amount", floor(amount.multiply(100)).divide(100));
    t = t.join(broadcast(firmKeysFrame(world, "payer_")),
            col("payer_index").equalTo(col("payer_firm_key")), "left")
        .join(broadcast(firmKeysFrame(world, "payee_")),
            col("payee_index").equalTo(col("payee_firm_key")), "left");
    Column wire = k.equalTo(0).or(k.equalTo(2)).or(k.equalTo(12)).or(k.equalTo(13));
    Column abroad = not(col("payee_country").isin("NL", "BE", "DE", "FR", "ES", "PT", "IT", "GR"));
    Column currency = when(wire.and(abroad).and(r.uniform(id, "usd").lt(0.5)), lit("USD"))
        .otherwise(lit("EUR"));
    Column year = lit(s.startDate().getYear()).cast("string");
    Column reference = when(k.equalTo(0).or(k.equalTo(13)), concat(lit("INV "), year, lit("-"),
            lpad(r.below(id, "invoice", 100_000).cast("string"), 5, "0")))
        .when(k.equalTo(1), lit("CARD PAYMENT"))
        .when(k.equalTo(2), concat(lit("SERVICES "), year, lit("/"), r.between(id, "svc", 1, 999).cast("string")))
        .when(k.equalTo(12), concat(lit("ON BEHALF OF "),
            firmId(floor(r.uniform(id, "behalf").multiply(world.importerSize)).plus(world.importerStart), world)));
    Column booked = col(DAY_INDEX).plus(world.startDay).multiply(DAY)
        .plus(when(k.equalTo(10).or(k.equalTo(11)).or(k.equalTo(3)).or(k.equalTo(4)),
                r.between(id, "branch-minute", 540, 1019))
            .otherwise(r.between(id, "minute", 0, 1439)).multiply(60));
    Column txnId = format_string("T%012d",
        pmod(id.multiply(999_999_937L).plus(Math.floorMod(s.seed() * 31L, 1_000_000_000_000L)),
            lit(1_000_000_000_000L)));
    return t.select(txnId.as(Contracts.TXN_ID), ts(booked).as(Contracts.BOOKED_AT),
        firmId(col("payer_index"), world).as(Contracts.PAYER_ID),
        firmId(col("payee_index"), world).as(Contracts.PAYEE_ID),
        money(col("amount")).as(Contracts.AMOUNT), currency.as(Contracts.CURRENCY),
        when(k.equalTo(1), lit("CARD")).when(k.equalTo(3).or(k.equalTo(10)), lit("CASH_DEPOSIT"))
            .when(k.equalTo(4).or(k.equalTo(11)), lit("CASH_WITHDRAWAL")).otherwise(lit("WIRE"))
            .as(Contracts.CHANNEL),
        col("payer_country").as(Contracts.PAYER_COUNTRY), col("payee_country").as(Contracts.PAYEE_COUNTRY),
        reference.as(Contracts.REFERENCE), dateOf(booked).as(LandingWriter.DATE));
  }

  // ---- ground truth ----

  private Dataset<Row> containerTruth(Dataset<Row> c, World world) {
    Column schemeName = lit(Scheme.NONE.name());
    Column byCode = null;
    for (Scheme scheme : Scheme.values()) {
      Column condition = col(SCHEME_CODE).equalTo(scheme.ordinal());
      byCode = byCode == null ? when(condition, lit(scheme.name()))
          : byCode.when(condition, lit(scheme.name()));
    }
    return c.select(col(Contracts.BL_NUMBER), col(Contracts.CONTAINER_ID),
        dateOf(col("filed_s")).as(TruthColumns.FILED_DATE),
        byCode.otherwise(schemeName).as(TruthColumns.SCHEME),
        col("smuggled").cast("string").as(TruthColumns.SMUGGLED),
        col("cocaine_kg").cast("decimal(9,1)").cast("string").as(TruthColumns.COCAINE_KG),
        col("final_consignee_id").as(Contracts.CONSIGNEE_ID),
        col("consignee_front").cast("string").as(TruthColumns.CONSIGNEE_FRONT),
        col("risk_proxy").cast("string").as(TruthColumns.RISK_PROXY),
        col("amendment_s").isNotNull().cast("string").as(TruthColumns.AMENDED),
        col(Contracts.SELECTED_BY).as(TruthColumns.INSPECTED_BY));
  }

  private Dataset<Row> firmTruth(World world) {
    List<Row> rows = world.firms.stream().map(f -> RowFactory.create(f.firmId(), f.sector(),
        f.registeredOn().toString(), String.valueOf(f.front()),
        String.valueOf(f.watchFromDay() != null
            && f.watchFromDay() <= settings.endDate().toEpochDay()))).toList();
    StructType schema = new StructType();
    for (String name : List.of(Contracts.FIRM_ID, Contracts.SECTOR, Contracts.REGISTERED_ON,
        TruthColumns.FRONT, TruthColumns.WATCHLISTED)) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return spark.createDataFrame(rows, schema);
  }

  /** Tip-offs: tipped smuggled containers and watched front companies (reference format). */
  private Dataset<Row> watchlist(Dataset<Row> c, World world) {
    String end = settings.endDate().toString();
    Dataset<Row> containers = c.filter(col("container_tip")
            .and(dateOf(col("filed_s")).leq(lit(end))))
        .select(lit(ReferenceColumns.CONTAINER).as(ReferenceColumns.ENTITY_TYPE),
            col(Contracts.CONTAINER_ID).as(ReferenceColumns.ENTITY_ID),
            lit("tip-off: cocaine expected").as(ReferenceColumns.REASON),
            dateOf(col("filed_s")).as(ReferenceColumns.VALID_FROM),
            dateOf(col("gate_out_s")).as(ReferenceColumns.VALID_TO));
    List<Row> firms = new ArrayList<>();
    for (World.Firm f : world.firms) {
      if (f.watchFromDay() != null && f.watchFromDay() <= settings.endDate().toEpochDay()) {
        firms.add(RowFactory.create(ReferenceColumns.FIRM, f.firmId(),
            "intelligence: suspected front company",
            LocalDate.ofEpochDay(f.watchFromDay()).toString(), null));
      }
    }
    StructType schema = new StructType();
    for (String name : List.of(ReferenceColumns.ENTITY_TYPE, ReferenceColumns.ENTITY_ID,
        ReferenceColumns.REASON, ReferenceColumns.VALID_FROM, ReferenceColumns.VALID_TO)) {
      schema = schema.add(name, DataTypes.StringType);
    }
    return containers.unionByName(spark.createDataFrame(firms, schema));
  }

  /** One aggregate over the generated containers (a single summary row). */
  private GenerationResult summary(Dataset<Row> c) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as("manifests"));
    for (Scheme scheme : Scheme.values()) {
      aggregates.add(sum(when(col(SCHEME_CODE).equalTo(scheme.ordinal()), 1).otherwise(0)).as(scheme.name()));
    }
    Column inspectedInPeriod = col(Contracts.SELECTED_BY).isNotNull()
        .and(dateOf(col("inspected_s")).leq(lit(settings.endDate().toString())));
    Column random = inspectedInPeriod.and(col(Contracts.SELECTED_BY).equalTo("RANDOM"));
    aggregates.add(sum(when(inspectedInPeriod, 1).otherwise(0)).as("inspections"));
    aggregates.add(sum(when(inspectedInPeriod.and(col("smuggled")), 1).otherwise(0)).as("hits"));
    aggregates.add(sum(when(random, 1).otherwise(0)).as("random"));
    aggregates.add(sum(when(random.and(col("smuggled")), 1).otherwise(0)).as("random_hits"));
    Row row = c.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
    Map<String, Long> schemes = new LinkedHashMap<>();
    for (Scheme scheme : Scheme.values()) {
      schemes.put(scheme.name(), row.getLong(row.fieldIndex(scheme.name())));
    }
    GenerationResult result = new GenerationResult(output, settings, row.getLong(0), schemes,
        row.getLong(row.fieldIndex("inspections")), row.getLong(row.fieldIndex("hits")),
        row.getLong(row.fieldIndex("random")), row.getLong(row.fieldIndex("random_hits")));
    LOG.info("Generated {}", result);
    return result;
  }
}
