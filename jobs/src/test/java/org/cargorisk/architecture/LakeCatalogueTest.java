package org.cargorisk.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTableDictionary;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.LakeStep;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * The lake's catalogue ({@link LakeTables}) holds together with the code that owns each schema,
 * which only this module sees whole: every declared schema owner resolves to a {@link StructType},
 * every declared key and partition column is in it, and {@code data-samples/README.md} lists
 * exactly the declared tables. After changing a declaration, regenerate the README's table list
 * with {@code CARGORISK_REGENERATE_DICTIONARY=1 mvn -o -B -q -pl jobs -am verify
 * -Dtest=LakeCatalogueTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LakeCatalogueTest {

  @Test
  void everyDeclaredSchemaResolvesAndHoldsTheDeclaredKeyAndPartitionColumns() throws Exception {
    // Bronze is one table, the history; each source's current table is derived from it.
    assertThat(LakeTables.all()).hasSize(11);
    for (LakeTable table : LakeTables.all()) {
      StructType schema = schema(table);
      List<String> fields = List.of(schema.fieldNames());
      assertThat(fields).as("key of %s in %s", table.name(), table.schemaOwner()).containsAll(table.keyColumns());
      assertThat(fields)
          .as("partition columns of %s in %s", table.name(), table.schemaOwner())
          .containsAll(table.partitionColumns());
      if (table.writeMode() == LakeTable.WriteMode.REPLACE_PARTITIONS) {
        assertThat(table.partitionColumns()).as("%s replaces partitions: it needs one date partition", table.name()).hasSize(1);
        assertThat(schema.apply(table.partitionColumns().get(0)).dataType())
            .as("partition column of %s", table.name())
            .isEqualTo(DataTypes.DateType);
      }
    }
  }

  @Test
  void namesAndPathsAreUniqueAndLakePathsFollowTheDeclarations() {
    assertThat(LakeTables.all().stream().map(LakeTable::name)).doesNotHaveDuplicates();
    assertThat(LakeTables.all().stream().map(LakeTable::path)).doesNotHaveDuplicates();
    Lake lake = new Lake("/lake");
    assertThat(lake.scanList()).isEqualTo(lake.table(LakeTables.SCAN_LIST)).isEqualTo("/lake/gold/scan_list");
    assertThat(lake.table(LakeTables.HISTORY)).isEqualTo("/lake/bronze/history");
    assertThat(lake.quarantineRaw()).isEqualTo("/lake/restricted/quarantine_raw");
    assertThat(lake.accessLog()).isEqualTo("/lake/restricted/access_log");
    assertThat(lake.hitRates()).isEqualTo("/lake/gold/hit_rates");
  }

  @Test
  void everyStepReadsDeclaredTablesAndOwnsWhatItWrites() {
    for (LakeStep step : LakeStep.values()) {
      for (LakeStep.TableRead read : step.reads()) {
        assertThat(LakeTables.all()).as("%s reads a declared table", step).contains(read.table());
        assertThat(read.table().owner()).as("%s reads what another step wrote", step).isNotEqualTo(step);
      }
    }
    assertThat(LakeStep.SCORE.writes()).containsExactly(LakeTables.SCAN_LIST, LakeTables.FIRM_RISK);
    // the features read the bronze history (every version, as known on each day), not bronze
    assertThat(LakeStep.FEATURES.reads()).extracting(LakeStep.TableRead::table).containsExactly(LakeTables.HISTORY);
  }

  @Test
  void readmeListsExactlyTheDeclaredTables() throws IOException {
    Path readme = TestPaths.repoRoot().resolve("data-samples/README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int begin = text.indexOf(LakeTableDictionary.BEGIN);
    int end = text.indexOf(LakeTableDictionary.END);
    assertThat(begin).as("markers in %s", readme).isGreaterThanOrEqualTo(0).isLessThan(end);
    if (System.getenv("CARGORISK_REGENERATE_DICTIONARY") != null) {
      text = text.substring(0, begin) + LakeTableDictionary.render() + text.substring(end + LakeTableDictionary.END.length());
      Files.writeString(readme, text, StandardCharsets.UTF_8);
    }
    assertThat(text)
        .as("lake table list in %s (see this test's Javadoc to regenerate)", readme)
        .contains(LakeTableDictionary.render());
    for (LakeTable table : LakeTables.all()) {
      assertThat(text).contains("| `" + table.name() + "` | `" + table.path() + "` |");
    }
  }

  /** The schema its owner declares: a static StructType field. */
  private static StructType schema(LakeTable table) throws ReflectiveOperationException {
    String[] owner = table.schemaOwner().split("#", 2);
    Class<?> type = Class.forName(owner[0]);
    Field field = type.getField(owner[1]);
    assertThat(Modifier.isStatic(field.getModifiers())).as(table.schemaOwner()).isTrue();
    return (StructType) field.get(null);
  }
}
