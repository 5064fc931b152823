package org.cargorisk.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.audit.RunLog;
import org.cargorisk.audit.RunRecord;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.ingest.LandingCheck;
import org.cargorisk.lake.Lake;
import org.cargorisk.testing.EndToEnd;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The ingest command end to end: exit codes and the counts in the run record. */
@EndToEnd
class IngestJobTest {
  private final SparkSession spark = SparkTestSession.get();

  @TempDir Path landing;
  @TempDir Path lake;

  private static final String HEADER = "firm_id,labelled_on,label,source";

  private int run(StringWriter out, StringWriter err, String date) throws IOException {
    // The sources due every day arrived (without records), so the date is not an empty night.
    for (Source source : LandingCheck.DAILY) {
      Path folder = Files.createDirectories(landing.resolve(source.sourceName()).resolve("date=" + date));
      Files.writeString(
          folder.resolve("part-00000.csv"),
          source.columns().stream().map(ColumnSpec::name).collect(Collectors.joining(",")) + "\n");
    }
    CommandLine commandLine = CargoRisk.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(
        "ingest", "--date", date, "--landing", landing.toString(), "--lake", lake.toString());
  }

  @Test
  void recordsCountsPerSourceAndFileInTheRunRecord() throws IOException {
    Path folder = Files.createDirectories(landing.resolve("firm_labels/date=2026-03-02"));
    Files.writeString(
        folder.resolve("labels.csv"),
        HEADER + "\nF000777,2026-02-14,MALAFIDE,FIOD\nF000778,2026-02-14,GUILTY,FIOD\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(run(out, err, "2026-03-02")).as(err.toString()).isZero();

    assertThat(out.toString()).contains("firm_labels").contains("quarantined        1");
    Row record =
        new RunLog(spark, new Lake(lake.toString()))
            .read()
            .filter(col(RunLog.JOB).equalTo("ingest"))
            .first();
    assertThat(record.<String>getAs(RunLog.OUTCOME)).isEqualTo(RunRecord.SUCCEEDED);
    Map<String, Long> counts = record.getJavaMap(record.fieldIndex(RunLog.COUNTS));
    assertThat(counts)
        .containsEntry("firm_labels.read", 2L)
        .containsEntry("firm_labels.accepted", 1L)
        .containsEntry("firm_labels.quarantined", 1L)
        .containsEntry("firm_labels.file.labels.csv.read", 2L)
        .containsEntry("manifests.read", 0L);
    List<String> inputs = record.getList(record.fieldIndex(RunLog.INPUT_FILES));
    assertThat(inputs).filteredOn(file -> file.contains("firm_labels")).singleElement().asString().endsWith("labels.csv");
    assertThat(record.getJavaMap(record.fieldIndex(RunLog.OUTPUT_VERSIONS))).containsKey(lake + "/quarantine");
  }

  @Test
  void unreadableFileExitsWithOneAndNamesFileAndColumn() throws IOException {
    Path folder = Files.createDirectories(landing.resolve("firm_labels/date=2026-03-03"));
    Files.writeString(folder.resolve("labels.csv"), "firm_id,labelled_on,label\nF1,2026-02-14,CLEARED\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertThat(run(out, err, "2026-03-03")).isEqualTo(1);
    assertThat(err.toString())
        .contains("UNREADABLE_FILE")
        .contains("labels.csv")
        .contains("required column 'source' is missing");
  }
}
