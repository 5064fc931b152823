package org.cargorisk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainReadTest {
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void theFloorReadsATableWithDeletionVectorsWithoutTheDeletedRows(@TempDir Path root) {
    // Bronze tables use deletion vectors; the benchmarks' floor (a plain read of a step's Delta
    // inputs) failed on them with Delta 4.0.1's noop sink.
    String path = root.resolve("bronze").toString();
    spark.range(1_000).toDF("id").write().format("delta")
        .option("delta.enableDeletionVectors", "true").save(path);
    DeltaTable.forPath(spark, path).delete("id % 100 = 0");
    assertThat(spark.sql("DESCRIBE HISTORY delta.`" + path + "`").where("operation = 'DELETE'")
        .selectExpr("operationMetrics['numDeletionVectorsAdded']").first().getString(0))
        .isNotEqualTo("0");

    assertThat(PlainRead.consume(spark.read().format("delta").load(path))).isEqualTo(990);
    assertThat(PlainRead.noopMillis(List.of(() -> spark.read().format("delta").load(path))))
        .isGreaterThanOrEqualTo(0);
  }
}
