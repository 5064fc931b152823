package org.cargorisk.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * {@code data-samples/README.md} holds the data dictionary exactly as the contracts render it.
 * After changing a contract, regenerate the section with
 * {@code CARGORISK_REGENERATE_DICTIONARY=1 mvn -B -q -pl features -am test -Dtest=DataDictionaryTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DataDictionaryTest {

  @Test
  void readmeHoldsEverySourcesDictionaryAsTheContractRendersIt() throws IOException {
    Path readme = TestPaths.repoRoot().resolve("data-samples/README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    if (System.getenv("CARGORISK_REGENERATE_DICTIONARY") != null) {
      int begin = text.indexOf(DataDictionary.BEGIN);
      int end = text.indexOf(DataDictionary.END);
      assertThat(begin).as("markers in %s", readme).isGreaterThanOrEqualTo(0).isLessThan(end);
      text = text.substring(0, begin) + DataDictionary.renderAll()
          + text.substring(end + DataDictionary.END.length());
      Files.writeString(readme, text, StandardCharsets.UTF_8);
    }
    for (Source source : Source.values()) {
      assertThat(text).as("dictionary of %s in %s (see this test's Javadoc to regenerate)", source, readme)
          .contains(DataDictionary.render(source));
    }
  }

  @Test
  void renderingListsEveryColumnWithItsDocumentation() {
    for (Source source : Source.values()) {
      String rendered = DataDictionary.render(source);
      for (ColumnSpec column : source.columns()) {
        assertThat(rendered).contains("| `" + column.name() + "` | ").contains(column.meaning());
      }
    }
    assertThat(DataDictionary.render(Source.MANIFESTS))
        .contains("| `gross_weight_kg` | double | yes | Declared gross weight in kg | `21450.5` |");
  }
}
