package org.cargorisk.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * Loads {@link CargoRiskConfig} with one precedence: command line &gt; configuration file &gt;
 * defaults. The file is a Java properties file (UTF-8, {@code #} comments); an unknown key is an
 * error, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param file configuration file, or null for none
   * @param overrides values given on the command line, by configuration key (null values are
   *     ignored)
   */
  public static CargoRiskConfig load(Path file, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>(ConfigKeys.defaults());
    if (file != null) {
      values.putAll(readFile(file));
    }
    overrides.forEach(
        (key, value) -> {
          if (value != null) {
            values.put(key, value);
          }
        });
    return fromMap(values, file == null ? "defaults" : file.toString());
  }

  /** Where an effective value comes from, for {@code show-config}. */
  public record Setting(String key, String value, String source) {}

  /**
   * Every effective setting with its source (command line, the configuration file, or the
   * default), in documentation order, office capacities last; validated like {@link #load}.
   */
  public static List<Setting> describe(Path file, Map<String, String> overrides) {
    CargoRiskConfig config = load(file, overrides);
    Map<String, String> fromFile = file == null ? Map.of() : readFile(file);
    List<Setting> settings = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>(ConfigKeys.defaults().keySet());
    fromFile.keySet().stream().filter(key -> !keys.contains(key)).forEach(keys::add);
    for (String key : keys) {
      String source;
      String value;
      if (overrides.get(key) != null) {
        source = "command line";
        value = overrides.get(key);
      } else if (fromFile.containsKey(key)) {
        source = "config file " + file;
        value = fromFile.get(key);
      } else {
        source = "default";
        value = ConfigKeys.defaults().get(key);
      }
      if (ConfigKeys.LOG_DIR.equals(key) && value.isBlank()) {
        value = config.logDir();
        source = source + ", next to the lake";
      }
      if (org.cargorisk.audit.Redaction.isSecretKey(key)) {
        // A secret Hadoop option (an S3A key) is never shown, not even to its owner's terminal.
        value = org.cargorisk.audit.Redaction.REDACTED;
      }
      settings.add(new Setting(key, value, source));
    }
    return List.copyOf(settings);
  }

  static Map<String, String> readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CargoRiskErrors.invalidConfiguration(
          "Configuration file " + file + " does not exist or is not a file. Pass an existing"
              + " file with --config, or leave --config out to use the defaults.",
          null);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw CargoRiskErrors.invalidConfiguration(
          "Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      values.put(key.trim(), properties.getProperty(key).trim());
    }
    return values;
  }

  static CargoRiskConfig fromMap(Map<String, String> values, String origin) {
    Map<String, Integer> capacities = new TreeMap<>();
    Map<String, String> hadoopOptions = new TreeMap<>();
    TreeSet<String> unknown = new TreeSet<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      Matcher office = ConfigKeys.OFFICE_CAPACITY.matcher(entry.getKey());
      if (entry.getKey().startsWith(ConfigKeys.HADOOP_PREFIX)) {
        hadoopOptions.put(entry.getKey(), entry.getValue());
      } else if (office.matches()) {
        capacities.put(office.group(1), parse(entry.getKey(), entry.getValue(), Integer::parseInt));
      } else if (!ConfigKeys.defaults().containsKey(entry.getKey())) {
        unknown.add(entry.getKey());
      }
    }
    if (!unknown.isEmpty()) {
      throw CargoRiskErrors.invalidConfiguration(
          "Unknown configuration key(s) "
              + unknown
              + " in "
              + origin
              + ". Known keys: "
              + ConfigKeys.defaults().keySet()
              + ", office.<UN/LOCODE>.capacity (e.g. office.NLRTM.capacity) and Hadoop options"
              + " spark.hadoop.<key> (e.g. spark.hadoop.fs.s3a.encryption.algorithm).",
          null);
    }
    return new CargoRiskConfig(
        values.get(ConfigKeys.LAKE),
        values.get(ConfigKeys.LANDING),
        values.get(ConfigKeys.EXPORT),
        values.get(ConfigKeys.REFERENCE_DIR),
        parse(values, ConfigKeys.EXPLORATION_SHARE, Double::parseDouble),
        parse(values, ConfigKeys.DEFAULT_CAPACITY_SHARE, Double::parseDouble),
        parse(values, ConfigKeys.SELECTION_SEED, Long::parseLong),
        capacities,
        new CargoRiskConfig.ModelSettings(
            values.get(ConfigKeys.MODEL_ALGORITHM),
            values.get(ConfigKeys.MODEL_FIRM_ALGORITHM),
            new org.cargorisk.models.training.TrainingParams(
                parse(values, ConfigKeys.MODEL_MAX_ITER, Integer::parseInt),
                parse(values, ConfigKeys.MODEL_MAX_DEPTH, Integer::parseInt),
                parse(values, ConfigKeys.MODEL_STEP_SIZE, Double::parseDouble),
                parse(values, ConfigKeys.MODEL_SEED, Long::parseLong),
                parse(values, ConfigKeys.MODEL_VALIDATION_WEEKS, Integer::parseInt),
                parse(values, ConfigKeys.MODEL_LABEL_DELAY_DAYS, Integer::parseInt))),
        parse(values, ConfigKeys.TRAIN_EVERY_DAYS, Integer::parseInt),
        values.get(ConfigKeys.PSEUDONYM_KEY_ENV),
        parseBoolean(ConfigKeys.FEATURES_GRAPH_ENABLED, values.get(ConfigKeys.FEATURES_GRAPH_ENABLED)),
        values.get(ConfigKeys.LOG_DIR),
        new CargoRiskConfig.AccessIdentity(
            values.get(ConfigKeys.ACCESS_PRINCIPAL),
            values.get(ConfigKeys.ACCESS_ORGANISATION),
            values.get(ConfigKeys.ACCESS_ROLE)),
        hadoopOptions);
  }

  /** true or false (any case); anything else is an error, never a silent false. */
  private static boolean parseBoolean(String key, String value) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(trimmed);
    }
    throw CargoRiskErrors.invalidConfiguration(key, value, "must be true or false");
  }

  private static <T> T parse(Map<String, String> values, String key, Function<String, T> parser) {
    return parse(key, values.get(key), parser);
  }

  private static <T> T parse(String key, String value, Function<String, T> parser) {
    try {
      return parser.apply(value.trim());
    } catch (RuntimeException e) {
      throw CargoRiskErrors.invalidConfiguration(key, value, "is not a number");
    }
  }
}
