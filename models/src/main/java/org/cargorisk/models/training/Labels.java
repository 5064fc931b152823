package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.models.ModelColumns;

/**
 * Point-in-time labels and training sets. A label at cutoff T only uses outcomes known before
 * T; the features it is joined to were known before the label (DESIGN.md, "Point in time").
 */
public final class Labels {
  private Labels() {}

  /** Inspection outcome of a hit. */
  public static final String HIT = "HIT";
  /** Inspections picked uniformly at random: their labels are unbiased. */
  public static final String RANDOM = "RANDOM";
  /** Firm label of a firm found to be involved. */
  public static final String MALAFIDE = "MALAFIDE";
  /** Firm label of a firm investigated and cleared. */
  public static final String CLEARED = "CLEARED";

  /**
   * One label per inspected (bl_number, container_id), from inspections known before {@code
   * cutoff}: inspected before it and, for bronze rows ({@code _business_date} present), arrived
   * in a landing folder of a business date before it; an outcome reported days after the scan
   * is not known at the scan. 1.0 if any inspection was a HIT, 0.0 if every one was NO_HIT.
   * Containers never inspected get no row (they are unlabelled, not negative). Outcomes
   * ingested later label the same containers at a later cutoff: that is the feedback loop.
   *
   * @return bl_number, container_id, label, quantity_kg (sum), random_selected, labelled_at
   */
  public static Dataset<Row> containerLabels(Dataset<Row> inspections, LocalDate cutoff) {
    SchemaChecks.requireColumns(
        "container labels",
        inspections.schema(),
        Contracts.BL_NUMBER,
        Contracts.CONTAINER_ID,
        Contracts.INSPECTED_AT,
        Contracts.OUTCOME,
        Contracts.SELECTED_BY,
        Contracts.QUANTITY_KG);
    Column known = col(Contracts.INSPECTED_AT).lt(startOf(cutoff));
    if (Arrays.asList(inspections.schema().fieldNames()).contains(BronzeColumns.BUSINESS_DATE)) {
      known = known.and(col(BronzeColumns.BUSINESS_DATE).lt(lit(cutoff)));
    }
    return inspections
        .where(known)
        .groupBy(col(Contracts.BL_NUMBER), col(Contracts.CONTAINER_ID))
        .agg(
            max(when(col(Contracts.OUTCOME).equalTo(HIT), 1.0).otherwise(0.0))
                .as(ModelColumns.LABEL),
            sum(coalesce(col(Contracts.QUANTITY_KG).cast("double"), lit(0.0)))
                .as(ModelColumns.QUANTITY_KG),
            max(col(Contracts.SELECTED_BY).equalTo(RANDOM)).as(ModelColumns.RANDOM_SELECTED),
            max(col(Contracts.INSPECTED_AT)).as(ModelColumns.LABELLED_AT));
  }

  /**
   * The container training set at cutoff T: feature rows with {@code as_of < T - labelDelayDays}
   * (their outcome had time to arrive) joined to the labels of inspections before T. When a
   * container has several feature rows, the latest one before the bound is kept.
   */
  public static Dataset<Row> containerTrainingSet(
      Dataset<Row> containerFeatures,
      Dataset<Row> inspections,
      LocalDate cutoff,
      int labelDelayDays) {
    SchemaChecks.requireColumns(
        "container training set",
        containerFeatures.schema(),
        Contracts.BL_NUMBER,
        Contracts.CONTAINER_ID,
        ModelColumns.AS_OF);
    Dataset<Row> known =
        containerFeatures.where(col(ModelColumns.AS_OF).lt(lit(cutoff.minusDays(labelDelayDays))));
    return labelLatest(known, containerLabels(inspections, cutoff));
  }

  /**
   * The container evaluation set of a period: feature rows with {@code from <= as_of <= to},
   * labelled by every inspection known now (evaluation never trains, so later outcomes are
   * welcome: they complete the labels of the period).
   */
  public static Dataset<Row> containerEvaluationSet(
      Dataset<Row> containerFeatures, Dataset<Row> inspections, LocalDate from, LocalDate to) {
    SchemaChecks.requireColumns(
        "container evaluation set",
        containerFeatures.schema(),
        Contracts.BL_NUMBER,
        Contracts.CONTAINER_ID,
        ModelColumns.AS_OF);
    Dataset<Row> period =
        containerFeatures.where(
            col(ModelColumns.AS_OF).geq(lit(from)).and(col(ModelColumns.AS_OF).leq(lit(to))));
    return labelLatest(period, containerLabels(inspections, LocalDate.of(9999, 1, 1)));
  }

  private static Dataset<Row> labelLatest(Dataset<Row> features, Dataset<Row> labels) {
    String rank = "__as_of_rank";
    Dataset<Row> latest =
        features
            .withColumn(
                rank,
                row_number()
                    .over(
                        Window.partitionBy(Contracts.BL_NUMBER, Contracts.CONTAINER_ID)
                            .orderBy(col(ModelColumns.AS_OF).desc())))
            .where(col(rank).equalTo(1))
            .drop(rank);
    return latest.join(
        labels,
        scala.jdk.javaapi.CollectionConverters.asScala(
                java.util.List.of(Contracts.BL_NUMBER, Contracts.CONTAINER_ID))
            .toSeq(),
        "inner");
  }

  /**
   * Firm labels before {@code cutoff} (MALAFIDE = 1.0, CLEARED = 0.0), each joined as of its
   * date to the firm's latest feature row with {@code as_of < labelled_on}, so the features
   * never see the investigation's outcome. A label without an earlier feature row is dropped.
   *
   * @return the firm feature columns plus label, labelled_at (the label's date, also the date
   *     used for the time-based split), random_selected (false) and quantity_kg (0)
   */
  public static Dataset<Row> firmTrainingSet(
      Dataset<Row> firmFeatures, Dataset<Row> firmLabels, LocalDate cutoff) {
    SchemaChecks.requireColumns(
        "firm training set", firmFeatures.schema(), Contracts.FIRM_ID, ModelColumns.AS_OF);
    SchemaChecks.requireColumns(
        "firm labels", firmLabels.schema(), Contracts.FIRM_ID, Contracts.LABELLED_ON, Contracts.LABEL);
    String labelFirm = "__label_firm_id";
    String rank = "__as_of_rank";
    Dataset<Row> labels =
        firmLabels
            .where(
                col(Contracts.LABELLED_ON)
                    .lt(lit(cutoff))
                    .and(col(Contracts.LABEL).isin(MALAFIDE, CLEARED)))
            .select(
                col(Contracts.FIRM_ID).as(labelFirm),
                col(Contracts.LABELLED_ON).cast("date").as(ModelColumns.LABELLED_AT),
                when(col(Contracts.LABEL).equalTo(MALAFIDE), 1.0)
                    .otherwise(0.0)
                    .as(ModelColumns.LABEL));
    Column asOfBefore =
        col(Contracts.FIRM_ID)
            .equalTo(col(labelFirm))
            .and(col(ModelColumns.AS_OF).lt(col(ModelColumns.LABELLED_AT)));
    return firmFeatures
        .join(labels, asOfBefore, "inner")
        .withColumn(
            rank,
            row_number()
                .over(
                    Window.partitionBy(col(labelFirm), col(ModelColumns.LABELLED_AT))
                        .orderBy(col(ModelColumns.AS_OF).desc())))
        .where(col(rank).equalTo(1))
        .drop(rank, labelFirm)
        .withColumn(ModelColumns.RANDOM_SELECTED, lit(false))
        .withColumn(ModelColumns.QUANTITY_KG, lit(0.0));
  }

  private static Column startOf(LocalDate date) {
    return lit(date).cast("timestamp");
  }
}
