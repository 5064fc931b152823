package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.validation.ReasonCode;
import org.cargorisk.validation.ValidationColumns;

/**
 * Finds, checks and reads the landing files of a business date ({@code
 * <landing>/<source>/date=YYYY-MM-DD/}) through the Hadoop FileSystem API, so local folders and
 * {@code s3a://} work alike.
 *
 * <p>Checking ({@link #discover}) reads only headers and footers: it fails, naming the file and
 * the column, on a file ingest cannot read at all, before anything is written. Reading ({@link
 * #read}) turns every record into contract columns as strings, with its file, physical line
 * number, raw text and record-level format problems.
 *
 * <p>CSV and JSON lines are read as text lines, numbered with {@code zipWithIndex} over the
 * Hadoop text input (its partitions are the file's splits in order, so the index is the physical
 * line), then parsed with the built-in {@code from_csv} / {@code from_json}. One physical line is
 * one record: a CSV line whose quotes do not balance (a multi-line quoted field) is quarantined
 * as {@link ReasonCode#MALFORMED_CSV}, each of its lines separately, so nothing is lost. Blank
 * lines are not records and are not counted.
 */
public final class LandingReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINE = "_line";
  /** A quoted CSV field with doubled quotes inside ("a ""b"" c"), written without backtracking. */
  private static final String QUOTED_FIELD = "\"[^\"]*(?:\"\"[^\"]*)*\"";
  /**
   * What the UTF-8 decoder of the text input puts in place of bytes that are not UTF-8 (Latin-1,
   * UTF-16, binary): a line holding it is quarantined as INVALID_ENCODING, not stored altered.
   */
  private static final String REPLACEMENT_CHARACTER = "\uFFFD";
  /** A UTF-8 byte order mark as decoded: skipped before the first line of CSV and JSON files. */
  private static final String BYTE_ORDER_MARK = "\uFEFF";
  /** File-name characters with a meaning in Hadoop path globs and path lists. */
  private static final String PATTERN_CHARACTERS_TEXT = "* ? [ ] { } , \\ ^ :";
  private static final java.util.regex.Pattern PATTERN_CHARACTERS =
      java.util.regex.Pattern.compile("[*?\\[\\]{},\\\\^:]");
  private static final Map<String, String> CSV_OPTIONS =
      Map.of("sep", ",", "quote", "\"", "escape", "\"", "mode", "PERMISSIVE");

  private final SparkSession spark;

  public LandingReader(SparkSession spark) {
    this.spark = spark;
  }

  /** The folder of a source's files for a date. */
  public static String folder(String landing, Source source, LocalDate date) {
    String root = landing.endsWith("/") ? landing.substring(0, landing.length() - 1) : landing;
    return root + "/" + source.sourceName() + "/date=" + date;
  }

  /**
   * Lists and checks a source's files for the date; an absent folder means no data (an empty
   * list). Fails on a file that cannot be read: unknown format, empty, a CSV header or Parquet
   * schema that breaks the contract, a JSON file whose first record is not a JSON object.
   */
  public List<LandingFile> discover(String landing, Source source, LocalDate date) {
    Path dir = new Path(folder(landing, source, date));
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<LandingFile> files = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return List.of();
      }
      FileStatus[] statuses = fs.listStatus(dir);
      Arrays.sort(statuses, Comparator.comparing(s -> s.getPath().getName()));
      for (FileStatus status : statuses) {
        String name = status.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) {
          continue; // _SUCCESS markers, .crc checksums, hidden files
        }
        String path = status.getPath().toString();
        if (status.isDirectory()) {
          throw CargoRiskErrors.unreadableFile(
              path,
              "it is a folder; a landing date folder holds files only",
              "Move the files up into " + dir + " or remove the folder.");
        }
        if (PATTERN_CHARACTERS.matcher(name).find()) {
          // Spark's text and Parquet readers take a path as a glob and a comma as a path list,
          // and a Hadoop Path cannot hold a colon in a name (it reads as a URI scheme): such a
          // name would fail with a raw Hadoop error, or read other files too.
          throw CargoRiskErrors.unreadableFile(
              path,
              "the file name contains a character that Hadoop reads as a path pattern, a path"
                  + " list or a URI scheme (one of " + PATTERN_CHARACTERS_TEXT + ")",
              "Rename the file to letters, digits, spaces, dots, dashes and underscores.");
        }
        LandingFormat format =
            LandingFormat.of(name)
                .orElseThrow(
                    () ->
                        CargoRiskErrors.unreadableFile(
                            path,
                            "unknown file type (expected .csv, .json, .jsonl or .parquet)",
                            "Rename the file to its format's extension, or remove it."));
        files.add(check(fs, source, path, format));
      }
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot list landing folder " + dir, e);
    }
    return List.copyOf(files);
  }

  private LandingFile check(FileSystem fs, Source source, String path, LandingFormat format)
      throws IOException {
    return switch (format) {
      case CSV -> new LandingFile(source, path, format, checkHeader(source, path, firstLine(fs, path)));
      case JSON -> {
        checkFirstJsonRecord(fs, path);
        yield new LandingFile(source, path, format, List.of());
      }
      case PARQUET -> new LandingFile(source, path, format, checkParquet(source, path));
    };
  }

  /** The header's columns, checked against the contract. */
  static List<String> checkHeader(Source source, String path, String header) {
    if (header == null || header.isBlank()) {
      throw CargoRiskErrors.unreadableFile(
          path, "the file is empty (no header row)", "Landing CSV files need a header row.");
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    List<String> columns = new ArrayList<>();
    for (String raw : header.split(",", -1)) {
      String name = raw.trim();
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1).trim();
      }
      columns.add(name);
    }
    checkColumns(source, path, columns, "header");
    return List.copyOf(columns);
  }

  private static void checkColumns(Source source, String path, List<String> columns, String where) {
    List<String> contract = source.columns().stream().map(ColumnSpec::name).toList();
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (!contract.contains(column)) {
        throw CargoRiskErrors.unreadableFile(
            path,
            String.format(
                "%s column '%s' is not in the %s contract", where, column, source.sourceName()),
            "Use the contract's column names: " + contract + ".");
      }
      if (!seen.add(column)) {
        throw CargoRiskErrors.unreadableFile(
            path,
            String.format("%s column '%s' appears twice", where, column),
            "Each column may appear once.");
      }
    }
    for (String required : source.requiredColumns()) {
      if (!columns.contains(required)) {
        throw CargoRiskErrors.unreadableFile(
            path,
            String.format(
                "required column '%s' is missing from the %s (found %s)", required, where, columns),
            "Add the column; the " + source.sourceName() + " contract requires " + source.requiredColumns() + ".");
      }
    }
  }

  private static void checkFirstJsonRecord(FileSystem fs, String path) throws IOException {
    try (BufferedReader reader = open(fs, path)) {
      String line;
      long number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        if (number == 1 && line.startsWith(BYTE_ORDER_MARK)) {
          line = line.substring(1);
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          node = null;
        }
        if (node == null || !node.isObject()) {
          throw CargoRiskErrors.unreadableFile(
              path,
              "line " + number + " is not a JSON object, so the file is not JSON lines",
              "Write one JSON object per line, or give the file its real extension.");
        }
        return;
      }
    }
  }

  /** The Parquet file's top-level columns, from its footer (read on the driver, no Spark job). */
  private List<String> checkParquet(Source source, String path) {
    List<String> columns = new ArrayList<>();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (ParquetFileReader footer =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), conf))) {
      footer.getFileMetaData().getSchema().getFields().forEach(f -> columns.add(f.getName()));
    } catch (IOException | RuntimeException e) {
      throw CargoRiskErrors.unreadableFile(
          path, "not a readable Parquet file (" + CargoRiskErrors.rootMessage(e) + ")", e);
    }
    checkColumns(source, path, columns, "Parquet schema");
    return List.copyOf(columns);
  }

  private static String firstLine(FileSystem fs, String path) throws IOException {
    try (BufferedReader reader = open(fs, path)) {
      return reader.readLine();
    }
  }

  private static BufferedReader open(FileSystem fs, String path) throws IOException {
    return new BufferedReader(new InputStreamReader(fs.open(new Path(path)), StandardCharsets.UTF_8));
  }

  /**
   * The file's records: every contract column as a string (null when the file lacks an optional
   * column), {@link BronzeColumns#SOURCE_FILE}, {@link BronzeColumns#LINE_NUMBER}, {@link
   * IngestColumns#RAW_RECORD} and {@link ValidationColumns#FORMAT_REASONS}.
   */
  public Dataset<Row> read(LandingFile file) {
    return read(List.of(file), Map.of());
  }

  /**
   * The records of several files of one source at once, each tagged with its business date
   * ({@link BronzeColumns#BUSINESS_DATE}, when {@code dates} names it). Files that share format
   * and header are read by one plan: a union of plain file scans, parsed once on top, so a
   * catch-up over many dates does not build a plan per file.
   */
  public Dataset<Row> read(List<LandingFile> files, Map<String, LocalDate> dates) {
    Map<List<Object>, List<LandingFile>> groups = new java.util.LinkedHashMap<>();
    for (LandingFile file : files) {
      groups.computeIfAbsent(List.of(file.format(), file.columns()), k -> new ArrayList<>()).add(file);
    }
    Dataset<Row> all = null;
    for (List<LandingFile> group : groups.values()) {
      LandingFile first = group.get(0);
      Dataset<Row> parsed =
          switch (first.format()) {
            case CSV -> readCsv(group, dates);
            case JSON -> readJson(group, dates);
            case PARQUET -> readParquet(group, dates);
          };
      List<Column> columns = new ArrayList<>();
      for (ColumnSpec spec : first.source().columns()) {
        boolean present = Arrays.asList(parsed.columns()).contains(spec.name());
        columns.add(present ? col(spec.name()) : lit(null).cast(DataTypes.StringType).as(spec.name()));
      }
      columns.add(col(BronzeColumns.SOURCE_FILE));
      columns.add(col(BronzeColumns.LINE_NUMBER));
      columns.add(col(IngestColumns.RAW_RECORD));
      columns.add(col(ValidationColumns.FORMAT_REASONS));
      if (!dates.isEmpty()) {
        columns.add(col(BronzeColumns.BUSINESS_DATE));
      }
      Dataset<Row> records = parsed.select(columns.toArray(Column[]::new));
      all = all == null ? records : all.unionByName(records);
    }
    return all;
  }

  /** Per file: its path and (if known) business date as literal columns beside its scan. */
  private static Dataset<Row> tagged(Dataset<Row> scan, LandingFile file, Map<String, LocalDate> dates) {
    Dataset<Row> tagged = scan.withColumn(BronzeColumns.SOURCE_FILE, lit(file.path()));
    LocalDate date = dates.get(file.path());
    return date == null ? tagged : tagged.withColumn(BronzeColumns.BUSINESS_DATE, lit(java.sql.Date.valueOf(date)));
  }

  /**
   * Non-blank text lines with their physical line numbers (from 1), of every file: each file is
   * read whole (one row), split on line breaks, and numbered by position, so numbers are exact
   * whatever the partitioning. Landing files are daily drops; a file must fit in one task's
   * memory (hundreds of MB is fine).
   */
  private Dataset<Row> numberedLines(List<LandingFile> files, Map<String, LocalDate> dates) {
    // One scan of all the files: a scan per file made the plan a union of as many branches as
    // files, and analysing it cost more than reading (a 90-date catch-up spent about half its
    // ingest time there, issue 21). Each row of the scan is tagged by the path Spark read it
    // from (_metadata.file_path, a qualified and URL-encoded path) mapped back to its landing
    // file and business date.
    List<Column> pathEntries = new ArrayList<>();
    List<Column> dateEntries = new ArrayList<>();
    String[] paths = new String[files.size()];
    for (int i = 0; i < files.size(); i++) {
      LandingFile file = files.get(i);
      paths[i] = file.path();
      Column scanned = lit(scannedPath(file.path()));
      pathEntries.add(scanned);
      pathEntries.add(lit(file.path()));
      LocalDate date = dates.get(file.path());
      if (date != null) {
        dateEntries.add(scanned);
        dateEntries.add(lit(java.sql.Date.valueOf(date)));
      }
    }
    Column scannedFrom = col("_metadata.file_path");
    Column sourceFile =
        coalesce(
            element_at(map(pathEntries.toArray(Column[]::new)), scannedFrom),
            raise_error(concat(lit("landing file read but not asked for: "), scannedFrom)));
    List<Column> tags = new ArrayList<>();
    tags.add(col("value"));
    tags.add(sourceFile.as(BronzeColumns.SOURCE_FILE));
    if (!dates.isEmpty()) {
      tags.add(element_at(map(dateEntries.toArray(Column[]::new)), scannedFrom).as(BronzeColumns.BUSINESS_DATE));
    }
    Dataset<Row> whole = spark.read().option("wholetext", "true").text(paths).select(tags.toArray(Column[]::new));
    // Files are packed a few to a task by the scan; never more tasks than twice the cores, so a
    // catch-up over many dates does not pay a task's fixed cost per small daily file (numbering is
    // per file, so the grouping does not change a line number).
    int tasks = 2 * spark.sparkContext().defaultParallelism();
    if (files.size() > tasks) {
      whole = whole.coalesce(tasks);
    }
    List<Column> keep = new ArrayList<>();
    keep.add(col(BronzeColumns.SOURCE_FILE));
    if (!dates.isEmpty()) {
      keep.add(col(BronzeColumns.BUSINESS_DATE));
    }
    List<Column> exploded = new ArrayList<>(keep);
    exploded.add(posexplode(split(col("value"), "\\r\\n|\\n|\\r")).as(new String[] {"__pos", LINE}));
    List<Column> numbered = new ArrayList<>(keep);
    // A UTF-8 byte order mark before the first line is not part of the record.
    numbered.add(
        when(col("__pos").equalTo(0), regexp_replace(col(LINE), "^" + BYTE_ORDER_MARK, ""))
            .otherwise(col(LINE))
            .as(LINE));
    numbered.add(col("__pos").plus(1).cast(DataTypes.LongType).as(BronzeColumns.LINE_NUMBER));
    return whole
        .select(exploded.toArray(Column[]::new))
        .select(numbered.toArray(Column[]::new))
        .filter(trim(col(LINE)).notEqual(lit("")));
  }

  /** A landing file's path as a file scan reports it in {@code _metadata.file_path}. */
  private String scannedPath(String path) {
    Path hadoopPath = new Path(path);
    try {
      FileSystem fs = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.makeQualified(hadoopPath).toUri().toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Dataset<Row> readCsv(List<LandingFile> files, Map<String, LocalDate> dates) {
    LandingFile file = files.get(0);
    List<String> header = file.columns();
    StructType lineSchema = new StructType();
    for (String column : header) {
      lineSchema = lineSchema.add(column, DataTypes.StringType, true);
    }
    Column line = col(LINE);
    Column unquoted = regexp_replace(line, QUOTED_FIELD, "");
    Column fieldCount = length(unquoted).minus(length(replace(unquoted, lit(",")))).plus(1);
    Column formatReasons =
        array_compact(
            array(
                when(unquoted.contains("\""), lit(ReasonCode.MALFORMED_CSV.name())),
                when(line.contains(REPLACEMENT_CHARACTER), lit(ReasonCode.INVALID_ENCODING.name())),
                when(fieldCount.notEqual(header.size()), lit(ReasonCode.FIELD_COUNT_MISMATCH.name()))));
    Dataset<Row> lines = numberedLines(files, dates).filter(col(BronzeColumns.LINE_NUMBER).gt(1));
    List<Column> columns = new ArrayList<>();
    Column parsed = from_csv(line, lit(lineSchema.toDDL()), CSV_OPTIONS);
    for (String column : header) {
      columns.add(parsed.getField(column).as(column));
    }
    columns.add(col(BronzeColumns.LINE_NUMBER));
    columns.add(line.as(IngestColumns.RAW_RECORD));
    columns.add(formatReasons.as(ValidationColumns.FORMAT_REASONS));
    columns.addAll(passThrough(dates));
    return lines.select(columns.toArray(Column[]::new));
  }

  private static List<Column> passThrough(Map<String, LocalDate> dates) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(BronzeColumns.SOURCE_FILE));
    if (!dates.isEmpty()) {
      columns.add(col(BronzeColumns.BUSINESS_DATE));
    }
    return columns;
  }

  private Dataset<Row> readJson(List<LandingFile> files, Map<String, LocalDate> dates) {
    Source source = files.get(0).source();
    Column line = col(LINE);
    Column keys = json_object_keys(line);
    Column contract =
        array(source.columns().stream().map(c -> lit(c.name())).toArray(Column[]::new));
    Column formatReasons =
        array_compact(
            array(
                when(keys.isNull(), lit(ReasonCode.MALFORMED_JSON.name())),
                when(line.contains(REPLACEMENT_CHARACTER), lit(ReasonCode.INVALID_ENCODING.name())),
                when(size(array_except(keys, contract)).gt(0), lit(ReasonCode.UNKNOWN_FIELD.name()))));
    Column parsed = from_json(line, source.rawSchema(), Map.of("mode", "PERMISSIVE"));
    List<Column> columns = new ArrayList<>();
    for (StructField field : source.rawSchema().fields()) {
      columns.add(parsed.getField(field.name()).as(field.name()));
    }
    columns.add(col(BronzeColumns.LINE_NUMBER));
    columns.add(line.as(IngestColumns.RAW_RECORD));
    columns.add(formatReasons.as(ValidationColumns.FORMAT_REASONS));
    columns.addAll(passThrough(dates));
    return numberedLines(files, dates).select(columns.toArray(Column[]::new));
  }

  private Dataset<Row> readParquet(List<LandingFile> files, Map<String, LocalDate> dates) {
    // Parquet files carry their own column types, which may differ between files (a bad file
    // may type a number as a struct), so each file is turned into strings before the union.
    Dataset<Row> rows = null;
    for (LandingFile file : files) {
      List<Column> columns = new ArrayList<>();
      for (String column : file.columns()) {
        columns.add(col(column).cast(DataTypes.StringType).as(column));
      }
      columns.add(col("_metadata.row_index").plus(1).as(BronzeColumns.LINE_NUMBER));
      columns.add(
          to_json(struct(file.columns().stream().map(c -> col(c)).toArray(Column[]::new)))
              .as(IngestColumns.RAW_RECORD));
      columns.add(
          array().cast(DataTypes.createArrayType(DataTypes.StringType)).as(ValidationColumns.FORMAT_REASONS));
      Dataset<Row> one = tagged(spark.read().parquet(file.path()).select(columns.toArray(Column[]::new)), file, dates);
      rows = rows == null ? one : rows.unionByName(one);
    }
    return rows;
  }

}
