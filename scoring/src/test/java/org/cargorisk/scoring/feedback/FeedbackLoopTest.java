package org.cargorisk.scoring.feedback;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.HistoryFixtures;
import org.cargorisk.lake.Lake;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feedback step against a lake: scan lists of ISO week 2026-W10 (2 to 8 March) in NLRTM,
 * inspections ingested in two nights. Outcomes that arrive later change the same week's rates
 * on the next run; a re-run with nothing new leaves the table as it was.
 */
@Slow
class FeedbackLoopTest {
  private final SparkSession spark = SparkTestSession.get();
  private static final LocalDate NIGHT = LocalDate.of(2026, 3, 6);

  private static Row listed(String container, String selection) {
    return FeedbackFixtures.listed("2026-03-03", "NLRTM", container, selection);
  }

  private static Row inspection(String container, String day, String selectedBy, String outcome, Double kg) {
    return FeedbackFixtures.inspection(container, day + " 09:00:00", selectedBy, outcome, kg);
  }

  @Test
  void hitRatesPerSelectionAreWrittenAndLateOutcomesUpdateTheSameWeek(@TempDir Path root) {
    Lake lake = new Lake(root.toString());
    spark.createDataFrame(
            List.of(
                listed("M1", "MODEL"), listed("M2", "MODEL"), listed("M3", "MODEL"),
                listed("R1", "RULE"), listed("X1", "RANDOM"), listed("X2", "RANDOM")),
            FeedbackFixtures.SCAN_LISTS)
        .write().format("delta").save(lake.scanList());
    List<Row> firstNight =
        new ArrayList<>(
            List.of(
                inspection("M1", "2026-03-04", "MODEL", "HIT", 120.0),
                inspection("M2", "2026-03-04", "MODEL", "NO_HIT", null),
                inspection("R1", "2026-03-04", "RULE", "NO_HIT", null),
                inspection("X1", "2026-03-04", "RANDOM", "NO_HIT", null)));
    HistoryFixtures.append(
        lake, Source.INSPECTIONS, spark.createDataFrame(firstNight, FeedbackFixtures.INSPECTIONS),
        lit(java.sql.Date.valueOf("2026-03-05")));

    FeedbackLoop.Result first = new FeedbackLoop(spark, lake).date(NIGHT).weeks(1).execute();
    assertThat(first.from()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(first.to()).isEqualTo(LocalDate.of(2026, 3, 8));
    assertThat(first.inputVersions()).containsEntry("gold/scan_list", 0L).containsEntry("bronze/history", 0L);
    assertThat(first.summary().firstWeek()).isEqualTo("2026-W10");
    assertThat(first.summary().selections())
        .containsExactly(
            new HitRateSummary.Selection("RULE", 1, 1, 0, 0.0),
            new HitRateSummary.Selection("MODEL", 3, 2, 1, 120.0),
            new HitRateSummary.Selection("RANDOM", 2, 1, 0, 0.0));
    assertThat(first.summary().line())
        .contains("MODEL 1/2 = 50.0 % (listed 3)")
        .contains("RANDOM 0/1 = 0.0 % (listed 2)")
        .contains("RANDOM = unbiased base rate");

    // The next night ingests two late outcomes (M3 and the random X2 were hits).
    HistoryFixtures.append(
        lake, Source.INSPECTIONS,
        spark.createDataFrame(
            List.of(
                inspection("M3", "2026-03-05", "MODEL", "HIT", 40.0),
                inspection("X2", "2026-03-05", "RANDOM", "HIT", 10.0)),
            FeedbackFixtures.INSPECTIONS),
        lit(java.sql.Date.valueOf("2026-03-06")));
    FeedbackLoop.Result second = new FeedbackLoop(spark, lake).date(NIGHT).weeks(1).execute();
    assertThat(second.summary().selections())
        .containsExactly(
            new HitRateSummary.Selection("RULE", 1, 1, 0, 0.0),
            new HitRateSummary.Selection("MODEL", 3, 3, 2, 160.0),
            new HitRateSummary.Selection("RANDOM", 2, 2, 1, 10.0));
    Dataset<Row> table = spark.read().format("delta").load(lake.hitRates());
    // Replaced, not appended: one row per office, week and selection.
    assertThat(table.count()).isEqualTo(3);
    List<Row> before = table.orderBy(HitRateColumns.SELECTION).collectAsList();

    // Re-running the night with nothing new gives the same table.
    new FeedbackLoop(spark, lake).date(NIGHT).weeks(1).execute();
    DataFrameAssert.assertSameRows(
        spark.read().format("delta").load(lake.hitRates()),
        spark.createDataFrame(before, table.schema()));
  }

  @Test
  void withoutScanListsTheStepSaysWhatToRunFirst(@TempDir Path root) {
    Lake lake = new Lake(root.toString());
    assertThatThrownBy(() -> new FeedbackLoop(spark, lake).date(NIGHT).execute())
        .hasMessageContaining("scan lists")
        .hasMessageContaining(lake.scanList());
    assertThatThrownBy(() -> new FeedbackLoop(spark, lake).weeks(0))
        .hasMessageContaining("must be between 1 and 520");
  }
}
