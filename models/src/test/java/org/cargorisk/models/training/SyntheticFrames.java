package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.explain.ReasonRule;

/**
 * A small labelled feature frame with a planted signal: {@code signal} (0-1) drives the label
 * (a hit when it is above 0.8, with 5 % of labels flipped), {@code noise} is pure noise with
 * some nulls, {@code port_risk_tier} (1-3) and {@code watchlist_hit} (0/1) carry a weak signal
 * for the rules baseline. Dates span 8 weeks from {@link #START}; two offices.
 */
public final class SyntheticFrames {
  private SyntheticFrames() {}

  public static final LocalDate START = LocalDate.of(2026, 1, 5);
  public static final List<String> FEATURES =
      List.of("signal", "noise", "port_risk_tier", "watchlist_hit");
  public static final List<FeatureSpec> SPECS =
      List.of(
          new FeatureSpec("signal", "route", "planted", "test"),
          new FeatureSpec("noise", "route", "noise", "test"),
          new FeatureSpec("port_risk_tier", "route", "tier", "test"),
          new FeatureSpec("watchlist_hit", "parties", "flag", "test"));

  /** Signal above 0.8 (where the label is planted) and above 0 noise (always). */
  public static final List<ReasonRule> REASON_RULES =
      List.of(
          ReasonRule.about("signal")
              .when("above 0.8", col("signal").gt(0.8))
              .needs("a signal", col("signal").isNotNull())
              .says("planted signal at {value}", concat(lit("planted signal at "), format_string("%.2f", col("signal"))))
              .against("the planted threshold"),
          ReasonRule.about("noise")
              .when("any", col("noise").isNotNull())
              .needs("noise", lit(true))
              .says("noise of {value}", concat(lit("noise of "), format_string("%.2f", col("noise"))))
              .against("none"),
          ReasonRule.about("port_risk_tier")
              .when("tier 3", col("port_risk_tier").equalTo(3))
              .needs("a port", lit(true))
              .says("loaded in a tier 3 port", lit("loaded in a tier 3 port"))
              .against("tier 3"),
          ReasonRule.about("watchlist_hit")
              .when("flag set", col("watchlist_hit").equalTo(true))
              .needs("a party", lit(true))
              .says("a party is on a watchlist", lit("a party is on a watchlist"))
              .against("the watchlist"));

  public static final StructType SCHEMA =
      new StructType()
          .add("bl_number", DataTypes.StringType)
          .add("container_id", DataTypes.StringType)
          .add("as_of", DataTypes.DateType)
          .add("office", DataTypes.StringType)
          .add("signal", DataTypes.DoubleType)
          .add("noise", DataTypes.DoubleType)
          .add("port_risk_tier", DataTypes.IntegerType)
          .add("watchlist_hit", DataTypes.BooleanType)
          .add(ModelColumns.LABEL, DataTypes.DoubleType)
          .add(ModelColumns.QUANTITY_KG, DataTypes.DoubleType)
          .add(ModelColumns.RANDOM_SELECTED, DataTypes.BooleanType);

  /** {@code rows} labelled rows, deterministic in {@code seed}. */
  public static Dataset<Row> labelled(SparkSession spark, int rows, long seed) {
    Random random = new Random(seed);
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double signal = random.nextDouble();
      Double noise = random.nextDouble() < 0.1 ? null : random.nextDouble();
      boolean hit = signal > 0.8;
      if (random.nextDouble() < 0.05) {
        hit = !hit;
      }
      int tier = hit ? 1 + random.nextInt(3) : 1 + random.nextInt(2);
      boolean watchlist = random.nextDouble() < (hit ? 0.3 : 0.05);
      data.add(
          RowFactory.create(
              String.format("BL%05d", i),
              String.format("MSKU%07d", i),
              Date.valueOf(START.plusDays(i % 56)),
              i % 2 == 0 ? "NLRTM" : "BEANR",
              signal,
              noise,
              tier,
              watchlist,
              hit ? 1.0 : 0.0,
              hit ? 10.0 + random.nextInt(100) : 0.0,
              i % 5 == 0));
    }
    return spark.createDataFrame(data, SCHEMA);
  }

  /**
   * The feature columns of {@link #labelled} rows, as a lake's silver container features hold
   * them: without the label, the seized quantity and the random-selection flag.
   */
  public static Dataset<Row> features(Dataset<Row> labelled) {
    return labelled.drop(
        ModelColumns.LABEL, ModelColumns.QUANTITY_KG, ModelColumns.RANDOM_SELECTED);
  }

  /**
   * Bronze inspections of {@link #labelled} rows: each container scanned the day after its
   * {@code as_of}, a hit when its label is 1 (with its seized quantity), selected at random or by
   * the model as its random-selection flag says.
   */
  public static Dataset<Row> inspections(Dataset<Row> labelled) {
    return labelled.selectExpr(
        "bl_number",
        "container_id",
        "CAST(date_add(as_of, 1) AS TIMESTAMP) AS inspected_at",
        "'SCAN' AS method",
        "IF(random_selected, 'RANDOM', 'MODEL') AS selected_by",
        "IF(label = 1.0, 'HIT', 'NO_HIT') AS outcome",
        "'' AS finding",
        "quantity_kg");
  }

  /**
   * {@code rows} labelled rows generated in Spark, for benchmarks that need more rows than the
   * driver should hold: the columns of {@link #SCHEMA} but the two keys, the same dates, offices
   * and random selection, a hit when {@code signal} is above 0.9 (5 % flipped). Fixed seeds make
   * it the same frame for the same partitioning; not cached.
   */
  public static Dataset<Row> generated(SparkSession spark, long rows) {
    return spark
        .range(rows)
        .selectExpr(
            "date_add(DATE'" + START + "', CAST(id % 56 AS INT)) AS as_of",
            "IF(id % 2 = 0, 'NLRTM', 'BEANR') AS office",
            "rand(1) AS signal",
            "IF(rand(2) < 0.1, NULL, rand(3)) AS noise",
            "rand(4) AS u",
            "id % 5 = 0 AS random_selected")
        .selectExpr("*", "IF(rand(5) < 0.05, NOT (signal > 0.9), signal > 0.9) AS hit")
        .selectExpr(
            "as_of",
            "office",
            "signal",
            "noise",
            "CAST(IF(hit, 1 + floor(u * 3), 1 + floor(u * 2)) AS INT) AS port_risk_tier",
            "rand(6) < IF(hit, 0.3, 0.05) AS watchlist_hit",
            "IF(hit, 1.0D, 0.0D) AS label",
            "IF(hit, 10 + floor(rand(7) * 100), 0.0D) AS quantity_kg",
            "random_selected");
  }
}
