package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunLog;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.jobs.config.ConfigKeys;
import org.cargorisk.jobs.config.ConfigLoader;
import org.cargorisk.jobs.pipeline.JobContext;
import org.cargorisk.lake.Lake;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every run, successful or not, leaves one record in the runs table. */
class SparkJobTest {
  private final SparkSession spark = SparkTestSession.get();
  private final Clock clock = Clock.fixed(Instant.parse("2026-04-01T01:00:00Z"), ZoneOffset.UTC);

  @Command(name = "counting")
  static final class CountingJob extends SparkJob {
    boolean fail;

    @Override
    protected void run(JobContext context) {
      context.tracker().count("rows", 3);
      if (fail) {
        throw CargoRiskErrors.missingInput("Landing folder", "/nowhere", "Check --landing.");
      }
    }
  }

  private static CountingJob job(boolean fail, String... args) {
    CountingJob job = new CountingJob();
    job.fail = fail;
    new CommandLine(job).parseArgs(args);
    return job;
  }

  private static CargoRiskConfig config(Path lake) {
    return ConfigLoader.load(null, Map.of(ConfigKeys.LAKE, lake.toString()));
  }

  @Test
  void aSuccessfulRunIsRecordedWithItsCountsAndRedactedArguments(@TempDir Path dir) throws Exception {
    CountingJob job = job(false, "--date", "2026-03-31", "--lake", "s3a://KEY:SECRET@b/lake");
    int exit = job.execute(spark, config(dir), LocalDate.parse("2026-03-31"), clock);
    assertThat(exit).isZero();
    List<Row> runs = new RunLog(spark, new Lake(dir.toString())).read().collectAsList();
    assertThat(runs).hasSize(1);
    Row run = runs.get(0);
    assertThat(run.<String>getAs(RunLog.OUTCOME)).isEqualTo("SUCCEEDED");
    assertThat(run.<String>getAs(RunLog.JOB)).isEqualTo("counting");
    assertThat(run.<String>getAs(RunLog.ARGUMENTS)).doesNotContain("SECRET");
    assertThat(run.<scala.collection.Map<String, Long>>getAs(RunLog.COUNTS).get("rows").get()).isEqualTo(3L);
    assertThat(dir.resolve("_locks/writer.lock")).doesNotExist();
  }

  @Test
  void aFailedRunIsRecordedAndTheErrorPropagates(@TempDir Path dir) {
    CountingJob job = job(true, "--date", "2026-03-31");
    assertThatThrownBy(() -> job.execute(spark, config(dir), LocalDate.parse("2026-03-31"), clock))
        .hasMessageContaining("Landing folder not found at /nowhere");
    Row run = new RunLog(spark, new Lake(dir.toString())).read().first();
    assertThat(run.<String>getAs(RunLog.OUTCOME)).isEqualTo("FAILED");
    assertThat(run.<String>getAs(RunLog.ERROR_MESSAGE)).contains("/nowhere");
    assertThat(dir.resolve("_locks/writer.lock")).doesNotExist();
  }
}
