package org.cargorisk.models.selection;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;

/**
 * The {@code gold/firm_risk} table (ranked transport firms for investigators) and the scored
 * firms it is made from. Firms by id, name and country only: no person-level fields.
 */
public final class FirmRiskColumns {
  private FirmRiskColumns() {}

  public static final String BUSINESS_DATE = ScanListColumns.BUSINESS_DATE;
  /** Position in the day's firm list, 1..n by score. */
  public static final String RANK = ScanListColumns.RANK;
  public static final String FIRM_ID = Contracts.FIRM_ID;
  public static final String NAME = Contracts.NAME;
  public static final String COUNTRY = Contracts.COUNTRY;
  public static final String SCORE = CandidateColumns.SCORE;
  public static final String REASONS = CandidateColumns.REASONS;
  public static final String MODEL_VERSION = CandidateColumns.MODEL_VERSION;

  /** Columns and types the scored firms frame must have. */
  public static final Map<String, DataType> INPUT_TYPES = inputTypes();

  public static final StructType SCHEMA =
      new StructType()
          .add(BUSINESS_DATE, DateType, false)
          .add(RANK, IntegerType, false)
          .add(FIRM_ID, StringType, false)
          .add(NAME, StringType, true)
          .add(COUNTRY, StringType, true)
          .add(SCORE, DoubleType, true)
          .add(REASONS, DataTypes.createArrayType(StringType, false), false)
          .add(MODEL_VERSION, StringType, true);

  private static Map<String, DataType> inputTypes() {
    Map<String, DataType> types = new LinkedHashMap<>();
    types.put(FIRM_ID, StringType);
    types.put(NAME, StringType);
    types.put(COUNTRY, StringType);
    types.put(SCORE, DoubleType);
    types.put(REASONS, DataTypes.createArrayType(StringType));
    types.put(MODEL_VERSION, StringType);
    return java.util.Collections.unmodifiableMap(types);
  }
}
