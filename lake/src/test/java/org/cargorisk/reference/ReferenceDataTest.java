package org.cargorisk.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {
  @Test
  void theBundledReferenceFilesLoad() {
    ReferenceData data =
        ReferenceData.load(new Configuration(), TestPaths.repoRoot().resolve("data-samples/reference").toString());
    assertThat(data.ports()).extracting(ReferenceData.Port::locode).contains("ECGYE", "NLRTM");
    assertThat(data.countryTier("EC")).isEqualTo(3);
    assertThat(data.countryTier("XX")).isEqualTo(1);
    assertThat(data.coverGoods()).extracting(ReferenceData.CoverGood::hsPrefix).contains("0803");
  }

  @Test
  void aBadTierNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
    copyBundled(dir);
    Files.writeString(dir.resolve("countries.csv"), "country,name,risk_tier\nEC,Ecuador,3\nCO,Colombia,7\n");
    assertThatThrownBy(() -> ReferenceData.load(new Configuration(), dir.toString()))
        .hasMessageContaining("countries.csv, line 3, column risk_tier = '7'")
        .hasMessageContaining("must be 1 (low), 2 (medium) or 3 (high)");
  }

  @Test
  void watchlistEntriesHaveValidityWindows(@TempDir Path dir) throws IOException {
    copyBundled(dir);
    Files.writeString(
        dir.resolve("watchlist.csv"),
        "entity_type,entity_id,reason,valid_from,valid_to\n"
            + "FIRM,F000001,\"Tip-off, police\",2026-01-01,2026-01-31\n");
    ReferenceData data = ReferenceData.load(new Configuration(), dir.toString());
    ReferenceData.WatchlistEntry entry = data.watchlist().get(0);
    assertThat(entry.reason()).isEqualTo("Tip-off, police");
    assertThat(entry.activeOn(LocalDate.parse("2026-01-15"))).isTrue();
    assertThat(entry.activeOn(LocalDate.parse("2026-02-01"))).isFalse();
  }

  @Test
  void aMissingFileSaysWhichAndWhere(@TempDir Path dir) {
    assertThatThrownBy(() -> ReferenceData.load(new Configuration(), dir.toString()))
        .hasMessageContaining("ports.csv")
        .hasMessageContaining("reference.dir");
  }

  private static void copyBundled(Path dir) throws IOException {
    Path bundled = TestPaths.repoRoot().resolve("data-samples/reference");
    for (String file : new String[] {"ports.csv", "countries.csv", "cover_goods.csv", "watchlist.csv"}) {
      Files.copy(bundled.resolve(file), dir.resolve(file));
    }
  }
}
