package org.cargorisk.declarations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.declarations.DeclarationColumns;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationEvaluationTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final GradientBoostingParams TINY =
      new GradientBoostingParams(2, 3, 0.5, 1.0, "all", 1, 7L);

  @TempDir Path folder;

  /**
   * Declarations of two HS6 lanes over some days: lane 851712 from CN is always fraud, lane
   * 440890 from BE never. Every tenth row is a critical fraud of the risky lane.
   */
  private String write(String name, int firstDay, int days, int idOffset) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", DeclarationColumns.CSV_HEADER));
    int id = idOffset;
    for (int day = firstDay; day < firstDay + days; day++) {
      for (int lane = 0; lane < 2; lane++) {
        boolean risky = lane == 0;
        id++;
        String hs6 = risky ? "851712" : "440890";
        String country = risky ? "CN" : "BE";
        int critical = risky ? (id % 10 == 0 ? 2 : 1) : 0;
        lines.add(
            String.format(
                Locale.ROOT,
                "%d,2020-01-%02d,30,B,11,21,11,10,D%d,I%d,,,%s,%s,%s,8.0,A,G,%d.0,%d.0,%d,%d",
                id, day, id % 3, id % 5, hs6, country, country, 10 + id, 1000 + 7 * id,
                risky ? 1 : 0, critical));
      }
    }
    Path file = folder.resolve(name);
    Files.write(file, lines);
    return file.toString();
  }

  @Test
  void ranksTheEvaluatedPeriodFromTrainingHistoryAlone() throws IOException {
    String train = write("train.csv", 1, 12, 0);
    String valid = write("valid.csv", 13, 5, 1000);

    DeclarationEvaluationResult result =
        new DeclarationEvaluation().trainOn(train).evaluate(valid).params(TINY).execute(spark);

    assertThat(result.mode()).isEqualTo("validation");
    assertThat(result.trainingRows()).isEqualTo(24);
    assertThat(result.quarantinedRows()).isZero();
    assertThat(result.fraud().rows()).isEqualTo(10);
    assertThat(result.fraud().positives()).isEqualTo(5);
    // The lane's past fraud rate separates the two lanes perfectly.
    assertThat(result.fraud().aucRoc()).isEqualTo(1.0);
    assertThat(result.fraud().at("10%").precision()).isEqualTo(1.0);
    assertThat(result.toJson()).contains("\"mode\":\"validation\"");
  }

  @Test
  void refusesToEvaluateAFileItTrainsOn() throws IOException {
    String train = write("train.csv", 1, 3, 0);

    assertThatThrownBy(
            () -> new DeclarationEvaluation().trainOn(train).evaluate(train).params(TINY).execute(spark))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("train.csv")
        .hasMessageContaining("also a training file");
  }
}
