package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.HistoryFixtures;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.models.registry.ModelRegistry;
import org.cargorisk.models.registry.ModelVersion;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.models.training.Algorithm;
import org.cargorisk.models.training.TrainingParams;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code promote} compares on the validation weeks a training at {@code --date} would use, which
 * end {@code model.label-delay-days} + 1 days before it: the configured delay, as {@code train}
 * uses it, not a default of the command line.
 */
@EndToEnd
class PromoteLabelDelayTest {
  private static final LocalDate DATE = LocalDate.of(2026, 3, 10);
  private static final Instant NOW = Instant.parse("2026-03-10T05:00:00Z");

  @TempDir Path work;

  @Test
  void promoteComparesOnThePeriodOfTheConfiguredLabelDelay() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Lake lake = new Lake(work.resolve("lake").toString());
    Dataset<Row> labelled = SyntheticFrames.labelled(spark, 300, 33);
    SyntheticFrames.features(labelled).write().format("delta").save(lake.containerFeatures());
    HistoryFixtures.append(
        lake, Source.INSPECTIONS, SyntheticFrames.inspections(labelled),
        org.apache.spark.sql.functions.to_date(org.apache.spark.sql.functions.col("inspected_at")));
    for (long seed : new long[] {9, 10}) {
      new ModelLifecycle(spark, lake)
          .model(ModelKind.CONTAINER, SyntheticFrames.SPECS)
          // Logistic: the promote's comparison period is under test, not the algorithm (GBT
          // made this test 48 s).
          .algorithm(Algorithm.LOGISTIC)
          .params(new TrainingParams(5, 3, 0.1, seed, 3, 7))
          .train(DATE, "analyst", NOW);
    }
    int challenger =
        new ModelRegistry(spark, lake).versions("container").stream()
            .mapToInt(ModelVersion::version).max().orElseThrow();
    Path config = work.resolve("cargorisk.properties");
    Files.writeString(
        config,
        Files.readString(TestPaths.repoRoot().resolve("conf/cargorisk.properties"))
            .replace("model.label-delay-days = 7", "model.label-delay-days = 3"));

    StringWriter out = new StringWriter();
    CommandLine commandLine = CargoRisk.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    int exitCode =
        commandLine.execute(
            "promote", "--date", DATE.toString(), "--model", "container",
            "--version", String.valueOf(challenger), "--force", "--reason", "label delay test",
            "--lake", lake.root(), "--export", work.resolve("export").toString(),
            "--config", config.toString());

    assertThat(exitCode).as(out.toString()).isZero();
    // Three validation weeks ending 3 + 1 days before 2026-03-10 (with 7 days: 2026-03-02).
    assertThat(new ModelRegistry(spark, lake).champion("container").orElseThrow().note())
        .contains("evaluated 2026-02-14 to 2026-03-06");
  }
}
