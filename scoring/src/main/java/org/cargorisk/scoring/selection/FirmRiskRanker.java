package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;

/**
 * Ranks scored firms into the day's {@code firm_risk} list ({@link FirmRiskColumns#SCHEMA}):
 * the model's uncalibrated score descending (firms without a score last), ties by a stable
 * hash of the firm id, then the id; at most three reasons each; the calibrated probability beside
 * it as the estimated hit chance, and the firm's key figures.
 *
 * <p>With {@link #top(int)} the firms are first cut with {@code orderBy(...).limit(n)} (Spark's
 * take-ordered, a bounded per-partition top n) before the global rank; without it every firm is
 * ranked with a global window, which moves all scored firms to one task: fine for a firm register
 * (hundreds of thousands of rows), and the reason to prefer a top n for larger ones.
 *
 * <pre>{@code
 * Dataset<Row> firms = new FirmRiskRanker().date(date).top(500).rank(scoredFirms);
 * }</pre>
 */
public final class FirmRiskRanker {
  private static final String STEP = "FirmRiskRanker";
  private static final String TIE_HASH = "__tie_hash";

  private LocalDate date;
  private Integer top;

  public FirmRiskRanker date(LocalDate businessDate) {
    this.date = Objects.requireNonNull(businessDate, "date");
    return this;
  }

  /** Keep only the n highest-ranked firms (default: all). */
  public FirmRiskRanker top(int n) {
    if (n < 1) {
      throw CargoRiskErrors.invalidConfiguration("firm list size", n, "must be at least 1");
    }
    this.top = n;
    return this;
  }

  public Dataset<Row> rank(Dataset<Row> scoredFirms) {
    if (date == null) {
      throw CargoRiskErrors.misuse("FirmRiskRanker", "the date is not set; call date(...) before rank(...)");
    }
    SchemaChecks.requireTypes(STEP, scoredFirms.schema(), FirmRiskColumns.INPUT_TYPES);
    Column[] order = {
      col(FirmRiskColumns.SCORE).desc_nulls_last(),
      col(TIE_HASH).asc(),
      col(FirmRiskColumns.FIRM_ID).asc()
    };
    Dataset<Row> hashed =
        scoredFirms.withColumn(TIE_HASH, xxhash64(col(FirmRiskColumns.FIRM_ID)));
    Dataset<Row> kept = top == null ? hashed : hashed.orderBy(order).limit(top);
    Column reasons =
        slice(
            filter(
                coalesce(
                    col(FirmRiskColumns.REASONS),
                    array().cast(DataTypes.createArrayType(DataTypes.StringType))),
                reason -> reason.isNotNull()),
            1,
            ScanListColumns.MAX_REASONS);
    Dataset<Row> ranked =
        kept.select(
            lit(Date.valueOf(date)).as(FirmRiskColumns.BUSINESS_DATE),
            row_number().over(Window.orderBy(order)).as(FirmRiskColumns.RANK),
            col(FirmRiskColumns.FIRM_ID),
            col(FirmRiskColumns.NAME),
            col(FirmRiskColumns.COUNTRY),
            col(FirmRiskColumns.SECTOR),
            col(FirmRiskColumns.REGISTERED_ON),
            col(FirmRiskColumns.SCORE),
            col(FirmRiskColumns.HIT_CHANCE),
            reasons.as(FirmRiskColumns.REASONS),
            col(FirmRiskColumns.MODEL_VERSION),
            col(FirmRiskColumns.PAYMENT_VOLUME_90D),
            col(FirmRiskColumns.PAYMENTS_90D),
            col(FirmRiskColumns.CASH_SHARE_90D),
            col(FirmRiskColumns.STRUCTURING_COUNT_90D),
            col(FirmRiskColumns.THIRD_PARTY_PAYMENTS_90D),
            col(FirmRiskColumns.MALAFIDE_LINKS),
            col(FirmRiskColumns.COMPANY_AGE_DAYS));
    return DeltaPartitions.conform(ranked, FirmRiskColumns.SCHEMA);
  }
}
