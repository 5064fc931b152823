package org.cargorisk.features;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.features.inputs.BronzeInputs;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;

/**
 * Tiny bronze-shaped tables for feature tests: the contract schema of each source plus the
 * lineage columns. Rows are given as column-value pairs over a valid default record; timestamps
 * and dates may be given as ISO strings. {@code _business_date} defaults to the date of the
 * record's event time, {@code first_filed_at} to {@code filed_at}.
 */
public final class BronzeFixtures {
  private final SparkSession spark;
  private final Map<Source, List<Map<String, Object>>> rows = new EnumMap<>(Source.class);

  public BronzeFixtures(SparkSession spark) {
    this.spark = spark;
    for (Source source : Source.values()) {
      rows.put(source, new ArrayList<>());
    }
  }

  /** The bronze schema of a source: contract columns, lineage columns, then {@code _valid_to}. */
  public static StructType schema(Source source) {
    StructType schema = source.schema();
    schema =
        schema
            .add(BronzeColumns.INGESTED_AT, DataTypes.TimestampType, false)
            .add(BronzeColumns.SOURCE_FILE, DataTypes.StringType, false)
            .add(BronzeColumns.LINE_NUMBER, DataTypes.LongType, false)
            .add(BronzeColumns.BUSINESS_DATE, DataTypes.DateType, false)
            .add(BronzeColumns.RUN_ID, DataTypes.StringType, false)
            .add(BronzeColumns.QUALITY_FLAGS, DataTypes.createArrayType(DataTypes.StringType), false);
    if (source == Source.MANIFESTS) {
      schema =
          schema
              .add(BronzeColumns.AMENDMENT_COUNT, DataTypes.IntegerType, false)
              .add(BronzeColumns.FIRST_FILED_AT, DataTypes.TimestampType, false);
    }
    // A row is a version of its record (BronzeHistory.versions): current unless given a day a
    // later version replaced it.
    return schema.add(BronzeColumns.VALID_TO, DataTypes.DateType, true);
  }

  private static Map<String, Object> defaults(Source source) {
    Map<String, Object> d = new HashMap<>();
    switch (source) {
      case MANIFESTS -> {
        d.put(Contracts.VESSEL_IMO, "9074729");
        d.put(Contracts.VOYAGE_ID, "VY1");
        d.put(Contracts.PORT_OF_LOADING, "ECGYE");
        d.put(Contracts.PORT_OF_DISCHARGE, "NLRTM");
        d.put(Contracts.ORIGIN_COUNTRY, "EC");
        d.put(Contracts.SHIPPER_ID, "F1");
        d.put(Contracts.CONSIGNEE_ID, "F2");
        d.put(Contracts.HS_CODE, "080390");
        d.put(Contracts.GOODS_DESCRIPTION, "FRESH BANANAS");
        d.put(Contracts.PACKAGES, 1000);
        d.put(Contracts.GROSS_WEIGHT_KG, 20000.0);
        d.put(Contracts.DECLARED_VALUE_EUR, 10000.0);
        d.put(Contracts.CONTAINER_TYPE, "45R1");
        d.put(Contracts.SEAL_NUMBER, "S1");
        d.put(BronzeColumns.AMENDMENT_COUNT, 0);
      }
      case PORT_CALLS -> {
        d.put(Contracts.VESSEL_IMO, "9074729");
        d.put(Contracts.VOYAGE_ID, "VY1");
      }
      case FIRMS -> {
        d.put(Contracts.COUNTRY, "NL");
        d.put(Contracts.SECTOR, "IMPORTER");
        d.put(BronzeColumns.BUSINESS_DATE, "2020-01-01");
      }
      case TRANSACTIONS -> {
        d.put(Contracts.CURRENCY, "EUR");
        d.put(Contracts.CHANNEL, "WIRE");
      }
      case INSPECTIONS -> {
        d.put(Contracts.METHOD, "SCAN");
        d.put(Contracts.SELECTED_BY, "RANDOM");
        d.put(Contracts.OUTCOME, "NO_HIT");
      }
      case FIRM_LABELS -> d.put(Contracts.LABEL_SOURCE, "FIOD");
      default -> { }
    }
    return d;
  }

  private static final Map<Source, List<String>> EVENT_TIME =
      Map.of(
          Source.MANIFESTS, List.of(Contracts.FILED_AT),
          Source.PORT_CALLS, List.of(Contracts.ARRIVED_AT, Contracts.DEPARTED_AT),
          Source.CONTAINER_EVENTS, List.of(Contracts.EVENT_AT),
          Source.TRANSACTIONS, List.of(Contracts.BOOKED_AT),
          Source.INSPECTIONS, List.of(Contracts.INSPECTED_AT),
          Source.FIRM_LABELS, List.of(Contracts.LABELLED_ON),
          Source.FIRMS, List.of());

  /** Adds a row: column-value pairs over the source's defaults. */
  public BronzeFixtures add(Source source, Object... columnValues) {
    Map<String, Object> values = defaults(source);
    for (int i = 0; i < columnValues.length; i += 2) {
      values.put((String) columnValues[i], columnValues[i + 1]);
    }
    if (!values.containsKey(BronzeColumns.BUSINESS_DATE)) {
      for (String column : EVENT_TIME.get(source)) {
        if (values.get(column) != null) {
          values.put(BronzeColumns.BUSINESS_DATE, values.get(column).toString().substring(0, 10));
          break;
        }
      }
    }
    if (source == Source.MANIFESTS && !values.containsKey(BronzeColumns.FIRST_FILED_AT)) {
      values.put(BronzeColumns.FIRST_FILED_AT, values.get(Contracts.FILED_AT));
    }
    rows.get(source).add(values);
    return this;
  }

  public Dataset<Row> table(Source source) {
    StructType schema = schema(source);
    List<Row> out = new ArrayList<>();
    long line = 1;
    for (Map<String, Object> values : rows.get(source)) {
      Object[] cells = new Object[schema.size()];
      for (int i = 0; i < schema.size(); i++) {
        StructField field = schema.fields()[i];
        Object value = values.get(field.name());
        switch (field.name()) {
          case BronzeColumns.INGESTED_AT -> value = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
          case BronzeColumns.SOURCE_FILE -> value = "fixture";
          case BronzeColumns.LINE_NUMBER -> value = line;
          case BronzeColumns.RUN_ID -> value = "fixture-run";
          case BronzeColumns.QUALITY_FLAGS -> value = List.of();
          case BronzeColumns.BUSINESS_DATE -> value = value == null ? "2026-01-01" : value;
          default -> { }
        }
        cells[i] = convert(value, field);
      }
      if (cells[schema.fieldIndex(BronzeColumns.QUALITY_FLAGS)] instanceof List<?> list) {
        cells[schema.fieldIndex(BronzeColumns.QUALITY_FLAGS)] =
            scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
      }
      out.add(RowFactory.create(cells));
      line++;
    }
    return spark.createDataFrame(out, schema);
  }

  private static Object convert(Object value, StructField field) {
    if (value == null) {
      return null;
    }
    if (field.dataType().equals(DataTypes.TimestampType) && value instanceof String s) {
      return Timestamp.from(Instant.parse(s));
    }
    if (field.dataType().equals(DataTypes.DateType) && value instanceof String s) {
      return Date.valueOf(LocalDate.parse(s));
    }
    if (field.dataType().equals(DataTypes.DoubleType) && value instanceof Number n) {
      return n.doubleValue();
    }
    if (field.dataType().equals(DataTypes.IntegerType) && value instanceof Number n) {
      return n.intValue();
    }
    return value;
  }

  /**
   * Writes the rows as the bronze history an ingest would have written (what the feature build
   * reads; the versions and their validity are derived from it, so {@code _valid_to} given here
   * is not written).
   */
  public void writeHistory(TableIO io) {
    Dataset<Row> rows = null;
    for (Source source : Source.values()) {
      Dataset<Row> part = BronzeHistory.rows(source, table(source));
      rows = rows == null ? part : rows.unionByName(part);
    }
    rows.write().format("delta").mode("overwrite").save(io.location(LakeTables.HISTORY));
  }

  public BronzeInputs inputs() {
    return new BronzeInputs(
        table(Source.MANIFESTS),
        table(Source.PORT_CALLS),
        table(Source.CONTAINER_EVENTS),
        table(Source.FIRMS),
        table(Source.TRANSACTIONS),
        table(Source.INSPECTIONS),
        table(Source.FIRM_LABELS));
  }
}
