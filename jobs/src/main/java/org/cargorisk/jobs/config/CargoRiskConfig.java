package org.cargorisk.jobs.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cargorisk.audit.Redaction;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.models.training.TrainingParams;

/**
 * The validated configuration of a run. Built by {@link ConfigLoader} with the precedence
 * command line &gt; configuration file &gt; defaults ({@link ConfigKeys#defaults()}).
 *
 * @param lake root of the Delta lake (local path or {@code s3a://})
 * @param landing root of the landing area
 * @param export folder for customer-facing exports (scan-list CSV and HTML per office)
 * @param referenceDir folder with reference files (risk tiers, cover goods, watchlists)
 * @param explorationShare share of each office's capacity given to uniformly random picks
 * @param defaultCapacityShare capacity of an office without a configured one, as a share of its
 *     day's containers
 * @param selectionSeed seed of the random picks (recorded with every scan list)
 * @param officeCapacities containers per day per office (office = port of discharge UN/LOCODE)
 * @param model model training parameters
 * @param trainEveryDays nightly retrains when the champion is this many days old; 0 = never
 * @param pseudonymKeyEnv environment variable holding the key for pseudonymising personal data
 * @param graphFeaturesEnabled whether the firm features include the graph flow features (else 0)
 * @param logDir folder of the jobs' log files (a blank one becomes {@link #logDirNextTo} the lake)
 * @param access who this run's looks at lists and reports are recorded for (access table)
 * @param hadoopOptions {@code spark.hadoop.*} options passed to the session CargoRisk builds
 *     (S3A encryption, credential providers); secret values are masked by {@link #toString()}
 */
public record CargoRiskConfig(
    String lake,
    String landing,
    String export,
    String referenceDir,
    double explorationShare,
    double defaultCapacityShare,
    long selectionSeed,
    Map<String, Integer> officeCapacities,
    ModelSettings model,
    int trainEveryDays,
    String pseudonymKeyEnv,
    boolean graphFeaturesEnabled,
    String logDir,
    AccessIdentity access,
    Map<String, String> hadoopOptions) {

  public static final Set<String> ALGORITHMS = Set.of("gbt", "logistic", "rules", "xgboost");

  public CargoRiskConfig {
    requireNonBlank(ConfigKeys.LAKE, lake);
    requireNonBlank(ConfigKeys.LANDING, landing);
    requireNonBlank(ConfigKeys.EXPORT, export);
    requireNonBlank(ConfigKeys.REFERENCE_DIR, referenceDir);
    if (!(explorationShare >= 0 && explorationShare <= 0.5)) {
      throw CargoRiskErrors.invalidConfiguration(
          ConfigKeys.EXPLORATION_SHARE, explorationShare, "must be between 0 and 0.5");
    }
    if (!(defaultCapacityShare > 0 && defaultCapacityShare <= 1)) {
      throw CargoRiskErrors.invalidConfiguration(
          ConfigKeys.DEFAULT_CAPACITY_SHARE, defaultCapacityShare, "must be in (0, 1]");
    }
    officeCapacities.forEach(
        (office, capacity) -> {
          if (capacity < 0) {
            throw CargoRiskErrors.invalidConfiguration(
                "office." + office + ".capacity", capacity, "must be at least 0");
          }
        });
    officeCapacities = Map.copyOf(new TreeMap<>(officeCapacities));
    if (trainEveryDays < 0) {
      throw CargoRiskErrors.invalidConfiguration(
          ConfigKeys.TRAIN_EVERY_DAYS, trainEveryDays, "must be at least 0 (0 = never)");
    }
    requireNonBlank(ConfigKeys.PSEUDONYM_KEY_ENV, pseudonymKeyEnv);
    logDir = logDir == null || logDir.isBlank() ? logDirNextTo(lake) : logDir.trim();
    access = access == null ? new AccessIdentity(null, null, null) : access;
    hadoopOptions.keySet().forEach(
        key -> {
          if (!key.startsWith(ConfigKeys.HADOOP_PREFIX) || key.length() == ConfigKeys.HADOOP_PREFIX.length()) {
            throw CargoRiskErrors.invalidConfiguration(
                key, "(hidden)", "a Hadoop option must be spark.hadoop.<hadoop key>");
          }
        });
    hadoopOptions = Map.copyOf(new TreeMap<>(hadoopOptions));
  }

  /**
   * The default log folder: {@code logs} beside a local lake ({@code work/logs} for {@code
   * work/lake}); {@code work/logs} under the working folder for a lake on an object store, since
   * the log is written by the driver's local process.
   */
  public static String logDirNextTo(String lake) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(lake);
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri != null && uri.getScheme() != null && !"file".equals(uri.getScheme()) && uri.getScheme().length() > 1) {
      return "work/logs";
    }
    java.nio.file.Path local = java.nio.file.Path.of(uri != null && "file".equals(uri.getScheme()) ? uri.getPath() : lake);
    java.nio.file.Path parent = local.normalize().getParent();
    return (parent == null ? java.nio.file.Path.of("logs") : parent.resolve("logs")).toString();
  }

  /**
   * A configuration without access identity or Hadoop options (the OS user is recorded), its log
   * folder next to the lake.
   */
  public CargoRiskConfig(
      String lake,
      String landing,
      String export,
      String referenceDir,
      double explorationShare,
      double defaultCapacityShare,
      long selectionSeed,
      Map<String, Integer> officeCapacities,
      ModelSettings model,
      int trainEveryDays,
      String pseudonymKeyEnv,
      boolean graphFeaturesEnabled) {
    this(
        lake, landing, export, referenceDir, explorationShare, defaultCapacityShare, selectionSeed,
        officeCapacities, model, trainEveryDays, pseudonymKeyEnv, graphFeaturesEnabled, null,
        new AccessIdentity(null, null, null), Map.of());
  }

  /**
   * Who the access table records (docs/DEPLOY.md, "Every look recorded"). Blank values are null.
   *
   * @param principal the account; null = the operating-system user
   * @param organisation the account's organisation, or null
   * @param role the account's role, or null
   */
  public record AccessIdentity(String principal, String organisation, String role) {
    public AccessIdentity {
      principal = blankToNull(principal);
      organisation = blankToNull(organisation);
      role = blankToNull(role);
    }

    /** The configured principal, else the operating-system user. */
    public String account() {
      return principal != null ? principal : System.getProperty("user.name");
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }

  /** The Hadoop options as shown to people: values of secret keys masked. */
  public Map<String, String> hadoopOptionsMasked() {
    Map<String, String> masked = new TreeMap<>();
    hadoopOptions.forEach(
        (key, value) -> masked.put(key, Redaction.isSecretKey(key) ? Redaction.REDACTED : value));
    return masked;
  }

  /** The record's fields, with secret Hadoop option values masked (show-config prints this). */
  @Override
  public String toString() {
    return "CargoRiskConfig[lake=" + lake
        + ", landing=" + landing
        + ", export=" + export
        + ", referenceDir=" + referenceDir
        + ", explorationShare=" + explorationShare
        + ", defaultCapacityShare=" + defaultCapacityShare
        + ", selectionSeed=" + selectionSeed
        + ", officeCapacities=" + new TreeMap<>(officeCapacities)
        + ", model=" + model
        + ", trainEveryDays=" + trainEveryDays
        + ", pseudonymKeyEnv=" + pseudonymKeyEnv
        + ", graphFeaturesEnabled=" + graphFeaturesEnabled
        + ", logDir=" + logDir
        + ", access=" + access
        + ", hadoopOptions=" + hadoopOptionsMasked()
        + "]";
  }

  /**
   * Model training parameters.
   *
   * @param algorithm gbt (gradient-boosted trees), logistic, rules or xgboost (XGBoost4J-Spark)
   * @param firmAlgorithm the firm model's algorithm (default logistic; the others take {@code
   *     algorithm})
   * @param training trees, seed, validation weeks and label delay, validated by {@link
   *     TrainingParams}
   */
  public record ModelSettings(String algorithm, String firmAlgorithm, TrainingParams training) {
    /** Default algorithm of the firm model ({@link ConfigKeys#MODEL_FIRM_ALGORITHM} says why). */
    public static final String DEFAULT_FIRM_ALGORITHM = "logistic";

    /** The default algorithms with these training parameters. */
    public ModelSettings(String algorithm, TrainingParams training) {
      this(algorithm, DEFAULT_FIRM_ALGORITHM, training);
    }

    /** The algorithm of a model. */
    public String algorithmOf(ModelKind kind) {
      return switch (kind) {
        case CONTAINER -> algorithm;
        case FIRM -> firmAlgorithm;
      };
    }

    public ModelSettings {
      if (!ALGORITHMS.contains(algorithm)) {
        throw CargoRiskErrors.invalidConfiguration(
            ConfigKeys.MODEL_ALGORITHM, algorithm, "must be one of gbt, logistic, rules, xgboost");
      }
      if (firmAlgorithm == null || firmAlgorithm.isBlank()) {
        firmAlgorithm = DEFAULT_FIRM_ALGORITHM;
      }
      if (!ALGORITHMS.contains(firmAlgorithm)) {
        throw CargoRiskErrors.invalidConfiguration(
            ConfigKeys.MODEL_FIRM_ALGORITHM, firmAlgorithm, "must be one of gbt, logistic, rules, xgboost");
      }
      java.util.Objects.requireNonNull(training, "training");
    }
  }

  private static void requireNonBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw CargoRiskErrors.invalidConfiguration(key, value, "must not be empty");
    }
  }
}
