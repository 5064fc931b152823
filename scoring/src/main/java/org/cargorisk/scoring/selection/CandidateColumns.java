package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.models.ModelColumns;

/**
 * The input of scan-list selection: the scored candidates of one business date, one row per
 * ({@code bl_number}, {@code container_id}). Produced by scoring from {@code
 * container_features}: the key and descriptive columns are that table's ({@link
 * ContainerFeatureColumns}), plus the score columns.
 */
public final class CandidateColumns {
  private CandidateColumns() {}

  public static final String BL_NUMBER = ContainerFeatureColumns.BL_NUMBER;
  public static final String CONTAINER_ID = ContainerFeatureColumns.CONTAINER_ID;
  /** Business date the candidate was scored for. */
  public static final String AS_OF = ContainerFeatureColumns.AS_OF;
  /** Customs office: UN/LOCODE of the port of discharge. */
  public static final String OFFICE = ContainerFeatureColumns.OFFICE;
  /**
   * The model's score, which ranks the candidates (uncalibrated, {@code ModelColumns.SCORE});
   * null when no model scored the row.
   */
  public static final String SCORE = ModelColumns.SCORE;
  /** Estimated hit chance: the calibrated probability of a hit ({@code ModelColumns.HIT_CHANCE}). */
  public static final String HIT_CHANCE = ModelColumns.HIT_CHANCE;
  /** Version of the model that produced the score. */
  public static final String MODEL_VERSION = ModelColumns.MODEL_VERSION;
  /** Reason sentences of the score, strongest first. */
  public static final String REASONS = ModelColumns.REASONS;

  public static final String ORIGIN_COUNTRY = ContainerFeatureColumns.ORIGIN_COUNTRY;
  public static final String PORT_OF_LOADING = ContainerFeatureColumns.PORT_OF_LOADING;
  public static final String HS_CODE = ContainerFeatureColumns.HS_CODE;
  public static final String GOODS_DESCRIPTION = ContainerFeatureColumns.GOODS_DESCRIPTION;
  public static final String SHIPPER_ID = ContainerFeatureColumns.SHIPPER_ID;
  public static final String CONSIGNEE_ID = ContainerFeatureColumns.CONSIGNEE_ID;
  public static final String FORWARDER_ID = ContainerFeatureColumns.FORWARDER_ID;
  public static final String NOTIFY_PARTY_ID = ContainerFeatureColumns.NOTIFY_PARTY_ID;
  public static final String ETA = ContainerFeatureColumns.ETA;
  public static final String TRANSSHIPMENT_PORTS = ContainerFeatureColumns.TRANSSHIPMENT_PORTS;

  /**
   * Party and descriptive columns carried through to the scan list, in output order: the
   * descriptive columns of {@code container_features} (its keys without the row key and office).
   */
  public static final List<String> DESCRIPTIVE =
      ContainerFeatureColumns.KEYS.stream()
          .filter(c -> !List.of(BL_NUMBER, CONTAINER_ID, AS_OF, OFFICE).contains(c))
          .toList();

  /** Every input column with its required type, checked before selection. */
  public static final Map<String, DataType> TYPES = types();

  private static Map<String, DataType> types() {
    Map<String, DataType> types = new LinkedHashMap<>();
    types.put(BL_NUMBER, StringType);
    types.put(CONTAINER_ID, StringType);
    types.put(AS_OF, DateType);
    types.put(OFFICE, StringType);
    types.put(SCORE, DoubleType);
    types.put(HIT_CHANCE, DoubleType);
    types.put(MODEL_VERSION, StringType);
    types.put(REASONS, DataTypes.createArrayType(StringType));
    for (String column : DESCRIPTIVE) {
      types.put(column, ContainerFeatureColumns.SCHEMA.apply(column).dataType());
    }
    return Collections.unmodifiableMap(types);
  }
}
