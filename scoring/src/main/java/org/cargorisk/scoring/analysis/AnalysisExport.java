package org.cargorisk.scoring.analysis;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.features.catalog.FeatureCatalog;
import org.cargorisk.features.catalog.FeatureSpec;
import org.cargorisk.ingest.BronzeHistory;
import org.cargorisk.lake.Lake;
import org.cargorisk.models.ModelColumns;
import org.cargorisk.models.registry.ModelKind;
import org.cargorisk.lake.LakeTable;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableIO;
import org.cargorisk.models.explain.ReasonRule;
import org.cargorisk.models.explain.ReasonRules;
import org.cargorisk.models.registry.ModelRegistry;
import org.cargorisk.models.registry.ModelScorer;
import org.cargorisk.models.registry.ModelVersion;
import org.cargorisk.models.training.Labels;
import org.cargorisk.scoring.export.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files the notebooks read (Debian has no pyarrow, so CSV and JSON), written owner-only
 * under {@code <export>/analysis/}:
 *
 * <ul>
 *   <li>{@value #CONTAINER_SAMPLE}: labelled container rows of the {@code days} before the date,
 *       every hit and a deterministic hash sample of the non-hits, at most {@code maxRows};
 *   <li>{@value #FIRM_SAMPLE}: labelled firm rows (as-of joined, as for training), at most
 *       {@code maxRows};
 *   <li>{@value #MODEL_VERSIONS}: every registered version of both models with its parameters,
 *       features and registered metrics;
 *   <li>{@value #SCORED_CONTAINERS}: the containers of the date scored by the champion with
 *       reason codes and their features, highest scores first, at most {@code maxRows};
 *   <li>{@value #SCORED_FIRMS}: the firms' latest features up to the date scored by the firm
 *       champion with reasons, at most {@code maxRows};
 *   <li>{@value #MANIFEST}: the date, the files, their row counts and the champions used.
 * </ul>
 *
 * Only entity keys, catalog features, labels and scores leave the lake: no names, addresses or
 * other person-level fields (those are pseudonymised at ingest and not features). Every file is
 * a bounded top-k or sample collected to the driver.
 *
 * <pre>{@code
 * AnalysisExport.Result result = new AnalysisExport(spark, lake)
 *     .exportRoot("work/export").date(LocalDate.parse("2026-03-31")).execute();
 * }</pre>
 */
public final class AnalysisExport {
  private static final Logger LOG = LoggerFactory.getLogger(AnalysisExport.class);

  public static final String FOLDER = "analysis";
  public static final String CONTAINER_SAMPLE = "container_features_labels.csv";
  public static final String FIRM_SAMPLE = "firm_features_labels.csv";
  public static final String MODEL_VERSIONS = "model_versions.json";
  public static final String SCORED_CONTAINERS = "scored_containers.csv";
  public static final String SCORED_FIRMS = "scored_firms.csv";
  public static final String MANIFEST = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final Lake lake;
  private String exportRoot;
  private LocalDate date;
  private int days = 90;
  private int maxRows = 5000;
  private long seed = 7;
  private List<FeatureSpec> containerSpecs = FeatureCatalog.container();
  private List<FeatureSpec> firmSpecs = FeatureCatalog.firm();
  private List<ReasonRule> containerRules = ReasonRules.container();
  private List<ReasonRule> firmRules = ReasonRules.firm();

  public AnalysisExport(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  public AnalysisExport exportRoot(String root) {
    this.exportRoot = root;
    return this;
  }

  /** The business date: the day scored, and the end of the labelled sample's window. */
  public AnalysisExport date(LocalDate value) {
    this.date = value;
    return this;
  }

  /** Days of labelled container rows before the date (default 90). */
  public AnalysisExport days(int value) {
    this.days = checkDays(value);
    return this;
  }

  /** The days as {@code export-analysis --days} takes them: at least 1. */
  public static int checkDays(int value) {
    if (value < 1) {
      throw CargoRiskErrors.invalidConfiguration("--days", value, "must be at least 1");
    }
    return value;
  }

  /** Most rows per CSV file (default 5000). */
  public AnalysisExport maxRows(int value) {
    this.maxRows = checkRows(value);
    return this;
  }

  /** The rows as {@code export-analysis --rows} takes them: at least 1. */
  public static int checkRows(int value) {
    if (value < 1) {
      throw CargoRiskErrors.invalidConfiguration("--rows", value, "must be at least 1");
    }
    return value;
  }

  /** Container and firm feature specs (default {@link FeatureCatalog}): the columns exported. */
  public AnalysisExport featureSpecs(List<FeatureSpec> container, List<FeatureSpec> firm) {
    this.containerSpecs = List.copyOf(container);
    this.firmSpecs = List.copyOf(firm);
    return this;
  }

  /** Container and firm reason rules (default {@link ReasonRules}): the reasons of the scored rows. */
  public AnalysisExport reasonRules(List<ReasonRule> container, List<ReasonRule> firm) {
    this.containerRules = List.copyOf(container);
    this.firmRules = List.copyOf(firm);
    return this;
  }

  /** Seed of the non-hit sample. */
  public AnalysisExport seed(long value) {
    this.seed = value;
    return this;
  }

  /**
   * What was written.
   *
   * @param folder the analysis folder
   * @param rows data rows per file name
   */
  public record Result(String folder, Map<String, Long> rows) {
    public Result {
      rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }
  }

  public Result execute() {
    if (exportRoot == null || date == null) {
      throw new IllegalStateException("set the export root and the date first");
    }
    OwnerOnlyFiles files = new OwnerOnlyFiles(spark.sparkContext().hadoopConfiguration());
    String folder = files.folder(exportRoot, FOLDER);
    Map<String, Long> rows = new LinkedHashMap<>();
    ModelRegistry registry = new ModelRegistry(spark, lake);

    Dataset<Row> containers = read(LakeTables.CONTAINER_FEATURES, "container features");
    Dataset<Row> history = read(LakeTables.HISTORY, "bronze history");
    Dataset<Row> inspections = BronzeHistory.current(history, Source.INSPECTIONS);
    List<String> containerFeatures = present(containerSpecs, containers);
    Dataset<Row> labelled =
        Labels.containerEvaluationSet(containers, inspections, date.minusDays(days), date)
            .select(columns(List.of(Contracts.BL_NUMBER, Contracts.CONTAINER_ID, ModelColumns.AS_OF, ModelColumns.OFFICE),
                containerFeatures, List.of(ModelColumns.LABEL, ModelColumns.QUANTITY_KG, ModelColumns.RANDOM_SELECTED)));
    rows.put(CONTAINER_SAMPLE, writeCsv(files, folder, CONTAINER_SAMPLE, sample(labelled)));

    boolean hasFirms = exists(LakeTables.FIRM_FEATURES);
    Dataset<Row> firms = hasFirms ? read(LakeTables.FIRM_FEATURES, "firm features") : null;
    List<String> firmFeatures = hasFirms ? present(firmSpecs, firms) : List.of();
    if (hasFirms) {
      Dataset<Row> firmLabelled =
          Labels.firmTrainingSet(firms, BronzeHistory.current(history, Source.FIRM_LABELS), date.plusDays(1))
              .select(columns(List.of(Contracts.FIRM_ID, ModelColumns.AS_OF, ModelColumns.LABELLED_AT), firmFeatures,
                  List.of(ModelColumns.LABEL)));
      rows.put(FIRM_SAMPLE, writeCsv(files, folder, FIRM_SAMPLE, sample(firmLabelled)));
    }

    rows.put(MODEL_VERSIONS, writeVersions(files, folder, registry));

    Map<String, String> champions = new LinkedHashMap<>();
    Optional<ModelVersion> containerChampion = registry.champion(ModelKind.CONTAINER.modelName());
    if (containerChampion.isPresent()) {
      champions.put(ModelKind.CONTAINER.modelName(), containerChampion.get().label());
      Dataset<Row> day = containers.where(col(ModelColumns.AS_OF).equalTo(lit(Date.valueOf(date))));
      Dataset<Row> scored = score(registry, containerChampion.get(), containerRules, day)
          .select(columns(List.of(Contracts.BL_NUMBER, Contracts.CONTAINER_ID, ModelColumns.AS_OF, ModelColumns.OFFICE,
              ModelColumns.SCORE, ModelColumns.HIT_CHANCE, ModelColumns.MODEL_VERSION, ModelColumns.REASONS,
              ModelColumns.REASON_FEATURES), containerChampion.get().features(), List.of()))
          .orderBy(col(ModelColumns.SCORE).desc(), col(Contracts.CONTAINER_ID))
          .limit(maxRows);
      rows.put(SCORED_CONTAINERS, writeCsv(files, folder, SCORED_CONTAINERS, scored));
    }
    Optional<ModelVersion> firmChampion = registry.champion(ModelKind.FIRM.modelName());
    if (hasFirms && firmChampion.isPresent()) {
      champions.put(ModelKind.FIRM.modelName(), firmChampion.get().label());
      Dataset<Row> upTo = firms.where(col(ModelColumns.AS_OF).leq(lit(Date.valueOf(date))));
      Row latest = upTo.agg(max(ModelColumns.AS_OF)).first();
      if (!latest.isNullAt(0)) {
        Dataset<Row> scored = score(registry, firmChampion.get(), firmRules, upTo.where(col(ModelColumns.AS_OF).equalTo(lit(latest.getDate(0)))))
            .select(columns(List.of(Contracts.FIRM_ID, ModelColumns.AS_OF, ModelColumns.SCORE, ModelColumns.HIT_CHANCE,
                ModelColumns.MODEL_VERSION, ModelColumns.REASONS, ModelColumns.REASON_FEATURES), firmChampion.get().features(), List.of()))
            .orderBy(col(ModelColumns.SCORE).desc(), col(Contracts.FIRM_ID))
            .limit(maxRows);
        rows.put(SCORED_FIRMS, writeCsv(files, folder, SCORED_FIRMS, scored));
      }
    }

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("date", date.toString());
    manifest.put("label_window_days", days);
    manifest.put("max_rows", maxRows);
    manifest.put("list_separator", CsvText.LIST_SEPARATOR);
    manifest.set("champions", JSON.valueToTree(champions));
    manifest.set("rows", JSON.valueToTree(rows));
    files.write(folder, MANIFEST, json(manifest));
    LOG.info("Analysis export for {} in {}: {}", date, folder, rows);
    return new Result(folder, rows);
  }

  /** Every hit and a hash-ordered sample of the non-hits, at most maxRows (hits first). */
  private Dataset<Row> sample(Dataset<Row> labelled) {
    Column isHit = col(ModelColumns.LABEL).equalTo(1.0);
    Column order = xxhash64(lit(seed), col(labelled.columns()[0]), col(labelled.columns()[1]));
    Dataset<Row> hits = labelled.where(isHit).orderBy(order).limit(maxRows);
    Dataset<Row> others = labelled.where(isHit.isNull().or(isHit.equalTo(false))).orderBy(order).limit(maxRows);
    return hits.unionByName(others).orderBy(col(ModelColumns.LABEL).desc(), order).limit(maxRows);
  }

  private Dataset<Row> score(ModelRegistry registry, ModelVersion version, List<ReasonRule> rules, Dataset<Row> rows) {
    return new ModelScorer().model(registry.load(version)).reasonRules(rules).score(rows);
  }

  private long writeVersions(OwnerOnlyFiles files, String folder, ModelRegistry registry) {
    ArrayNode versions = JSON.createArrayNode();
    for (ModelKind kind : ModelKind.values()) {
      for (ModelVersion version : registry.versions(kind.modelName())) {
        ObjectNode node = versions.addObject();
        node.put("model_name", version.modelName());
        node.put("version", version.version());
        node.put("label", version.label());
        node.put("algorithm", version.algorithm());
        node.put("status", version.status().name());
        node.put("created_at", version.createdAt().toString());
        node.put("training_cutoff", version.trainingCutoff().toString());
        node.put("code_version", version.codeVersion());
        node.put("seed", version.seed());
        node.set("params", JSON.valueToTree(version.params()));
        node.set("features", JSON.valueToTree(version.features()));
        ObjectNode metrics = node.putObject("metrics");
        version.metrics().forEach((algorithm, result) -> {
          try {
            metrics.set(algorithm, JSON.readTree(result.toJson()));
          } catch (IOException e) {
            throw CargoRiskErrors.internal("Cannot re-read the metrics of " + version.label(), e);
          }
        });
      }
    }
    files.write(folder, MODEL_VERSIONS, json(versions));
    return versions.size();
  }

  private long writeCsv(OwnerOnlyFiles files, String folder, String name, Dataset<Row> bounded) {
    List<Row> rows = bounded.collectAsList();
    files.write(folder, name, CsvText.of(bounded.schema(), rows.iterator()).getBytes(StandardCharsets.UTF_8));
    return rows.size();
  }

  private Dataset<Row> read(LakeTable table, String what) {
    return new TableIO(spark, lake).readLatest(table, what).data();
  }

  private boolean exists(LakeTable table) {
    return new TableIO(spark, lake).exists(table);
  }

  private static List<String> present(List<FeatureSpec> catalog, Dataset<Row> frame) {
    List<String> columns = List.of(frame.columns());
    return FeatureCatalog.names(catalog).stream().filter(columns::contains).toList();
  }

  private static Column[] columns(List<String> first, List<String> features, List<String> last) {
    List<Column> all = new ArrayList<>();
    first.forEach(c -> all.add(col(c)));
    features.stream().filter(f -> !first.contains(f)).forEach(f -> all.add(col("`" + f + "`")));
    last.forEach(c -> all.add(col(c)));
    return all.toArray(Column[]::new);
  }

  private static byte[] json(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw CargoRiskErrors.internal("Cannot write analysis JSON", e);
    }
  }
}
