package org.cargorisk.validation;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.SchemaChecks;
import org.cargorisk.lake.BronzeColumns;

/**
 * Soft referential checks that ingest can make: a firm id on a manifest or transaction that is
 * not (yet) known in firms. Such records are kept; the finding goes into {@link
 * BronzeColumns#QUALITY_FLAGS}. Firms often arrive after their first manifest, so dropping would
 * lose real data.
 */
public final class ReferenceChecks {
  private ReferenceChecks() {}

  /** Firm-id columns of each source and the flag an unknown id raises. */
  public static Map<String, ReasonCode> firmReferences(Source source) {
    Map<String, ReasonCode> references = new LinkedHashMap<>();
    if (source == Source.MANIFESTS) {
      references.put(Contracts.SHIPPER_ID, ReasonCode.UNKNOWN_SHIPPER);
      references.put(Contracts.CONSIGNEE_ID, ReasonCode.UNKNOWN_CONSIGNEE);
      references.put(Contracts.NOTIFY_PARTY_ID, ReasonCode.UNKNOWN_NOTIFY_PARTY);
      references.put(Contracts.FORWARDER_ID, ReasonCode.UNKNOWN_FORWARDER);
    } else if (source == Source.TRANSACTIONS) {
      references.put(Contracts.PAYER_ID, ReasonCode.UNKNOWN_PAYER);
      references.put(Contracts.PAYEE_ID, ReasonCode.UNKNOWN_PAYEE);
    }
    return references;
  }

  /**
   * Adds {@link BronzeColumns#QUALITY_FLAGS} (array&lt;string&gt;, empty when nothing is flagged).
   *
   * @param accepted accepted records of the source
   * @param knownFirmIds one column {@link Contracts#FIRM_ID}: every firm id known at ingest
   *     (bronze firms and the day's accepted firms); may hold duplicates; may be null for a
   *     source without firm references
   */
  public static Dataset<Row> withQualityFlags(
      Dataset<Row> accepted, Source source, Dataset<Row> knownFirmIds) {
    String step = "quality flags " + source.sourceName();
    SchemaChecks.requireAbsent(step, accepted.schema(), BronzeColumns.QUALITY_FLAGS);
    Map<String, ReasonCode> references = firmReferences(source);
    if (references.isEmpty()) {
      return accepted.withColumn(
          BronzeColumns.QUALITY_FLAGS, array().cast(DataTypes.createArrayType(DataTypes.StringType)));
    }
    SchemaChecks.requireColumns(step, knownFirmIds.schema(), Contracts.FIRM_ID);
    SchemaChecks.requireColumns(step, accepted.schema(), references.keySet().toArray(String[]::new));
    Dataset<Row> known = knownFirmIds.select(col(Contracts.FIRM_ID)).distinct();

    Dataset<Row> result = accepted;
    List<Column> flags = new ArrayList<>();
    List<String> markers = new ArrayList<>();
    for (Map.Entry<String, ReasonCode> reference : references.entrySet()) {
      String key = "_known_" + reference.getKey();
      String marker = key + "_found";
      Dataset<Row> lookup = known.select(col(Contracts.FIRM_ID).as(key), lit(true).as(marker));
      result =
          result.join(lookup, result.col(reference.getKey()).equalTo(lookup.col(key)), "left").drop(key);
      flags.add(
          when(
              col(reference.getKey()).isNotNull().and(col(marker).isNull()),
              lit(reference.getValue().name())));
      markers.add(marker);
    }
    return result
        .withColumn(BronzeColumns.QUALITY_FLAGS, array_compact(array(flags.toArray(Column[]::new))))
        .drop(markers.toArray(String[]::new));
  }
}
