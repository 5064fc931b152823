package org.cargorisk.ingest;

import java.util.List;
import java.util.Objects;
import org.cargorisk.contracts.Source;

/**
 * One landing file of a business date, checked: its format is known and its columns (CSV
 * header, Parquet schema) fit the source's contract.
 *
 * @param source the source whose folder holds the file
 * @param path fully qualified path (file:/..., s3a://...)
 * @param format file format
 * @param columns the file's contract columns in file order (CSV header, Parquet schema); empty
 *     for JSON lines, whose records name their fields
 */
public record LandingFile(Source source, String path, LandingFormat format, List<String> columns) {
  public LandingFile {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    columns = List.copyOf(columns);
  }

  /** The file name without its folder. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
