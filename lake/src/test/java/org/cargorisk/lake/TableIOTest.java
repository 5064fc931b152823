package org.cargorisk.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableIOTest {
  private static final StructType HIT_RATES =
      new StructType()
          .add("week_start", DataTypes.DateType, false)
          .add("office", DataTypes.StringType, false)
          .add("selection", DataTypes.StringType, false);

  private static final StructType QUARANTINE =
      new StructType().add("business_date", DataTypes.DateType).add("source", DataTypes.StringType);

  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> week(String monday, String... offices) {
    return spark.createDataFrame(
        java.util.Arrays.stream(offices).map(o -> RowFactory.create(Date.valueOf(monday), o, "MODEL")).toList(),
        HIT_RATES);
  }

  @Test
  void replacesTheDeclaredPartitionsAndRecordsTheVersionsWrittenAndRead(@TempDir Path dir) {
    Lake lake = new Lake(dir.toString());
    TableIO writer = new TableIO(spark, lake);
    writer.replacePartitions(LakeTables.HIT_RATES, week("2026-03-02", "NLRTM", "BEANR"), "week_start = DATE'2026-03-02'");
    writer.replacePartitions(LakeTables.HIT_RATES, week("2026-03-09", "NLRTM"), "week_start = DATE'2026-03-09'");
    writer.replacePartitions(LakeTables.HIT_RATES, week("2026-03-02", "DEHAM"), "week_start = DATE'2026-03-02'");

    assertThat(writer.versionsWritten()).containsExactly(Map.entry(lake.hitRates(), 2L));
    assertThat(writer.versionsRead()).isEmpty();
    Row detail = writer.deltaTable(LakeTables.HIT_RATES).detail().first();
    assertThat(detail.<String>getList(detail.fieldIndex("partitionColumns"))).containsExactly("week_start");

    TableIO reader = new TableIO(spark, lake);
    TableIO.Pinned first = reader.readAt(LakeTables.HIT_RATES, 0);
    TableIO.Pinned latest = reader.readLatest(LakeTables.HIT_RATES, "hit rates");
    assertThat(first.data().count()).isEqualTo(2);
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.data().select("office").orderBy("office").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("DEHAM", "NLRTM");
    // The ledger keeps the last version read of each table, keyed by its location.
    assertThat(reader.versionsRead()).containsExactly(Map.entry(lake.hitRates(), 2L));
    assertThat(reader.versionsWritten()).isEmpty();
  }

  @Test
  void aMissingTableIsAUserErrorNamingItAndItsPath(@TempDir Path dir) {
    Lake lake = new Lake(dir.toString());
    assertThatThrownBy(() -> new TableIO(spark, lake).readLatest(LakeTables.SCAN_LIST, "scan lists"))
        .isInstanceOfSatisfying(CargoRiskException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_INPUT))
        .hasMessageContaining("scan lists")
        .hasMessageContaining(lake.scanList());
  }

  @Test
  void aTableIsWrittenOnlyByItsDeclaredMode(@TempDir Path dir) {
    TableIO io = new TableIO(spark, new Lake(dir.toString()));
    assertThatThrownBy(() -> io.append(LakeTables.HIT_RATES, week("2026-03-02", "NLRTM")))
        .hasMessageContaining("hit_rates is declared REPLACE_PARTITIONS, not written by APPEND");
    assertThatThrownBy(() -> io.replacePartitions(LakeTables.RUNS, week("2026-03-02", "NLRTM"), "true"))
        .hasMessageContaining("runs is declared APPEND");
    assertThat(io.exists(LakeTables.HIT_RATES)).isFalse();
  }

  @Test
  void createsATableWithItsDeclaredPartitioningAndSetsMissingPropertiesOnAnOlderOne(@TempDir Path dir) {
    TableIO io = new TableIO(spark, new Lake(dir.toString()));
    io.createIfMissing(LakeTables.QUARANTINE, QUARANTINE, Map.of());
    Row detail = io.deltaTable(LakeTables.QUARANTINE).detail().first();
    assertThat(detail.<String>getList(detail.fieldIndex("partitionColumns"))).containsExactly("business_date");

    io.createIfMissing(
        LakeTables.QUARANTINE, QUARANTINE, Map.of("delta.appendOnly", "true"));
    Row after = io.deltaTable(LakeTables.QUARANTINE).detail().first();
    assertThat(scala.jdk.javaapi.CollectionConverters.asJava(after.<String, String>getMap(after.fieldIndex("properties"))))
        .containsEntry("delta.appendOnly", "true");
    assertThat(io.latestVersion(LakeTables.QUARANTINE)).hasValue(1);
    assertThat(List.of(io.location(LakeTables.QUARANTINE))).containsExactly(dir.toAbsolutePath() + "/quarantine");
  }

  @Test
  void theLogAnswersVersionCommitAndEmptinessAsDeltasHistoryAndDetailDo(@TempDir Path dir) {
    TableIO io = new TableIO(spark, new Lake(dir.toString()));
    assertThat(io.latestVersion(LakeTables.HIT_RATES)).isEmpty();
    io.createIfMissing(LakeTables.HIT_RATES, HIT_RATES, Map.of());
    assertThat(io.isEmpty(LakeTables.HIT_RATES)).isTrue();
    assertThat(io.lastCommit(LakeTables.HIT_RATES).operation()).isEqualTo("CREATE TABLE");

    io.replacePartitions(LakeTables.HIT_RATES, week("2026-03-02", "NLRTM", "BEANR", "DEHAM"), "week_start = DATE'2026-03-02'");
    TableCommit commit = io.lastCommit(LakeTables.HIT_RATES);
    Row history = io.deltaTable(LakeTables.HIT_RATES).history(1).first();
    assertThat(commit.version()).isEqualTo(history.<Long>getAs("version")).isEqualTo(1L);
    assertThat(commit.operation()).isEqualTo(history.<String>getAs("operation")).isEqualTo("WRITE");
    assertThat(commit.metrics())
        .isEqualTo(scala.jdk.javaapi.CollectionConverters.asJava(history.<String, String>getMap(history.fieldIndex("operationMetrics"))));
    assertThat(commit.metric("numOutputRows")).isEqualTo(3);
    assertThat(commit.metric("no such metric")).isEqualTo(-1);
    assertThat(io.latestVersion(LakeTables.HIT_RATES)).hasValue(1);
    assertThat(io.isEmpty(LakeTables.HIT_RATES)).isFalse();

    io.replacePartitions(LakeTables.HIT_RATES, week("2026-03-02"), "week_start = DATE'2026-03-02'");
    assertThat(io.isEmpty(LakeTables.HIT_RATES)).isTrue();
    assertThat(io.deltaTable(LakeTables.HIT_RATES).detail().first().<Long>getAs("numFiles")).isZero();
  }
}
