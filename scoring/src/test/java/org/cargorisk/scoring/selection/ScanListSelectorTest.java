package org.cargorisk.scoring.selection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.reference.ReferenceColumns;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class ScanListSelectorTest {
  private static final LocalDate DATE = Candidates.DATE;
  private final SparkSession spark = SparkTestSession.get();

  private ScanListSelector selector() {
    return new ScanListSelector().date(DATE).seed(7L).explorationShare(0.1);
  }

  private static List<Row> ordered(Dataset<Row> rows) {
    return rows.orderBy(col(ScanListColumns.OFFICE), col(ScanListColumns.RANK)).collectAsList();
  }

  private static List<String> selections(List<Row> rows, String office) {
    return rows.stream()
        .filter(r -> r.getAs(ScanListColumns.OFFICE).equals(office))
        .map(r -> (String) r.getAs(ScanListColumns.SELECTION))
        .toList();
  }

  @Test
  void capacityIsRespectedPerOfficeAndUnconfiguredOfficesGetTheDefaultShare() {
    Dataset<Row> candidates =
        new Candidates().many("NLRTM", 30).many("BEANR", 40).many("DEHAM", 3).frame(spark);
    ScanList list =
        selector()
            .capacities(Map.of("NLRTM", 12, "DEHAM", 0))
            .defaultCapacityShare(0.1)
            .select(candidates);

    List<Row> rows = ordered(list.rows());
    assertThat(selections(rows, "NLRTM")).hasSize(12);
    assertThat(selections(rows, "BEANR")).hasSize(4); // ceil(0.1 x 40)
    assertThat(selections(rows, "DEHAM")).isEmpty();
    assertThat(rows).allMatch(r -> r.getAs(ScanListColumns.BUSINESS_DATE).toString().equals("2026-03-02"));
    assertThat(list.rows().schema().fieldNames()).containsExactly(ScanListColumns.SCHEMA.fieldNames());
    for (int i = 0; i < ScanListColumns.SCHEMA.size(); i++) {
      assertThat(list.rows().schema().fields()[i].dataType().sameType(ScanListColumns.SCHEMA.fields()[i].dataType()))
          .as(ScanListColumns.SCHEMA.fields()[i].name())
          .isTrue();
    }

    assertThat(list.summary())
        .extracting(ScanList.OfficeSummary::office, ScanList.OfficeSummary::candidates,
            ScanList.OfficeSummary::capacity, ScanList.OfficeSummary::listed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BEANR", 40L, 4, 4L),
            org.assertj.core.groups.Tuple.tuple("DEHAM", 3L, 0, 0L),
            org.assertj.core.groups.Tuple.tuple("NLRTM", 30L, 12, 12L));
  }

  @Test
  void aModelPickWithoutAPassingReasonRuleSaysSoInsteadOfAnEmptyCell() {
    Dataset<Row> candidates =
        new Candidates().many("NLRTM", 5)
            .add(DATE, "NLRTM", "BLX", "CTRX", 0.99, "S1", "C-X", "goods", List.of())
            .frame(spark);
    List<Row> rows = ordered(selector().capacities(Map.of("NLRTM", 2)).select(candidates).rows());
    assertThat(rows).extracting(r -> (String) r.getAs(ScanListColumns.CONTAINER_ID)).containsExactly("CTRX", "CTRNLRTM5");
    assertThat(rows).extracting(r -> (String) r.getAs(ScanListColumns.SELECTION)).containsExactly("MODEL", "MODEL");
    assertThat(rows.get(0).getList(rows.get(0).fieldIndex(ScanListColumns.REASONS)))
        .containsExactly(Selection.MODEL_ONLY_REASON);
    assertThat(rows.get(1).getList(rows.get(1).fieldIndex(ScanListColumns.REASONS)))
        .doesNotContain(Selection.MODEL_ONLY_REASON)
        .hasSize(3);
  }

  @Test
  void ranksAreContiguousRuleFirstThenModelByScoreThenRandomAndModelPicksAreTheTopScores() {
    Dataset<Row> candidates = new Candidates().many("NLRTM", 40).frame(spark);
    Dataset<Row> watchlist =
        Candidates.watchlist(
            spark,
            Candidates.entry(ReferenceColumns.CONTAINER, "CTRNLRTM3", "tip-off 4411", DATE, null));
    List<Row> rows =
        ordered(selector().capacities(Map.of("NLRTM", 20)).watchlist(watchlist).select(candidates).rows());

    assertThat(rows).extracting(r -> (int) r.getAs(ScanListColumns.RANK))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    // 1 rule, round(0.1 x 20) = 2 random, 17 model.
    assertThat(selections(rows, "NLRTM"))
        .containsExactlyElementsOf(
            java.util.stream.Stream.of(
                    List.of("RULE"), java.util.Collections.nCopies(17, "MODEL"), List.of("RANDOM", "RANDOM"))
                .flatMap(List::stream)
                .toList());
    assertThat(rows.get(0).<String>getAs(ScanListColumns.CONTAINER_ID)).isEqualTo("CTRNLRTM3");
    // MODEL = the 17 best scores (containers 40 down to 24), in score order.
    assertThat(rows.subList(1, 18)).extracting(r -> (String) r.getAs(ScanListColumns.CONTAINER_ID))
        .containsExactlyElementsOf(
            IntStream.iterate(40, i -> i - 1).limit(17).mapToObj(i -> "CTRNLRTM" + i).toList());
    // RANDOM picks come from the rest (scores below the model cut).
    assertThat(rows.subList(18, 20))
        .allMatch(r -> (double) r.getAs(ScanListColumns.SCORE) < 0.24)
        .allMatch(r -> r.<String>getList(r.fieldIndex(ScanListColumns.REASONS)).get(0)
            .equals(Selection.RANDOM_REASON));
    assertThat(rows).allMatch(r -> r.<Long>getAs(ScanListColumns.SELECTION_SEED) == 7L)
        .allMatch(r -> r.<Integer>getAs(ScanListColumns.CAPACITY) == 20)
        .allMatch(r -> r.getList(r.fieldIndex(ScanListColumns.REASONS)).size() <= 3);
    assertThat(rows.get(1).getList(rows.get(1).fieldIndex(ScanListColumns.REASONS)))
        .containsExactly(
            "transshipped via a high-risk port", "reefer with cover goods",
            "consignee registered 3 weeks ago");
  }

  @Test
  void everyActiveRuleHitIsListedEvenBeyondCapacityAndTheOverflowIsCounted() {
    Candidates fixture = new Candidates().many("NLRTM", 20);
    for (int i = 1; i <= 6; i++) {
      fixture.add(DATE, "NLRTM", "BLX" + i, "CTRX" + i, 0.001, "S1", "F000123", "bananas");
    }
    fixture.add(DATE, "NLRTM", "BLWATCH", "CTRY1", 0.5, "S1", "C1", "bananas");
    fixture.add(DATE, "NLRTM", "BLY2", "CTRY2", 0.5, "FEXPIRED", "C1", "bananas");
    fixture.add(DATE, "NLRTM", "BLY3", "CTRY3", 0.5, "FFUTURE", "C1", "bananas");
    Dataset<Row> watchlist =
        Candidates.watchlist(
            spark,
            Candidates.entry("FIRM", "F000123", "tip-off 2026/17", DATE.minusDays(30), DATE),
            Candidates.entry("FIRM", "F000123", "known front company", DATE.minusDays(300), null),
            Candidates.entry("BL", "BLWATCH", "intelligence report", DATE, DATE),
            Candidates.entry("FIRM", "FEXPIRED", "old case", DATE.minusDays(30), DATE.minusDays(1)),
            Candidates.entry("FIRM", "FFUTURE", "future case", DATE.plusDays(1), null));

    ScanList list =
        selector().capacities(Map.of("NLRTM", 5)).watchlist(watchlist).select(fixture.frame(spark));
    List<Row> rows = ordered(list.rows());

    assertThat(rows).hasSize(7).allMatch(r -> r.getAs(ScanListColumns.SELECTION).equals("RULE"));
    assertThat(rows).extracting(r -> (String) r.getAs(ScanListColumns.BL_NUMBER))
        .containsExactlyInAnyOrder("BLX1", "BLX2", "BLX3", "BLX4", "BLX5", "BLX6", "BLWATCH");
    assertThat(rows.get(0).<String>getAs(ScanListColumns.BL_NUMBER)).isEqualTo("BLWATCH");
    Row firmHit = rows.stream().filter(r -> r.getAs(ScanListColumns.BL_NUMBER).equals("BLX1")).findFirst().orElseThrow();
    assertThat(firmHit.<String>getList(firmHit.fieldIndex(ScanListColumns.REASONS)))
        .startsWith("consignee F000123 on watchlist: known front company",
            "consignee F000123 on watchlist: tip-off 2026/17")
        .hasSize(3);
    assertThat(rows.get(0).<String>getList(rows.get(0).fieldIndex(ScanListColumns.REASONS)).get(0))
        .isEqualTo("B/L BLWATCH on watchlist: intelligence report");

    ScanList.OfficeSummary summary = list.summary().get(0);
    assertThat(summary.rule()).isEqualTo(7);
    assertThat(summary.ruleOverflow()).isEqualTo(2);
    assertThat(summary.model() + summary.random()).isZero();
  }

  @Test
  void sameSeedGivesTheSameListAndAnotherSeedAnotherDraw() {
    Dataset<Row> candidates = new Candidates().many("NLRTM", 200).frame(spark);
    ScanListSelector selector =
        new ScanListSelector().date(DATE).capacities(Map.of("NLRTM", 40)).explorationShare(0.25);
    List<Row> first = ordered(selector.seed(1L).select(candidates).rows());
    List<Row> again = ordered(selector.seed(1L).select(candidates.repartition(3)).rows());
    List<Row> other = ordered(selector.seed(2L).select(candidates).rows());

    assertThat(again).isEqualTo(first);
    assertThat(randomPicks(other)).hasSize(10).isNotEqualTo(randomPicks(first));
    assertThat(randomPicks(first)).hasSize(10);
  }

  private static Set<String> randomPicks(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.getAs(ScanListColumns.SELECTION).equals("RANDOM"))
        .map(r -> (String) r.getAs(ScanListColumns.CONTAINER_ID))
        .collect(Collectors.toSet());
  }

  /**
   * 400 offices hold the same 40 candidates; each office is an independent draw (the office is
   * part of the hash). Capacity 20 (default share 0.5), exploration 0.25: 5 random picks among
   * the 25 candidates below the 15 model picks, p = 0.2 each. A chi-square test of the picks per
   * candidate against the uniform expectation (80 each) must pass at the 0.1 % level (24 degrees
   * of freedom, critical value 51.18); a biased draw (e.g. by score or by hash of the container
   * alone) fails it.
   */
  @Test
  void randomPicksAreTheConfiguredShareAndUniformAmongTheRest() {
    Candidates fixture = new Candidates();
    int offices = 400;
    for (int o = 0; o < offices; o++) {
      String office = String.format("O%04d", o);
      for (int i = 1; i <= 40; i++) {
        fixture.add(office, "BL" + i, "CTR" + i, i / 100.0);
      }
    }
    ScanList list =
        new ScanListSelector()
            .date(DATE)
            .seed(20260101L)
            .defaultCapacityShare(0.5)
            .explorationShare(0.25)
            .select(fixture.frame(spark));

    List<Row> perOffice =
        list.rows()
            .groupBy(ScanListColumns.OFFICE)
            .agg(
                count(lit(1)).as("listed"),
                sum(when(col(ScanListColumns.SELECTION).equalTo("RANDOM"), 1).otherwise(0)).as("random"))
            .collectAsList();
    assertThat(perOffice).hasSize(offices)
        .allMatch(r -> r.getLong(1) == 20 && r.getLong(2) == 5);

    Map<String, Long> picks = new HashMap<>();
    list.rows()
        .where(col(ScanListColumns.SELECTION).equalTo("RANDOM"))
        .groupBy(ScanListColumns.CONTAINER_ID)
        .count()
        .collectAsList()
        .forEach(r -> picks.put(r.getString(0), r.getLong(1)));
    assertThat(picks.keySet())
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 25).mapToObj(i -> "CTR" + i).toList());
    double expected = offices * 5 / 25.0;
    double chiSquare =
        picks.values().stream().mapToDouble(n -> (n - expected) * (n - expected) / expected).sum();
    assertThat(chiSquare).isLessThan(51.18);
  }

  @Test
  void explorationSlotsRoundHalfUpWithAtLeastOneFromCapacityTwenty() {
    assertThat(ScanListSelector.explorationSlots(100, 0.05)).isEqualTo(5);
    assertThat(ScanListSelector.explorationSlots(10, 0.05)).isEqualTo(1);
    assertThat(ScanListSelector.explorationSlots(9, 0.05)).isZero();
    assertThat(ScanListSelector.explorationSlots(20, 0.01)).isEqualTo(1);
    assertThat(ScanListSelector.explorationSlots(19, 0.01)).isZero();
    assertThat(ScanListSelector.explorationSlots(50, 0.0)).isZero();

    Dataset<Row> candidates = new Candidates().many("NLRTM", 60).many("BEANR", 60).frame(spark);
    List<Row> rows =
        ordered(
            new ScanListSelector()
                .date(DATE)
                .seed(3L)
                .explorationShare(0.01)
                .capacities(Map.of("NLRTM", 20, "BEANR", 19))
                .select(candidates)
                .rows());
    assertThat(selections(rows, "NLRTM")).filteredOn("RANDOM"::equals).hasSize(1);
    assertThat(selections(rows, "BEANR")).filteredOn("RANDOM"::equals).isEmpty();
  }

  @Test
  void withoutScoresThePlacesAreFilledByRandomPicksNeverMarkedModel() {
    Candidates fixture = new Candidates();
    for (int i = 1; i <= 30; i++) {
      fixture.add("NLRTM", "BL" + i, "CTR" + i, null);
    }
    List<Row> rows =
        ordered(selector().capacities(Map.of("NLRTM", 10)).select(fixture.frame(spark)).rows());
    assertThat(selections(rows, "NLRTM")).hasSize(10).containsOnly("RANDOM");
    assertThat(rows).allMatch(r -> r.getList(r.fieldIndex(ScanListColumns.REASONS))
        .equals(List.of(Selection.RANDOM_REASON)));
  }

  @Test
  void onlyTheBusinessDateIsSelected() {
    Candidates fixture = new Candidates().many("NLRTM", 5);
    fixture.add(DATE.minusDays(1), "NLRTM", "BLOLD", "CTROLD", 0.99, "S1", "C1", "x");
    List<Row> rows =
        ordered(selector().capacities(Map.of("NLRTM", 10)).select(fixture.frame(spark)).rows());
    assertThat(rows).hasSize(5).noneMatch(r -> r.getAs(ScanListColumns.BL_NUMBER).equals("BLOLD"));
  }

  @Test
  void aMissingOrMistypedInputColumnIsNamed() {
    Dataset<Row> candidates = new Candidates().many("NLRTM", 2).frame(spark);
    assertThatThrownBy(() -> selector().select(candidates.drop(CandidateColumns.OFFICE)))
        .hasMessageContaining("ScanListSelector")
        .hasMessageContaining("[office]");
    assertThatThrownBy(
            () ->
                selector()
                    .select(
                        candidates.withColumn(
                            CandidateColumns.SCORE, col(CandidateColumns.SCORE).cast("string"))))
        .hasMessageContaining("column score of type double");
    // A missing seed is the calling code's mistake (selection.seed always has a value): a bug.
    assertThatThrownBy(() -> new ScanListSelector().date(DATE).select(candidates))
        .hasMessageContaining("the seed is not set")
        .satisfies(
            e ->
                assertThat(((org.cargorisk.errors.CargoRiskException) e).code())
                    .isEqualTo(org.cargorisk.errors.ErrorCode.INTERNAL));
    assertThatThrownBy(() -> selector().explorationShare(0.7))
        .hasMessageContaining("between 0 and 0.5");
  }
}
