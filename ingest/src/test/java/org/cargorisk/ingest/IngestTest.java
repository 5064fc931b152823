package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cargorisk.ingest.LandingFixtures.DAY;
import static org.cargorisk.ingest.LandingFixtures.with;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableCommit;
import org.cargorisk.lake.TableIO;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.validation.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on tiny landing folders: counts, quarantine, the bronze history, re-runs, failures. */
@Slow
class IngestTest {
  private static final String KEY = "test-pseudonym-key";
  private static final LocalDate NEXT_DAY = DAY.plusDays(1);

  private final SparkSession spark = SparkTestSession.get();

  @TempDir Path landing;
  @TempDir Path lakeRoot;

  private Lake lake() {
    return new Lake(lakeRoot.toString());
  }

  private TableIO io() {
    return new TableIO(spark, lake());
  }

  private IngestResult ingest(LocalDate date, String runId) {
    return ingest(lake(), date, runId);
  }

  private IngestResult ingest(Lake lake, LocalDate date, String runId) {
    return Ingest.of(spark)
        .landing(landing.toString())
        .lake(lake)
        .date(date)
        .runId(runId)
        .ingestedAt(date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
        .pseudonymKey(KEY)
        .execute();
  }

  private Dataset<Row> table(String path) {
    return spark.read().format("delta").load(path);
  }

  /** The source's current table, derived from the history. */
  private Dataset<Row> bronze(Source source) {
    return bronze(lake(), source);
  }

  private Dataset<Row> bronze(Lake lake, Source source) {
    return BronzeHistory.current(new TableIO(spark, lake), source);
  }

  /** A day with good and bad manifests (CSV), firms (JSON lines) and transactions. */
  private void writeDay() {
    Map<String, String> manifest = LandingFixtures.manifest();
    Map<String, String> second =
        with(with(manifest, Contracts.CONTAINER_ID, "CSQU3054383"), Contracts.CONSIGNEE_ID, "F999999");
    Map<String, String> badImoAndWeight =
        with(with(with(manifest, Contracts.CONTAINER_ID, "MSKU1234565"), Contracts.VESSEL_IMO, "9074728"),
            Contracts.GROSS_WEIGHT_KG, "-2");
    LandingFixtures.csv(landing, Source.MANIFESTS, DAY, "manifests.csv", List.of(manifest, second, badImoAndWeight));
    LandingFixtures.json(
        landing, Source.FIRMS, DAY, "firms.jsonl",
        List.of(
            LandingFixtures.firm(),
            with(with(LandingFixtures.firm(), Contracts.FIRM_ID, "F004567"), Contracts.DIRECTOR_NAME, "Piet Jansen"),
            with(with(LandingFixtures.firm(), Contracts.FIRM_ID, "F000555"), Contracts.SECTOR, "BANK")));
    LandingFixtures.csv(
        landing, Source.TRANSACTIONS, DAY, "transactions.csv",
        List.of(
            LandingFixtures.transaction(),
            with(with(LandingFixtures.transaction(), Contracts.TXN_ID, "T2"), Contracts.PAYEE_ID, "F777777")));
  }

  @Test
  void countsReconcileEveryRejectedRecordIsQuarantinedAndPersonalDataIsPseudonymised() {
    writeDay();
    IngestResult result = ingest(DAY, "run-1");

    assertThat(result.counts(Source.MANIFESTS)).isEqualTo(new SourceCounts(Source.MANIFESTS, 1, 3, 2, 1, 2));
    assertThat(result.counts(Source.FIRMS)).isEqualTo(new SourceCounts(Source.FIRMS, 1, 3, 2, 1, 2));
    assertThat(result.counts(Source.TRANSACTIONS)).isEqualTo(new SourceCounts(Source.TRANSACTIONS, 1, 2, 2, 0, 2));
    assertThat(result.counts(Source.PORT_CALLS)).isEqualTo(new SourceCounts(Source.PORT_CALLS, 0, 0, 0, 0, 0));
    assertThat(result.files()).hasSize(3).allMatch(FileCounts::reconciles);
    Map<String, Long> counts = result.flatCounts();
    assertThat(counts)
        .containsEntry("manifests.read", 3L)
        .containsEntry("manifests.accepted", 2L)
        .containsEntry("manifests.quarantined", 1L)
        .containsEntry("manifests.file.manifests.csv.read", 3L)
        .containsEntry("total.read", 8L)
        .containsEntry("total.quarantined", 2L);
    assertThat(result.outputVersions()).containsOnlyKeys(lake().table(LakeTables.HISTORY), lake().quarantine());

    List<Row> quarantine =
        table(lake().quarantine()).orderBy(IngestColumns.Q_SOURCE, IngestColumns.Q_LINE_NUMBER).collectAsList();
    assertThat(quarantine).hasSize(2);
    Row firm = quarantine.get(0);
    assertThat(firm.<String>getAs(IngestColumns.Q_SOURCE)).isEqualTo("firms");
    assertThat(firm.<Long>getAs(IngestColumns.Q_LINE_NUMBER)).isEqualTo(3L);
    assertThat(firm.<String>getAs(IngestColumns.Q_FILE)).endsWith("firms/date=2026-03-02/firms.jsonl");
    assertThat(firm.getList(firm.fieldIndex(IngestColumns.Q_REASON_CODES))).containsExactly("INVALID_ENUM:sector");
    // Personal data is pseudonymised in the quarantined raw record too.
    assertThat(firm.<String>getAs(IngestColumns.Q_RAW_RECORD)).contains("F000555").doesNotContain("Jan de Vries");
    Row manifest = quarantine.get(1);
    assertThat(manifest.<String>getAs(IngestColumns.Q_SOURCE)).isEqualTo("manifests");
    assertThat(manifest.<Long>getAs(IngestColumns.Q_LINE_NUMBER)).isEqualTo(4L);
    assertThat(manifest.<String>getAs(IngestColumns.Q_RAW_RECORD)).startsWith("MAEU240311872,MSKU1234565,9074728,");
    assertThat(manifest.getList(manifest.fieldIndex(IngestColumns.Q_REASON_CODES)))
        .containsExactlyInAnyOrder("INVALID_IMO:vessel_imo", "NUMBER_TOO_SMALL:gross_weight_kg");
    assertThat(manifest.<String>getAs(IngestColumns.Q_RUN_ID)).isEqualTo("run-1");
    assertThat(manifest.<java.sql.Date>getAs(IngestColumns.Q_BUSINESS_DATE).toLocalDate()).isEqualTo(DAY);

    // Bronze: typed contract columns with lineage and soft referential flags.
    List<Row> manifests = bronze(Source.MANIFESTS).orderBy(Contracts.CONTAINER_ID).collectAsList();
    assertThat(manifests).extracting(r -> r.<String>getAs(Contracts.CONTAINER_ID)).containsExactly("CSQU3054383", "MSKU9070323");
    Row flagged = manifests.get(0);
    assertThat(flagged.getList(flagged.fieldIndex(BronzeColumns.QUALITY_FLAGS)))
        .containsExactlyInAnyOrder(ReasonCode.UNKNOWN_CONSIGNEE.name(), ReasonCode.UNKNOWN_FORWARDER.name());
    Row clean = manifests.get(1);
    assertThat(clean.getList(clean.fieldIndex(BronzeColumns.QUALITY_FLAGS))).containsExactly(ReasonCode.UNKNOWN_FORWARDER.name());
    assertThat(clean.<Long>getAs(BronzeColumns.LINE_NUMBER)).isEqualTo(2L);
    assertThat(clean.<String>getAs(BronzeColumns.RUN_ID)).isEqualTo("run-1");
    assertThat(clean.<Integer>getAs(BronzeColumns.AMENDMENT_COUNT)).isZero();
    assertThat(clean.<Double>getAs(Contracts.GROSS_WEIGHT_KG)).isEqualTo(21450.5);
    assertThat(bronze(Source.TRANSACTIONS).filter(col(Contracts.TXN_ID).equalTo("T2")).first()
            .getList(bronze(Source.TRANSACTIONS).schema().fieldIndex(BronzeColumns.QUALITY_FLAGS)))
        .containsExactly(ReasonCode.UNKNOWN_PAYEE.name());
    // Tables of sources without data exist, empty, for the jobs downstream.
    assertThat(bronze(Source.PORT_CALLS).isEmpty()).isTrue();

    // Personal data of firms: a keyed hash in bronze.
    Row bronzeFirm = bronze(Source.FIRMS).filter(col(Contracts.FIRM_ID).equalTo("F000123")).first();
    String expected =
        spark.range(1).select(sha2(concat(lit(KEY), lit("|"), lit("Jan de Vries")), 256)).first().getString(0);
    assertThat(bronzeFirm.<String>getAs(Contracts.DIRECTOR_NAME)).isEqualTo(expected).hasSize(64);
    assertThat(bronzeFirm.<String>getAs(Contracts.BANK_ACCOUNT)).hasSize(64).doesNotContain("NL91");
    assertThat(bronzeFirm.<String>getAs(Contracts.NAME)).isEqualTo("Andes Fruit Export S.A.");

    // The history holds each accepted record once (read = accepted + quarantined + nothing
    // else), pseudonymised as in bronze, and no quarantined one.
    Dataset<Row> history = table(lake().table(LakeTables.HISTORY));
    for (Source source : Source.values()) {
      assertThat(history.where(col(IngestColumns.H_SOURCE).equalTo(source.sourceName())).count())
          .as("history rows of %s", source.sourceName())
          .isEqualTo(result.counts(source).accepted());
    }
    assertThat(history.where(col(Source.MANIFESTS.sourceName() + "." + Contracts.CONTAINER_ID).equalTo("MSKU1234565")).isEmpty())
        .isTrue();
    assertThat(history.where(col(Source.FIRMS.sourceName() + "." + Contracts.FIRM_ID).equalTo("F000123"))
            .select(col(Source.FIRMS.sourceName() + "." + Contracts.DIRECTOR_NAME)).first().getString(0))
        .isEqualTo(expected);
  }

  @Test
  void rerunningADateGivesIdenticalTables() {
    writeDay();
    ingest(DAY, "run-1");
    Map<Source, List<Row>> before = new java.util.EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      before.put(source, bronze(source).collectAsList());
    }
    List<Row> quarantine = table(lake().quarantine()).drop(IngestColumns.Q_RUN_ID).collectAsList();

    IngestResult again = ingest(DAY, "run-2");

    assertThat(again.counts(Source.MANIFESTS).read()).isEqualTo(3);
    // The re-run replaced the date's history rows: the same rows, now written by run-2.
    for (Source source : Source.values()) {
      DataFrameAssert.assertSameRows(
          bronze(source).drop(BronzeColumns.RUN_ID),
          spark.createDataFrame(before.get(source), bronze(source).schema()).drop(BronzeColumns.RUN_ID));
    }
    assertThat(bronze(Source.MANIFESTS).select(BronzeColumns.RUN_ID).distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("run-2");
    Dataset<Row> quarantineNow = table(lake().quarantine()).drop(IngestColumns.Q_RUN_ID);
    DataFrameAssert.assertSameRows(quarantineNow, spark.createDataFrame(quarantine, quarantineNow.schema()));
  }

  @Test
  void amendmentsKeepTheLatestFilingAndCountVersionsOnce() {
    Map<String, String> first = LandingFixtures.manifest();
    Map<String, String> inBatchAmendment =
        with(with(first, Contracts.FILED_AT, "2026-03-02T18:00:00Z"), Contracts.GROSS_WEIGHT_KG, "21000");
    LandingFixtures.csv(landing, Source.MANIFESTS, DAY, "manifests.csv", List.of(first, inBatchAmendment, first));
    Map<String, String> nextDayAmendment =
        with(with(first, Contracts.FILED_AT, "2026-03-03T09:00:00Z"), Contracts.GROSS_WEIGHT_KG, "20500");
    LandingFixtures.csv(landing, Source.MANIFESTS, NEXT_DAY, "manifests.csv", List.of(nextDayAmendment));

    IngestResult day = ingest(DAY, "run-1");
    assertThat(day.counts(Source.MANIFESTS).keys()).isEqualTo(1);
    Row afterDay = bronze(Source.MANIFESTS).first();
    List<Row> bronzeAfterDay = bronze(Source.MANIFESTS).select(knownColumns()).collectAsList();
    assertThat(afterDay.<Double>getAs(Contracts.GROSS_WEIGHT_KG)).isEqualTo(21000.0);
    assertThat(afterDay.<Integer>getAs(BronzeColumns.AMENDMENT_COUNT)).isEqualTo(1);
    assertThat(afterDay.<Long>getAs(BronzeColumns.LINE_NUMBER)).isEqualTo(3L);

    ingest(NEXT_DAY, "run-2");
    ingest(NEXT_DAY, "run-3"); // a re-run does not count the amendment twice
    ingest(DAY, "run-4"); // nor does a re-run of the older date, nor does it win
    List<Row> rows = bronze(Source.MANIFESTS).collectAsList();
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.<Double>getAs(Contracts.GROSS_WEIGHT_KG)).isEqualTo(20500.0);
    assertThat(row.<Integer>getAs(BronzeColumns.AMENDMENT_COUNT)).isEqualTo(2);
    assertThat(row.<java.sql.Timestamp>getAs(BronzeColumns.FIRST_FILED_AT).toInstant())
        .isEqualTo(Instant.parse("2026-03-02T14:05:00Z"));
    // The next day's record, whose history row the re-run of that day rewrote.
    assertThat(row.<String>getAs(BronzeColumns.RUN_ID)).isEqualTo("run-3");
    assertThat(row.<java.sql.Date>getAs(BronzeColumns.BUSINESS_DATE).toLocalDate()).isEqualTo(NEXT_DAY);

    // The history keeps every version with the day it arrived, once, however often the dates
    // were re-run: the three lines of the first day and the amendment of the next.
    List<Row> history =
        table(lake().table(LakeTables.HISTORY))
            .where(col(IngestColumns.H_SOURCE).equalTo(Source.MANIFESTS.sourceName()))
            .select(
                col(BronzeColumns.BUSINESS_DATE),
                col(BronzeColumns.LINE_NUMBER),
                col(Source.MANIFESTS.sourceName() + "." + Contracts.FILED_AT),
                col(Source.MANIFESTS.sourceName() + "." + Contracts.GROSS_WEIGHT_KG),
                col(BronzeColumns.RUN_ID))
            .orderBy(BronzeColumns.BUSINESS_DATE, BronzeColumns.LINE_NUMBER)
            .collectAsList();
    assertThat(history)
        .extracting(
            r -> r.getDate(0).toLocalDate() + " line " + r.getLong(1) + " filed " + r.getTimestamp(2).toInstant()
                + " " + r.getDouble(3) + " kg (" + r.getString(4) + ")")
        .containsExactly(
            DAY + " line 2 filed 2026-03-02T14:05:00Z 21450.5 kg (run-4)",
            DAY + " line 3 filed 2026-03-02T18:00:00Z 21000.0 kg (run-4)",
            DAY + " line 4 filed 2026-03-02T14:05:00Z 21450.5 kg (run-4)",
            NEXT_DAY + " line 2 filed 2026-03-03T09:00:00Z 20500.0 kg (run-3)");
    // A catch-up of both dates in one run, then a re-run of one of them, leaves the same
    // history: the re-run replaces its date only (the unpartitioned history of 2026-12-07
    // rewrote the catch-up's files with the other date's rows and failed to reconcile).
    Ingest.of(spark).landing(landing.toString()).lake(lake()).from(DAY).date(NEXT_DAY).runId("catch-up")
        .ingestedAt(NEXT_DAY.atStartOfDay(ZoneOffset.UTC).toInstant()).pseudonymKey(KEY).execute();
    ingest(DAY, "run-5");
    assertThat(table(lake().table(LakeTables.HISTORY))
            .where(col(IngestColumns.H_SOURCE).equalTo(Source.MANIFESTS.sourceName()))
            .groupBy(BronzeColumns.BUSINESS_DATE, BronzeColumns.RUN_ID).count()
            .orderBy(BronzeColumns.BUSINESS_DATE).collectAsList())
        .extracting(r -> r.getDate(0).toLocalDate() + " " + r.getString(1) + " " + r.getLong(2))
        .containsExactly(DAY + " run-5 3", NEXT_DAY + " catch-up 1");
    // The table as known at the end of each day, from the history, is the bronze table as that
    // day's ingest left it (contract and amendment columns), whatever came and was re-run since.
    assertThat(BronzeHistory.asOf(io(), Source.MANIFESTS, DAY).select(knownColumns()).collectAsList())
        .isEqualTo(bronzeAfterDay);
    assertThat(BronzeHistory.asOf(io(), Source.MANIFESTS, NEXT_DAY).select(knownColumns()).collectAsList())
        .isEqualTo(bronze(Source.MANIFESTS).select(knownColumns()).collectAsList());
    assertThat(BronzeHistory.asOf(io(), Source.MANIFESTS, DAY.minusDays(1)).isEmpty()).isTrue();
    // The versions with their validity give each day's table from one query: two versions of the
    // line (the day's winner, valid until the next day's amendment replaced it, and that one).
    Dataset<Row> versions = BronzeHistory.versions(BronzeHistory.read(io()), Source.MANIFESTS, NEXT_DAY);
    for (LocalDate asOf : List.of(DAY.minusDays(1), DAY, NEXT_DAY)) {
      assertThat(versions.where(BronzeHistory.validAt(
                  col(BronzeColumns.BUSINESS_DATE), col(BronzeColumns.VALID_TO), lit(java.sql.Date.valueOf(asOf))))
              .select(knownColumns()).collectAsList())
          .as("versions valid at %s", asOf)
          .isEqualTo(BronzeHistory.asOf(io(), Source.MANIFESTS, asOf).select(knownColumns()).collectAsList());
    }
    assertThat(versions.orderBy(BronzeColumns.BUSINESS_DATE).collectAsList())
        .extracting(
            r -> r.getAs(BronzeColumns.BUSINESS_DATE) + ".." + r.getAs(BronzeColumns.VALID_TO) + " "
                + r.getAs(Contracts.GROSS_WEIGHT_KG) + " kg, " + r.getAs(BronzeColumns.AMENDMENT_COUNT) + " amendments")
        .containsExactly(DAY + ".." + NEXT_DAY + " 21000.0 kg, 1 amendments", NEXT_DAY + "..null 20500.0 kg, 2 amendments");
    // Only the manifests' struct is filled on a manifests row.
    assertThat(
            table(lake().table(LakeTables.HISTORY))
                .where(col(Source.TRANSACTIONS.sourceName()).isNotNull().or(col(Source.FIRMS.sourceName()).isNotNull()))
                .isEmpty())
        .isTrue();
  }

  /** The manifests' contract columns and amendment columns (not the lineage of a run). */
  private static Column[] knownColumns() {
    List<Column> columns = new java.util.ArrayList<>();
    for (org.apache.spark.sql.types.StructField field : Source.MANIFESTS.schema().fields()) {
      columns.add(col(field.name()));
    }
    columns.add(col(BronzeColumns.AMENDMENT_COUNT));
    columns.add(col(BronzeColumns.FIRST_FILED_AT));
    return columns.toArray(Column[]::new);
  }

  @Test
  void aNightAppendsItsOwnRecordsAndRewritesNoEarlierFile() {
    Map<String, String> first = LandingFixtures.manifest();
    List<Map<String, String>> day = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String prefix = String.format("CSQU%06d", 300000 + i);
      String container = prefix + org.cargorisk.contracts.Identifiers.iso6346CheckDigit(prefix);
      day.add(with(first, Contracts.CONTAINER_ID, container));
    }
    LandingFixtures.csv(landing, Source.MANIFESTS, DAY, "manifests.csv", day);
    LandingFixtures.csv(
        landing, Source.MANIFESTS, NEXT_DAY, "manifests.csv",
        List.of(with(with(day.get(7), Contracts.FILED_AT, "2026-03-03T09:00:00Z"), Contracts.GROSS_WEIGHT_KG, "20500")));
    ingest(DAY, "run-1");
    String history = lake().table(LakeTables.HISTORY);
    List<String> dayFiles = List.of(table(history).inputFiles());
    ingest(NEXT_DAY, "run-2");

    // The night's commit wrote the one amended record and removed nothing: the first day's
    // files are those it wrote (no MERGE reads or rewrites them).
    TableCommit night = io().lastCommit(LakeTables.HISTORY);
    assertThat(night.metric("numOutputRows")).isEqualTo(1);
    assertThat(List.of(table(history).inputFiles())).containsAll(dayFiles).hasSize(dayFiles.size() + 1);
    assertThat(bronze(Source.MANIFESTS).count()).isEqualTo(40);
    assertThat(bronze(Source.MANIFESTS).where(col(Contracts.GROSS_WEIGHT_KG).equalTo(20500.0)).count()).isEqualTo(1);
  }

  @Test
  void aLakeWithoutHistoryIsRefusedWithTheCommandThatFillsIt() {
    assertThatThrownBy(() -> bronze(Source.INSPECTIONS))
        .isInstanceOfSatisfying(
            org.cargorisk.errors.CargoRiskException.class,
            e -> assertThat(e.code()).isEqualTo(org.cargorisk.errors.ErrorCode.MISSING_INPUT))
        .hasMessageContaining(lake().table(LakeTables.HISTORY))
        .hasMessageContaining("cargorisk ingest --from D0 --date D");
  }

  @Test
  void lateArrivingEarlierDateGivesTheSameTablesAsInOrder() {
    Map<String, String> firm = LandingFixtures.firm();
    LandingFixtures.json(landing, Source.FIRMS, DAY, "firms.jsonl", List.of(firm));
    LandingFixtures.json(landing, Source.FIRMS, NEXT_DAY, "firms.jsonl",
        List.of(with(firm, Contracts.NAME, "Andes Fruit Export S.A.S.")));
    Map<String, String> manifest = LandingFixtures.manifest();
    LandingFixtures.csv(landing, Source.MANIFESTS, DAY, "manifests.csv", List.of(manifest));
    LandingFixtures.csv(landing, Source.MANIFESTS, NEXT_DAY, "manifests.csv",
        List.of(with(with(manifest, Contracts.FILED_AT, "2026-03-03T09:00:00Z"), Contracts.PACKAGES, "900")));

    Lake inOrder = new Lake(lakeRoot.resolve("in-order").toString());
    ingest(inOrder, DAY, "a");
    ingest(inOrder, NEXT_DAY, "b");
    Lake late = new Lake(lakeRoot.resolve("late").toString());
    ingest(late, NEXT_DAY, "b");
    ingest(late, DAY, "a");

    for (Source source : List.of(Source.FIRMS, Source.MANIFESTS)) {
      DataFrameAssert.assertSameRows(bronze(late, source), bronze(inOrder, source));
    }
    assertThat(bronze(late, Source.FIRMS).first().<String>getAs(Contracts.NAME)).isEqualTo("Andes Fruit Export S.A.S.");
    Row manifestRow = bronze(late, Source.MANIFESTS).first();
    assertThat(manifestRow.<Integer>getAs(Contracts.PACKAGES)).isEqualTo(900);
    assertThat(manifestRow.<Integer>getAs(BronzeColumns.AMENDMENT_COUNT)).isEqualTo(1);
  }

  @Test
  void unreadableFileFailsTheRunAndLeavesTablesAsBefore() {
    writeDay();
    ingest(DAY, "run-1");
    long historyVersion = io().lastCommit(LakeTables.HISTORY).version();
    long quarantineVersion = io().lastCommit(LakeTables.QUARANTINE).version();

    LandingFixtures.csv(landing, Source.MANIFESTS, NEXT_DAY, "manifests.csv", List.of(LandingFixtures.manifest()));
    Map<String, String> firm = LandingFixtures.firm();
    firm.remove(Contracts.COUNTRY);
    LandingFixtures.csv(landing, Source.FIRMS, NEXT_DAY, "firms-b.csv", List.of(firm));

    assertThatThrownBy(() -> ingest(NEXT_DAY, "run-2"))
        .hasMessageContaining("firms-b.csv")
        .hasMessageContaining("required column 'country' is missing");
    assertThat(io().lastCommit(LakeTables.HISTORY).version()).isEqualTo(historyVersion);
    assertThat(io().lastCommit(LakeTables.QUARANTINE).version()).isEqualTo(quarantineVersion);
    assertThat(bronze(Source.MANIFESTS).filter(col(BronzeColumns.RUN_ID).equalTo("run-2")).isEmpty()).isTrue();
  }

  @Test
  void runKilledHalfWayThenRerunEqualsOneCleanRun() {
    writeDay();
    Lake clean = new Lake(lakeRoot.resolve("clean").toString());
    ingest(clean, DAY, "clean");

    Lake killed = new Lake(lakeRoot.resolve("killed").toString());
    int[] commits = {0};
    assertThatThrownBy(
            () ->
                Ingest.of(spark)
                    .landing(landing.toString())
                    .lake(killed)
                    .date(DAY)
                    .runId("killed")
                    .ingestedAt(DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .pseudonymKey(KEY)
                    .afterCommit(
                        commit -> {
                          if (++commits[0] == 1) {
                            throw new IllegalStateException("simulated kill after " + commit.table());
                          }
                        })
                    .execute())
        .hasMessageContaining("simulated kill");
    // The history was committed, the quarantine was not.
    assertThat(bronze(killed, Source.MANIFESTS).count()).isEqualTo(2);
    assertThat(new TableIO(spark, killed).exists(LakeTables.QUARANTINE)).isFalse();

    ingest(killed, DAY, "rerun");

    for (Source source : Source.values()) {
      DataFrameAssert.assertSameRows(
          bronze(killed, source).drop(BronzeColumns.RUN_ID),
          bronze(clean, source).drop(BronzeColumns.RUN_ID));
    }
    DataFrameAssert.assertSameRows(
        table(killed.quarantine()).drop(IngestColumns.Q_RUN_ID),
        table(clean.quarantine()).drop(IngestColumns.Q_RUN_ID));
    DataFrameAssert.assertSameRows(
        table(killed.table(LakeTables.HISTORY)).drop(BronzeColumns.RUN_ID),
        table(clean.table(LakeTables.HISTORY)).drop(BronzeColumns.RUN_ID));
  }

  @Test
  void readsParquetWithRowNumbers() {
    Path staging = lakeRoot.resolve("staging");
    List<Map<String, String>> calls =
        List.of(LandingFixtures.portCall(), with(LandingFixtures.portCall(), Contracts.SEQ, "0"));
    LandingFixtures.csv(staging, Source.PORT_CALLS, DAY, "calls.csv", calls);
    Path parquetDir = staging.resolve("parquet");
    spark.read().option("header", "true").csv(staging.resolve("port_calls").toString() + "/date=" + DAY)
        .drop("date")
        .withColumn(Contracts.SEQ, col(Contracts.SEQ).cast("int"))
        .coalesce(1)
        .write().parquet(parquetDir.toString());
    Path part =
        java.util.Arrays.stream(parquetDir.toFile().listFiles((dir, name) -> name.endsWith(".parquet")))
            .findFirst().orElseThrow().toPath();
    Path target = LandingFixtures.folder(landing, Source.PORT_CALLS, DAY).resolve("calls.parquet");
    try {
      java.nio.file.Files.copy(part, target);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    IngestResult result = ingest(DAY, "run-1");

    assertThat(result.counts(Source.PORT_CALLS)).isEqualTo(new SourceCounts(Source.PORT_CALLS, 1, 2, 1, 1, 1));
    Row quarantined = table(lake().quarantine()).first();
    assertThat(quarantined.<Long>getAs(IngestColumns.Q_LINE_NUMBER)).isEqualTo(2L);
    assertThat(quarantined.<String>getAs(IngestColumns.Q_RAW_RECORD)).contains("\"seq\":0");
    assertThat(quarantined.getList(quarantined.fieldIndex(IngestColumns.Q_REASON_CODES))).containsExactly("NUMBER_TOO_SMALL:seq");
    assertThat(bronze(Source.PORT_CALLS).first().<Long>getAs(BronzeColumns.LINE_NUMBER)).isEqualTo(1L);
  }
}
