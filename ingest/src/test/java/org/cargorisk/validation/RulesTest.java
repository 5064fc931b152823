package org.cargorisk.validation;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Identifiers;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

/** The check-digit expressions agree with the plain Java reference on many numbers. */
class RulesTest {
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void containerNumberExpressionAgreesWithIdentifiers() {
    Random random = new Random(6346);
    List<String> ids = new ArrayList<>(List.of("MSKU9070323", "CSQU3054383", "msku9070323", "MSKA9070323", "MSKU907032", ""));
    for (int i = 0; i < 300; i++) {
      StringBuilder id = new StringBuilder();
      for (int c = 0; c < 3; c++) {
        id.append((char) ('A' + random.nextInt(26)));
      }
      id.append("UJZ".charAt(random.nextInt(3)));
      for (int d = 0; d < 6; d++) {
        id.append(random.nextInt(10));
      }
      int check = Identifiers.iso6346CheckDigit(id.toString());
      // Half right, half with a wrong check digit.
      id.append(i % 2 == 0 ? check : (check + 1 + random.nextInt(9)) % 10);
      ids.add(id.toString());
    }
    List<Row> rows =
        spark.createDataset(ids, Encoders.STRING())
            .select(col("value"), Rules.isContainerNumber(col("value")).as("valid"))
            .collectAsList();
    assertThat(rows).hasSize(ids.size());
    long valid = 0;
    for (Row row : rows) {
      boolean expected = Identifiers.isValidContainerNumber(row.getString(0));
      assertThat(row.getBoolean(1)).as(row.getString(0)).isEqualTo(expected);
      valid += expected ? 1 : 0;
    }
    assertThat(valid).as("both valid and invalid numbers were tried").isBetween(100L, 200L);
  }

  @Test
  void imoExpressionAgreesWithIdentifiers() {
    Random random = new Random(7);
    List<String> imos = new ArrayList<>(List.of("9074729", "9074728", "907472", "90747290", "A074729"));
    for (int i = 0; i < 300; i++) {
      String six = String.format("%06d", random.nextInt(1_000_000));
      int check = Identifiers.imoCheckDigit(six);
      imos.add(six + (i % 2 == 0 ? check : (check + 1 + random.nextInt(9)) % 10));
    }
    Dataset<Row> checked =
        spark.createDataset(imos, Encoders.STRING()).select(col("value"), Rules.isImo(col("value")).as("valid"));
    for (Row row : checked.collectAsList()) {
      assertThat(row.getBoolean(1)).as(row.getString(0)).isEqualTo(Identifiers.isValidImo(row.getString(0)));
    }
  }

  @Test
  void codeListsComeFromTheJdk() {
    assertThat(Rules.COUNTRY_CODES).contains("NL", "EC", "PA", "CO").doesNotContain("XX", "UK");
    assertThat(Rules.CURRENCY_CODES).contains("EUR", "USD", "COP").doesNotContain("EUX");
  }
}
