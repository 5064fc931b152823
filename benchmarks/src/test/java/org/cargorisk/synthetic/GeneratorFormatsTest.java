package org.cargorisk.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.testing.Slow;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet output carries the contract's types; JSON lines carry the contract's columns. */
@Slow
class GeneratorFormatsTest {

  @Test
  void parquetAndJsonFollowTheContract(@TempDir Path dir) {
    SparkSession spark = SparkTestSession.get();
    ReferenceData reference = ReferenceData.load(spark.sparkContext().hadoopConfiguration(),
        TestPaths.repoRoot().resolve("data-samples/reference").toString());
    for (GeneratorSettings.LandingFormat format :
        new GeneratorSettings.LandingFormat[] {GeneratorSettings.LandingFormat.PARQUET,
            GeneratorSettings.LandingFormat.JSON}) {
      Path out = dir.resolve(format.extension());
      SyntheticLandingGenerator.builder(spark)
          .settings(GeneratorSettings.builder().startDate(LocalDate.of(2026, 1, 1)).days(2)
              .manifestsPerDay(30).format(format).build())
          .reference(reference).output(out.toString()).execute();
      Path manifests = out.resolve("manifests");
      Dataset<Row> rows = format == GeneratorSettings.LandingFormat.PARQUET
          ? spark.read().parquet(manifests.toString())
          : spark.read().schema(Source.MANIFESTS.rawSchema()).json(manifests.toString());
      assertThat(rows.count()).isGreaterThanOrEqualTo(60);
      for (ColumnSpec column : Source.MANIFESTS.columns()) {
        StructField field = rows.schema().apply(column.name());
        if (format == GeneratorSettings.LandingFormat.PARQUET) {
          assertThat(field.dataType()).as(column.name()).isEqualTo(column.type());
        }
      }
      assertThat(rows.filter(rows.col("filed_at").isNull()).count()).isZero();
    }
  }
}
