package org.cargorisk.models.selection;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Contracts;

/**
 * The input of scan-list selection: the scored candidates of one business date, one row per
 * ({@code bl_number}, {@code container_id}). Produced by scoring; names that are landing
 * contract columns are the {@link Contracts} constants.
 */
public final class CandidateColumns {
  private CandidateColumns() {}

  public static final String BL_NUMBER = Contracts.BL_NUMBER;
  public static final String CONTAINER_ID = Contracts.CONTAINER_ID;
  /** Business date the candidate was scored for. */
  public static final String AS_OF = "as_of";
  /** Customs office: UN/LOCODE of the port of discharge. */
  public static final String OFFICE = "office";
  /** Calibrated hit probability; null when no model scored the row. */
  public static final String SCORE = "score";
  /** Version of the model that produced the score. */
  public static final String MODEL_VERSION = "model_version";
  /** Reason sentences of the score, strongest first. */
  public static final String REASONS = "reasons";

  public static final String ORIGIN_COUNTRY = Contracts.ORIGIN_COUNTRY;
  public static final String PORT_OF_LOADING = Contracts.PORT_OF_LOADING;
  public static final String HS_CODE = Contracts.HS_CODE;
  public static final String GOODS_DESCRIPTION = Contracts.GOODS_DESCRIPTION;
  public static final String SHIPPER_ID = Contracts.SHIPPER_ID;
  public static final String CONSIGNEE_ID = Contracts.CONSIGNEE_ID;
  public static final String FORWARDER_ID = Contracts.FORWARDER_ID;
  public static final String NOTIFY_PARTY_ID = Contracts.NOTIFY_PARTY_ID;
  public static final String ETA = Contracts.ETA;

  /** Party and descriptive columns carried through to the scan list, in output order. */
  public static final List<String> DESCRIPTIVE =
      List.of(
          ORIGIN_COUNTRY,
          PORT_OF_LOADING,
          HS_CODE,
          GOODS_DESCRIPTION,
          SHIPPER_ID,
          CONSIGNEE_ID,
          FORWARDER_ID,
          NOTIFY_PARTY_ID,
          ETA);

  /** Every input column with its required type, checked before selection. */
  public static final Map<String, DataType> TYPES = types();

  private static Map<String, DataType> types() {
    Map<String, DataType> types = new LinkedHashMap<>();
    types.put(BL_NUMBER, StringType);
    types.put(CONTAINER_ID, StringType);
    types.put(AS_OF, DateType);
    types.put(OFFICE, StringType);
    types.put(SCORE, DoubleType);
    types.put(MODEL_VERSION, StringType);
    types.put(REASONS, DataTypes.createArrayType(StringType));
    types.put(ORIGIN_COUNTRY, StringType);
    types.put(PORT_OF_LOADING, StringType);
    types.put(HS_CODE, StringType);
    types.put(GOODS_DESCRIPTION, StringType);
    types.put(SHIPPER_ID, StringType);
    types.put(CONSIGNEE_ID, StringType);
    types.put(FORWARDER_ID, StringType);
    types.put(NOTIFY_PARTY_ID, StringType);
    types.put(ETA, TimestampType);
    return java.util.Collections.unmodifiableMap(types);
  }
}
