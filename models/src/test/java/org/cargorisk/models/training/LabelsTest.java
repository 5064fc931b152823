package org.cargorisk.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private final SparkSession spark = SparkTestSession.get();
  private static final LocalDate CUTOFF = LocalDate.of(2026, 2, 1);

  private static final StructType INSPECTIONS =
      new StructType()
          .add("bl_number", DataTypes.StringType)
          .add("container_id", DataTypes.StringType)
          .add("inspected_at", DataTypes.TimestampType)
          .add("method", DataTypes.StringType)
          .add("selected_by", DataTypes.StringType)
          .add("outcome", DataTypes.StringType)
          .add("quantity_kg", DataTypes.DoubleType);

  private static final StructType CONTAINER_FEATURES =
      new StructType()
          .add("bl_number", DataTypes.StringType)
          .add("container_id", DataTypes.StringType)
          .add("as_of", DataTypes.DateType)
          .add("f", DataTypes.DoubleType);

  private Row inspection(String container, String at, String selectedBy, String outcome, Double kg) {
    return RowFactory.create(
        "BL-" + container, container, Timestamp.valueOf(at + " 10:00:00"), "SCAN", selectedBy, outcome, kg);
  }

  private Row feature(String container, String asOf) {
    return RowFactory.create("BL-" + container, container, Date.valueOf(asOf), 1.0);
  }

  @Test
  void onlyInspectionsBeforeTheCutoffLabelFeaturesKnownBeforeTheLabelDelay() {
    Dataset<Row> features =
        spark.createDataFrame(
            List.of(
                feature("C1", "2026-01-10"),
                feature("C2", "2026-01-10"),
                feature("C3", "2026-01-10"),
                feature("C4", "2026-01-28"),
                feature("C5", "2026-01-10"),
                feature("C6", "2026-01-09"),
                feature("C6", "2026-01-12")),
            CONTAINER_FEATURES);
    Dataset<Row> inspections =
        spark.createDataFrame(
            List.of(
                inspection("C1", "2026-01-12", "MODEL", "HIT", 5.0),
                inspection("C2", "2026-01-11", "MODEL", "NO_HIT", null),
                // A hit after the cutoff must not turn C2 into a positive.
                inspection("C2", "2026-02-05", "TIP", "HIT", 50.0),
                // Only inspected after the cutoff: unlabelled at the cutoff.
                inspection("C3", "2026-02-01", "MODEL", "HIT", 7.0),
                // Features of 28 January are within the 7-day label delay: not trained on.
                inspection("C4", "2026-01-29", "MODEL", "HIT", 1.0),
                inspection("C6", "2026-01-13", "RANDOM", "NO_HIT", 0.0),
                inspection("C6", "2026-01-14", "MODEL", "HIT", 12.0),
                inspection("C6", "2026-01-15", "RULE", "HIT", 3.0)),
            INSPECTIONS);

    Map<String, Row> rows =
        Labels.containerTrainingSet(features, inspections, CUTOFF, 7)
            .orderBy("container_id")
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getAs("container_id"), r -> r));

    assertThat(rows).containsOnlyKeys("C1", "C2", "C6");
    assertThat(rows.get("C1").<Double>getAs("label")).isEqualTo(1.0);
    assertThat(rows.get("C2").<Double>getAs("label")).isEqualTo(0.0);
    assertThat(rows.get("C2").<Double>getAs("quantity_kg")).isEqualTo(0.0);
    assertThat(rows.get("C6").<Double>getAs("label")).isEqualTo(1.0);
    assertThat(rows.get("C6").<Double>getAs("quantity_kg")).isEqualTo(15.0);
    assertThat(rows.get("C6").<Boolean>getAs("random_selected")).isTrue();
    assertThat(rows.get("C1").<Boolean>getAs("random_selected")).isFalse();
    // The latest feature row before the bound, once.
    assertThat(rows.get("C6").<Date>getAs("as_of")).isEqualTo(Date.valueOf("2026-01-12"));
  }

  @Test
  void anOutcomeReportedAfterTheCutoffIsNoLabelYetAndBecomesOneWhenIngestedLater() {
    StructType bronze = INSPECTIONS.add("_business_date", DataTypes.DateType);
    Dataset<Row> features =
        spark.createDataFrame(
            List.of(feature("C1", "2026-01-10"), feature("C2", "2026-01-10")), CONTAINER_FEATURES);
    // C2's NO_HIT was reported on its inspection day; C1 was inspected on 20 January but its
    // HIT was only reported (landed) on 3 February, after the cutoff of 1 February.
    List<Row> known =
        List.of(withBusinessDate(inspection("C2", "2026-01-15", "MODEL", "NO_HIT", null), "2026-01-15"));
    List<Row> later = new java.util.ArrayList<>(known);
    later.add(withBusinessDate(inspection("C1", "2026-01-20", "RANDOM", "HIT", 30.0), "2026-02-03"));

    // The bronze table after the 3 February ingest, trained at the 1 February cutoff: C1's outcome
    // was not known then, so C1 is unlabelled (not a non-hit).
    Dataset<Row> afterIngest = spark.createDataFrame(later, bronze);
    assertThat(labels(Labels.containerTrainingSet(features, afterIngest, CUTOFF, 7)))
        .containsOnlyKeys("C2");
    // The same table before that ingest gives the same set at that cutoff (nothing leaks in).
    assertThat(labels(Labels.containerTrainingSet(features, spark.createDataFrame(known, bronze), CUTOFF, 7)))
        .isEqualTo(labels(Labels.containerTrainingSet(features, afterIngest, CUTOFF, 7)));
    // A later training (cutoff 10 February) sees the ingested outcome: C1 becomes a hit, and an
    // unbiased (random) one.
    Map<String, Row> atLaterCutoff =
        Labels.containerTrainingSet(features, afterIngest, LocalDate.of(2026, 2, 10), 7)
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getAs("container_id"), r -> r));
    assertThat(atLaterCutoff).containsOnlyKeys("C1", "C2");
    assertThat(atLaterCutoff.get("C1").<Double>getAs("label")).isEqualTo(1.0);
    assertThat(atLaterCutoff.get("C1").<Double>getAs("quantity_kg")).isEqualTo(30.0);
    assertThat(atLaterCutoff.get("C1").<Boolean>getAs("random_selected")).isTrue();
  }

  private static Row withBusinessDate(Row row, String businessDate) {
    Object[] values = new Object[row.length() + 1];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[row.length()] = Date.valueOf(businessDate);
    return RowFactory.create(values);
  }

  private static Map<String, Double> labels(Dataset<Row> set) {
    return set.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("container_id"), r -> r.<Double>getAs("label")));
  }

  @Test
  void theEvaluationSetOfAPeriodUsesEveryKnownInspection() {
    Dataset<Row> features =
        spark.createDataFrame(
            List.of(feature("C2", "2026-01-10"), feature("C7", "2026-03-01")), CONTAINER_FEATURES);
    Dataset<Row> inspections =
        spark.createDataFrame(
            List.of(
                inspection("C2", "2026-01-11", "MODEL", "NO_HIT", null),
                inspection("C2", "2026-02-05", "TIP", "HIT", 50.0),
                inspection("C7", "2026-03-02", "MODEL", "HIT", 1.0)),
            INSPECTIONS);
    List<Row> rows =
        Labels.containerEvaluationSet(
                features, inspections, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))
            .collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<Double>getAs("label")).isEqualTo(1.0);
  }

  @Test
  void aFirmLabelIsJoinedToTheLatestFeaturesBeforeItsDate() {
    StructType firmFeatures =
        new StructType()
            .add("firm_id", DataTypes.StringType)
            .add("as_of", DataTypes.DateType)
            .add("x", DataTypes.DoubleType);
    StructType firmLabels =
        new StructType()
            .add("firm_id", DataTypes.StringType)
            .add("labelled_on", DataTypes.DateType)
            .add("label", DataTypes.StringType)
            .add("source", DataTypes.StringType);
    Dataset<Row> features =
        spark.createDataFrame(
            List.of(
                RowFactory.create("F1", Date.valueOf("2026-01-01"), 1.0),
                RowFactory.create("F1", Date.valueOf("2026-01-20"), 2.0),
                RowFactory.create("F1", Date.valueOf("2026-02-01"), 3.0),
                RowFactory.create("F2", Date.valueOf("2026-01-01"), 4.0)),
            firmFeatures);
    Dataset<Row> labels =
        spark.createDataFrame(
            List.of(
                RowFactory.create("F1", Date.valueOf("2026-02-01"), "MALAFIDE", "FIOD"),
                RowFactory.create("F2", Date.valueOf("2026-01-05"), "CLEARED", "FIOD"),
                RowFactory.create("F2", Date.valueOf("2026-03-01"), "MALAFIDE", "FIOD")),
            firmLabels);

    List<Row> rows =
        Labels.firmTrainingSet(features, labels, LocalDate.of(2026, 2, 15))
            .orderBy("firm_id")
            .collectAsList();

    assertThat(rows).hasSize(2);
    // The features of 1 February (the label's own day) are not used: as_of < labelled_on.
    assertThat(rows.get(0).<Double>getAs("x")).isEqualTo(2.0);
    assertThat(rows.get(0).<Double>getAs("label")).isEqualTo(1.0);
    // The MALAFIDE label of 1 March is after the cutoff: F2 stays cleared.
    assertThat(rows.get(1).<Double>getAs("x")).isEqualTo(4.0);
    assertThat(rows.get(1).<Double>getAs("label")).isEqualTo(0.0);
  }
}
