package org.cargorisk.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cargorisk.jobs.config.CargoRiskConfig;
import org.cargorisk.jobs.config.ConfigKeys;
import org.cargorisk.jobs.config.ConfigLoader;
import picocli.CommandLine.Option;

/** The options every job shares (DESIGN.md, "Command-line contract"). */
public final class JobOptions {
  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "Business date of the run (never the wall clock).")
  LocalDate date;

  @Option(
      names = "--lake",
      paramLabel = "PATH",
      description = "Root of the Delta lake (local path or s3a://bucket/prefix).")
  String lake;

  @Option(
      names = "--landing",
      paramLabel = "PATH",
      description = "Root of the landing area (<source>/date=YYYY-MM-DD/ below it).")
  String landing;

  @Option(
      names = "--export",
      paramLabel = "PATH",
      description = "Folder for customer-facing files (scan-list CSV/HTML per office).")
  String export;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (properties); command-line options override it.")
  Path config;

  /** The business date; a usage error if the job needs one and none was given. */
  public LocalDate date() {
    return date;
  }

  /** Loads the configuration: these options over the file over the defaults. */
  public CargoRiskConfig loadConfig(Map<String, String> jobOverrides) {
    return ConfigLoader.load(config, overrides(jobOverrides));
  }

  /** The effective settings with their sources ({@code show-config}). */
  public java.util.List<ConfigLoader.Setting> describeConfig() {
    return ConfigLoader.describe(config, overrides(Map.of()));
  }

  private Map<String, String> overrides(Map<String, String> jobOverrides) {
    Map<String, String> overrides = new LinkedHashMap<>(jobOverrides);
    overrides.put(ConfigKeys.LAKE, lake);
    overrides.put(ConfigKeys.LANDING, landing);
    overrides.put(ConfigKeys.EXPORT, export);
    return overrides;
  }
}
