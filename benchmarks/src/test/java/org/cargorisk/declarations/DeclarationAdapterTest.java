package org.cargorisk.declarations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationAdapterTest {
  private final SparkSession spark = SparkTestSession.get();

  private static final String HEADER = String.join(",", DeclarationColumns.CSV_HEADER);
  private static final String GOOD =
      "97061800,2020-01-01,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,108.0,372254.4,0,0";
  private static final String GOOD_CRITICAL =
      "85945189,2020-01-02,40,B,11,21,11,40,SWF9S4X,7JD1S2X,,MWIDNS,690722,CN,CN,8.0,A,Y,11352.0,375751.2,1,2";

  @TempDir Path folder;

  private String write(String name, String... lines) throws IOException {
    Path file = folder.resolve(name);
    Files.write(file, List.of(lines));
    return file.toString();
  }

  @Test
  void acceptsGoodRowsWithTypesAndLineage() throws IOException {
    String file = write("good.csv", HEADER, GOOD, GOOD_CRITICAL);

    DeclarationBatch batch = new DeclarationAdapter().read(spark, file);

    assertThat(batch.quarantined().count()).isZero();
    assertThat(batch.accepted().schema().simpleString())
        .isEqualTo(DeclarationColumns.SCHEMA.simpleString());
    List<Row> rows = batch.accepted().orderBy(DeclarationColumns.LINE_NUMBER).collectAsList();
    assertThat(rows).hasSize(2);
    Row first = rows.get(0);
    assertThat(first.<String>getAs(DeclarationColumns.DECLARATION_ID)).isEqualTo("97061800");
    assertThat(first.<Date>getAs(DeclarationColumns.DECLARED_ON)).isEqualTo(Date.valueOf("2020-01-01"));
    assertThat(first.<String>getAs(DeclarationColumns.COURIER_ID)).isNull();
    assertThat(first.<Double>getAs(DeclarationColumns.ITEM_PRICE)).isEqualTo(372254.4);
    assertThat(first.<Long>getAs(DeclarationColumns.LINE_NUMBER)).isEqualTo(2L);
    assertThat(first.<String>getAs(DeclarationColumns.SOURCE_FILE)).endsWith("good.csv");
    Row second = rows.get(1);
    assertThat(second.<String>getAs(DeclarationColumns.SELLER_ID)).isNull();
    assertThat(second.<Integer>getAs(DeclarationColumns.CRITICAL_FRAUD)).isEqualTo(2);
  }

  @Test
  void quarantinesBadRowsWithEveryReasonAndLosesNothing() throws IOException {
    String file =
        write(
            "mixed.csv",
            HEADER,
            GOOD,
            // line 3: importer missing, date not ISO
            "11111111,01/02/2020,30,B,11,21,11,10,ZZR1LT6,,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,108.0,372254.4,0,0",
            // line 4: negative mass, HS code of five digits, price not a number
            "22222222,2020-01-03,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,44089,BE,BE,0.0,FEU1,G,-5.0,abc,0,0",
            // line 5: fraud 0 with critical fraud 2
            "33333333,2020-01-03,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,5.0,10.0,0,2",
            // line 6: a field short
            "44444444,2020-01-03,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,5.0,10.0,0",
            // line 7: the id of line 2 again
            GOOD.replace("2020-01-01", "2020-01-05"),
            // line 8: label out of range
            "55555555,2020-01-03,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,5.0,10.0,3,0");

    DeclarationBatch batch = new DeclarationAdapter().read(spark, file);

    assertThat(batch.accepted().count()).isEqualTo(1);
    assertThat(batch.quarantined().schema().simpleString())
        .isEqualTo(DeclarationColumns.QUARANTINE_SCHEMA.simpleString());
    List<Row> rejected = batch.quarantined().orderBy(DeclarationColumns.LINE_NUMBER).collectAsList();
    assertThat(rejected).extracting(r -> r.<Long>getAs(DeclarationColumns.LINE_NUMBER))
        .containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(reasons(rejected.get(0)))
        .containsExactlyInAnyOrder("MISSING_VALUE:importer_id", "BAD_DATE:declared_on");
    assertThat(reasons(rejected.get(1)))
        .containsExactlyInAnyOrder(
            "NEGATIVE_VALUE:net_mass_kg", "BAD_HS_CODE:hs6", "BAD_NUMBER:item_price");
    assertThat(reasons(rejected.get(2))).containsExactly("INCONSISTENT_LABELS");
    assertThat(reasons(rejected.get(3))).contains("WRONG_FIELD_COUNT");
    assertThat(reasons(rejected.get(4))).containsExactly("DUPLICATE_ID:declaration_id");
    assertThat(reasons(rejected.get(5))).contains("BAD_LABEL:fraud");
    assertThat(rejected.get(1).<String>getAs(DeclarationColumns.RAW_LINE)).startsWith("22222222,");
    assertThat(rejected.get(1).<String>getAs(DeclarationColumns.SOURCE_FILE)).endsWith("mixed.csv");
  }

  @Test
  void refusesAFileWithAnotherHeaderNamingTheFile() throws IOException {
    String file = write("wrong.csv", HEADER.replace("Net Mass", "Weight"), GOOD);

    assertThatThrownBy(() -> new DeclarationAdapter().read(spark, file))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("wrong.csv")
        .hasMessageContaining("Weight")
        .hasMessageContaining("Net Mass");
  }

  private static List<String> reasons(Row row) {
    return row.getList(row.fieldIndex(DeclarationColumns.REASONS));
  }
}
