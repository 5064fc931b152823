package org.cargorisk.declarations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

@Slow
class DeclarationFeaturesTest {
  private final SparkSession spark = SparkTestSession.get();

  /** A declaration of importer IMP (or another) on a day, with its labels (null = unknown). */
  private static Row declaration(
      String id, String day, String importer, double price, Integer fraud, Integer critical) {
    return RowFactory.create(
        id, Date.valueOf(day), "30", "B", "11", "21", "11", "10", "DECL1", importer, null, null,
        "440890", "BE", "BE", 8.0, "A", "G", 10.0, price, fraud, critical, "test.csv", 1L);
  }

  /**
   * Importer IMP: two declarations on 01-01 (one fraud, one critical fraud), one on 01-02 (no
   * fraud), one on 01-05 with an unknown outcome, one on 01-09 (fraud). Another importer on 01-03.
   */
  private Dataset<Row> declarations() {
    List<Row> rows = new ArrayList<>();
    rows.add(declaration("a", "2020-01-01", "IMP", 100, 1, 1));
    rows.add(declaration("b", "2020-01-01", "IMP", 200, 1, 2));
    rows.add(declaration("c", "2020-01-02", "IMP", 300, 0, 0));
    rows.add(declaration("d", "2020-01-03", "OTHER", 400, 0, 0));
    rows.add(declaration("e", "2020-01-05", "IMP", 500, null, null));
    rows.add(declaration("f", "2020-01-09", "IMP", 600, 1, 1));
    return spark.createDataFrame(rows, DeclarationColumns.SCHEMA);
  }

  private static Row byId(Dataset<Row> features, String id) {
    return features.where(col(DeclarationColumns.DECLARATION_ID).equalTo(id)).first();
  }

  private static double value(Row row, String column) {
    return row.<Double>getAs(column);
  }

  @Test
  void importerHistoryCountsOnlyEarlierDaysAndOnlyKnownLabels() {
    // prior = 3 frauds of 5 labelled rows = 0.6; critical prior = 1 of 5 = 0.2; m = 1
    Dataset<Row> features = new DeclarationFeatures().smoothing(1.0).transform(declarations());
    String count = DeclarationFeatures.priorCount("importer");
    String labelled = DeclarationFeatures.priorLabelled("importer");
    String rate = DeclarationFeatures.fraudRate("importer");
    String critical = DeclarationFeatures.criticalRate("importer");

    // Same-day rows never see each other (nor themselves).
    for (String id : List.of("a", "b")) {
      Row row = byId(features, id);
      assertThat(value(row, count)).isZero();
      assertThat(value(row, rate)).isCloseTo(0.6, within(1e-9));
      assertThat(value(row, DeclarationFeatures.daysSinceFirst("importer"))).isEqualTo(-1.0);
    }
    Row c = byId(features, "c");
    assertThat(value(c, count)).isEqualTo(2.0);
    assertThat(value(c, rate)).isCloseTo((2 + 0.6) / (2 + 1), within(1e-9));
    assertThat(value(c, critical)).isCloseTo((1 + 0.2) / (2 + 1), within(1e-9));
    assertThat(value(c, DeclarationFeatures.daysSinceFirst("importer"))).isEqualTo(1.0);

    Row e = byId(features, "e");
    assertThat(value(e, count)).isEqualTo(3.0);
    assertThat(value(e, rate)).isCloseTo((2 + 0.6) / (3 + 1), within(1e-9));
    assertThat(value(e, DeclarationFeatures.daysSinceLast("importer"))).isEqualTo(3.0);

    // The unknown outcome of e counts as a declaration, not as a label.
    Row f = byId(features, "f");
    assertThat(value(f, count)).isEqualTo(4.0);
    assertThat(value(f, labelled)).isEqualTo(3.0);
    assertThat(value(f, rate)).isCloseTo((2 + 0.6) / (3 + 1), within(1e-9));

    // Another importer's history is its own.
    assertThat(value(byId(features, "d"), count)).isZero();
    // The HS6 history pools every importer: d (01-03) sees a, b and c.
    assertThat(value(byId(features, "d"), DeclarationFeatures.priorCount("hs6"))).isEqualTo(3.0);
  }

  @Test
  void changingTheSameDayOrLaterRowsNeverChangesARowsHistoryFeatures() {
    DeclarationFeatures features = new DeclarationFeatures().smoothing(1.0);
    Dataset<Row> original = declarations();
    // Change the prices after 01-02 and swap the labels of c (01-02) and f (01-09); the number
    // of frauds stays the same, so the prior does not move. Rows dated up to 01-02 must keep
    // every feature: c's own label and later rows never feed them.
    Dataset<Row> altered =
        original
            .withColumn(
                DeclarationColumns.ITEM_PRICE,
                when(col(DeclarationColumns.DECLARED_ON).gt(lit(Date.valueOf("2020-01-02"))),
                        col(DeclarationColumns.ITEM_PRICE).multiply(1000))
                    .otherwise(col(DeclarationColumns.ITEM_PRICE)))
            .withColumn(
                DeclarationColumns.FRAUD,
                when(col(DeclarationColumns.DECLARATION_ID).equalTo("c"), lit(1))
                    .when(col(DeclarationColumns.DECLARATION_ID).equalTo("f"), lit(0))
                    .otherwise(col(DeclarationColumns.FRAUD)));
    Dataset<Row> before = features.transform(original);
    Dataset<Row> after = features.transform(altered);

    for (String id : List.of("a", "b", "c")) {
      Row one = byId(before, id);
      Row two = byId(after, id);
      for (String feature : DeclarationFeatures.NUMERIC_FEATURES) {
        assertThat(value(two, feature)).as("%s of %s", feature, id).isEqualTo(value(one, feature));
      }
    }
    // The first row after the change sees c's new label.
    assertThat(value(byId(after, "e"), DeclarationFeatures.fraudRate("importer")))
        .isGreaterThan(value(byId(before, "e"), DeclarationFeatures.fraudRate("importer")));
  }

  @Test
  void valuePerKgIsComparedWithEarlierPeersOnly() {
    Dataset<Row> features = new DeclarationFeatures().transform(declarations());
    String ratio = DeclarationFeatures.valueLogRatio("hs6");
    // a and b are first: no earlier peers, no deviation.
    assertThat(value(byId(features, "a"), ratio)).isZero();
    // c (price 300, 10 kg) against the mean log value per kg of a and b.
    double perKg = Math.log1p(300) - Math.log1p(10);
    double peers = ((Math.log1p(100) - Math.log1p(10)) + (Math.log1p(200) - Math.log1p(10))) / 2;
    assertThat(value(byId(features, "c"), ratio)).isCloseTo(perKg - peers, within(1e-9));
  }
}
