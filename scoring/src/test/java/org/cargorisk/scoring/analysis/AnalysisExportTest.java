package org.cargorisk.scoring.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.Lake;
import org.cargorisk.scoring.report.TrainedLake;
import org.cargorisk.models.training.SyntheticFrames;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks' inputs, written from a real lake ({@link TrainedLake}). To run the notebooks
 * against this small export, keep a copy: {@code mvn -pl models -am test -Dtest=AnalysisExportTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcargorisk.analysis.keep=/tmp/analysis}, then
 * {@code CARGORISK_ANALYSIS=/tmp/analysis jupyter nbconvert --to notebook --execute notebooks/*.ipynb}.
 */
class AnalysisExportTest {
  private static final LocalDate DATE = LocalDate.of(2026, 2, 20);
  private final SparkSession spark = SparkTestSession.get();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path export;

  @Test
  void writesBoundedOwnerOnlyCsvAndJsonFilesForTheNotebooks() throws Exception {
    Lake lake = TrainedLake.get();

    AnalysisExport.Result result =
        new AnalysisExport(spark, lake)
            .exportRoot(export.toString())
            .date(DATE)
            .days(60)
            .featureSpecs(SyntheticFrames.SPECS, List.of())
            .reasonRules(SyntheticFrames.REASON_RULES, List.of())
            .execute();

    Path folder = export.resolve("analysis");
    assertThat(result.folder()).isEqualTo(folder.toString());
    assertThat(result.rows()).containsOnlyKeys(
        AnalysisExport.CONTAINER_SAMPLE, AnalysisExport.MODEL_VERSIONS, AnalysisExport.SCORED_CONTAINERS);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
      }
    }

    List<List<String>> sample = csv(folder.resolve(AnalysisExport.CONTAINER_SAMPLE));
    assertThat(sample.get(0))
        .containsExactly("bl_number", "container_id", "as_of", "office", "signal", "noise", "port_risk_tier",
            "watchlist_hit", "label", "quantity_kg", "random_selected");
    assertThat(sample).hasSize(1 + result.rows().get(AnalysisExport.CONTAINER_SAMPLE).intValue());
    long labelled = spark.read().format("delta").load(lake.containerFeatures())
        .where("as_of BETWEEN DATE'2025-12-22' AND DATE'2026-02-20'").count();
    assertThat(sample).hasSize((int) labelled + 1); // below the row cap: every labelled row

    // A tight cap keeps the hits first.
    AnalysisExport.Result capped =
        new AnalysisExport(spark, lake).exportRoot(export.resolve("capped").toString()).date(DATE)
            .featureSpecs(SyntheticFrames.SPECS, List.of()).maxRows(5).execute();
    List<List<String>> small = csv(Path.of(capped.folder()).resolve(AnalysisExport.CONTAINER_SAMPLE));
    assertThat(small).hasSize(6);
    assertThat(small.subList(1, 6)).allSatisfy(row -> assertThat(row.get(8)).isEqualTo("1.0"));

    JsonNode versions = json.readTree(folder.resolve(AnalysisExport.MODEL_VERSIONS).toFile());
    assertThat(versions).hasSize(1);
    assertThat(versions.get(0).get("label").asText()).isEqualTo("container-v1");
    assertThat(versions.get(0).get("status").asText()).isEqualTo("CHAMPION");
    assertThat(versions.get(0).get("metrics").fieldNames()).toIterable().containsExactly("gbt", "logistic", "rules");
    assertThat(versions.get(0).at("/metrics/gbt/overall/atK/0/name").asText()).isEqualTo("1%");

    List<List<String>> scored = csv(folder.resolve(AnalysisExport.SCORED_CONTAINERS));
    List<String> header = scored.get(0);
    assertThat(header).startsWith("bl_number", "container_id", "as_of", "office", "score", "hit_chance",
        "model_version", "reasons", "reason_features").contains("signal");
    assertThat(scored.size()).isGreaterThan(1);
    List<Double> scores = scored.subList(1, scored.size()).stream().map(r -> Double.valueOf(r.get(4))).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(scored.subList(1, scored.size())).allSatisfy(r -> {
      assertThat(r.get(2)).isEqualTo("2026-02-20");
      assertThat(r.get(6)).isEqualTo("container-v1");
    });
    // The top-scored container has reasons (low scores may have no feature pushing them up).
    assertThat(scored.get(1).get(7)).isNotBlank();

    JsonNode manifest = json.readTree(folder.resolve(AnalysisExport.MANIFEST).toFile());
    assertThat(manifest.get("date").asText()).isEqualTo("2026-02-20");
    assertThat(manifest.at("/champions/container").asText()).isEqualTo("container-v1");
    assertThat(manifest.at("/rows/" + AnalysisExport.SCORED_CONTAINERS).asLong()).isEqualTo(scored.size() - 1);

    String keep = System.getProperty("cargorisk.analysis.keep");
    if (keep != null && !keep.isBlank()) {
      Files.createDirectories(Path.of(keep));
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Files.copy(file, Path.of(keep).resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void csvFieldsAreQuotedAndFormulaCellsNeutralised() {
    assertThat(CsvText.quote("plain")).isEqualTo("plain");
    assertThat(CsvText.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvText.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    org.apache.spark.sql.types.StructType schema =
        new org.apache.spark.sql.types.StructType()
            .add("text", "string")
            .add("number", "double")
            .add("list", "array<string>");
    String text =
        CsvText.of(
            schema,
            List.of(
                    org.apache.spark.sql.RowFactory.create("=HYPERLINK(1)", -2.5, scala.jdk.javaapi.CollectionConverters.asScala(List.of("a", "b, c")).toSeq()),
                    org.apache.spark.sql.RowFactory.create(null, Double.NaN, null))
                .iterator());
    assertThat(text).isEqualTo("text,number,list\n'=HYPERLINK(1),-2.5,\"a | b, c\"\n,,\n");
  }

  /** A small RFC 4180 reader for the assertions (quoted fields, doubled quotes). */
  private static List<List<String>> csv(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    String text = Files.readString(file);
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    return rows;
  }
}
