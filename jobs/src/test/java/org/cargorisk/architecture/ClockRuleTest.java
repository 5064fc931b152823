package org.cargorisk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.cargorisk.jobs.CargoRisk;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, item 6: the wall clock is read at the entry point only ({@link CargoRisk}, which
 * hands it to every run); everything below gets the run's {@link Clock} injected, so a test runs
 * any job, step or library at a fixed instant and no business rule depends on the time of day.
 * Covers the production classes of every module (the benchmarks too), not the tests
 * ({@link ProductionClasses}).
 */
class ClockRuleTest {
  /** Methods that read the current time of day: {@code owner.name}. */
  private static final Set<String> WALL_CLOCK_READS =
      Set.of(
          "java.time.Clock.systemUTC",
          "java.time.Clock.systemDefaultZone",
          "java.time.Clock.system",
          "java.time.Instant.now",
          "java.time.LocalDate.now",
          "java.time.LocalDateTime.now",
          "java.time.LocalTime.now",
          "java.time.ZonedDateTime.now",
          "java.time.OffsetDateTime.now",
          "java.lang.System.currentTimeMillis");

  private static final DescribedPredicate<JavaCall<?>> READS_THE_WALL_CLOCK =
      new DescribedPredicate<>("reads the wall clock (Clock.systemUTC(), Instant.now(), LocalDate.now(),"
          + " System.currentTimeMillis(), new java.util.Date(), ...)") {
        @Override
        public boolean test(JavaCall<?> call) {
          String target = call.getTargetOwner().getName() + "." + call.getName();
          return WALL_CLOCK_READS.contains(target)
              || (call.getTargetOwner().isEquivalentTo(java.util.Date.class)
                  && call.getName().equals("<init>")
                  && call.getTarget().getRawParameterTypes().isEmpty());
        }
      };

  static final ArchRule WALL_CLOCK_ONLY_AT_THE_ENTRY_POINT =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(CargoRisk.class.getName())
          .should(ArchConditions.callCodeUnitWhere(READS_THE_WALL_CLOCK))
          .because(
              "the wall clock is read only by the entry point (CargoRisk.wallClock()): inject the"
                  + " run's java.time.Clock instead (SparkJob.execute's clock, RunTracker.now(),"
                  + " a builder's clock(...)), so tests can fix the instant");

  @Test
  void onlyTheEntryPointReadsTheWallClock() {
    JavaClasses classes = ProductionClasses.get();
    // An import that found nothing would pass every rule.
    assertThat(classes.contain(CargoRisk.class)).isTrue();
    assertThat(classes.contain("org.cargorisk.jobs.pipeline.NightlyRun")).isTrue();
    assertThat(classes.contain("org.cargorisk.lake.RunLock")).isTrue();
    assertThat(classes.contain("org.cargorisk.features.FeatureBuild")).isTrue();
    assertThat(classes.contain("org.cargorisk.synthetic.GeneratorSettings")).isTrue();
    WALL_CLOCK_ONLY_AT_THE_ENTRY_POINT.check(classes);
  }

  @Test
  void aLibraryClassReadingTheWallClockBreaksTheRuleWithAMessageSayingToInjectTheClock() {
    JavaClasses classes = new ClassFileImporter().importClasses(ReadsTheWallClock.class, CargoRisk.class);
    EvaluationResult result = WALL_CLOCK_ONLY_AT_THE_ENTRY_POINT.evaluate(classes);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("inject the run's java.time.Clock")
        .contains(ReadsTheWallClock.class.getName() + ".startedAt()")
        .contains(ReadsTheWallClock.class.getName() + ".today()")
        .contains(ReadsTheWallClock.class.getName() + ".legacy()")
        .doesNotContain(ReadsTheWallClock.class.getName() + ".injected(");
    // The entry point itself is allowed.
    assertThat(result.getFailureReport().toString()).doesNotContain(CargoRisk.class.getName() + ".wallClock()");
  }

  /** What the rule must catch, and what it must let pass. */
  static final class ReadsTheWallClock {
    Instant startedAt() {
      return Instant.now();
    }

    java.time.LocalDate today() {
      return java.time.LocalDate.now(Clock.systemUTC());
    }

    java.util.Date legacy() {
      return new java.util.Date();
    }

    Instant injected(Clock clock) {
      return clock.instant();
    }
  }
}
