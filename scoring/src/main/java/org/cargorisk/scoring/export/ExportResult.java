package org.cargorisk.scoring.export;

import java.time.LocalDate;
import java.util.List;

/**
 * The files written for one business date.
 *
 * @param date the business date
 * @param offices one entry per exported office, ordered by office
 */
public record ExportResult(LocalDate date, List<OfficeExport> offices) {
  public ExportResult {
    offices = List.copyOf(offices);
  }

  /**
   * @param office UN/LOCODE of the office
   * @param rows containers in its list
   * @param csvPath the CSV file
   * @param htmlPath the printable HTML page
   */
  public record OfficeExport(String office, long rows, String csvPath, String htmlPath) {}

  public long rows() {
    return offices.stream().mapToLong(OfficeExport::rows).sum();
  }
}
