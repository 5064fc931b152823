package org.cargorisk.features.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cargorisk.errors.CargoRiskErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned fitted statistics of the container features, under {@code <lake>/models/}{@value
 * #FOLDER}: one folder per fit, named by its cutoff (the statistics saw only manifests known
 * before that date), holding the three Spark ML models and a {@value #METADATA} file written
 * last. A folder without the metadata file is an unfinished save and is not a version.
 *
 * <p>The version id is the cutoff date ({@code 2026-01-15}): features for as_of D may use any
 * version whose cutoff is on or before D, and {@link #latestAtOrBefore} picks the newest such,
 * so a re-run of a past date uses the statistics it could have used then.
 */
public final class StatisticsStore {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsStore.class);

  /** Folder below the lake's models/ folder. */
  public static final String FOLDER = "feature-statistics";
  /** Metadata file of a version (Java properties): cutoff, fitted_at, code_version. */
  public static final String METADATA = "_statistics.properties";

  static final String CUTOFF = "cutoff";
  static final String FITTED_AT = "fitted_at";
  static final String CODE_VERSION = "code_version";

  private final String root;
  private final Configuration hadoopConf;

  /**
   * @param modelsFolder the lake's models folder ({@code Lake.models()})
   * @param hadoopConf the session's Hadoop configuration (local paths, s3a://)
   */
  public StatisticsStore(String modelsFolder, Configuration hadoopConf) {
    this.root = modelsFolder + "/" + FOLDER;
    this.hadoopConf = hadoopConf;
  }

  /**
   * One saved fit.
   *
   * @param cutoff the statistics saw only data known before this date; also the version id
   * @param path folder of the saved models
   * @param fittedAt when it was saved (the run's clock)
   */
  public record Version(LocalDate cutoff, String path, Instant fittedAt) {
    /** The version id, as recorded in the model registry and the feature rows. */
    public String id() {
      return cutoff.toString();
    }
  }

  /** The folder of a version id (whether or not it exists). */
  public String path(String id) {
    return root + "/" + id;
  }

  /** Saves a fit as the version of its cutoff (replacing one of the same cutoff). */
  public Version save(LocalDate cutoff, ContainerStatistics statistics, Instant fittedAt) {
    String path = path(cutoff.toString());
    try {
      FileSystem fs = new Path(path).getFileSystem(hadoopConf);
      // The metadata file is the commit: remove it first so a failed re-save is no version.
      fs.delete(new Path(path, METADATA), false);
      statistics.save(path);
      Properties metadata = new Properties();
      metadata.setProperty(CUTOFF, cutoff.toString());
      metadata.setProperty(FITTED_AT, fittedAt.toString());
      metadata.setProperty(CODE_VERSION, codeVersion());
      try (OutputStream out = fs.create(new Path(path, METADATA), true)) {
        metadata.store(out, "CargoRisk container feature statistics");
      }
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot save the feature statistics to " + path, e);
    }
    LOG.info("Saved feature statistics with cutoff {} to {}", cutoff, path);
    return new Version(cutoff, path, fittedAt);
  }

  /** Every complete version, oldest cutoff first (one small folder listing). */
  public List<Version> versions() {
    List<Version> versions = new ArrayList<>();
    try {
      Path folder = new Path(root);
      FileSystem fs = folder.getFileSystem(hadoopConf);
      if (!fs.exists(folder)) {
        return List.of();
      }
      for (FileStatus status : fs.listStatus(folder)) {
        Path metadataFile = new Path(status.getPath(), METADATA);
        if (status.isDirectory() && fs.exists(metadataFile)) {
          versions.add(read(fs, status.getPath(), metadataFile));
        }
      }
    } catch (IOException e) {
      throw CargoRiskErrors.storageFailure("Cannot list the feature statistics under " + root, e);
    }
    versions.sort(Comparator.comparing(Version::cutoff));
    return versions;
  }

  /** The newest version whose cutoff is on or before the date (point-in-time correct for it). */
  public Optional<Version> latestAtOrBefore(LocalDate date) {
    return versions().stream().filter(v -> !v.cutoff().isAfter(date)).reduce((a, b) -> b);
  }

  /** A version by id (its cutoff date); a clear user error if it was never saved. */
  public Version version(String id) {
    return versions().stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                CargoRiskErrors.missingInput(
                    "Feature statistics version " + id,
                    path(id),
                    "Give the cutoff date of a saved version (one of "
                        + versions().stream().map(Version::id).toList()
                        + "), or refit with features --refit-statistics."));
  }

  /** Loads the models of a version. */
  public ContainerStatistics load(Version version) {
    return ContainerStatistics.load(version.path());
  }

  private Version read(FileSystem fs, Path folder, Path metadataFile) throws IOException {
    Properties metadata = new Properties();
    try (InputStream in = fs.open(metadataFile)) {
      metadata.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    try {
      return new Version(
          LocalDate.parse(metadata.getProperty(CUTOFF, "")),
          folder.toString(),
          Instant.parse(metadata.getProperty(FITTED_AT, "")));
    } catch (DateTimeParseException e) {
      throw CargoRiskErrors.storageFailure(
          "Unreadable feature statistics metadata " + metadataFile + " (cutoff or fitted_at): refit"
              + " with features --refit-statistics",
          e);
    }
  }

  private static String codeVersion() {
    String version = StatisticsStore.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }
}
