package org.cargorisk.validation;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.LandingFixtures;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hard rule with a good and a bad example. The cases of a source are validated together in
 * one small DataFrame; each case is its own dynamic test, named by the rule and the value.
 */
class SourceRulesTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  private final SparkSession spark = SparkTestSession.get();

  /** A change to one valid record and the reason codes it must produce (none = accepted). */
  record Case(Source source, String column, String value, List<String> expected) {
    String name() {
      return source.sourceName() + "." + column + " = '" + value + "' -> " + (expected.isEmpty() ? "accepted" : expected);
    }
  }

  private static Case good(Source source, String column, String value) {
    return new Case(source, column, value, List.of());
  }

  private static Case bad(Source source, String column, String value, ReasonCode code) {
    return new Case(source, column, value, List.of(code.on(column)));
  }

  private static Case badRecord(Source source, String column, String value, ReasonCode code) {
    return new Case(source, column, value, List.of(code.name()));
  }

  static List<Case> cases() {
    Source m = Source.MANIFESTS;
    String text512 = "x".repeat(512);
    return List.of(
        // required
        good(m, Contracts.NOTIFY_PARTY_ID, ""),
        bad(m, Contracts.BL_NUMBER, "", ReasonCode.MISSING_VALUE),
        bad(m, Contracts.SHIPPER_ID, "  ", ReasonCode.MISSING_VALUE),
        // ISO 6346
        good(m, Contracts.CONTAINER_ID, "CSQU3054383"),
        bad(m, Contracts.CONTAINER_ID, "MSKU9070324", ReasonCode.INVALID_CONTAINER_ID),
        bad(m, Contracts.CONTAINER_ID, "MSK9070323", ReasonCode.INVALID_CONTAINER_ID),
        // IMO
        good(m, Contracts.VESSEL_IMO, "IMO 9074729"),
        bad(m, Contracts.VESSEL_IMO, "9074728", ReasonCode.INVALID_IMO),
        // UN/LOCODE
        good(m, Contracts.PORT_OF_LOADING, "COCTG"),
        bad(m, Contracts.PORT_OF_LOADING, "NLRT1", ReasonCode.INVALID_LOCODE),
        bad(m, Contracts.PORT_OF_DISCHARGE, "XXRTM", ReasonCode.INVALID_LOCODE),
        // ISO 3166
        good(m, Contracts.ORIGIN_COUNTRY, "CO"),
        bad(m, Contracts.ORIGIN_COUNTRY, "XX", ReasonCode.INVALID_COUNTRY),
        // HS code
        good(m, Contracts.HS_CODE, "0803901000"),
        bad(m, Contracts.HS_CODE, "08039", ReasonCode.INVALID_HS_CODE),
        bad(m, Contracts.HS_CODE, "08039A", ReasonCode.INVALID_HS_CODE),
        // numbers
        good(m, Contracts.PACKAGES, "0"),
        bad(m, Contracts.PACKAGES, "12.5", ReasonCode.INVALID_NUMBER),
        bad(m, Contracts.PACKAGES, "-1", ReasonCode.NUMBER_TOO_SMALL),
        good(m, Contracts.GROSS_WEIGHT_KG, "40000"),
        bad(m, Contracts.GROSS_WEIGHT_KG, "40000.1", ReasonCode.NUMBER_TOO_LARGE),
        bad(m, Contracts.GROSS_WEIGHT_KG, "-0.5", ReasonCode.NUMBER_TOO_SMALL),
        bad(m, Contracts.GROSS_WEIGHT_KG, "NaN", ReasonCode.INVALID_NUMBER),
        bad(m, Contracts.GROSS_WEIGHT_KG, "12kg", ReasonCode.INVALID_NUMBER),
        good(m, Contracts.DECLARED_VALUE_EUR, ""),
        bad(m, Contracts.DECLARED_VALUE_EUR, "-3", ReasonCode.NUMBER_TOO_SMALL),
        // timestamps
        good(m, Contracts.FILED_AT, "2026-03-02 14:05:00"),
        good(m, Contracts.FILED_AT, "2026-03-03T23:59:59Z"),
        bad(m, Contracts.FILED_AT, "2026-03-04T00:00:00Z", ReasonCode.OUT_OF_RANGE),
        bad(m, Contracts.FILED_AT, "1999-12-31T23:59:59Z", ReasonCode.OUT_OF_RANGE),
        bad(m, Contracts.FILED_AT, "02/03/2026 14:05", ReasonCode.INVALID_TIMESTAMP),
        bad(m, Contracts.FILED_AT, "2026-03-02", ReasonCode.INVALID_TIMESTAMP),
        bad(m, Contracts.FILED_AT, "2026-02-30T10:00:00Z", ReasonCode.INVALID_TIMESTAMP),
        good(m, Contracts.ETA, "2026-12-01T00:00:00Z"),
        bad(m, Contracts.ETA, "2027-04-01T00:00:00Z", ReasonCode.OUT_OF_RANGE),
        // formats and lengths
        good(m, Contracts.CONTAINER_TYPE, "22G1"),
        bad(m, Contracts.CONTAINER_TYPE, "45R", ReasonCode.INVALID_FORMAT),
        bad(m, Contracts.BL_NUMBER, "MAEU 2403", ReasonCode.INVALID_FORMAT),
        bad(m, Contracts.SHIPPER_ID, "F'0001", ReasonCode.INVALID_FORMAT),
        good(m, Contracts.GOODS_DESCRIPTION, text512),
        bad(m, Contracts.GOODS_DESCRIPTION, text512 + "x", ReasonCode.TOO_LONG),
        bad(m, Contracts.SEAL_NUMBER, "S".repeat(21), ReasonCode.TOO_LONG),
        // port calls
        good(Source.PORT_CALLS, Contracts.DEPARTED_AT, ""),
        badRecord(Source.PORT_CALLS, Contracts.DEPARTED_AT, "2026-03-01T07:59:59Z", ReasonCode.DEPARTED_BEFORE_ARRIVED),
        good(Source.PORT_CALLS, Contracts.SEQ, "1"),
        bad(Source.PORT_CALLS, Contracts.SEQ, "0", ReasonCode.NUMBER_TOO_SMALL),
        bad(Source.PORT_CALLS, Contracts.PORT, "PAM1T", ReasonCode.INVALID_LOCODE),
        // container events
        good(Source.CONTAINER_EVENTS, Contracts.EVENT_TYPE, "SEAL_CHANGE"),
        bad(Source.CONTAINER_EVENTS, Contracts.EVENT_TYPE, "LOADED", ReasonCode.INVALID_ENUM),
        good(Source.CONTAINER_EVENTS, Contracts.SEAL_NUMBER, ""),
        bad(Source.CONTAINER_EVENTS, Contracts.CONTAINER_ID, "MSKU9070322", ReasonCode.INVALID_CONTAINER_ID),
        // firms
        good(Source.FIRMS, Contracts.REGISTERED_ON, "1850-01-01"),
        bad(Source.FIRMS, Contracts.REGISTERED_ON, "2011-4-18", ReasonCode.INVALID_DATE),
        bad(Source.FIRMS, Contracts.REGISTERED_ON, "2026-03-03", ReasonCode.OUT_OF_RANGE),
        bad(Source.FIRMS, Contracts.SECTOR, "BANK", ReasonCode.INVALID_ENUM),
        good(Source.FIRMS, Contracts.EORI, "NL812345678"),
        bad(Source.FIRMS, Contracts.EORI, "NL", ReasonCode.INVALID_FORMAT),
        good(Source.FIRMS, Contracts.BANK_ACCOUNT, ""),
        bad(Source.FIRMS, Contracts.BANK_ACCOUNT, "NL91 ABNA", ReasonCode.INVALID_FORMAT),
        bad(Source.FIRMS, Contracts.COUNTRY, "UK", ReasonCode.INVALID_COUNTRY),
        // transactions
        good(Source.TRANSACTIONS, Contracts.PAYEE_ID, ""),
        good(Source.TRANSACTIONS, Contracts.CURRENCY, "USD"),
        bad(Source.TRANSACTIONS, Contracts.CURRENCY, "EUX", ReasonCode.INVALID_CURRENCY),
        bad(Source.TRANSACTIONS, Contracts.CHANNEL, "BITCOIN", ReasonCode.INVALID_ENUM),
        bad(Source.TRANSACTIONS, Contracts.AMOUNT, "-5", ReasonCode.NUMBER_TOO_SMALL),
        good(Source.TRANSACTIONS, Contracts.PAYER_COUNTRY, ""),
        bad(Source.TRANSACTIONS, Contracts.PAYER_COUNTRY, "ZZ", ReasonCode.INVALID_COUNTRY),
        bad(Source.TRANSACTIONS, Contracts.REFERENCE, "r".repeat(141), ReasonCode.TOO_LONG),
        bad(Source.TRANSACTIONS, Contracts.BOOKED_AT, "yesterday", ReasonCode.INVALID_TIMESTAMP),
        // inspections
        good(Source.INSPECTIONS, Contracts.FINDING, ""),
        bad(Source.INSPECTIONS, Contracts.METHOD, "XRAY", ReasonCode.INVALID_ENUM),
        bad(Source.INSPECTIONS, Contracts.QUANTITY_KG, "40001", ReasonCode.NUMBER_TOO_LARGE),
        // firm labels
        good(Source.FIRM_LABELS, Contracts.LABELLED_ON, "2026-03-02"),
        bad(Source.FIRM_LABELS, Contracts.LABELLED_ON, "2026-03-03", ReasonCode.OUT_OF_RANGE),
        bad(Source.FIRM_LABELS, Contracts.LABEL, "GUILTY", ReasonCode.INVALID_ENUM),
        bad(Source.FIRM_LABELS, Contracts.LABEL_SOURCE, "s".repeat(51), ReasonCode.TOO_LONG));
  }

  @TestFactory
  Stream<DynamicTest> everyRuleHasAGoodAndABadExample() {
    List<Case> cases = cases();
    Map<Integer, List<String>> reasons = new LinkedHashMap<>();
    for (Source source : Source.values()) {
      List<Map<String, String>> records = new ArrayList<>();
      List<Integer> ids = new ArrayList<>();
      records.add(LandingFixtures.valid(source));
      ids.add(-1 - source.ordinal());
      for (int i = 0; i < cases.size(); i++) {
        if (cases.get(i).source() == source) {
          records.add(LandingFixtures.with(LandingFixtures.valid(source), cases.get(i).column(), cases.get(i).value()));
          ids.add(i);
        }
      }
      reasons.putAll(validate(source, records, ids));
    }
    Stream<DynamicTest> baseRecords =
        Stream.of(Source.values())
            .map(
                source ->
                    DynamicTest.dynamicTest(
                        source.sourceName() + ": the fixture record is valid",
                        () -> assertThat(reasons.get(-1 - source.ordinal())).isEmpty()));
    Stream<DynamicTest> changed =
        java.util.stream.IntStream.range(0, cases.size())
            .mapToObj(
                i ->
                    DynamicTest.dynamicTest(
                        cases.get(i).name(),
                        () ->
                            assertThat(reasons.get(i))
                                .as(cases.get(i).name())
                                .containsExactlyInAnyOrderElementsOf(cases.get(i).expected())));
    return Stream.concat(baseRecords, changed);
  }

  @Test
  void recordBreakingSeveralRulesGetsEveryReason() {
    Map<String, String> record = LandingFixtures.manifest();
    record.put(Contracts.CONTAINER_ID, "MSKU9070324");
    record.put(Contracts.HS_CODE, "");
    record.put(Contracts.GROSS_WEIGHT_KG, "-1");
    Map<Integer, List<String>> reasons = validate(Source.MANIFESTS, List.of(record), List.of(0));
    assertThat(reasons.get(0))
        .containsExactlyInAnyOrder(
            ReasonCode.INVALID_CONTAINER_ID.on(Contracts.CONTAINER_ID),
            ReasonCode.MISSING_VALUE.on(Contracts.HS_CODE),
            ReasonCode.NUMBER_TOO_SMALL.on(Contracts.GROSS_WEIGHT_KG));
  }

  @Test
  void crossFieldRulesAcceptConsistentRecords() {
    Map<String, String> noHit = LandingFixtures.inspection();
    noHit.put(Contracts.OUTCOME, "NO_HIT");
    noHit.put(Contracts.QUANTITY_KG, "0");
    Map<String, String> noHitWithQuantity = LandingFixtures.with(noHit, Contracts.QUANTITY_KG, "5");
    Map<Integer, List<String>> reasons = validate(Source.INSPECTIONS, List.of(noHit, noHitWithQuantity), List.of(0, 1));
    assertThat(reasons.get(0)).isEmpty();
    assertThat(reasons.get(1)).containsExactly(ReasonCode.QUANTITY_WITHOUT_HIT.name());

    Map<String, String> cash = LandingFixtures.with(LandingFixtures.transaction(), Contracts.PAYER_ID, "");
    Map<String, String> nobody = LandingFixtures.with(cash, Contracts.PAYEE_ID, "");
    reasons = validate(Source.TRANSACTIONS, List.of(cash, nobody), List.of(0, 1));
    assertThat(reasons.get(0)).isEmpty();
    assertThat(reasons.get(1)).containsExactly(ReasonCode.NO_COUNTERPARTY.name());
  }

  @Test
  void typedValuesFollowTheContract() {
    Map<String, String> record = LandingFixtures.with(LandingFixtures.manifest(), Contracts.VESSEL_IMO, " IMO 9074729 ");
    Dataset<Row> validated = Validation.validate(frame(Source.MANIFESTS, List.of(record), List.of(0)), Source.MANIFESTS, DAY);
    Row row = validated.first();
    assertThat(row.<String>getAs(Contracts.VESSEL_IMO)).isEqualTo("9074729");
    assertThat(row.<Integer>getAs(Contracts.PACKAGES)).isEqualTo(1080);
    assertThat(row.<Double>getAs(Contracts.GROSS_WEIGHT_KG)).isEqualTo(21450.5);
    assertThat(row.<String>getAs(Contracts.NOTIFY_PARTY_ID)).isNull();
    assertThat(row.<java.sql.Timestamp>getAs(Contracts.FILED_AT).toInstant())
        .isEqualTo(java.time.Instant.parse("2026-03-02T14:05:00Z"));
  }

  private Map<Integer, List<String>> validate(Source source, List<Map<String, String>> records, List<Integer> ids) {
    Dataset<Row> validated = Validation.validate(frame(source, records, ids), source, DAY);
    Map<Integer, List<String>> reasons = new LinkedHashMap<>();
    for (Row row : validated.select(col("_case"), col(ValidationColumns.REASONS)).collectAsList()) {
      reasons.put(row.getInt(0), row.getList(1));
    }
    assertThat(reasons).hasSize(records.size());
    return reasons;
  }

  private Dataset<Row> frame(Source source, List<Map<String, String>> records, List<Integer> ids) {
    StructType schema =
        source
            .rawSchema()
            .add("_case", DataTypes.IntegerType, false)
            .add(ValidationColumns.FORMAT_REASONS, DataTypes.createArrayType(DataTypes.StringType), false);
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < records.size(); r++) {
      List<Object> values = new ArrayList<>();
      for (StructField field : source.rawSchema().fields()) {
        values.add(records.get(r).get(field.name()));
      }
      values.add(ids.get(r));
      values.add(List.of());
      rows.add(RowFactory.create(values.toArray()));
    }
    return spark.createDataFrame(rows, schema);
  }
}
