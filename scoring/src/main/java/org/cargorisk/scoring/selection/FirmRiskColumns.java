package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.models.ModelColumns;

/**
 * The {@code gold/firm_risk} table (ranked transport firms for financial investigators) and the
 * scored firms it is made from. Firms by id, name, country and register data, with the key
 * figures of {@code silver/firm_features} an investigator checks first: no person-level fields.
 */
public final class FirmRiskColumns {
  private FirmRiskColumns() {}

  public static final String BUSINESS_DATE = ScanListColumns.BUSINESS_DATE;
  /** Position in the day's firm list, 1..n by score. */
  public static final String RANK = ScanListColumns.RANK;
  public static final String FIRM_ID = Contracts.FIRM_ID;
  public static final String NAME = Contracts.NAME;
  public static final String COUNTRY = Contracts.COUNTRY;
  public static final String SECTOR = Contracts.SECTOR;
  /** Date of incorporation (bronze firms). */
  public static final String REGISTERED_ON = Contracts.REGISTERED_ON;
  /**
   * The model's uncalibrated score: what the list is ranked by, as the scan lists are
   * (DESIGN.md, "Scoring"). Only its order means something.
   */
  public static final String SCORE = ModelColumns.SCORE;
  /**
   * The calibrated probability that the firm is MALAFIDE ("estimated hit chance"), rising with
   * the score; shown beside the rank, never ranked by.
   */
  public static final String HIT_CHANCE = ModelColumns.HIT_CHANCE;
  public static final String REASONS = CandidateColumns.REASONS;
  public static final String MODEL_VERSION = CandidateColumns.MODEL_VERSION;

  // ---- key figures, as of the list's date (silver/firm_features; meaning in the catalog) ----
  public static final String PAYMENT_VOLUME_90D = FirmFeatureColumns.TXN_AMOUNT_90D;
  public static final String PAYMENTS_90D = FirmFeatureColumns.TXN_COUNT_90D;
  public static final String CASH_SHARE_90D = FirmFeatureColumns.CASH_SHARE_90D;
  public static final String STRUCTURING_COUNT_90D = FirmFeatureColumns.STRUCTURING_COUNT_90D;
  public static final String THIRD_PARTY_PAYMENTS_90D = FirmFeatureColumns.THIRD_PARTY_PAYMENTS_90D;
  public static final String MALAFIDE_LINKS = FirmFeatureColumns.MALAFIDE_LINKS;
  public static final String COMPANY_AGE_DAYS = FirmFeatureColumns.COMPANY_AGE_DAYS;

  /** The key figures carried from the firm features onto the list, in list order. */
  public static final List<String> KEY_FIGURES =
      List.of(
          PAYMENT_VOLUME_90D,
          PAYMENTS_90D,
          CASH_SHARE_90D,
          STRUCTURING_COUNT_90D,
          THIRD_PARTY_PAYMENTS_90D,
          MALAFIDE_LINKS,
          COMPANY_AGE_DAYS);

  /** Columns and types the scored firms frame must have. */
  public static final Map<String, DataType> INPUT_TYPES = inputTypes();

  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType schema =
        new StructType()
            .add(BUSINESS_DATE, DateType, false)
            .add(RANK, IntegerType, false)
            .add(FIRM_ID, StringType, false)
            .add(NAME, StringType, true)
            .add(COUNTRY, StringType, true)
            .add(SECTOR, StringType, true)
            .add(REGISTERED_ON, DateType, true)
            .add(SCORE, DoubleType, true)
            .add(HIT_CHANCE, DoubleType, true)
            .add(REASONS, DataTypes.createArrayType(StringType, false), false)
            .add(MODEL_VERSION, StringType, true);
    for (String figure : KEY_FIGURES) {
      schema = schema.add(figure, DoubleType, true);
    }
    return schema;
  }

  private static Map<String, DataType> inputTypes() {
    Map<String, DataType> types = new LinkedHashMap<>();
    types.put(FIRM_ID, StringType);
    types.put(NAME, StringType);
    types.put(COUNTRY, StringType);
    types.put(SECTOR, StringType);
    types.put(REGISTERED_ON, DateType);
    types.put(SCORE, DoubleType);
    types.put(HIT_CHANCE, DoubleType);
    types.put(REASONS, DataTypes.createArrayType(StringType));
    types.put(MODEL_VERSION, StringType);
    for (String figure : KEY_FIGURES) {
      types.put(figure, DoubleType);
    }
    return java.util.Collections.unmodifiableMap(types);
  }
}
