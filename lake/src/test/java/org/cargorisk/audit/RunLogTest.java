package org.cargorisk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.cargorisk.lake.Lake;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {
  @Test
  void aRunRecordRoundTripsThroughTheRunsTable(@TempDir Path dir) {
    RunLog log = new RunLog(SparkTestSession.get(), new Lake(dir.toString()));
    Instant start = Instant.parse("2026-03-31T22:00:00Z");
    log.append(
        new RunRecord(
            "ingest-1",
            "ingest",
            LocalDate.parse("2026-03-31"),
            "--date 2026-03-31 --lake s3a://KEY:SECRET@bucket/lake",
            "analyst",
            start,
            start.plusSeconds(42),
            RunRecord.SUCCEEDED,
            null,
            List.of("landing/manifests/date=2026-03-31/part-0.csv"),
            Map.of("bronze/firms", 3L),
            Map.of("bronze/manifests", 4L),
            Map.of("manifests.read", 10L, "manifests.accepted", 9L, "manifests.quarantined", 1L),
            List.of(
                new RunRecord.Step(
                    "ingest", start, start.plusSeconds(40), RunRecord.SUCCEEDED, Map.of("rows", 10L)))));
    Row row = log.read().first();
    assertThat(row.<String>getAs(RunLog.RUN_ID)).isEqualTo("ingest-1");
    assertThat(row.<String>getAs(RunLog.ARGUMENTS)).doesNotContain("SECRET").contains("*****@bucket");
    assertThat(row.<scala.collection.Map<String, Long>>getAs(RunLog.COUNTS).get("manifests.quarantined").get())
        .isEqualTo(1L);
    assertThat(row.<scala.collection.Seq<Row>>getAs(RunLog.STEPS).apply(0).<String>getAs("name"))
        .isEqualTo("ingest");
  }
}
