package org.cargorisk.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.jobs.config.ConfigKeys;
import org.cargorisk.jobs.config.ConfigLoader;
import org.cargorisk.jobs.pipeline.NightlyRun.Plan;
import org.cargorisk.jobs.pipeline.NightlyRun.TrainPolicy;
import org.cargorisk.models.registry.ModelStatus;
import org.cargorisk.models.registry.ModelVersion;
import org.junit.jupiter.api.Test;

/**
 * The night's rules without Spark: which dates are ingested and featured (warm-up, the training
 * window), when training is due, which statistics the features use. A fixed clock far from the
 * business dates shows that no rule reads the time of day.
 */
class NightlyRunTest {
  private static final LocalDate DATE = LocalDate.parse("2026-03-31");
  /** Years after the business date: a rule that read the clock would see a stale champion. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2031-07-01T02:00:00Z"), ZoneOffset.UTC);

  private static NightlyRun night(LocalDate date, int trainEveryDays, Optional<ModelVersion> champion) {
    JobContext context =
        new JobContext(
            null,
            ConfigLoader.load(null, Map.of(ConfigKeys.TRAIN_EVERY_DAYS, Integer.toString(trainEveryDays))),
            date,
            "nightly-test",
            null,
            new RunTracker(CLOCK));
    return new NightlyRun(context, CLOCK).champion(() -> champion);
  }

  private static ModelVersion champion(LocalDate cutoff, String statistics) {
    return new ModelVersion(
        "container", 3, "gbt", Instant.parse("2026-03-01T03:00:00Z"), cutoff, Map.of(), List.of("f"),
        Map.of(), Map.of(), "test", 42, "/models/container/3", ModelStatus.CHAMPION, null, null, false,
        null, statistics);
  }

  @Test
  void aSingleNightIngestsAndFeaturesTheBusinessDateOnly() {
    Plan plan = night(DATE, 7, Optional.empty()).plan();
    assertThat(plan.ingestFrom()).isEqualTo(DATE);
    assertThat(plan.featuresFrom()).isEqualTo(DATE);
  }

  @Test
  void aCatchUpIngestsFromTheFirstDateAndFeaturesAfterTwoWeeksOfWarmUp() {
    Plan plan = night(DATE, 7, Optional.empty()).from(LocalDate.parse("2026-01-01")).plan();
    assertThat(plan.ingestFrom()).isEqualTo(LocalDate.parse("2026-01-01"));
    assertThat(plan.featuresFrom()).isEqualTo(LocalDate.parse("2026-01-15"));
  }

  @Test
  void aLongBackfillFeaturesOnlyTheLast366Days() {
    assertThat(NightlyRun.firstFeatureDate(LocalDate.parse("2023-06-01"), DATE))
        .isEqualTo(LocalDate.parse("2025-03-30"));
    // The window start wins only when it is later than the warm-up's end.
    assertThat(NightlyRun.firstFeatureDate(LocalDate.parse("2025-03-10"), DATE))
        .isEqualTo(LocalDate.parse("2025-03-30"));
    assertThat(NightlyRun.firstFeatureDate(LocalDate.parse("2025-03-20"), DATE))
        .isEqualTo(LocalDate.parse("2025-04-03"));
  }

  @Test
  void aCatchUpShorterThanTheWarmUpFeaturesTheBusinessDate() {
    assertThat(NightlyRun.firstFeatureDate(LocalDate.parse("2026-03-25"), DATE)).isEqualTo(DATE);
    assertThat(NightlyRun.firstFeatureDate(LocalDate.parse("2026-03-17"), DATE)).isEqualTo(DATE);
    assertThat(NightlyRun.firstFeatureDate(LocalDate.parse("2026-03-16"), DATE))
        .isEqualTo(LocalDate.parse("2026-03-30"));
  }

  @Test
  void aFirstDateAfterTheBusinessDateIsAUserErrorNamingBoth() {
    assertThatThrownBy(() -> night(DATE, 7, Optional.empty()).from(DATE.plusDays(1)).plan())
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("--from")
        .hasMessageContaining("2026-04-01")
        .hasMessageContaining("must not be after --date 2026-03-31");
  }

  @Test
  void trainingIsDueWithoutAChampion() {
    Plan plan = night(DATE, 7, Optional.empty()).plan();
    assertThat(plan.train()).isTrue();
    assertThat(plan.steps()).isEqualTo(5);
  }

  @Test
  void trainingIsDueWhenTheChampionsCutoffIsTrainEveryDaysBeforeTheBusinessDate() {
    assertThat(night(DATE, 7, Optional.of(champion(DATE.minusDays(7), null))).plan().train()).isTrue();
    assertThat(night(DATE, 7, Optional.of(champion(DATE.minusDays(30), null))).plan().train()).isTrue();
    Plan fresh = night(DATE, 7, Optional.of(champion(DATE.minusDays(6), null))).plan();
    assertThat(fresh.train()).isFalse();
    assertThat(fresh.steps()).isEqualTo(4);
  }

  @Test
  void trainEveryZeroDaysNeverRetrainsAChampionButStillTrainsTheFirstModel() {
    assertThat(night(DATE, 0, Optional.of(champion(DATE.minusDays(400), null))).plan().train()).isFalse();
    assertThat(night(DATE, 0, Optional.empty()).plan().train()).isTrue();
  }

  @Test
  void alwaysAndNeverOverrideTheScheduleWithoutReadingTheRegistry() {
    AtomicInteger lookups = new AtomicInteger();
    NightlyRun always =
        night(DATE, 7, Optional.empty())
            .champion(() -> {
              lookups.incrementAndGet();
              return Optional.of(champion(DATE.minusDays(1), null));
            })
            .trainPolicy(TrainPolicy.ALWAYS);
    assertThat(always.plan().train()).isTrue();
    NightlyRun never = night(DATE, 7, Optional.empty()).trainPolicy(TrainPolicy.NEVER);
    never.champion(() -> {
      lookups.incrementAndGet();
      return Optional.empty();
    });
    assertThat(never.plan().train()).isFalse();
    assertThat(lookups).hasValue(0);
  }

  @Test
  void theChampionIsLookedUpOnceANight() {
    AtomicInteger lookups = new AtomicInteger();
    NightlyRun run =
        night(DATE, 7, Optional.empty()).champion(() -> {
          lookups.incrementAndGet();
          return Optional.empty();
        });
    run.plan();
    run.plan();
    assertThat(lookups).hasValue(1);
  }

  @Test
  void featuresUseTheChampionsStatisticsUnlessTheyWereFittedAfterTheFirstFeatureDate() {
    LocalDate featuresFrom = LocalDate.parse("2026-01-15");
    assertThat(NightlyRun.championStatistics(Optional.of(champion(DATE, "2026-01-15")), featuresFrom))
        .contains("2026-01-15");
    assertThat(NightlyRun.championStatistics(Optional.of(champion(DATE, "2026-01-01")), featuresFrom))
        .contains("2026-01-01");
    assertThat(NightlyRun.championStatistics(Optional.of(champion(DATE, "2026-01-16")), featuresFrom)).isEmpty();
    assertThat(NightlyRun.championStatistics(Optional.of(champion(DATE, "not-a-date")), featuresFrom)).isEmpty();
    assertThat(NightlyRun.championStatistics(Optional.of(champion(DATE, null)), featuresFrom)).isEmpty();
    assertThat(NightlyRun.championStatistics(Optional.empty(), featuresFrom)).isEmpty();
  }

  @Test
  void thePlanDependsOnTheBusinessDateNotOnTheClock() {
    Optional<ModelVersion> weekOld = Optional.of(champion(DATE.minusDays(6), null));
    JobContext early =
        new JobContext(
            null, ConfigLoader.load(null, Map.of()), DATE, "nightly-early", null,
            new RunTracker(Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC)));
    Plan atAnEarlyInstant =
        new NightlyRun(early, Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC))
            .champion(() -> weekOld)
            .from(LocalDate.parse("2026-01-01"))
            .plan();
    Plan atALateInstant = night(DATE, 7, weekOld).from(LocalDate.parse("2026-01-01")).plan();
    assertThat(atAnEarlyInstant).isEqualTo(atALateInstant);
    assertThat(atALateInstant.train()).isFalse();
  }
}
