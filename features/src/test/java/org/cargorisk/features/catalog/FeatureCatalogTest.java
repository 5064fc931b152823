package org.cargorisk.features.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cargorisk.features.container.ContainerFeatureColumns;
import org.cargorisk.features.firm.FirmFeatureColumns;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;

class FeatureCatalogTest {

  @Test
  void catalogListsExactlyTheFeatureColumnsInModelOrder() {
    assertThat(FeatureCatalog.names(FeatureCatalog.container()))
        .containsExactlyElementsOf(ContainerFeatureColumns.FEATURES);
    assertThat(FeatureCatalog.names(FeatureCatalog.firm()))
        .containsExactlyElementsOf(FirmFeatureColumns.FEATURES);
  }

  @Test
  void everySpecSaysWhatItMeansAndWhereItComesFrom() {
    for (FeatureSpec spec : all()) {
      assertThat(spec.group()).as(spec.name() + " group").isNotBlank();
      assertThat(spec.meaning()).as(spec.name() + " meaning").hasSizeGreaterThan(20);
      assertThat(spec.source()).as(spec.name() + " source").isNotBlank();
    }
    Set<String> names = all().stream().map(FeatureSpec::name).collect(Collectors.toSet());
    assertThat(names).hasSize(all().size());
  }

  /** docs/FEATURES.md has a table row per feature: name in backticks, group, and the meaning. */
  @Test
  void everyCatalogFeatureIsDocumented() throws Exception {
    String doc = Files.readString(TestPaths.repoRoot().resolve(Path.of("docs", "FEATURES.md")));
    for (FeatureSpec spec : all()) {
      assertThat(doc).as("docs/FEATURES.md documents " + spec.name())
          .contains("| `" + spec.name() + "` | " + spec.group() + " | " + spec.meaning() + " |");
    }
  }

  private static List<FeatureSpec> all() {
    return java.util.stream.Stream.concat(FeatureCatalog.container().stream(), FeatureCatalog.firm().stream())
        .toList();
  }
}
