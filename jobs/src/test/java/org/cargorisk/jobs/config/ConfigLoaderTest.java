package org.cargorisk.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cargorisk.errors.CargoRiskException;
import org.cargorisk.errors.ErrorCode;
import org.cargorisk.models.training.TrainingParams;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the defaults, the key-to-field mapping and the precedence CLI > file > defaults. */
class ConfigLoaderTest {
  @Test
  void defaultsArePinned() {
    CargoRiskConfig config = ConfigLoader.load(null, Map.of());
    assertThat(config.lake()).isEqualTo("work/lake");
    assertThat(config.landing()).isEqualTo("data-samples/landing");
    assertThat(config.export()).isEqualTo("work/export");
    assertThat(config.referenceDir()).isEqualTo("data-samples/reference");
    assertThat(config.explorationShare()).isEqualTo(0.05);
    assertThat(config.defaultCapacityShare()).isEqualTo(0.03);
    assertThat(config.selectionSeed()).isEqualTo(20260101L);
    assertThat(config.officeCapacities()).isEmpty();
    assertThat(config.model())
        .isEqualTo(
            new CargoRiskConfig.ModelSettings(
                "gbt", "logistic", new TrainingParams(60, 5, 0.1, 42, 3, 7)));
    assertThat(config.model().training()).isEqualTo(TrainingParams.DEFAULTS);
    assertThat(config.trainEveryDays()).isEqualTo(7);
    assertThat(config.pseudonymKeyEnv()).isEqualTo("CARGORISK_PSEUDONYM_KEY");
  }

  @Test
  void everyKeyMapsToItsField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "lake = s3a://bucket/lake",
            "landing = /data/landing",
            "export = /data/export",
            "reference.dir = /data/reference",
            "selection.exploration-share = 0.1",
            "selection.default-capacity-share = 0.02",
            "selection.seed = 7",
            "office.NLRTM.capacity = 40",
            "office.BEANR.capacity = 30",
            "model.algorithm = logistic",
            "model.gbt.max-iter = 10",
            "model.gbt.max-depth = 3",
            "model.gbt.step-size = 0.2",
            "model.seed = 9",
            "model.validation-weeks = 2",
            "model.label-delay-days = 10",
            "train.every-days = 0",
            "security.pseudonym-key-env = MY_KEY",
            "log.dir = /data/logs"));
    CargoRiskConfig config = ConfigLoader.load(file, Map.of());
    assertThat(config)
        .isEqualTo(
            new CargoRiskConfig(
                "s3a://bucket/lake",
                "/data/landing",
                "/data/export",
                "/data/reference",
                0.1,
                0.02,
                7,
                Map.of("NLRTM", 40, "BEANR", 30),
                new CargoRiskConfig.ModelSettings("logistic", new TrainingParams(10, 3, 0.2, 9, 2, 10)),
                0,
                "MY_KEY",
                true,
                "/data/logs",
                new CargoRiskConfig.AccessIdentity(null, null, null),
                Map.of()));
  }

  @Test
  void commandLineOverridesFileOverridesDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "lake = from-file\nexport = export-from-file\n");
    Map<String, String> cli = new HashMap<>();
    cli.put(ConfigKeys.LAKE, "from-cli");
    cli.put(ConfigKeys.EXPORT, null);
    CargoRiskConfig config = ConfigLoader.load(file, cli);
    assertThat(config.lake()).isEqualTo("from-cli");
    assertThat(config.export()).isEqualTo("export-from-file");
    assertThat(config.landing()).isEqualTo("data-samples/landing");
  }

  @Test
  void theCommentedExampleIsValidAndMatchesTheDefaultsItShows() {
    CargoRiskConfig config =
        ConfigLoader.load(TestPaths.repoRoot().resolve("conf/cargorisk.properties"), Map.of());
    CargoRiskConfig defaults = ConfigLoader.load(null, Map.of());
    assertThat(config.officeCapacities()).containsEntry("NLRTM", 12);
    assertThat(config.model()).isEqualTo(defaults.model());
    assertThat(config.explorationShare()).isEqualTo(defaults.explorationShare());
  }

  @Test
  void theGraphFeaturesSwitchIsOnByDefaultAndTakesOnlyTrueOrFalse(@TempDir Path dir) throws IOException {
    assertThat(ConfigLoader.load(null, Map.of()).graphFeaturesEnabled()).isTrue();
    assertThat(ConfigLoader.load(TestPaths.repoRoot().resolve("conf/cargorisk.properties"), Map.of())
            .graphFeaturesEnabled())
        .isTrue();
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "features.graph.enabled = FALSE\n");
    assertThat(ConfigLoader.load(file, Map.of()).graphFeaturesEnabled()).isFalse();
    assertThat(ConfigLoader.load(file, Map.of(ConfigKeys.FEATURES_GRAPH_ENABLED, "true")).graphFeaturesEnabled())
        .isTrue();
    Files.writeString(file, "features.graph.enabled = no\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("features.graph.enabled = 'no' is invalid: must be true or false");
  }

  @Test
  void anUnknownKeyIsAnErrorThatListsTheKnownOnes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "selection.exploration_share = 0.1\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(CargoRiskException.class)
        .hasMessageContaining("Unknown configuration key(s) [selection.exploration_share]")
        .hasMessageContaining("selection.exploration-share");
  }

  @Test
  void invalidValuesNameTheKeyTheValueAndTheRule(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "selection.exploration-share = 0.9\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("selection.exploration-share = '0.9' is invalid: must be between 0 and 0.5");
    Files.writeString(file, "office.NLRTM.capacity = many\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("office.NLRTM.capacity = 'many'");
    Files.writeString(file, "model.algorithm = forest\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .satisfies(
            e -> assertThat(((CargoRiskException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
        .hasMessageContaining("must be one of gbt, logistic, rules");
    Files.writeString(file, "model.label-delay-days = -1\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("model.label-delay-days = '-1' is invalid: must be between 0 and 365");
  }

  @Test
  void theLabelDelayComesFromTheFileUnlessTheCommandLineSetsIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "model.label-delay-days = 12\n");
    assertThat(ConfigLoader.load(file, Map.of()).model().training().labelDelayDays()).isEqualTo(12);
    assertThat(
            ConfigLoader.load(file, Map.of(ConfigKeys.MODEL_LABEL_DELAY_DAYS, "3"))
                .model()
                .training()
                .labelDelayDays())
        .isEqualTo(3);
  }

  @Test
  void aMissingFileSaysHowToFixIt(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.properties"), Map.of()))
        .hasMessageContaining("does not exist")
        .hasMessageContaining("--config");
  }

  @Test
  void theLogFolderIsNextToALocalLakeByDefault() {
    assertThat(ConfigLoader.load(null, Map.of()).logDir()).isEqualTo("work/logs");
    assertThat(CargoRiskConfig.logDirNextTo("/data/cargorisk/lake")).isEqualTo("/data/cargorisk/logs");
    assertThat(CargoRiskConfig.logDirNextTo("file:///data/lake")).isEqualTo("/data/logs");
    // The driver writes its log locally: an object-store lake keeps it under the working folder.
    assertThat(CargoRiskConfig.logDirNextTo("s3a://bucket/lake")).isEqualTo("work/logs");
    assertThat(ConfigLoader.load(null, Map.of(ConfigKeys.LOG_DIR, "/var/log/cargorisk")).logDir())
        .isEqualTo("/var/log/cargorisk");
  }

  @Test
  void hadoopOptionsPassThroughAndTheirSecretsNeverShow(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("c.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "lake = s3a://cargo-lake/lake",
            "spark.hadoop.fs.s3a.encryption.algorithm = SSE-C",
            "spark.hadoop.fs.s3a.encryption.key = c2VjcmV0LWN1c3RvbWVyLWtleS0zMi1ieXRlcyE=",
            "security.principal = svc-cargorisk",
            "security.organisation = customs-nl",
            "security.role = engine"));
    CargoRiskConfig config = ConfigLoader.load(file, Map.of());
    assertThat(config.hadoopOptions())
        .containsEntry("spark.hadoop.fs.s3a.encryption.algorithm", "SSE-C")
        .containsEntry("spark.hadoop.fs.s3a.encryption.key", "c2VjcmV0LWN1c3RvbWVyLWtleS0zMi1ieXRlcyE=");
    assertThat(config.access())
        .isEqualTo(new CargoRiskConfig.AccessIdentity("svc-cargorisk", "customs-nl", "engine"));
    assertThat(config.toString())
        .doesNotContain("c2VjcmV0LWN1c3RvbWVyLWtleS0zMi1ieXRlcyE=")
        .contains("spark.hadoop.fs.s3a.encryption.key=*****", "spark.hadoop.fs.s3a.encryption.algorithm=SSE-C");

    // What `show-config` prints.
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine commandLine = org.cargorisk.jobs.CargoRisk.commandLine();
    commandLine.setOut(new java.io.PrintWriter(out));
    assertThat(commandLine.execute("show-config", "--config", file.toString())).isZero();
    assertThat(out.toString()).doesNotContain("c2VjcmV0LWN1c3RvbWVyLWtleS0zMi1ieXRlcyE=").contains("*****");
  }

  @Test
  void withoutAConfiguredPrincipalTheOperatingSystemUserIsRecorded() {
    CargoRiskConfig config = ConfigLoader.load(null, Map.of());
    assertThat(config.access().account()).isEqualTo(System.getProperty("user.name"));
    assertThat(config.access().organisation()).isNull();
    assertThat(config.hadoopOptions()).isEmpty();
  }
}
