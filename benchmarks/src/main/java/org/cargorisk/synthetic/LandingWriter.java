package org.cargorisk.synthetic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Writes generated rows as landing files, byte-identical for the same input: a fixed number of
 * files per date (hash buckets of the row, independent of the cluster), rows sorted by every
 * column inside each file, and Spark's part files renamed to {@code part-00000.<ext>},
 * {@code part-00001.<ext>}, ... without {@code _SUCCESS} or checksum files.
 */
final class LandingWriter {
  static final String DATE = "date";
  private static final long ROWS_PER_FILE = 1_000_000;
  /**
   * Rows per write task. Every (date, bucket) goes to exactly one task, so the number of tasks
   * changes neither the files nor their bytes; it only bounds the work per task.
   */
  private static final long ROWS_PER_TASK = 500_000;
  private static final String TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss'Z'";

  private final SparkSession spark;
  private final String root;
  private final GeneratorSettings settings;

  LandingWriter(SparkSession spark, String root, GeneratorSettings settings) {
    this.spark = spark;
    this.root = root;
    this.settings = settings;
  }

  /**
   * Writes one source. {@code rows} holds every contract column rendered as a string (null for
   * empty) plus {@link #DATE}; rows dated outside the generated period are dropped (not yet
   * known on the last business date).
   */
  void writeSource(Source source, Dataset<Row> rows, long expectedRowsPerDay) {
    List<String> names = source.columns().stream().map(ColumnSpec::name).toList();
    Dataset<Row> inPeriod =
        rows.filter(col(DATE).geq(lit(settings.startDate().toString()))
            .and(col(DATE).leq(lit(settings.endDate().toString()))));
    int filesPerDate = (int) Math.max(1, (expectedRowsPerDay + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    String path = root + "/" + source.sourceName();
    long expectedRows = expectedRowsPerDay * settings.days();
    writeSorted(typed(source, inPeriod.select(columns(names, DATE))), names, filesPerDate,
        (int) Math.min(2000, Math.max(1, expectedRows / ROWS_PER_TASK)), path, true, settings.format());
    renamePartFiles(path, settings.format().extension());
    fillMissingDates(source, path);
  }

  /** Writes a small table (ground truth) as CSV files in one folder, sorted. */
  void writeTruth(String name, Dataset<Row> rows, int files) {
    List<String> names = Arrays.asList(rows.columns());
    String path = root + "/" + TruthColumns.FOLDER + "/" + name;
    writeSorted(rows, names, files, files, path, false, GeneratorSettings.LandingFormat.CSV);
    renamePartFiles(path, "csv");
  }

  /** Writes a small table as one CSV file (e.g. the watchlist of tip-offs). */
  void writeSingleCsv(String fileName, Dataset<Row> rows) {
    String folder = root + "/" + TruthColumns.FOLDER + "/." + fileName + ".tmp";
    writeSorted(rows, Arrays.asList(rows.columns()), 1, 1, folder, false,
        GeneratorSettings.LandingFormat.CSV);
    try {
      Path tmp = new Path(folder);
      FileSystem fs = raw(tmp.getFileSystem(hadoopConf()));
      FileStatus[] parts = fs.globStatus(new Path(tmp, "part-*.csv"));
      Path target = new Path(root + "/" + TruthColumns.FOLDER, fileName);
      fs.delete(target, false);
      if (parts.length == 1) {
        fs.rename(parts[0].getPath(), target);
      } else {
        writeText(fs, target, String.join(",", rows.columns()) + "\n");
      }
      fs.delete(tmp, true);
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot write " + fileName + " below " + root, e);
    }
  }

  private static Column[] columns(List<String> names, String... extra) {
    List<Column> result = new ArrayList<>();
    names.forEach(n -> result.add(col(n)));
    Arrays.stream(extra).forEach(n -> result.add(col(n)));
    return result.toArray(Column[]::new);
  }

  /** CSV keeps the rendered strings; JSON gets numbers; Parquet gets every contract type. */
  private Dataset<Row> typed(Source source, Dataset<Row> rows) {
    if (settings.format() == GeneratorSettings.LandingFormat.CSV) {
      return rows;
    }
    List<Column> typed = new ArrayList<>();
    for (ColumnSpec spec : source.columns()) {
      DataType type = spec.type();
      Column c = col(spec.name());
      if (type.equals(DataTypes.IntegerType) || type.equals(DataTypes.DoubleType)) {
        c = c.cast(type);
      } else if (settings.format() == GeneratorSettings.LandingFormat.PARQUET
          && type.equals(DataTypes.TimestampType)) {
        c = to_timestamp(c, TIMESTAMP_PATTERN);
      } else if (settings.format() == GeneratorSettings.LandingFormat.PARQUET
          && type.equals(DataTypes.DateType)) {
        c = to_date(c);
      }
      typed.add(c.as(spec.name()));
    }
    typed.add(col(DATE));
    return rows.select(typed.toArray(Column[]::new));
  }

  private void writeSorted(
      Dataset<Row> rows, List<String> names, int filesPerDate, int tasks, String path,
      boolean partitioned, GeneratorSettings.LandingFormat format) {
    Column bucket = pmod(xxhash64(columns(names)), lit(filesPerDate));
    List<Column> sort = new ArrayList<>();
    if (partitioned) {
      sort.add(col(DATE));
    }
    names.forEach(n -> sort.add(col(n).asc_nulls_first()));
    Dataset<Row> arranged =
        (partitioned
                ? rows.repartition(tasks, col(DATE), bucket)
                : rows.repartition(tasks, bucket))
            .sortWithinPartitions(sort.toArray(Column[]::new));
    var writer = arranged.write().mode(SaveMode.Overwrite);
    if (partitioned) {
      writer = writer.partitionBy(DATE);
    }
    switch (format) {
      case CSV -> writer.option("header", "true").option("nullValue", "")
          .option("emptyValue", "").csv(path);
      case JSON -> writer.option("timestampFormat", TIMESTAMP_PATTERN).json(path);
      case PARQUET -> writer.parquet(path);
    }
  }

  private Configuration hadoopConf() {
    return spark.sparkContext().hadoopConfiguration();
  }

  private void renamePartFiles(String path, String extension) {
    try {
      Path base = new Path(path);
      FileSystem fs = raw(base.getFileSystem(hadoopConf()));
      List<Path> folders = new ArrayList<>();
      folders.add(base);
      for (FileStatus status : fs.listStatus(base)) {
        if (status.isDirectory()) {
          folders.add(status.getPath());
        }
      }
      for (Path folder : folders) {
        FileStatus[] files = fs.listStatus(folder);
        Arrays.sort(files);
        int n = 0;
        for (FileStatus file : files) {
          String name = file.getPath().getName();
          if (file.isDirectory()) {
            continue;
          }
          if (name.startsWith("part-")) {
            fs.rename(file.getPath(), new Path(folder, String.format("part-%05d.%s", n++, extension)));
          } else {
            fs.delete(file.getPath(), false);
          }
        }
      }
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot rename the part files below " + path, e);
    }
  }

  /**
   * A date without records still gets its folder (a header-only CSV, an empty JSON file, an
   * empty Parquet file), so that ingest sees "no records that day" rather than a missing file.
   */
  private void fillMissingDates(Source source, String path) {
    try {
      FileSystem fs = new Path(path).getFileSystem(hadoopConf());
      for (LocalDate date = settings.startDate(); !date.isAfter(settings.endDate());
          date = date.plusDays(1)) {
        Path folder = new Path(path, DATE + "=" + date);
        if (fs.exists(folder)) {
          continue;
        }
        switch (settings.format()) {
          case CSV -> writeText(fs, new Path(folder, "part-00000.csv"),
              String.join(",", source.columns().stream().map(ColumnSpec::name).toList()) + "\n");
          case JSON -> writeText(fs, new Path(folder, "part-00000.json"), "");
          case PARQUET -> {
            String tmp = path + "/.empty-" + date;
            spark.createDataFrame(List.of(), typedSchema(source)).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(tmp);
            fs.mkdirs(folder);
            FileStatus[] parts = fs.globStatus(new Path(tmp, "part-*.parquet"));
            fs.rename(parts[0].getPath(), new Path(folder, "part-00000.parquet"));
            fs.delete(new Path(tmp), true);
          }
        }
      }
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot write empty date folders below " + path, e);
    }
  }

  private static org.apache.spark.sql.types.StructType typedSchema(Source source) {
    return new org.apache.spark.sql.types.StructType(
        source.columns().stream()
            .map(c -> DataTypes.createStructField(c.name(), c.type(), true))
            .toArray(org.apache.spark.sql.types.StructField[]::new));
  }

  /** The raw local file system writes and moves no .crc side files. */
  private static FileSystem raw(FileSystem fs) {
    return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  private static void writeText(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = raw(fs).create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
