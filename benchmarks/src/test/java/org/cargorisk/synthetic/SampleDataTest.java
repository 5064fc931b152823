package org.cargorisk.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.cargorisk.contracts.ColumnSpec;
import org.cargorisk.contracts.Source;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;

/**
 * The committed sample ({@code data-samples/landing}) is complete and in the contract, and the
 * reference watchlist holds its tip-offs. Regenerate both with the command in
 * {@code data-samples/README.md}.
 */
class SampleDataTest {
  private static final Path SAMPLES = TestPaths.repoRoot().resolve("data-samples");
  private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
  private static final LocalDate LAST = LocalDate.of(2026, 3, 31);

  @Test
  void everySourceHasEveryDateWithTheContractHeader() throws IOException {
    for (Source source : Source.values()) {
      String header = String.join(",", source.columns().stream().map(ColumnSpec::name).toList());
      for (LocalDate date = FIRST; !date.isAfter(LAST); date = date.plusDays(1)) {
        Path file = SAMPLES.resolve("landing").resolve(source.sourceName())
            .resolve("date=" + date).resolve("part-00000.csv");
        assertThat(file).exists();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
          assertThat(lines.findFirst()).as("header of %s", file).contains(header);
        }
      }
    }
  }

  @Test
  void theSampleHoldsEnoughManifestsAndHitsForAModel() throws IOException {
    long manifests = 0;
    long hits = 0;
    try (Stream<Path> files = Files.walk(SAMPLES.resolve("landing/manifests"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        manifests += Files.readAllLines(file).size() - 1;
      }
    }
    try (Stream<Path> files = Files.walk(SAMPLES.resolve("landing/inspections"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hits += Files.readAllLines(file).stream().filter(l -> l.contains(",HIT,")).count();
      }
    }
    assertThat(manifests).isBetween(25_000L, 32_000L);
    assertThat(hits).isGreaterThan(150);
  }

  @Test
  void theReferenceWatchlistHoldsTheSamplesTipOffsAndLoads() throws IOException {
    List<String> reference = Files.readAllLines(SAMPLES.resolve("reference/watchlist.csv"));
    List<String> truth = Files.readAllLines(SAMPLES.resolve("landing/_truth/watchlist.csv"));
    assertThat(reference).isEqualTo(truth).hasSizeGreaterThan(5);
    ReferenceData data = ReferenceData.load(new Configuration(), SAMPLES.resolve("reference").toString());
    assertThat(data.watchlist()).extracting(ReferenceData.WatchlistEntry::entityType)
        .contains("CONTAINER", "FIRM");
  }

  /**
   * The firm model trains on labels before its validation weeks and validates on them: a
   * training on 31 March validates on 10-30 March (model.validation-weeks = 3), and features
   * start on 15 January (nightly's 14 warm-up days), so both periods must hold labels of both
   * classes, and the count in the README must be the sample's.
   */
  @Test
  void theSampleHoldsFirmLabelsOfBothClassesInTrainingAndValidationWeeks() throws IOException {
    LocalDate validationFrom = LocalDate.of(2026, 3, 10);
    LocalDate validationTo = LocalDate.of(2026, 3, 30);
    LocalDate featuresFrom = LocalDate.of(2026, 1, 15);
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    long total = 0;
    try (Stream<Path> files = Files.walk(SAMPLES.resolve("landing/firm_labels"))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
          String[] cells = line.split(",", -1);
          LocalDate labelledOn = LocalDate.parse(cells[1]);
          total++;
          String period = labelledOn.isAfter(featuresFrom) && labelledOn.isBefore(validationFrom)
              ? "training" : !labelledOn.isBefore(validationFrom) && !labelledOn.isAfter(validationTo)
              ? "validation" : "other";
          counts.merge(period + " " + cells[2], 1L, Long::sum);
        }
      }
    }
    assertThat(counts.getOrDefault("training MALAFIDE", 0L)).isGreaterThanOrEqualTo(15);
    assertThat(counts.getOrDefault("training CLEARED", 0L)).isGreaterThanOrEqualTo(15);
    assertThat(counts.getOrDefault("validation MALAFIDE", 0L)).isGreaterThanOrEqualTo(8);
    assertThat(counts.getOrDefault("validation CLEARED", 0L)).isGreaterThanOrEqualTo(8);
    assertThat(Files.readString(SAMPLES.resolve("README.md")))
        .contains(total + " firm labels land in the period");
  }
}
