package org.cargorisk.scoring.report;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.HistoryFixtures;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.registry.ModelLifecycle;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.testing.SparkTestSession;

/**
 * A small real lake shared by the report and analysis-export tests (built once per JVM):
 * {@link SyntheticFrames} container features (300 rows over 8 weeks from 2026-01-05, a planted
 * signal), their inspections in bronze, and a GBT container model (5 trees) trained at
 * 2026-03-10 by {@link ModelLifecycle}, registered as the first champion, container-v1.
 */
public final class TrainedLake {
  public static final LocalDate CUTOFF = LocalDate.of(2026, 3, 10);
  public static final Instant NOW = Instant.parse("2026-03-10T05:00:00Z");
  private static Lake lake;

  private TrainedLake() {}

  public static synchronized Lake get() throws Exception {
    if (lake == null) {
      SparkSession spark = SparkTestSession.get();
      Lake built = new Lake(Files.createTempDirectory("cargorisk-trained-lake").toString());
      Dataset<Row> labelled = SyntheticFrames.labelled(spark, 300, 33);
      SyntheticFrames.features(labelled).write().format("delta").save(built.containerFeatures());
      HistoryFixtures.append(
          built, Source.INSPECTIONS, SyntheticFrames.inspections(labelled),
          org.apache.spark.sql.functions.to_date(org.apache.spark.sql.functions.col("inspected_at")));
      new ModelLifecycle(spark, built)
          .model(org.cargorisk.models.registry.ModelKind.CONTAINER, SyntheticFrames.SPECS)
          .params(new org.cargorisk.models.training.TrainingParams(5, 3, 0.1, 9, 3, 7))
          .train(CUTOFF, "analyst", NOW);
      lake = built;
    }
    return lake;
  }
}
