package org.cargorisk.scoring.selection;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.reference.ReferenceData;

/** Tiny scored-candidate fixtures with the explicit {@link CandidateColumns} schema. */
public final class Candidates {
  public static final LocalDate DATE = LocalDate.of(2026, 3, 2);
  public static final StructType SCHEMA = schema();

  private final List<Row> rows = new ArrayList<>();

  private static StructType schema() {
    StructType schema = new StructType();
    for (Map.Entry<String, DataType> entry : CandidateColumns.TYPES.entrySet()) {
      schema = schema.add(entry.getKey(), entry.getValue(), true);
    }
    return schema;
  }

  /** A candidate on {@link #DATE} with a consignee {@code C-<container>} and shipper S1. */
  public Candidates add(String office, String bl, String container, Double score) {
    return add(DATE, office, bl, container, score, "S1", "C-" + container, "goods");
  }

  public Candidates add(
      LocalDate asOf,
      String office,
      String bl,
      String container,
      Double score,
      String shipper,
      String consignee,
      String goods) {
    return add(asOf, office, bl, container, score, shipper, consignee, goods,
        score == null ? null : List.of("transshipped via a high-risk port", "reefer with cover goods",
            "consignee registered 3 weeks ago", "fourth reason"));
  }

  /** A candidate with the model's reasons given (none when no reason rule passed). */
  public Candidates add(
      LocalDate asOf,
      String office,
      String bl,
      String container,
      Double score,
      String shipper,
      String consignee,
      String goods,
      List<String> reasons) {
    rows.add(
        RowFactory.create(
            bl,
            container,
            Date.valueOf(asOf),
            office,
            score,
            // a stand-in calibration: increasing in the score, well below it, as on a real night
            score == null ? null : score / 4,
            score == null ? null : "gbt-7",
            reasons,
            "EC",
            "ECGYE",
            "080390",
            goods,
            shipper,
            consignee,
            null,
            null,
            Timestamp.valueOf("2026-03-04 06:00:00"),
            "PAMIT, ESALG"));
    return this;
  }

  /** {@code n} candidates of an office with scores 0.01 .. n/100 (container ids CTR<office><i>). */
  public Candidates many(String office, int n) {
    for (int i = 1; i <= n; i++) {
      add(office, "BL" + office + i, "CTR" + office + i, i / 100.0);
    }
    return this;
  }

  public Dataset<Row> frame(SparkSession spark) {
    // Lists of strings must be Scala-friendly for createDataFrame(List<Row>): use Java lists via
    // a conversion Spark understands.
    List<Row> converted = new ArrayList<>();
    for (Row row : rows) {
      Object[] values = new Object[row.length()];
      for (int i = 0; i < row.length(); i++) {
        Object value = row.get(i);
        values[i] =
            value instanceof List<?> list
                ? scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq()
                : value;
      }
      converted.add(RowFactory.create(values));
    }
    return spark.createDataFrame(converted, SCHEMA);
  }

  /** A watchlist frame from entries. */
  public static Dataset<Row> watchlist(SparkSession spark, ReferenceData.WatchlistEntry... entries) {
    return new ReferenceData(List.of(), List.of(), List.of(), List.of(entries))
        .watchlistFrame(spark);
  }

  public static ReferenceData.WatchlistEntry entry(
      String type, String id, String reason, LocalDate from, LocalDate to) {
    return new ReferenceData.WatchlistEntry(type, id, reason, from, to);
  }
}
