package org.cargorisk.declarations;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.errors.CargoRiskErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads declaration CSV files (header as in {@link DeclarationColumns#CSV_HEADER}) into typed
 * declarations and a quarantine of rejected rows, each with its file, line, raw text and every
 * broken rule ({@link DeclarationRejection}). A file whose header differs fails as a whole.
 *
 * <pre>{@code
 * DeclarationBatch batch = new DeclarationAdapter().read(spark, "train.csv", "valid.csv");
 * }</pre>
 */
public final class DeclarationAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DeclarationAdapter.class);

  private static final String RAW = "__raw";
  private static final String FIELDS = "__fields";
  private static final String CANDIDATES = "__reasons";
  /** Splits on commas outside double quotes. */
  private static final String FIELD_SEPARATOR = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)";

  private static final List<String> NUMERIC =
      List.of(
          DeclarationColumns.TAX_RATE,
          DeclarationColumns.NET_MASS_KG,
          DeclarationColumns.ITEM_PRICE);

  private static final StructType LINES =
      new StructType()
          .add(DeclarationColumns.SOURCE_FILE, DataTypes.StringType, false)
          .add(DeclarationColumns.LINE_NUMBER, DataTypes.LongType, false)
          .add(DeclarationColumns.RAW_LINE, DataTypes.StringType, false);

  /** Reads and validates the given files (one batch; ids must be unique across them). */
  public DeclarationBatch read(SparkSession spark, String... files) {
    if (files.length == 0) {
      throw new IllegalArgumentException("at least one declaration file is needed");
    }
    Dataset<Row> lines = null;
    for (String file : files) {
      Dataset<Row> fileLines = lines(spark, file);
      lines = lines == null ? fileLines : lines.unionByName(fileLines);
    }
    return validate(lines);
  }

  /**
   * Validates data lines (the header already removed) given as {@code source_file, line_number,
   * raw_line}.
   */
  public DeclarationBatch validate(Dataset<Row> lines) {
    Dataset<Row> parsed =
        lines
            .withColumn(
                FIELDS, size(split(col(DeclarationColumns.RAW_LINE), FIELD_SEPARATOR, -1)))
            .withColumn(
                RAW,
                from_csv(
                    col(DeclarationColumns.RAW_LINE),
                    lit(DeclarationColumns.RAW_SCHEMA.toDDL()),
                    Map.of("mode", "PERMISSIVE", "ignoreLeadingWhiteSpace", "true",
                        "ignoreTrailingWhiteSpace", "true")));

    List<Column> typed = new ArrayList<>();
    List<Column> reasons = new ArrayList<>();
    reasons.add(
        when(
            col(FIELDS).notEqual(DeclarationColumns.COLUMNS.size()),
            lit(DeclarationRejection.WRONG_FIELD_COUNT.name())));
    for (String column : DeclarationColumns.COLUMNS) {
      Column text = trim(col(RAW + "." + column));
      Column value = when(text.notEqual(""), text);
      if (DeclarationColumns.REQUIRED.contains(column)) {
        reasons.add(
            when(value.isNull(), lit(DeclarationRejection.MISSING_VALUE.forColumn(column))));
      }
      Column converted;
      if (column.equals(DeclarationColumns.DECLARED_ON)) {
        converted =
            when(value.rlike("^\\d{4}-\\d{2}-\\d{2}$"), value.try_cast(DataTypes.DateType));
        reasons.add(
            when(
                value.isNotNull().and(converted.isNull()),
                lit(DeclarationRejection.BAD_DATE.forColumn(column))));
      } else if (NUMERIC.contains(column)) {
        converted = value.try_cast(DataTypes.DoubleType);
        reasons.add(
            when(
                value.isNotNull().and(converted.isNull().or(converted.isNaN())),
                lit(DeclarationRejection.BAD_NUMBER.forColumn(column))));
        reasons.add(
            when(converted.lt(0), lit(DeclarationRejection.NEGATIVE_VALUE.forColumn(column))));
      } else if (column.equals(DeclarationColumns.FRAUD)
          || column.equals(DeclarationColumns.CRITICAL_FRAUD)) {
        converted = value.try_cast(DataTypes.IntegerType);
        int max = column.equals(DeclarationColumns.FRAUD) ? 1 : 2;
        reasons.add(
            when(
                value.isNotNull().and(converted.isNull().or(converted.lt(0)).or(converted.gt(max))),
                lit(DeclarationRejection.BAD_LABEL.forColumn(column))));
      } else if (column.equals(DeclarationColumns.HS6)) {
        converted = value;
        reasons.add(
            when(
                value.isNotNull().and(value.rlike("^\\d{6}$").unary_$bang()),
                lit(DeclarationRejection.BAD_HS_CODE.forColumn(column))));
      } else {
        converted = value;
      }
      typed.add(converted.as(column));
    }
    Column fraud = col(DeclarationColumns.FRAUD);
    Column critical = col(DeclarationColumns.CRITICAL_FRAUD);

    Dataset<Row> checked =
        parsed
            .select(
                concat(
                    List.of(
                        col(DeclarationColumns.SOURCE_FILE),
                        col(DeclarationColumns.LINE_NUMBER),
                        col(DeclarationColumns.RAW_LINE),
                        array_compact(array(reasons.toArray(Column[]::new))).as(CANDIDATES)),
                    typed))
            .withColumn(
                CANDIDATES,
                when(
                    fraud.isNotNull()
                        .and(critical.isNotNull())
                        .and(fraud.equalTo(0).notEqual(critical.equalTo(0))),
                    org.apache.spark.sql.functions.array_append(
                        col(CANDIDATES), lit(DeclarationRejection.INCONSISTENT_LABELS.name())))
                    .otherwise(col(CANDIDATES)))
            // The first occurrence of an id (by file and line) is kept; later ones are duplicates.
            .withColumn(
                "__occurrence",
                when(
                    col(DeclarationColumns.DECLARATION_ID).isNotNull(),
                    row_number()
                        .over(
                            Window.partitionBy(col(DeclarationColumns.DECLARATION_ID))
                                .orderBy(
                                    col(DeclarationColumns.SOURCE_FILE),
                                    col(DeclarationColumns.LINE_NUMBER)))))
            .withColumn(
                CANDIDATES,
                when(
                    col("__occurrence").gt(1),
                    org.apache.spark.sql.functions.array_append(
                        col(CANDIDATES),
                        lit(DeclarationRejection.DUPLICATE_ID.forColumn(
                            DeclarationColumns.DECLARATION_ID))))
                    .otherwise(col(CANDIDATES)));

    Dataset<Row> accepted =
        checked
            .where(size(col(CANDIDATES)).equalTo(0))
            .select(
                Arrays.stream(DeclarationColumns.SCHEMA.fieldNames())
                    .map(name -> col(name).cast(DeclarationColumns.SCHEMA.apply(name).dataType()))
                    .toArray(Column[]::new));
    Dataset<Row> quarantined =
        checked
            .where(size(col(CANDIDATES)).gt(0))
            .select(
                col(DeclarationColumns.SOURCE_FILE),
                col(DeclarationColumns.LINE_NUMBER),
                col(DeclarationColumns.RAW_LINE),
                col(CANDIDATES).as(DeclarationColumns.REASONS));
    return new DeclarationBatch(accepted, quarantined);
  }

  /** The data lines of one file with their 1-based line numbers; checks the header first. */
  private static Dataset<Row> lines(SparkSession spark, String file) {
    Dataset<Row> text;
    try {
      text = spark.read().text(file);
    } catch (RuntimeException e) {
      throw CargoRiskErrors.missingInput(
          "Declaration file " + file, file, "Pass an existing CSV file of declarations.");
    }
    List<Row> head = text.takeAsList(1);
    if (head.isEmpty()) {
      throw CargoRiskErrors.unreadableFile(
          file, "it is empty", "A declaration file starts with the header row.");
    }
    String header = head.get(0).getString(0).replace("\r", "").replace("\uFEFF", "");
    List<String> found = Arrays.asList(header.split(",", -1));
    if (!found.equals(DeclarationColumns.CSV_HEADER)) {
      throw CargoRiskErrors.unreadableFile(
          file,
          "its header is " + found + " but the declaration format needs "
              + DeclarationColumns.CSV_HEADER,
          "Export the file with the published header row, columns in that order.");
    }
    // zipWithIndex keeps the file's order, so the index is the line number less one.
    JavaRDD<Row> numbered =
        text.javaRDD()
            .zipWithIndex()
            .filter(pair -> pair._2() > 0)
            .map(
                pair ->
                    RowFactory.create(
                        file, pair._2() + 1, pair._1().getString(0).replace("\r", "")));
    LOG.info("Reading declarations from {}", file);
    return spark
        .createDataFrame(numbered, LINES)
        .where(regexp_replace(col(DeclarationColumns.RAW_LINE), "\\s", "").notEqual(""));
  }

  private static Column[] concat(List<Column> head, List<Column> tail) {
    List<Column> all = new ArrayList<>(head);
    all.addAll(tail);
    return all.toArray(Column[]::new);
  }
}
