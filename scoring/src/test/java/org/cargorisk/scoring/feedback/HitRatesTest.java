package org.cargorisk.scoring.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.cargorisk.scoring.feedback.FeedbackFixtures.listed;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.TableIO;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made week: 2026-03-02 is the Monday of ISO week 2026-W10, 2026-03-09 of W11.
 *
 * <pre>
 *   list 03-02 NLRTM  MODEL C1 C2 C3 C4, RULE C5, RANDOM C6 C7     list 03-02 BEANR MODEL B1
 *   list 03-09 NLRTM  MODEL C1 (listed again), C8
 *   inspections: C1 03-03 HIT 100 kg  (-> the 03-02 listing)      C1 03-10 NO_HIT (-> 03-09)
 *                C2 03-04 NO_HIT; C3 03-04 SCAN HIT (no kg) + 03-05 PHYSICAL HIT 60 kg
 *                C4 05-01 HIT (more than 30 days after listing: not attributed)
 *                C5 03-03 NO_HIT; C6 03-03 HIT 20 kg; C7 never; C9 03-03 HIT (never listed)
 *                B1 03-04 HIT 5 kg
 * </pre>
 */
class HitRatesTest {
  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> lists() {
    List<Row> rows = new ArrayList<>();
    for (String c : List.of("C1", "C2", "C3", "C4")) {
      rows.add(listed("2026-03-02", "NLRTM", c, "MODEL"));
    }
    rows.add(listed("2026-03-02", "NLRTM", "C5", "RULE"));
    rows.add(listed("2026-03-02", "NLRTM", "C6", "RANDOM"));
    rows.add(listed("2026-03-02", "NLRTM", "C7", "RANDOM"));
    rows.add(listed("2026-03-02", "BEANR", "B1", "MODEL"));
    rows.add(listed("2026-03-09", "NLRTM", "C1", "MODEL"));
    rows.add(listed("2026-03-09", "NLRTM", "C8", "MODEL"));
    rows.add(listed("2026-01-05", "NLRTM", "C1", "MODEL")); // outside the period
    return spark.createDataFrame(rows, FeedbackFixtures.SCAN_LISTS);
  }

  private Dataset<Row> inspections() {
    return spark.createDataFrame(
        List.of(
            inspection("C1", "2026-03-03 10:00:00", "HIT", 100.0),
            inspection("C1", "2026-03-10 10:00:00", "NO_HIT", null),
            inspection("C2", "2026-03-04 10:00:00", "NO_HIT", null),
            inspection("C3", "2026-03-04 10:00:00", "HIT", null),
            inspection("C3", "2026-03-05 10:00:00", "HIT", 60.0),
            inspection("C4", "2026-05-01 10:00:00", "HIT", 9.0),
            inspection("C5", "2026-03-03 10:00:00", "NO_HIT", 0.0),
            inspection("C6", "2026-03-03 10:00:00", "HIT", 20.0),
            inspection("C9", "2026-03-03 10:00:00", "HIT", 7.0),
            inspection("B1", "2026-03-04 10:00:00", "HIT", 5.0)),
        FeedbackFixtures.INSPECTIONS);
  }

  private static Row inspection(String container, String at, String outcome, Double kg) {
    return FeedbackFixtures.inspection(container, at, "MODEL", outcome, kg);
  }

  private HitRates rates() {
    return new HitRates().from(LocalDate.of(2026, 3, 4)).to(LocalDate.of(2026, 3, 9));
  }

  @Test
  void hitRatePerSelectionOfficeAndWeekOnAHandMadeCase() {
    Dataset<Row> result = rates().compute(lists(), inspections());
    assertThat(result.schema().fieldNames()).containsExactly(HitRateColumns.SCHEMA.fieldNames());

    Dataset<Row> counts =
        result.select(
            HitRateColumns.OFFICE, HitRateColumns.ISO_WEEK, HitRateColumns.WEEK_START,
            HitRateColumns.SELECTION, HitRateColumns.LISTED, HitRateColumns.INSPECTED,
            HitRateColumns.HITS, HitRateColumns.HIT_RATE, HitRateColumns.SEIZED_KG);
    StructType expectedSchema = counts.schema();
    Dataset<Row> expected =
        spark.createDataFrame(
            List.of(
                expected("BEANR", "2026-W10", "2026-03-02", "MODEL", 1, 1, 1, 1.0, 5.0),
                expected("NLRTM", "2026-W10", "2026-03-02", "MODEL", 4, 3, 2, 2.0 / 3, 160.0),
                expected("NLRTM", "2026-W10", "2026-03-02", "RANDOM", 2, 1, 1, 1.0, 20.0),
                expected("NLRTM", "2026-W10", "2026-03-02", "RULE", 1, 1, 0, 0.0, 0.0),
                expected("NLRTM", "2026-W11", "2026-03-09", "MODEL", 2, 1, 0, 0.0, 0.0)),
            expectedSchema);
    DataFrameAssert.assertSameRows(counts, expected);

    Row model =
        result.where("office = 'NLRTM' AND iso_week = '2026-W10' AND selection = 'MODEL'").first();
    // Wilson 95 % interval of 2 hits in 3.
    assertThat(model.<Double>getAs(HitRateColumns.HIT_RATE_LOW)).isCloseTo(0.2077, within(1e-3));
    assertThat(model.<Double>getAs(HitRateColumns.HIT_RATE_HIGH)).isCloseTo(0.9385, within(1e-3));
  }

  private static Row expected(
      String office, String week, String start, String selection, long listed, long inspected,
      long hits, double rate, double kg) {
    return RowFactory.create(office, week, Date.valueOf(start), selection, listed, inspected, hits, rate, kg);
  }

  @Test
  void nothingInspectedGivesNullRatesAndTheTableIsReplacedIdempotently(@TempDir Path root) {
    Dataset<Row> none = inspections().where("false");
    Dataset<Row> result = rates().compute(lists(), none);
    assertThat(result.where("hit_rate IS NOT NULL OR hit_rate_low IS NOT NULL").isEmpty()).isTrue();
    assertThat(result.where("inspected > 0").isEmpty()).isTrue();

    Lake lake = new Lake(root.toString());
    String path = lake.hitRates();
    HitRates rates = rates();
    Dataset<Row> full = rates.compute(lists(), inspections());
    rates.write(result, new TableIO(spark, lake));
    rates.write(full, new TableIO(spark, lake));
    rates.write(full, new TableIO(spark, lake));
    DataFrameAssert.assertSameRows(spark.read().format("delta").load(path), full);
  }

  @Test
  void missingInspectionColumnsAreNamed() {
    assertThatThrownBy(() -> rates().compute(lists(), inspections().drop(Contracts.OUTCOME)))
        .hasMessageContaining("HitRates")
        .hasMessageContaining("[outcome]");
  }
}
