package org.cargorisk.models.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Which validation rows fit the hit-chance calibration and which check it: a row whose key
 * hashes to an even {@code xxhash64} fits, an odd one checks. Decided by the row's key alone, so
 * training (which fits on the even rows) and the model report (which draws the calibration table
 * from the odd rows of the same period) split the rows the same way on any cluster, partitioning
 * or day, and a calibration is never judged on rows it was fitted on.
 */
public final class CalibrationSplit {
  private CalibrationSplit() {}

  /** True for the rows the calibration is fitted on; false for the rows that check it. */
  public static Column fitsCalibration(List<String> keyColumns) {
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("the calibration split needs the row key, cannot be empty");
    }
    Column[] key = keyColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return pmod(xxhash64(key), lit(2L)).equalTo(lit(0L));
  }

  /** The rule in words, for the registry and the report. */
  public static String describe(List<String> keyColumns) {
    return "fitted on the validation rows whose xxhash64(" + String.join(", ", keyColumns)
        + ") is even; checked on the others";
  }
}
