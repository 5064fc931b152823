package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Test fixtures of scored firms ({@link FirmRiskColumns#INPUT_TYPES}) from a few named columns. */
public final class ScoredFirms {
  private ScoredFirms() {}

  /**
   * Completes a frame of firm_id, name, country, score (the uncalibrated one), reasons and
   * model_version with the other input columns: hit_chance = score unless given, sector IMPORTER,
   * registered on 2020-01-01, each key figure 1.0 unless given.
   */
  public static Dataset<Row> complete(Dataset<Row> firms) {
    java.util.List<String> present = Arrays.asList(firms.columns());
    Dataset<Row> out = firms;
    if (!present.contains(FirmRiskColumns.HIT_CHANCE)) {
      out = out.withColumn(FirmRiskColumns.HIT_CHANCE, col(FirmRiskColumns.SCORE));
    }
    if (!present.contains(FirmRiskColumns.SECTOR)) {
      out = out.withColumn(FirmRiskColumns.SECTOR, lit("IMPORTER"));
    }
    if (!present.contains(FirmRiskColumns.REGISTERED_ON)) {
      out = out.withColumn(FirmRiskColumns.REGISTERED_ON, lit(java.sql.Date.valueOf("2020-01-01")));
    }
    for (String figure : FirmRiskColumns.KEY_FIGURES) {
      if (!present.contains(figure)) {
        out = out.withColumn(figure, lit(1.0));
      }
    }
    return out;
  }
}
