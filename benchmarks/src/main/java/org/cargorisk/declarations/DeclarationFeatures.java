package org.cargorisk.declarations;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.errors.SchemaChecks;

/**
 * Declaration-level features in the spirit of DATE (Kim et al., KDD 2020) and the benchmark's
 * paper (arXiv 2208.02484): value per kg and its deviation from HS6 and HS6 x origin peers, tax,
 * histories of importers, declarants, sellers, couriers, offices, HS levels and the trade lanes
 * (HS6 x origin x departure, ...) with their past fraud rates, newness, and calendar features.
 *
 * <p><b>Point in time.</b> Every history feature of a row dated D is computed over the rows of the
 * same key dated strictly before D (a range window ending one day before), so neither the row
 * itself, nor a row of the same day, nor a later row feeds it. Declarations count as soon as they
 * are dated; labels count only where the input has them: give rows whose outcome is unknown
 * (the period to score) a null {@code fraud} and {@code critical_fraud}, and they add to the
 * declaration counts but never to the fraud rates. Peer value statistics use the same windows.
 *
 * <p>Fraud rates are smoothed towards a prior: {@code (frauds + m * prior) / (labelled + m)}, with
 * the prior the fraud rate of all labelled input rows (one constant for every row) and m the
 * {@link #smoothing(double) smoothing weight}.
 *
 * <pre>{@code
 * Dataset<Row> features = new DeclarationFeatures().smoothing(1.0).transform(declarations);
 * }</pre>
 */
public final class DeclarationFeatures {
  /** A history key: a name and the columns that make it. */
  public record HistoryKey(String name, List<String> columns, boolean withRecency) {
    public HistoryKey {
      columns = List.copyOf(columns);
    }
  }

  /** HS4 code (first four digits of HS6). */
  public static final String HS4 = "hs4";
  /** HS2 chapter (first two digits of HS6). */
  public static final String HS2 = "hs2";

  /** ln(1 + item price). */
  public static final String LOG_ITEM_PRICE = "log_item_price";
  /** ln(1 + net mass kg). */
  public static final String LOG_NET_MASS = "log_net_mass";
  /** ln(1 + price) - ln(1 + mass): value per kg on a log scale. */
  public static final String LOG_VALUE_PER_KG = "log_value_per_kg";
  /** ln(1 + price * tax rate / 100): the duty at stake. */
  public static final String LOG_TAX_AMOUNT = "log_tax_amount";
  /** 1 when the declared price is zero. */
  public static final String ZERO_PRICE = "zero_price";
  /** 1 when a seller is named. */
  public static final String HAS_SELLER = "has_seller";
  /** 1 when an express courier is named. */
  public static final String HAS_COURIER = "has_courier";
  /** 1 when the origin differs from the departure country (transshipment). */
  public static final String ORIGIN_NOT_DEPARTURE = "origin_not_departure";
  /** Day of week, 1 = Sunday. */
  public static final String DAY_OF_WEEK = "day_of_week";
  /** Month, 1-12. */
  public static final String MONTH = "month";
  /** Day of month, 1-31. */
  public static final String DAY_OF_MONTH = "day_of_month";

  /** The history keys, each giving count, labelled count, fraud and critical-fraud rates. */
  public static final List<HistoryKey> HISTORY_KEYS =
      List.of(
          new HistoryKey("importer", List.of(DeclarationColumns.IMPORTER_ID), true),
          new HistoryKey("declarant", List.of(DeclarationColumns.DECLARANT_ID), true),
          new HistoryKey("seller", List.of(DeclarationColumns.SELLER_ID), true),
          new HistoryKey("courier", List.of(DeclarationColumns.COURIER_ID), false),
          new HistoryKey("office", List.of(DeclarationColumns.OFFICE_ID), false),
          new HistoryKey("hs6", List.of(DeclarationColumns.HS6), true),
          new HistoryKey("hs4", List.of(HS4), false),
          new HistoryKey("hs2", List.of(HS2), false),
          new HistoryKey("origin", List.of(DeclarationColumns.ORIGIN_COUNTRY), false),
          new HistoryKey("departure", List.of(DeclarationColumns.DEPARTURE_COUNTRY), false),
          new HistoryKey(
              "hs6_origin", List.of(DeclarationColumns.HS6, DeclarationColumns.ORIGIN_COUNTRY), true),
          new HistoryKey(
              "hs6_departure",
              List.of(DeclarationColumns.HS6, DeclarationColumns.DEPARTURE_COUNTRY),
              false),
          new HistoryKey(
              "hs6_lane",
              List.of(
                  DeclarationColumns.HS6,
                  DeclarationColumns.ORIGIN_COUNTRY,
                  DeclarationColumns.DEPARTURE_COUNTRY),
              true),
          new HistoryKey(
              "hs6_origin_tax_type",
              List.of(
                  DeclarationColumns.HS6,
                  DeclarationColumns.ORIGIN_COUNTRY,
                  DeclarationColumns.TAX_TYPE),
              false),
          new HistoryKey(
              "hs6_origin_tax_rate",
              List.of(
                  DeclarationColumns.HS6,
                  DeclarationColumns.ORIGIN_COUNTRY,
                  DeclarationColumns.TAX_RATE),
              false),
          new HistoryKey(
              "hs6_tax_type", List.of(DeclarationColumns.HS6, DeclarationColumns.TAX_TYPE), false),
          new HistoryKey("hs4_origin", List.of(HS4, DeclarationColumns.ORIGIN_COUNTRY), false),
          new HistoryKey(
              "importer_hs6", List.of(DeclarationColumns.IMPORTER_ID, DeclarationColumns.HS6), false),
          new HistoryKey(
              "declarant_importer",
              List.of(DeclarationColumns.DECLARANT_ID, DeclarationColumns.IMPORTER_ID),
              false));

  /** Peer groups for value-per-kg and tax-rate deviations. */
  public static final List<HistoryKey> PEER_KEYS =
      List.of(
          new HistoryKey("hs6", List.of(DeclarationColumns.HS6), false),
          new HistoryKey(
              "hs6_origin", List.of(DeclarationColumns.HS6, DeclarationColumns.ORIGIN_COUNTRY), false));

  /** Categorical columns a model should index (low cardinality). */
  public static final List<String> CATEGORICAL_FEATURES =
      List.of(
          DeclarationColumns.OFFICE_ID,
          DeclarationColumns.PROCESS_TYPE,
          DeclarationColumns.IMPORT_TYPE,
          DeclarationColumns.IMPORT_USE,
          DeclarationColumns.PAYMENT_TYPE,
          DeclarationColumns.TRANSPORT_MODE,
          DeclarationColumns.TAX_TYPE,
          DeclarationColumns.ORIGIN_INDICATOR);

  /** Numeric feature columns this class adds (plus the tax rate), in a fixed order. */
  public static final List<String> NUMERIC_FEATURES = numericFeatures();

  private static final String DAY = "__day";
  private static final String LABELLED = "__labelled";
  private static final String CRITICAL = "__critical";

  private double smoothing = 1.0;

  /** Weight m of the prior in the smoothed fraud rates; at least 0. */
  public DeclarationFeatures smoothing(double weight) {
    this.smoothing = checkSmoothing(weight);
    return this;
  }

  /** A smoothing weight as the evaluation's {@code --smoothing} takes it: at least 0. */
  static double checkSmoothing(double weight) {
    if (!(weight >= 0)) {
      throw CargoRiskErrors.invalidConfiguration(
          "--smoothing", weight, "must be at least 0 (0 = the raw past fraud rates)");
    }
    return weight;
  }

  /** Name of the declaration-count feature of a history key. */
  public static String priorCount(String key) {
    return key + "_prior_count";
  }

  /** Name of the labelled-count feature of a history key. */
  public static String priorLabelled(String key) {
    return key + "_prior_labelled";
  }

  /** Name of the smoothed past fraud rate of a history key. */
  public static String fraudRate(String key) {
    return key + "_fraud_rate";
  }

  /** Name of the smoothed past critical-fraud rate of a history key. */
  public static String criticalRate(String key) {
    return key + "_critical_rate";
  }

  /** Days since the key's first declaration (-1 when new). */
  public static String daysSinceFirst(String key) {
    return key + "_days_since_first";
  }

  /** Days since the key's latest earlier declaration (-1 when new). */
  public static String daysSinceLast(String key) {
    return key + "_days_since_last";
  }

  /** Robust-ish z-score of log value per kg against the peer group's earlier declarations. */
  public static String valueZ(String peer) {
    return peer + "_value_z";
  }

  /** Log value per kg minus the peer group's earlier mean (log of the ratio to the peers). */
  public static String valueLogRatio(String peer) {
    return peer + "_value_log_ratio";
  }

  /** Tax rate minus the peer group's earlier mean tax rate. */
  public static String taxRateGap(String peer) {
    return peer + "_tax_rate_gap";
  }

  /**
   * Adds every feature to declarations in {@link DeclarationColumns#SCHEMA} (labels may be null
   * for rows whose outcome is not known).
   */
  public Dataset<Row> transform(Dataset<Row> declarations) {
    SchemaChecks.requireColumns(
        "DeclarationFeatures",
        declarations.schema(),
        DeclarationColumns.COLUMNS.toArray(String[]::new));
    for (String feature : NUMERIC_FEATURES) {
      if (DeclarationColumns.COLUMNS.contains(feature)) {
        continue;
      }
      SchemaChecks.requireAbsent("DeclarationFeatures", declarations.schema(), feature);
    }
    Dataset<Row> rows = withRowFeatures(declarations);
    Row prior =
        rows.agg(
                avg(col(DeclarationColumns.FRAUD).cast(DataTypes.DoubleType)),
                avg(col(CRITICAL).cast(DataTypes.DoubleType)))
            .first();
    double fraudPrior = prior.isNullAt(0) ? 0.0 : prior.getDouble(0);
    double criticalPrior = prior.isNullAt(1) ? 0.0 : prior.getDouble(1);
    // One select for every window feature: chained withColumn calls would make the analyzer
    // re-resolve an ever larger plan, which takes minutes with a hundred columns.
    List<Column> columns = new ArrayList<>();
    columns.add(col("*"));
    for (HistoryKey key : HISTORY_KEYS) {
      columns.addAll(history(key, fraudPrior, criticalPrior));
    }
    for (HistoryKey peer : PEER_KEYS) {
      columns.addAll(peerDeviation(peer));
    }
    rows = rows.select(columns.toArray(Column[]::new));
    return rows.drop(DAY, LABELLED, CRITICAL);
  }

  /** Row-level features: no other row is involved. */
  static Dataset<Row> withRowFeatures(Dataset<Row> declarations) {
    Column price = col(DeclarationColumns.ITEM_PRICE);
    Column mass = col(DeclarationColumns.NET_MASS_KG);
    Column date = col(DeclarationColumns.DECLARED_ON);
    return declarations
        .withColumn(HS4, substring(col(DeclarationColumns.HS6), 1, 4))
        .withColumn(HS2, substring(col(DeclarationColumns.HS6), 1, 2))
        .withColumn(LOG_ITEM_PRICE, log1p(price))
        .withColumn(LOG_NET_MASS, log1p(mass))
        .withColumn(LOG_VALUE_PER_KG, log1p(price).minus(log1p(mass)))
        .withColumn(
            LOG_TAX_AMOUNT, log1p(price.multiply(col(DeclarationColumns.TAX_RATE)).divide(100.0)))
        .withColumn(ZERO_PRICE, flag(price.equalTo(0)))
        .withColumn(HAS_SELLER, flag(col(DeclarationColumns.SELLER_ID).isNotNull()))
        .withColumn(HAS_COURIER, flag(col(DeclarationColumns.COURIER_ID).isNotNull()))
        .withColumn(
            ORIGIN_NOT_DEPARTURE,
            flag(
                coalesce(
                    col(DeclarationColumns.ORIGIN_COUNTRY)
                        .notEqual(col(DeclarationColumns.DEPARTURE_COUNTRY)),
                    lit(false))))
        .withColumn(DAY_OF_WEEK, dayofweek(date).cast(DataTypes.DoubleType))
        .withColumn(MONTH, month(date).cast(DataTypes.DoubleType))
        .withColumn(DAY_OF_MONTH, dayofmonth(date).cast(DataTypes.DoubleType))
        .withColumn(DAY, unix_date(date))
        .withColumn(
            CRITICAL,
            when(col(DeclarationColumns.CRITICAL_FRAUD).isNull(), lit(null))
                .otherwise(flag(col(DeclarationColumns.CRITICAL_FRAUD).equalTo(2))))
        .withColumn(LABELLED, col(DeclarationColumns.FRAUD).isNotNull());
  }

  /** The rows of the same key dated strictly before the row's day. */
  private static WindowSpec strictlyEarlier(HistoryKey key) {
    return Window.partitionBy(key.columns().stream().map(c -> col(c)).toArray(Column[]::new))
        .orderBy(col(DAY))
        .rangeBetween(Window.unboundedPreceding(), -1);
  }

  private List<Column> history(HistoryKey key, double fraudPrior, double criticalPrior) {
    WindowSpec earlier = strictlyEarlier(key);
    // A row whose key has a missing part (no seller, no courier) has no history.
    Column keyKnown = lit(true);
    for (String column : key.columns()) {
      keyKnown = keyKnown.and(col(column).isNotNull());
    }
    Column declarations = when(keyKnown, count(lit(1)).over(earlier)).otherwise(0).cast("double");
    Column labelled =
        when(keyKnown, count(col(DeclarationColumns.FRAUD)).over(earlier)).otherwise(0).cast("double");
    Column frauds =
        when(keyKnown, coalesce(sum(col(DeclarationColumns.FRAUD)).over(earlier), lit(0))).otherwise(0);
    Column criticals =
        when(keyKnown, coalesce(sum(col(CRITICAL)).over(earlier), lit(0))).otherwise(0);
    String name = key.name();
    List<Column> out = new ArrayList<>();
    out.add(declarations.as(priorCount(name)));
    out.add(labelled.as(priorLabelled(name)));
    out.add(
        frauds.plus(smoothing * fraudPrior).divide(labelled.plus(smoothing)).as(fraudRate(name)));
    out.add(
        criticals
            .plus(smoothing * criticalPrior)
            .divide(labelled.plus(smoothing))
            .as(criticalRate(name)));
    if (key.withRecency()) {
      out.add(
          coalesce(when(keyKnown, col(DAY).minus(min(col(DAY)).over(earlier))), lit(-1))
              .cast("double")
              .as(daysSinceFirst(name)));
      out.add(
          coalesce(when(keyKnown, col(DAY).minus(max(col(DAY)).over(earlier))), lit(-1))
              .cast("double")
              .as(daysSinceLast(name)));
    }
    return out;
  }

  private static List<Column> peerDeviation(HistoryKey peer) {
    WindowSpec earlier = strictlyEarlier(peer);
    Column value = col(LOG_VALUE_PER_KG);
    Column mean = avg(value).over(earlier);
    Column spread = stddev_pop(value).over(earlier);
    Column taxMean = avg(col(DeclarationColumns.TAX_RATE)).over(earlier);
    return List.of(
        coalesce(value.minus(mean), lit(0.0)).as(valueLogRatio(peer.name())),
        coalesce(value.minus(mean).divide(greatest(spread, lit(0.1))), lit(0.0))
            .as(valueZ(peer.name())),
        coalesce(col(DeclarationColumns.TAX_RATE).minus(taxMean), lit(0.0))
            .as(taxRateGap(peer.name())));
  }

  private static Column flag(Column condition) {
    return when(condition, 1.0).otherwise(0.0);
  }

  private static List<String> numericFeatures() {
    List<String> names =
        new ArrayList<>(
            Arrays.asList(
                DeclarationColumns.TAX_RATE,
                LOG_ITEM_PRICE,
                LOG_NET_MASS,
                LOG_VALUE_PER_KG,
                LOG_TAX_AMOUNT,
                ZERO_PRICE,
                HAS_SELLER,
                HAS_COURIER,
                ORIGIN_NOT_DEPARTURE,
                DAY_OF_WEEK,
                MONTH,
                DAY_OF_MONTH));
    for (HistoryKey key : HISTORY_KEYS) {
      names.add(priorCount(key.name()));
      names.add(priorLabelled(key.name()));
      names.add(fraudRate(key.name()));
      names.add(criticalRate(key.name()));
      if (key.withRecency()) {
        names.add(daysSinceFirst(key.name()));
        names.add(daysSinceLast(key.name()));
      }
    }
    for (HistoryKey peer : PEER_KEYS) {
      names.add(valueLogRatio(peer.name()));
      names.add(valueZ(peer.name()));
      names.add(taxRateGap(peer.name()));
    }
    return List.copyOf(names);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "DeclarationFeatures(smoothing=%s)", smoothing);
  }
}
