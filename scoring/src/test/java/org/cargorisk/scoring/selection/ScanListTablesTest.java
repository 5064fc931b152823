package org.cargorisk.scoring.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.lake.Lake;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanListTablesTest {
  private final SparkSession spark = SparkTestSession.get();

  private ScanList list(java.time.LocalDate date) {
    Candidates fixture = new Candidates();
    for (int i = 1; i <= 8; i++) {
      fixture.add(date, "NLRTM", "BL" + i, "CTR" + i, i / 10.0, "S1", "C" + i, "goods");
    }
    return new ScanListSelector().date(date).seed(11L).explorationShare(0.2)
        .capacities(Map.of("NLRTM", 5)).select(fixture.frame(spark));
  }

  @Test
  void reRunningADateReplacesItsPartitionWithTheSameRowsAndKeepsOtherDates(@TempDir Path root) {
    Lake lake = new Lake(root.toString());
    java.time.LocalDate day = Candidates.DATE;
    ScanListTables.writeScanList(lake, list(day));
    ScanListTables.writeScanList(lake, list(day.plusDays(1)));
    Dataset<Row> once = spark.read().format("delta").load(lake.scanList());
    List<Row> onceRows = once.orderBy(ScanListColumns.BUSINESS_DATE, ScanListColumns.RANK).collectAsList();

    ScanListTables.writeScanList(lake, list(day));

    Dataset<Row> twice = spark.read().format("delta").load(lake.scanList());
    DataFrameAssert.assertSameRows(
        twice.orderBy(ScanListColumns.BUSINESS_DATE, ScanListColumns.RANK).collectAsList(),
        onceRows,
        ScanListColumns.SCHEMA.fieldNames());
    assertThat(onceRows).hasSize(10);
    assertThat(twice.schema().fieldNames()).containsExactly(ScanListColumns.SCHEMA.fieldNames());
  }

  @Test
  void aListCannotOverwriteAnotherDate(@TempDir Path root) {
    Lake lake = new Lake(root.toString());
    ScanList wrongDay = list(Candidates.DATE);
    assertThatThrownBy(
            () -> ScanListTables.writeScanList(lake, Candidates.DATE.plusDays(1), wrongDay.rows()))
        .hasMessageContaining("business_date = DATE'2026-03-03'")
        .hasMessageContaining(lake.scanList())
        .hasMessageContaining("row with business_date = 2026-03-02 is outside");
  }

  @Test
  void firmsAreRankedByScoreWithAtMostThreeReasonsAndRewrittenIdempotently(@TempDir Path root) {
    StructType schema =
        new StructType()
            .add(FirmRiskColumns.FIRM_ID, DataTypes.StringType)
            .add(FirmRiskColumns.NAME, DataTypes.StringType)
            .add(FirmRiskColumns.COUNTRY, DataTypes.StringType)
            .add(FirmRiskColumns.SCORE, DataTypes.DoubleType)
            .add(FirmRiskColumns.REASONS, DataTypes.createArrayType(DataTypes.StringType))
            .add(FirmRiskColumns.MODEL_VERSION, DataTypes.StringType);
    scala.collection.immutable.Seq<String> reasons =
        scala.jdk.javaapi.CollectionConverters.asScala(List.of("a", "b", "c", "d")).toList();
    Dataset<Row> firms =
        ScoredFirms.complete(spark.createDataFrame(
            List.of(
                RowFactory.create("F1", "Andes Fruit", "EC", 0.2, reasons, "firm-3"),
                RowFactory.create("F2", "Rotterdam Logistics", "NL", 0.9, reasons, "firm-3"),
                RowFactory.create("F3", "No Score BV", "NL", null, null, "firm-3"),
                RowFactory.create("F4", "Tie Trading", "BE", 0.2, reasons, "firm-3")),
            schema));

    Dataset<Row> all = new FirmRiskRanker().date(Candidates.DATE).rank(firms);
    List<Row> rows = all.orderBy(FirmRiskColumns.RANK).collectAsList();
    assertThat(rows).extracting(r -> (String) r.getAs(FirmRiskColumns.FIRM_ID)).startsWith("F2").endsWith("F3");
    assertThat(rows).extracting(r -> (int) r.getAs(FirmRiskColumns.RANK)).containsExactly(1, 2, 3, 4);
    assertThat(rows.get(0).<String>getList(rows.get(0).fieldIndex(FirmRiskColumns.REASONS))).containsExactly("a", "b", "c");
    assertThat(rows.get(3).getList(rows.get(3).fieldIndex(FirmRiskColumns.REASONS))).isEmpty();
    assertThat(all.schema().fieldNames()).containsExactly(FirmRiskColumns.SCHEMA.fieldNames());

    List<Row> top = new FirmRiskRanker().date(Candidates.DATE).top(2).rank(firms)
        .orderBy(FirmRiskColumns.RANK).collectAsList();
    assertThat(top).extracting(r -> (String) r.getAs(FirmRiskColumns.FIRM_ID))
        .containsExactly("F2", rows.get(1).getAs(FirmRiskColumns.FIRM_ID));

    Lake lake = new Lake(root.toString());
    ScanListTables.writeFirmRisk(lake, Candidates.DATE, all);
    ScanListTables.writeFirmRisk(lake, Candidates.DATE, all);
    DataFrameAssert.assertSameRows(spark.read().format("delta").load(lake.firmRisk()), all);
  }

  /**
   * The list ranks by the uncalibrated score: firms that the calibration puts in one step
   * (same estimated hit chance) keep the model's order, and the calibrated probability is published
   * beside it as hit_chance, with the key figures carried from the scored row.
   */
  @Test
  void firmsAreRankedByTheUncalibratedScoreWithTheCalibratedHitChanceBesideIt() {
    StructType schema =
        new StructType()
            .add(FirmRiskColumns.FIRM_ID, DataTypes.StringType)
            .add(FirmRiskColumns.NAME, DataTypes.StringType)
            .add(FirmRiskColumns.COUNTRY, DataTypes.StringType)
            .add(FirmRiskColumns.SCORE, DataTypes.DoubleType)
            .add(FirmRiskColumns.HIT_CHANCE, DataTypes.DoubleType)
            .add(FirmRiskColumns.REASONS, DataTypes.createArrayType(DataTypes.StringType))
            .add(FirmRiskColumns.MODEL_VERSION, DataTypes.StringType)
            .add(FirmRiskColumns.STRUCTURING_COUNT_90D, DataTypes.DoubleType);
    Dataset<Row> firms =
        ScoredFirms.complete(spark.createDataFrame(
            List.of(
                RowFactory.create("A", "Low", "NL", 0.10, 0.2857, null, "firm-2", 0.0),
                RowFactory.create("B", "High", "NL", 0.93, 0.2857, null, "firm-2", 7.0),
                RowFactory.create("C", "Middle", "BE", 0.41, 0.2857, null, "firm-2", 2.0),
                RowFactory.create("D", "Top step", "DE", 0.40, 0.9000, null, "firm-2", 3.0)),
            schema));

    List<Row> rows = new FirmRiskRanker().date(Candidates.DATE).rank(firms)
        .orderBy(FirmRiskColumns.RANK).collectAsList();

    // by score, not by the calibrated step (D has the highest hit chance but a lower score)
    assertThat(rows).extracting(r -> (String) r.getAs(FirmRiskColumns.FIRM_ID))
        .containsExactly("B", "C", "D", "A");
    assertThat(rows).extracting(r -> (Double) r.getAs(FirmRiskColumns.HIT_CHANCE))
        .containsExactly(0.2857, 0.2857, 0.9000, 0.2857);
    assertThat(rows).extracting(r -> (Double) r.getAs(FirmRiskColumns.STRUCTURING_COUNT_90D))
        .containsExactly(7.0, 2.0, 3.0, 0.0);
  }
}
