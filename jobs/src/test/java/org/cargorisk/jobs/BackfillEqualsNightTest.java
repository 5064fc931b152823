package org.cargorisk.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.FeatureBuild;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.ingest.Ingest;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.synthetic.GeneratorSettings;
import org.cargorisk.synthetic.SyntheticLandingGenerator;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill equals the night (issue 22): for every date D, the container and firm feature rows
 * that the night of D computed (ingest of D, then features of D) are equal, row for row and
 * column for column, to those a backfill of D computes later, after amendments, late
 * amendments to other consignees and late arrivals of the following days were ingested. So
 * training sets, which are built by backfills, hold what each night knew.
 *
 * <p>On a small generated landing (30 days, 30 manifests a day, 80 firms) with amendments at a
 * high rate ({@code --amendment-rate 0.05 --late-amendment-rate 0.05}); the test also checks that
 * the days after the nights did replace records known on the nights, consignees among them (else
 * it could not fail).
 */
@Slow
class BackfillEqualsNightTest {
  private static final LocalDate START = LocalDate.parse("2026-01-01");
  /**
   * Generated days: the nights come after three weeks, when containers filed since the start
   * arrive (transit 5-35 days), and a week follows them.
   */
  private static final int DAYS = 30;
  /** The nights compared with the backfill (the first fits the feature statistics). */
  private static final List<LocalDate> NIGHTS =
      List.of(LocalDate.parse("2026-01-22"), LocalDate.parse("2026-01-23"), LocalDate.parse("2026-01-24"));
  private static final String KEY = "backfill-test-key";

  @TempDir Path dir;

  @Test
  void everyNightsFeatureRowsEqualTheBackfillsAfterLaterAmendments() {
    SparkSession spark = SparkTestSession.get();
    ReferenceData reference =
        ReferenceData.load(
            spark.sparkContext().hadoopConfiguration(), TestPaths.repoRoot().resolve("data-samples/reference").toString());
    String landing = dir.resolve("landing").toString();
    GeneratorSettings settings =
        GeneratorSettings.builder().startDate(START).days(DAYS).manifestsPerDay(30).firms(80).seed(22)
            .amendmentRate(0.05).lateAmendmentRate(0.05).inspectionRate(0.3).build();
    SyntheticLandingGenerator.builder(spark).settings(settings).reference(reference).output(landing).execute();
    Lake lake = new Lake(dir.resolve("lake").toString());
    TableIO io = new TableIO(spark, lake);

    ingest(spark, landing, lake, START, NIGHTS.get(0).minusDays(1));
    Map<LocalDate, List<Row>> nightContainers = new LinkedHashMap<>();
    Map<LocalDate, List<Row>> nightFirms = new LinkedHashMap<>();
    for (LocalDate night : NIGHTS) {
      ingest(spark, landing, lake, night, night);
      features(spark, lake, reference, night, night);
      nightContainers.put(night, rows(io, LakeTables.CONTAINER_FEATURES, ContainerFeatureColumns.AS_OF, night));
      nightFirms.put(night, rows(io, LakeTables.FIRM_FEATURES, FirmFeatureColumns.AS_OF, night));
    }
    LocalDate lastNight = NIGHTS.get(NIGHTS.size() - 1);
    ingest(spark, landing, lake, lastNight.plusDays(1), START.plusDays(DAYS - 1));

    // The later days changed what the nights saw: manifest versions known on the last night and
    // replaced after it, among them a consignee replaced (the late-amendment scheme).
    Dataset<Row> manifests =
        BronzeHistory.versions(BronzeHistory.read(io), Source.MANIFESTS, START.plusDays(DAYS - 1));
    Dataset<Row> replacedLater =
        manifests.where(
            col(BronzeColumns.BUSINESS_DATE).leq(lit(Date.valueOf(lastNight)))
                .and(col(BronzeColumns.VALID_TO).gt(lit(Date.valueOf(lastNight)))));
    assertThat(replacedLater.count()).as("versions replaced after the last night").isGreaterThan(5);
    assertThat(
            replacedLater.alias("old")
                .join(
                    manifests.alias("new"),
                    col("old." + Contracts.BL_NUMBER).equalTo(col("new." + Contracts.BL_NUMBER))
                        .and(col("old." + Contracts.CONTAINER_ID).equalTo(col("new." + Contracts.CONTAINER_ID)))
                        .and(col("new." + BronzeColumns.BUSINESS_DATE).equalTo(col("old." + BronzeColumns.VALID_TO)))
                        .and(col("new." + Contracts.CONSIGNEE_ID).notEqual(col("old." + Contracts.CONSIGNEE_ID))))
                .count())
        .as("consignees replaced after the last night")
        .isGreaterThan(0);
    assertThat(nightContainers.values().stream().mapToInt(List::size).sum()).as("container rows of the nights").isGreaterThan(15);
    assertThat(nightFirms.values().stream().mapToInt(List::size).sum()).as("firm rows of the nights").isGreaterThan(100);

    features(spark, lake, reference, NIGHTS.get(0), lastNight);
    for (LocalDate night : NIGHTS) {
      assertEqual(io, LakeTables.CONTAINER_FEATURES, ContainerFeatureColumns.AS_OF, night, nightContainers.get(night));
      assertEqual(io, LakeTables.FIRM_FEATURES, FirmFeatureColumns.AS_OF, night, nightFirms.get(night));
    }
  }

  private static void ingest(SparkSession spark, String landing, Lake lake, LocalDate from, LocalDate to) {
    Ingest.of(spark).landing(landing).lake(lake).from(from).date(to).runId("ingest-" + to)
        .ingestedAt(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).pseudonymKey(KEY).execute();
  }

  private static void features(SparkSession spark, Lake lake, ReferenceData reference, LocalDate from, LocalDate to) {
    Instant night = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).plusHours(2).toInstant();
    FeatureBuild.builder(spark).lake(lake).reference(reference).from(from).to(to)
        .clock(Clock.fixed(night, ZoneOffset.UTC)).execute();
  }

  /** The backfill's rows of the night's as_of equal the night's: every value exactly. */
  private static void assertEqual(TableIO io, LakeTable table, String asOf, LocalDate night, List<Row> nightRows) {
    List<Row> backfill = rows(io, table, asOf, night);
    // first with a readable message naming the row and column, then exactly (no tolerance)
    DataFrameAssert.assertSameRows(backfill, nightRows, io.read(table).columns());
    assertThat(backfill).as("%s rows of as_of %s", table.name(), night).isEqualTo(nightRows);
  }

  /** The rows of one as_of date, in a fixed order (every column). */
  private static List<Row> rows(TableIO io, LakeTable table, String asOf, LocalDate day) {
    Dataset<Row> rows = io.read(table).where(col(asOf).equalTo(lit(Date.valueOf(day))));
    Column[] order = Arrays.stream(rows.columns()).map(c -> col(c).asc_nulls_first()).toArray(Column[]::new);
    return rows.orderBy(order).collectAsList();
  }
}
