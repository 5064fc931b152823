package org.cargorisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.testing.DataFrameAssert;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsTest {
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void everySourceHasANaturalKeyMadeOfRequiredColumns() {
    for (Source source : Source.values()) {
      assertThat(source.requiredColumns())
          .as(source.sourceName())
          .containsAll(source.naturalKey());
      assertThat(source.rawSchema().fieldNames()).containsExactly(source.schema().fieldNames());
    }
  }

  @Test
  void contractDocumentationTravelsWithTheSchema() {
    var field = Source.MANIFESTS.schema().apply(Contracts.CONTAINER_ID);
    assertThat(field.nullable()).isFalse();
    assertThat(field.metadata().getString("rule")).contains("ISO 6346");
  }

  @Test
  void aDeltaTableRoundTripsTheFirmLabelsContract(@TempDir Path dir) {
    List<Row> rows =
        List.of(
            RowFactory.create("F1", java.sql.Date.valueOf("2026-01-02"), "MALAFIDE", "FIOD"),
            RowFactory.create("F2", java.sql.Date.valueOf("2026-01-03"), "CLEARED", "FIOD"));
    Dataset<Row> labels = spark.createDataFrame(rows, Source.FIRM_LABELS.schema());
    String path = dir.resolve("firm_labels").toString();
    labels.write().format("delta").save(path);
    DataFrameAssert.assertSameRows(spark.read().format("delta").load(path), labels);
  }

  @Test
  void unknownSourceNamesTheKnownOnes() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Source.fromName("cargo"))
        .hasMessageContaining("manifests");
  }
}
