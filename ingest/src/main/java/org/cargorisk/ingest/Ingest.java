package org.cargorisk.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.grouping;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.lake.BronzeColumns;
import org.cargorisk.lake.Lake;
import org.cargorisk.lake.LakeTables;
import org.cargorisk.lake.TableCommit;
import org.cargorisk.lake.TableIO;
import org.cargorisk.validation.ReferenceChecks;
import org.cargorisk.validation.Validation;
import org.cargorisk.validation.ValidationColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one business date of landing files into the bronze history and the quarantine:
 *
 * <pre>
 *   IngestResult result = Ingest.of(spark)
 *       .landing("s3a://landing").lake(new Lake("s3a://lake")).date(LocalDate.parse("2026-03-02"))
 *       .runId(runId).ingestedAt(startedAt).pseudonymKey(key)
 *       .execute();
 * </pre>
 *
 * <ol>
 *   <li>Check every file of every source (format, CSV header, Parquet schema): an unreadable
 *       file fails the run before anything is written.
 *   <li>Read and validate each source (hard rules, all reason codes per record), cache it, and
 *       count read / accepted / quarantined per file and source in one aggregation.
 *   <li>Append every accepted record of every source, with its lineage and referential flags
 *       (firms known from the history and this run), to {@code bronze/history}: one atomic
 *       commit that replaces the dates' partitions. Nothing else in bronze is written: the
 *       current tables and the versions are derived from the history ({@link BronzeHistory}),
 *       so a night costs its own records, not a scan of every table it adds to.
 *   <li>Replace the date's rows of {@code restricted/quarantine_raw} (clear text of malformed
 *       records with personal data) and then of the quarantine table: one atomic commit each.
 * </ol>
 *
 * Each commit is idempotent, so a run killed between two commits and run again converges to the
 * result of one clean run (docs/INGEST.md).
 */
public final class Ingest {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  private static final String READ = "read";
  private static final String ACCEPTED = "accepted";
  private static final String QUARANTINED = "quarantined";
  private static final String KEYS = "keys";
  private static final String IS_TOTAL = "is_total";

  private final SparkSession spark;
  private String landing;
  private Lake lake;
  private LocalDate date;
  private LocalDate from;
  private String runId;
  private Instant ingestedAt;
  private String pseudonymKey;
  private boolean requireDailySources;
  private Consumer<TableCommit> afterCommit = commit -> {};
  /** The lake's tables for this execution (set by {@link #execute}). */
  private TableIO io;

  private Ingest(SparkSession spark) {
    this.spark = Objects.requireNonNull(spark, "spark");
  }

  public static Ingest of(SparkSession spark) {
    return new Ingest(spark);
  }

  /** Root of the landing area ({@code <source>/date=YYYY-MM-DD/} below it). */
  public Ingest landing(String landing) {
    this.landing = landing;
    return this;
  }

  public Ingest lake(Lake lake) {
    this.lake = lake;
    return this;
  }

  /** The business date to ingest (the last one of a range). */
  public Ingest date(LocalDate date) {
    this.date = date;
    return this;
  }

  /**
   * Ingests every business date from {@code first} to the {@link #date} in one batch: each
   * date's files are validated with that date's rules and keep it as {@code _business_date}, and
   * the history gets one commit. Gives the same history as ingesting the dates one by one, at a
   * fraction of the commits: what a first run or a catch-up after missed nights needs.
   */
  public Ingest from(LocalDate first) {
    this.from = first;
    return this;
  }

  public Ingest runId(String runId) {
    this.runId = runId;
    return this;
  }

  /** The run's start time: {@code _ingested_at} of written rows and {@code quarantined_at}. */
  public Ingest ingestedAt(Instant ingestedAt) {
    this.ingestedAt = ingestedAt;
    return this;
  }

  /** Key of the keyed hash that pseudonymises personal data of firms. Never logged. */
  public Ingest pseudonymKey(String pseudonymKey) {
    this.pseudonymKey = pseudonymKey;
    return this;
  }

  /**
   * Fails before reading anything when a {@linkplain LandingCheck#DAILY daily source} has no
   * files on a date of the range, naming the date, the source and the folder looked in. Without
   * it such gaps are only reported ({@link IngestResult#gaps()}): what {@code --allow-empty} asks
   * for.
   */
  public Ingest requireDailySources() {
    this.requireDailySources = true;
    return this;
  }

  /** Called after every table commit (progress reporting; tests use it to simulate a kill). */
  public Ingest afterCommit(Consumer<TableCommit> listener) {
    this.afterCommit = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public IngestResult execute() {
    requireSet("landing", landing);
    requireSet("lake", lake);
    requireSet("date", date);
    requireSet("runId", runId);
    requireSet("ingestedAt", ingestedAt);
    if (pseudonymKey == null || pseudonymKey.isEmpty()) {
      throw CargoRiskErrors.invalidConfiguration(
          "pseudonym key", "(empty)", "ingest needs a non-empty key to pseudonymise personal data");
    }
    LocalDate first = from == null ? date : from;
    if (first.isAfter(date)) {
      throw CargoRiskErrors.invalidConfiguration("from", first, "must not be after the date " + date);
    }
    LandingCheck.requireRoot(spark.sparkContext().hadoopConfiguration(), landing);
    io = new TableIO(spark, lake);
    LandingReader reader = new LandingReader(spark);

    // 1. Check every file before anything is read in full or written.
    jobGroup("check", "check landing files for " + first + ".." + date);
    Map<Source, Map<LocalDate, List<LandingFile>>> filesByDate = new EnumMap<>(Source.class);
    Map<Source, List<LandingFile>> files = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      Map<LocalDate, List<LandingFile>> byDate = new java.util.TreeMap<>();
      List<LandingFile> all = new ArrayList<>();
      for (LocalDate day = first; !day.isAfter(date); day = day.plusDays(1)) {
        List<LandingFile> dayFiles = reader.discover(landing, source, day);
        if (!dayFiles.isEmpty()) {
          byDate.put(day, dayFiles);
          all.addAll(dayFiles);
        }
      }
      filesByDate.put(source, byDate);
      files.put(source, all);
    }
    List<LandingCheck.Gap> gaps = LandingCheck.gaps(landing, filesByDate, first, date);
    if (!gaps.isEmpty()) {
      if (requireDailySources) {
        throw LandingCheck.emptyNight(gaps);
      }
      LOG.info("No landing files for a source due every day (allowed): {}", LandingCheck.describe(gaps));
    }

    Map<Source, Dataset<Row>> validated = new EnumMap<>(Source.class);
    try {
      // 2. Read, validate, cache and count each source.
      Map<Source, SourceCounts> sourceCounts = new LinkedHashMap<>();
      List<FileCounts> fileCounts = new ArrayList<>();
      for (Source source : Source.values()) {
        List<LandingFile> sourceFiles = files.get(source);
        if (sourceFiles.isEmpty()) {
          LOG.info("{} {}: no landing files, no data", source.sourceName(), date);
          sourceCounts.put(source, new SourceCounts(source, 0, 0, 0, 0, 0));
          continue;
        }
        jobGroup("validate " + source.sourceName(), "read and validate " + sourceFiles.size() + " file(s)");
        Dataset<Row> records =
            validate(reader, source, filesByDate.get(source)).persist(StorageLevel.MEMORY_AND_DISK());
        validated.put(source, records);
        sourceCounts.put(source, reconcile(source, sourceFiles, records, fileCounts));
      }

      // 3. Bronze: every accepted record of the dates, all sources, appended to the history in
      // one commit (the dates' partitions replaced, so a re-run writes the same rows).
      Map<String, Long> versions = new LinkedHashMap<>();
      Map<Source, Dataset<Row>> batches = new EnumMap<>(Source.class);
      Dataset<Row> knownFirms = knownFirms(validated.get(Source.FIRMS));
      for (Source source : Source.values()) {
        Dataset<Row> records = validated.get(source);
        if (records != null && sourceCounts.get(source).accepted() > 0) {
          batches.put(source, bronzeBatch(source, records, knownFirms));
        }
      }
      jobGroup("history", "replace bronze history rows of " + first + ".." + date);
      TableCommit history = writeHistory(batches);
      long accepted = sourceCounts.values().stream().mapToLong(SourceCounts::accepted).sum();
      if (history.metric("numOutputRows") >= 0 && history.metric("numOutputRows") != accepted) {
        throw CargoRiskErrors.internal(
            String.format(
                "Ingest for %s does not reconcile: %d records counted as accepted, but %d written to %s",
                date, accepted, history.metric("numOutputRows"), history.table()),
            null);
      }
      versions.put(history.table(), history.version());
      LOG.info(
          "{}..{}: wrote {} accepted records into {} (version {})",
          first, date, accepted, history.table(), history.version());
      afterCommit.accept(history);

      // 4. Quarantine: replace the date's rows of every source ingested, in one commit.
      jobGroup("quarantine", "replace quarantine rows of " + date);
      TableCommit quarantine = writeQuarantine(validated);
      long quarantined = sourceCounts.values().stream().mapToLong(SourceCounts::quarantined).sum();
      if (quarantine.metric("numOutputRows") >= 0 && quarantine.metric("numOutputRows") != quarantined) {
        throw CargoRiskErrors.internal(
            String.format(
                "Ingest for %s does not reconcile: %d records counted as quarantined, but %d"
                    + " written to %s",
                date, quarantined, quarantine.metric("numOutputRows"), quarantine.table()),
            null);
      }
      versions.put(quarantine.table(), quarantine.version());
      afterCommit.accept(quarantine);
      return new IngestResult(runId, date, sourceCounts, fileCounts, versions, gaps);
    } finally {
      validated.values().forEach(Dataset::unpersist);
    }
  }

  /**
   * Raw records of every file, validated with the rules of its business date (kept as {@code
   * _business_date}); firms' personal data pseudonymised.
   */
  private Dataset<Row> validate(
      LandingReader reader, Source source, Map<LocalDate, List<LandingFile>> filesByDate) {
    List<LandingFile> files = new ArrayList<>();
    Map<String, LocalDate> dates = new LinkedHashMap<>();
    filesByDate.forEach(
        (day, dayFiles) -> {
          files.addAll(dayFiles);
          dayFiles.forEach(file -> dates.put(file.path(), day));
        });
    // One read of all the files and one validation; each record is checked against the rules
    // of its own business date (the _business_date column).
    Dataset<Row> validated = Validation.validate(reader.read(files, dates), source, date);
    return Pseudonymisation.apply(validated, source, pseudonymKey);
  }

  /**
   * Read / accepted / quarantined per file and for the source, and the distinct accepted keys,
   * in one aggregation over the cached records (a rollup: per file, plus the total).
   */
  private SourceCounts reconcile(
      Source source, List<LandingFile> sourceFiles, Dataset<Row> records, List<FileCounts> fileCounts) {
    Column accepted = size(col(ValidationColumns.REASONS)).equalTo(0);
    Column keys = struct(source.naturalKey().stream().map(c -> col(c)).toArray(Column[]::new));
    List<Row> rows =
        records
            .rollup(col(BronzeColumns.SOURCE_FILE))
            .agg(
                count(lit(1)).as(READ),
                sum(when(accepted, 1L).otherwise(0L)).as(ACCEPTED),
                sum(when(accepted, 0L).otherwise(1L)).as(QUARANTINED),
                count_distinct(when(accepted, keys)).as(KEYS),
                grouping(col(BronzeColumns.SOURCE_FILE)).as(IS_TOTAL))
            .collectAsList();
    Map<String, FileCounts> perFile = new LinkedHashMap<>();
    SourceCounts total = new SourceCounts(source, sourceFiles.size(), 0, 0, 0, 0);
    for (Row row : rows) {
      long read = row.getLong(row.fieldIndex(READ));
      long ok = row.getLong(row.fieldIndex(ACCEPTED));
      long bad = row.getLong(row.fieldIndex(QUARANTINED));
      if (row.getByte(row.fieldIndex(IS_TOTAL)) == 1) {
        total =
            new SourceCounts(source, sourceFiles.size(), read, ok, bad, row.getLong(row.fieldIndex(KEYS)));
      } else {
        String file = row.getString(row.fieldIndex(BronzeColumns.SOURCE_FILE));
        perFile.put(file, new FileCounts(source, file, read, ok, bad));
      }
    }
    long sumOfFiles = 0;
    for (LandingFile file : sourceFiles) {
      // A file with a header and no records has no group: it read 0.
      FileCounts counts = perFile.getOrDefault(file.path(), new FileCounts(source, file.path(), 0, 0, 0));
      if (!counts.reconciles()) {
        throw notReconciled(source, file.path(), counts.read(), counts.accepted(), counts.quarantined());
      }
      sumOfFiles += counts.read();
      fileCounts.add(counts);
    }
    if (!total.reconciles() || sumOfFiles != total.read() || perFile.size() > sourceFiles.size()) {
      throw notReconciled(source, "all files", total.read(), total.accepted(), total.quarantined());
    }
    LOG.info(
        "{} {}: read {}, accepted {}, quarantined {} in {} file(s)",
        source.sourceName(), date, total.read(), total.accepted(), total.quarantined(), sourceFiles.size());
    return total;
  }

  private RuntimeException notReconciled(Source source, String file, long read, long accepted, long quarantined) {
    return CargoRiskErrors.internal(
        String.format(
            "Ingest of %s for %s does not reconcile in %s: read %d != accepted %d + quarantined %d",
            source.sourceName(), date, file, read, accepted, quarantined),
        null);
  }

  /** Accepted records with bronze lineage and referential flags, before deduplication. */
  private Dataset<Row> bronzeBatch(Source source, Dataset<Row> records, Dataset<Row> knownFirms) {
    List<Column> columns = new ArrayList<>();
    source.columns().forEach(c -> columns.add(col(c.name())));
    columns.add(lit(ingestedAt).as(BronzeColumns.INGESTED_AT));
    columns.add(col(BronzeColumns.SOURCE_FILE));
    columns.add(col(BronzeColumns.LINE_NUMBER));
    columns.add(col(BronzeColumns.BUSINESS_DATE));
    columns.add(lit(runId).as(BronzeColumns.RUN_ID));
    Dataset<Row> accepted =
        records.filter(size(col(ValidationColumns.REASONS)).equalTo(0)).select(columns.toArray(Column[]::new));
    return ReferenceChecks.withQualityFlags(
        accepted, source, ReferenceChecks.firmReferences(source).isEmpty() ? null : knownFirms);
  }

  /**
   * The firm ids known once this run's firms are in: every firm of the history (at its version
   * before this run's commit, pinned, so the commit that replaces the dates' rows does not change
   * what the flags were computed against) and the run's accepted firms.
   */
  private Dataset<Row> knownFirms(Dataset<Row> validatedFirms) {
    Dataset<Row> known =
        spark.createDataFrame(
            List.of(), new org.apache.spark.sql.types.StructType().add(Contracts.FIRM_ID, "string"));
    if (io.latestVersion(LakeTables.HISTORY).isPresent()) {
      known = BronzeHistory.knownBy(io.readLatest(LakeTables.HISTORY, "bronze history").data(), Source.FIRMS, null)
          .select(col(Contracts.FIRM_ID));
    }
    if (validatedFirms != null) {
      known =
          known.unionByName(
              validatedFirms.filter(size(col(ValidationColumns.REASONS)).equalTo(0)).select(col(Contracts.FIRM_ID)));
    }
    return known;
  }

  /**
   * Replaces the dates' rows of {@code restricted/quarantine_raw}: the clear raw text of the
   * quarantined records whose raw text the quarantine shows redacted ({@link Pseudonymisation}).
   * Written before the quarantine, whose rows point to it by run id, file and line; its folder
   * is owner-only.
   */
  private void writeRestrictedRaw(Map<Source, Dataset<Row>> validated) {
    RestrictedFolder.ensureOwnerOnly(spark.sparkContext().hadoopConfiguration(), lake.restricted());
    io.createIfMissing(LakeTables.QUARANTINE_RAW, IngestColumns.QUARANTINE_RAW_SCHEMA, Map.of());
    Dataset<Row> restricted = spark.createDataFrame(List.of(), IngestColumns.QUARANTINE_RAW_SCHEMA);
    for (Map.Entry<Source, Dataset<Row>> entry : validated.entrySet()) {
      if (entry.getKey().personalColumns().isEmpty()) {
        continue;
      }
      restricted =
          restricted.unionByName(
              entry
                  .getValue()
                  .filter(size(col(ValidationColumns.REASONS)).gt(0).and(col(Pseudonymisation.RESTRICTED_RAW).isNotNull()))
                  .select(
                      lit(runId).as(IngestColumns.Q_RUN_ID),
                      lit(entry.getKey().sourceName()).as(IngestColumns.Q_SOURCE),
                      col(BronzeColumns.BUSINESS_DATE).as(IngestColumns.Q_BUSINESS_DATE),
                      col(BronzeColumns.SOURCE_FILE).as(IngestColumns.Q_FILE),
                      col(BronzeColumns.LINE_NUMBER).as(IngestColumns.Q_LINE_NUMBER),
                      col(Pseudonymisation.RESTRICTED_RAW).as(IngestColumns.Q_RAW_RECORD),
                      col(ValidationColumns.REASONS).as(IngestColumns.Q_REASON_CODES),
                      lit(ingestedAt).as(IngestColumns.Q_QUARANTINED_AT)));
    }
    io.replacePartitions(LakeTables.QUARANTINE_RAW, restricted, datesPredicate(IngestColumns.Q_BUSINESS_DATE));
    RestrictedFolder.ensureOwnerOnly(spark.sparkContext().hadoopConfiguration(), lake.restricted());
  }

  /** The run's dates [from, date] as a predicate on a date column (replaceWhere). */
  private String datesPredicate(String column) {
    return column + " >= DATE'" + (from == null ? date : from) + "' AND " + column + " <= DATE'" + date + "'";
  }


  /**
   * Replaces the dates' rows of {@code bronze/history}: every accepted record of every source
   * read, before deduplication (amendments and re-sent records each keep their row), with the
   * bronze lineage. Sources with nothing accepted add no rows; rows of the dates written before
   * (an earlier run of the same dates) are replaced as a whole, as the quarantine's are.
   */
  private TableCommit writeHistory(Map<Source, Dataset<Row>> batches) {
    io.createIfMissing(LakeTables.HISTORY, IngestColumns.HISTORY_SCHEMA, Map.of());
    Dataset<Row> rows = spark.createDataFrame(List.of(), IngestColumns.HISTORY_SCHEMA);
    for (Map.Entry<Source, Dataset<Row>> entry : batches.entrySet()) {
      rows = rows.unionByName(BronzeHistory.rows(entry.getKey(), entry.getValue()));
    }
    // One file per date (a catch-up of 90 dates: 90 files, not one per source task and date),
    // sorted by source so that a reader of one source skips the others' row groups.
    rows =
        rows.repartition(col(BronzeColumns.BUSINESS_DATE))
            .sortWithinPartitions(col(BronzeColumns.BUSINESS_DATE), col(IngestColumns.H_SOURCE));
    io.replacePartitions(LakeTables.HISTORY, rows, datesPredicate(BronzeColumns.BUSINESS_DATE));
    return io.lastCommit(LakeTables.HISTORY);
  }

  private TableCommit writeQuarantine(Map<Source, Dataset<Row>> validated) {
    writeRestrictedRaw(validated);
    io.createIfMissing(LakeTables.QUARANTINE, IngestColumns.QUARANTINE_SCHEMA, Map.of());
    Dataset<Row> rejected = spark.createDataFrame(List.of(), IngestColumns.QUARANTINE_SCHEMA);
    for (Map.Entry<Source, Dataset<Row>> entry : validated.entrySet()) {
      Dataset<Row> rows =
          entry
              .getValue()
              .filter(size(col(ValidationColumns.REASONS)).gt(0))
              .select(
                  lit(entry.getKey().sourceName()).as(IngestColumns.Q_SOURCE),
                  col(BronzeColumns.BUSINESS_DATE).as(IngestColumns.Q_BUSINESS_DATE),
                  col(BronzeColumns.SOURCE_FILE).as(IngestColumns.Q_FILE),
                  col(BronzeColumns.LINE_NUMBER).as(IngestColumns.Q_LINE_NUMBER),
                  col(IngestColumns.RAW_RECORD).as(IngestColumns.Q_RAW_RECORD),
                  col(ValidationColumns.REASONS).as(IngestColumns.Q_REASON_CODES),
                  lit(runId).as(IngestColumns.Q_RUN_ID),
                  lit(ingestedAt).as(IngestColumns.Q_QUARANTINED_AT));
      rejected = rejected.unionByName(rows);
    }
    // Every source is ingested for the date (an absent folder is 0 records), so the date's rows
    // of all sources are replaced; old rows of a source that has no folder any more go too.
    io.replacePartitions(LakeTables.QUARANTINE, rejected, datesPredicate(IngestColumns.Q_BUSINESS_DATE));
    return io.lastCommit(LakeTables.QUARANTINE);
  }

  private void jobGroup(String step, String description) {
    spark
        .sparkContext()
        .setJobGroup("INGEST " + date + " " + step, description + " (run " + runId + ")", false);
  }

  private static void requireSet(String name, Object value) {
    if (value == null) {
      throw CargoRiskErrors.misuse("Ingest", name + " is not set; set it on the builder before execute()");
    }
  }

}
