package org.cargorisk.synthetic;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Identifiers;
import org.cargorisk.contracts.Source;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's output follows the landing contract, is deterministic by seed, and carries the
 * planted schemes and biased inspections at their configured rates (checked against the ground
 * truth). One small landing area (scheme rates raised so that a few thousand manifests hold
 * enough of each) is generated once for the class.
 */
@Slow
class SyntheticLandingGeneratorTest {
  private static final double SCHEME_RATE = 0.03;
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final int DAYS = 40;
  private static final int PER_DAY = 100;

  @TempDir static Path shared;
  private static SparkSession spark;
  private static ReferenceData reference;
  private static Path landing;
  private static GeneratorSettings settings;
  private static SyntheticLandingGenerator.GenerationResult result;

  @BeforeAll
  static void generate() {
    spark = SparkTestSession.get();
    reference = ReferenceData.load(spark.sparkContext().hadoopConfiguration(),
        TestPaths.repoRoot().resolve("data-samples/reference").toString());
    settings = GeneratorSettings.builder().startDate(START).days(DAYS).manifestsPerDay(PER_DAY)
        .seed(7).coverLoadRate(SCHEME_RATE).riskyTransshipmentRate(SCHEME_RATE).ripOnRate(SCHEME_RATE)
        .weightValueAnomalyRate(SCHEME_RATE).lateAmendmentRate(SCHEME_RATE)
        .frontCoverTrafficRate(SCHEME_RATE).inspectionRate(0.15).randomInspectionShare(0.2)
        .build();
    landing = shared.resolve("landing");
    result = SyntheticLandingGenerator.builder(spark).settings(settings).reference(reference)
        .output(landing.toString()).execute();
  }

  private static Dataset<Row> raw(Source source) {
    return spark.read().option("header", "true").schema(source.rawSchema())
        .csv(landing.resolve(source.sourceName()).toString());
  }

  private static Dataset<Row> truth(String name) {
    return spark.read().option("header", "true").csv(landing.resolve("_truth").resolve(name).toString());
  }

  @Test
  void everySourceHasAFolderPerDateWithTheContractHeader() throws IOException {
    for (Source source : Source.values()) {
      String header = String.join(",", source.columns().stream().map(ColumnSpec::name).toList());
      for (int d = 0; d < DAYS; d++) {
        Path folder = landing.resolve(source.sourceName()).resolve("date=" + START.plusDays(d));
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
          files = list.toList();
        }
        assertThat(files).as("files of %s", folder).isNotEmpty()
            .allSatisfy(f -> assertThat(f.getFileName().toString()).matches("part-\\d{5}\\.csv"));
        for (Path file : files) {
          String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
          assertThat(first).as("header of %s", file).isEqualTo(header);
        }
      }
    }
  }

  @Test
  void everyValueParsesAsItsContractTypeAndRequiredValuesArePresent() {
    for (Source source : Source.values()) {
      List<Row> rows = raw(source).collectAsList();
      assertThat(rows).as("rows of %s", source).isNotEmpty();
      for (Row row : rows) {
        for (ColumnSpec column : source.columns()) {
          String value = row.getString(row.fieldIndex(column.name()));
          if (value == null) {
            assertThat(column.required()).as("%s.%s is required: %s", source, column.name(), row).isFalse();
            continue;
          }
          String type = column.type().typeName();
          switch (type) {
            case "timestamp" -> assertThat(Instant.parse(value)).isNotNull();
            case "date" -> assertThat(LocalDate.parse(value)).isNotNull();
            case "integer" -> assertThat(Integer.parseInt(value)).isGreaterThanOrEqualTo(0);
            case "double" -> assertThat(Double.parseDouble(value)).isGreaterThanOrEqualTo(0);
            default -> assertThat(value).isNotBlank();
          }
        }
      }
    }
  }

  @Test
  void identifiersPassTheirCheckDigitsAndPortsComeFromTheReference() {
    List<String> locodes = reference.ports().stream().map(ReferenceData.Port::locode).toList();
    for (Row row : raw(Source.MANIFESTS).collectAsList()) {
      assertThat(Identifiers.isValidContainerNumber(row.getAs("container_id"))).as(row.toString()).isTrue();
      assertThat(Identifiers.isValidImo(row.getAs("vessel_imo"))).as(row.toString()).isTrue();
      assertThat(locodes).contains(row.<String>getAs("port_of_loading"), row.<String>getAs("port_of_discharge"));
      assertThat(row.<String>getAs("hs_code")).matches("[0-9]{6,10}");
      assertThat(Instant.parse(row.getAs("eta"))).isAfter(Instant.parse(row.getAs("filed_at")));
    }
    java.util.Set<String> firmIds = new java.util.HashSet<>(raw(Source.FIRMS).select("firm_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    for (Row row : raw(Source.MANIFESTS).collectAsList()) {
      for (String party : List.of("shipper_id", "consignee_id", "notify_party_id", "forwarder_id")) {
        String firm = row.getAs(party);
        if (firm != null || party.equals("shipper_id") || party.equals("consignee_id")) {
          assertThat(firmIds).as("%s of %s", party, row).contains(firm);
        }
      }
    }
    for (Row row : raw(Source.TRANSACTIONS).collectAsList()) {
      assertThat(row.<String>getAs("payer_id") != null || row.<String>getAs("payee_id") != null).isTrue();
      for (String party : List.of("payer_id", "payee_id")) {
        String firm = row.getAs(party);
        if (firm != null) {
          assertThat(firmIds).as("%s of %s", party, row).contains(firm);
        }
      }
    }
    for (Row row : raw(Source.CONTAINER_EVENTS).collectAsList()) {
      assertThat(Identifiers.isValidContainerNumber(row.getAs("container_id"))).isTrue();
      assertThat(locodes).contains(row.<String>getAs("location"));
    }
    for (Row row : raw(Source.PORT_CALLS).collectAsList()) {
      assertThat(Identifiers.isValidImo(row.getAs("vessel_imo"))).isTrue();
    }
  }

  @Test
  void rowsLandInTheFolderOfTheirDate() {
    Dataset<Row> events = spark.read().option("header", "true")
        .csv(landing.resolve("container_events").toString());
    long misplaced = events.filter(col("event_at").substr(1, 10).notEqual(col("date").cast("string"))).count();
    assertThat(misplaced).isZero();
    Dataset<Row> inspections = spark.read().option("header", "true")
        .csv(landing.resolve("inspections").toString());
    assertThat(inspections.filter(col("inspected_at").substr(1, 10).notEqual(col("date").cast("string"))).count())
        .isZero();
  }

  @Test
  void eachPlantedSchemeIsPresentAtItsConfiguredRate() {
    Map<String, Long> counts = new HashMap<>();
    for (Row row : truth("containers").groupBy("scheme").count().collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    assertThat(total).isEqualTo((long) DAYS * PER_DAY);
    for (Scheme scheme : Scheme.values()) {
      if (scheme == Scheme.NONE) {
        continue;
      }
      double share = counts.getOrDefault(scheme.name(), 0L) / (double) total;
      // 120 expected each: three standard deviations are about 27 %
      assertThat(share).as("share of %s", scheme).isCloseTo(SCHEME_RATE, within(SCHEME_RATE * 0.3));
    }
    assertThat(result.schemes()).containsEntry("COVER_LOAD", counts.get("COVER_LOAD"));
  }

  @Test
  void schemesLeaveTheirTracesInTheLandingData() {
    Dataset<Row> t = truth("containers");
    Dataset<Row> manifests = raw(Source.MANIFESTS);
    Dataset<Row> events = raw(Source.CONTAINER_EVENTS);
    // rip-on/rip-off containers have a seal change at a hub
    // (filed in the first two weeks, so that they reached their hub before the last date)
    Dataset<Row> early = t.filter(col("filed_date").lt(START.plusDays(14).toString()));
    long ripOn = early.filter(col("scheme").equalTo("RIP_ON_RIP_OFF")).count();
    assertThat(ripOn).isGreaterThan(20);
    long ripWithSealChange = early.filter(col("scheme").equalTo("RIP_ON_RIP_OFF"))
        .join(events.filter(col("event_type").equalTo("SEAL_CHANGE")), "container_id")
        .select("container_id").distinct().count();
    assertThat(ripWithSealChange).isGreaterThan((long) (ripOn * 0.8));
    // cover loads carry cover goods from tier-3 origins
    List<String> cover = reference.coverGoods().stream().map(ReferenceData.CoverGood::hsPrefix).toList();
    List<String> tier3 = reference.ports().stream().filter(p -> p.riskTier() == 3)
        .map(ReferenceData.Port::locode).toList();
    List<Row> coverLoads = t.filter(col("scheme").equalTo("COVER_LOAD"))
        .join(manifests, List.of("bl_number", "container_id").toArray(String[]::new)).collectAsList();
    assertThat(coverLoads).isNotEmpty().allSatisfy(row -> {
      assertThat(tier3).contains(row.<String>getAs("port_of_loading"));
      assertThat(cover).anyMatch(prefix -> row.<String>getAs("hs_code").startsWith(prefix));
    });
    // front companies exist, are young, and make structured cash deposits
    Dataset<Row> firms = truth("firms");
    List<String> fronts = firms.filter(col("front").equalTo("true")).select("firm_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(fronts).isNotEmpty();
    Dataset<Row> deposits = raw(Source.TRANSACTIONS).filter(col("channel").equalTo("CASH_DEPOSIT"));
    long structured = deposits.filter(col("payee_id").isin(fronts.toArray())
        .and(col("amount").cast("double").between(9000, 9999.99))).count();
    assertThat(structured).isGreaterThan(0);
  }

  @Test
  void amendmentsRepeatTheKeyWithALaterFiledAtSomeAfterDeparture() {
    Dataset<Row> manifests = raw(Source.MANIFESTS);
    List<Row> keys = manifests.groupBy("bl_number", "container_id").count()
        .filter(col("count").gt(1)).collectAsList();
    assertThat(keys).isNotEmpty();
    // late amendments of manifests filed in the first two weeks were filed before the last date
    long lateSchemes = truth("containers").filter(col("scheme").equalTo("LATE_AMENDMENT")
        .and(col("filed_date").lt(START.plusDays(14).toString()))).count();
    Dataset<Row> amended = manifests.groupBy("bl_number", "container_id")
        .agg(org.apache.spark.sql.functions.min("filed_at").as("first"),
            org.apache.spark.sql.functions.max("filed_at").as("last"),
            org.apache.spark.sql.functions.count("*").as("versions"),
            org.apache.spark.sql.functions.countDistinct("consignee_id").as("consignees"))
        .filter(col("versions").gt(1));
    assertThat(amended.filter(col("last").leq(col("first"))).count()).isZero();
    // late amendments swap the consignee to a front company after the vessel left
    assertThat(amended.filter(col("consignees").gt(1)).count())
        .isGreaterThan((long) (lateSchemes * 0.5));
  }

  @Test
  void inspectionsAreBiasedTowardsRiskAndKeepARandomShare() {
    Dataset<Row> inspections = raw(Source.INSPECTIONS);
    Map<String, long[]> bySelection = new HashMap<>();
    for (Row row : inspections.collectAsList()) {
      long[] counts = bySelection.computeIfAbsent(row.getAs("selected_by"), k -> new long[2]);
      counts[0]++;
      if ("HIT".equals(row.getAs("outcome"))) {
        counts[1]++;
        assertThat(row.<String>getAs("quantity_kg")).isNotNull();
      }
    }
    long total = bySelection.values().stream().mapToLong(c -> c[0]).sum();
    long[] random = bySelection.get("RANDOM");
    long[] targeted = {bySelection.get("RULE")[0] + bySelection.get("MODEL")[0],
        bySelection.get("RULE")[1] + bySelection.get("MODEL")[1]};
    assertThat(random[0] / (double) total).isCloseTo(0.2, within(0.07));
    assertThat(targeted[1] / (double) targeted[0]).isGreaterThan(1.5 * random[1] / (double) random[0]);
    // every smuggled container that was inspected is a hit, and nothing else is
    Dataset<Row> joined = inspections.join(truth("containers"),
        new String[] {"bl_number", "container_id"});
    assertThat(joined.filter(col("outcome").equalTo("HIT").notEqual(col("smuggled").equalTo("true"))).count())
        .isZero();
  }

  @Test
  void theSameSeedGivesIdenticalBytesAndAnotherSeedOtherData(@TempDir Path dir) throws IOException {
    GeneratorSettings small = GeneratorSettings.builder().startDate(START).days(2).manifestsPerDay(40)
        .seed(11).build();
    for (String name : List.of("a", "b")) {
      SyntheticLandingGenerator.builder(spark).settings(small).reference(reference)
          .output(dir.resolve(name).toString()).execute();
    }
    SyntheticLandingGenerator.builder(spark)
        .settings(GeneratorSettings.builder().startDate(START).days(2).manifestsPerDay(40).seed(12).build())
        .reference(reference).output(dir.resolve("c").toString()).execute();
    Map<String, byte[]> a = files(dir.resolve("a"));
    Map<String, byte[]> b = files(dir.resolve("b"));
    Map<String, byte[]> c = files(dir.resolve("c"));
    assertThat(a.keySet()).isEqualTo(b.keySet()).contains("manifests/date=2026-01-01/part-00000.csv");
    assertThat(a.keySet()).as("no _SUCCESS or .crc side files")
        .noneMatch(f -> Path.of(f).getFileName().toString().startsWith("."))
        .noneMatch(f -> Path.of(f).getFileName().toString().startsWith("_"))
        .contains("_truth/watchlist.csv", "_truth/containers/part-00000.csv");
    for (String file : a.keySet()) {
      assertThat(b.get(file)).as(file).isEqualTo(a.get(file));
    }
    String manifests = "manifests/date=2026-01-02/part-00000.csv";
    assertThat(new String(c.get(manifests), StandardCharsets.UTF_8))
        .isNotEqualTo(new String(a.get(manifests), StandardCharsets.UTF_8));
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> result = new HashMap<>();
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(paths::add);
    }
    for (Path path : paths) {
      result.put(root.relativize(path).toString(), Files.readAllBytes(path));
    }
    return result;
  }
}
