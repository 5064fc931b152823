package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.cargorisk.synthetic.GeneratorSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The generate command's options map onto the generator settings (the CLI contract). */
class GenerateJobTest {

  private static GenerateJob parse(String... args) {
    CommandLine commandLine = CargoRisk.commandLine();
    CommandLine.ParseResult result = commandLine.parseArgs(args);
    return (GenerateJob) result.subcommand().commandSpec().userObject();
  }

  @Test
  void optionsMapOntoSettings() {
    GeneratorSettings settings = parse("generate", "--out", "/tmp/x", "--start-date", "2026-02-01",
        "--days", "3", "--manifests-per-day", "250", "--firms", "500", "--transactions-per-day", "70",
        "--seed", "9", "--format", "parquet", "--cover-load-rate", "0.02", "--random-inspection-share",
        "0.25").settings();
    assertThat(settings.startDate()).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(settings.days()).isEqualTo(3);
    assertThat(settings.manifestsPerDay()).isEqualTo(250);
    assertThat(settings.firms()).isEqualTo(500);
    assertThat(settings.transactionsPerDay()).isEqualTo(70);
    assertThat(settings.seed()).isEqualTo(9);
    assertThat(settings.format()).isEqualTo(GeneratorSettings.LandingFormat.PARQUET);
    assertThat(settings.coverLoadRate()).isEqualTo(0.02);
    assertThat(settings.randomInspectionShare()).isEqualTo(0.25);
  }

  @Test
  void defaultsScaleWithTheVolume() {
    GeneratorSettings settings = parse("generate", "--out", "/tmp/x", "--days", "7",
        "--manifests-per-day", "5000").settings();
    GeneratorSettings defaults = GeneratorSettings.builder().build();
    assertThat(settings.startDate()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(settings.format()).isEqualTo(GeneratorSettings.LandingFormat.CSV);
    assertThat(settings.firms()).isEqualTo(GeneratorSettings.defaultFirms(7, 5000)).isEqualTo(2806);
    assertThat(settings.transactionsPerDay()).isEqualTo(2500);
    assertThat(settings.coverLoadRate()).isEqualTo(defaults.coverLoadRate());
    assertThat(settings.inspectionRate()).isEqualTo(defaults.inspectionRate());
  }

  @Test
  void invalidKnobsAreRefusedWithTheKnobAndTheRule() {
    assertThatThrownBy(() -> parse("generate", "--out", "/tmp/x", "--tip-rate", "1.5").settings())
        .hasMessageContaining("tip-rate").hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> parse("generate", "--out", "/tmp/x", "--cover-load-rate", "0.3",
            "--rip-on-rate", "0.3").settings())
        .hasMessageContaining("less than 0.5");
  }
}
