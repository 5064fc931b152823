package org.cargorisk.scoring.feedback;

import java.sql.Date;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.scoring.selection.ScanListColumns;

/**
 * The inputs of the feedback step as tiny rows: the scan-list columns it reads and the bronze
 * inspection columns. Every container's bill of lading is {@code "BL-" + container}, so a
 * listing and its inspection match on both keys.
 */
final class FeedbackFixtures {
  private FeedbackFixtures() {}

  /** The scan-list columns the feedback step reads. */
  static final StructType SCAN_LISTS =
      new StructType()
          .add(ScanListColumns.BUSINESS_DATE, DataTypes.DateType)
          .add(ScanListColumns.OFFICE, DataTypes.StringType)
          .add(ScanListColumns.BL_NUMBER, DataTypes.StringType)
          .add(ScanListColumns.CONTAINER_ID, DataTypes.StringType)
          .add(ScanListColumns.SELECTION, DataTypes.StringType);

  /** The bronze inspection columns the feedback step reads. */
  static final StructType INSPECTIONS =
      new StructType()
          .add(Contracts.BL_NUMBER, DataTypes.StringType)
          .add(Contracts.CONTAINER_ID, DataTypes.StringType)
          .add(Contracts.INSPECTED_AT, DataTypes.TimestampType)
          .add(Contracts.SELECTED_BY, DataTypes.StringType)
          .add(Contracts.OUTCOME, DataTypes.StringType)
          .add(Contracts.QUANTITY_KG, DataTypes.DoubleType);

  /** A {@link #SCAN_LISTS} row: {@code container} listed on {@code date} (yyyy-mm-dd). */
  static Row listed(String date, String office, String container, String selection) {
    return RowFactory.create(Date.valueOf(date), office, "BL-" + container, container, selection);
  }

  /** An {@link #INSPECTIONS} row: {@code container} inspected at {@code at} (yyyy-mm-dd hh:mm:ss). */
  static Row inspection(
      String container, String at, String selectedBy, String outcome, Double kg) {
    return RowFactory.create(
        "BL-" + container, container, Timestamp.valueOf(at), selectedBy, outcome, kg);
  }
}
