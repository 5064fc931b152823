package org.cargorisk.scoring.selection;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.lake.Lake;

/**
 * Writes the day's {@code gold/scan_list} and {@code gold/firm_risk} partitions (replaceWhere on
 * {@code business_date}: idempotent re-runs).
 *
 * <pre>{@code
 * ScanListTables.writeScanList(lake, list);
 * ScanListTables.writeFirmRisk(lake, date, firms);
 * }</pre>
 */
public final class ScanListTables {
  private ScanListTables() {}

  public static void writeScanList(Lake lake, ScanList list) {
    writeScanList(lake.scanList(), list.date(), list.rows());
  }

  public static void writeScanList(String path, LocalDate date, Dataset<Row> rows) {
    DeltaPartitions.replaceDate(
        rows, path, ScanListColumns.SCHEMA, ScanListColumns.BUSINESS_DATE, date);
  }

  public static void writeFirmRisk(Lake lake, LocalDate date, Dataset<Row> rankedFirms) {
    writeFirmRisk(lake.firmRisk(), date, rankedFirms);
  }

  public static void writeFirmRisk(String path, LocalDate date, Dataset<Row> rankedFirms) {
    DeltaPartitions.replaceDate(
        rankedFirms, path, FirmRiskColumns.SCHEMA, FirmRiskColumns.BUSINESS_DATE, date);
  }
}
