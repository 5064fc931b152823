package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 6: inside a long step the console says which sub-stage runs (its Spark job
 * group) and the share of its tasks done, at most one line per interval and none for a short
 * step. Real Spark jobs on the shared local session; the listener's clock is a test clock.
 */
class ProgressListenerTest {
  private static final Pattern LINE =
      Pattern.compile("  (.+) \\((\\d+ s|\\d+ min \\d\\d s)\\): Spark job (\\d+), (\\d+) of (\\d+) tasks done \\((\\d+) %\\)");

  private final SparkSession spark = SparkTestSession.get();
  private final StringWriter console = new StringWriter();
  private ProgressListener listener;

  @AfterEach
  void removeListener() {
    if (listener != null) {
      spark.sparkContext().removeSparkListener(listener);
    }
    spark.sparkContext().clearJobGroup();
  }

  /** A clock that moves on by {@code step} each time it is read: every task end is "later". */
  private static Clock ticking(Duration step) {
    return new Clock() {
      private Instant now = Instant.parse("2026-04-01T01:00:00Z");

      @Override
      public synchronized Instant instant() {
        now = now.plus(step);
        return now;
      }

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }
    };
  }

  private void install(Clock clock, Duration interval) {
    listener = new ProgressListener(new PrintWriter(console, true), clock, interval);
    spark.sparkContext().addSparkListener(listener);
  }

  /** Runs one Spark job of {@code tasks} tasks in a job group, and waits for its events. */
  private void job(String group, int tasks) throws java.util.concurrent.TimeoutException {
    spark.sparkContext().setJobGroup(group, "progress test", false);
    assertThat(spark.range(0, 1000, 1, tasks).javaRDD().count()).isEqualTo(1000L);
    spark.sparkContext().listenerBus().waitUntilEmpty();
  }

  private List<String> lines() {
    return console.toString().lines().toList();
  }

  @Test
  void aLongStepPrintsItsSubStageAndTheShareOfTasksDone() throws Exception {
    // Each reading of the clock is 4 s later: a line every 4th task end or so, never two
    // within 15 s.
    install(ticking(Duration.ofSeconds(4)), Duration.ofSeconds(15));
    job("FEATURES FIRM 2026-03-31", 12);
    job("FEATURES FIRM 2026-03-31", 12);
    job("FEATURES CONTAINER 2026-03-31", 12);

    List<String> lines = lines();
    assertThat(lines).as(console.toString()).isNotEmpty().allMatch(line -> LINE.matcher(line).matches());
    assertThat(lines).anyMatch(line -> line.startsWith("  features firm 2026-03-31 ("));
    assertThat(lines).anyMatch(line -> line.startsWith("  features container 2026-03-31 ("));
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).isTrue();
      long done = Long.parseLong(m.group(4));
      long total = Long.parseLong(m.group(5));
      assertThat(total).as(line).isEqualTo(12);
      assertThat(done).as(line).isBetween(1L, total);
      assertThat(Long.parseLong(m.group(6))).as(line).isEqualTo(done * 100 / total);
      if (m.group(1).contains("container")) {
        // The job number counts the sub-stage's own jobs: a new sub-stage starts at 1.
        assertThat(m.group(3)).as(line).isEqualTo("1");
      }
    }
    assertThat(lines).anyMatch(line -> line.startsWith("  features firm") && line.contains("Spark job 2,"));
    // Throttled: 36 task ends at 4 s each is about 144 s, so at most one line per 15 s.
    assertThat(lines.size()).isLessThanOrEqualTo(144 / 15 + 1);
  }

  @Test
  void aShortStepPrintsNothing() throws Exception {
    install(Clock.fixed(Instant.parse("2026-04-01T01:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(15));
    job("SCORE 2026-03-31", 8);
    assertThat(console.toString()).isEmpty();
  }

  @Test
  void aLineOfTheJobRestartsTheQuietInterval() throws Exception {
    Clock clock = ticking(Duration.ofSeconds(1));
    install(clock, Duration.ofSeconds(10));
    job("INGEST 2026-03-31 validate manifests", 8); // about 9 s: no line yet
    listener.quietFromNow(); // "[2/5] features ..." was printed
    job("FEATURES FIRM 2026-03-31", 8);
    assertThat(console.toString()).isEmpty();
  }

  @Test
  void noLineAfterClose() throws Exception {
    install(ticking(Duration.ofSeconds(20)), Duration.ofSeconds(15));
    listener.close();
    job("TRAIN CONTAINER 2026-03-31", 8);
    assertThat(console.toString()).isEmpty();
  }

  @Test
  void durationsReadAsAPersonWritesThem() {
    assertThat(ProgressListener.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(ProgressListener.duration(Duration.ofSeconds(125))).isEqualTo("2 min 05 s");
  }
}
