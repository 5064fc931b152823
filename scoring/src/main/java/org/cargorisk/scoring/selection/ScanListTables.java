package org.cargorisk.scoring.selection;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;

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
    writeScanList(lake, list.date(), list.rows());
  }

  public static void writeScanList(Lake lake, LocalDate date, Dataset<Row> rows) {
    DeltaPartitions.replaceDate(
        rows, new TableIO(rows.sparkSession(), lake), LakeTables.SCAN_LIST, ScanListColumns.SCHEMA, date);
  }

  public static void writeFirmRisk(Lake lake, LocalDate date, Dataset<Row> rankedFirms) {
    DeltaPartitions.replaceDate(
        rankedFirms, new TableIO(rankedFirms.sparkSession(), lake), LakeTables.FIRM_RISK, FirmRiskColumns.SCHEMA, date);
  }
}
