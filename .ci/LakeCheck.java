import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Test helper of .ci/cluster-s3-test.sh (run as a single-file source program, one JVM for all
 * checks): compares the scan lists and firm lists of lakes with a reference lake, proves the
 * comparison detects real differences, and dumps tables as JSON lines for the secret search.
 *
 * <pre>
 * java -cp CLASSPATH .ci/LakeCheck.java --reference LAKE [--tolerance 1e-9] [--self-check]
 *     [--compare NAME=LAKE[@SCAN_VERSION,FIRM_VERSION]]... [--dump DIR]
 * </pre>
 *
 * <p>Scan lists are compared per (business_date, office, rank) on container, B/L, selection
 * (RULE/MODEL/RANDOM), reasons and score (within the tolerance); firm lists per (business_date,
 * rank) on firm, score and reasons. Every check prints one {@code PASS: } or {@code FAIL: }
 * line; the exit code is 1 when any check failed. {@code --dump} writes the runs, scan_list,
 * firm_risk, quarantine and model_registry rows of every compared lake to DIR/NAME-TABLE.jsonl.
 */
public final class LakeCheck {
  private static final String SCAN_LIST = "gold/scan_list";
  private static final String FIRM_RISK = "gold/firm_risk";
  private static final List<String> DUMPED =
      List.of("gold/runs", SCAN_LIST, FIRM_RISK, "gold/model_registry", "quarantine");

  private static final List<String> SCAN_KEY = List.of("business_date", "office", "rank");
  private static final List<String> SCAN_EXACT =
      List.of("container_id", "bl_number", "selection", "reasons");
  private static final List<String> FIRM_KEY = List.of("business_date", "rank");
  private static final List<String> FIRM_EXACT = List.of("firm_id", "reasons");
  private static final String SCORE = "score";
  /** Differing rows printed per failed comparison. */
  private static final int SHOWN = 10;

  private final SparkSession spark;
  private final double tolerance;
  private int failures;

  private LakeCheck(SparkSession spark, double tolerance) {
    this.spark = spark;
    this.tolerance = tolerance;
  }

  public static void main(String[] args) throws IOException {
    String reference = null;
    double tolerance = 1e-9;
    boolean selfCheck = false;
    Path dump = null;
    List<String> compared = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reference" -> reference = args[++i];
        case "--tolerance" -> tolerance = Double.parseDouble(args[++i]);
        case "--self-check" -> selfCheck = true;
        case "--compare" -> compared.add(args[++i]);
        case "--dump" -> dump = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (reference == null) {
      throw new IllegalArgumentException("--reference LAKE is required");
    }
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("lake-check")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    LakeCheck check = new LakeCheck(spark, tolerance);
    try {
      check.run(reference, selfCheck, compared, dump);
    } catch (Exception e) { // Spark's AnalysisException is a checked exception
      check.fail("lake check crashed: " + e);
    } finally {
      spark.stop();
    }
    System.exit(check.failures == 0 ? 0 : 1);
  }

  private void run(String reference, boolean selfCheck, List<String> compared, Path dump)
      throws IOException {
    Dataset<Row> referenceScans = read(reference, SCAN_LIST, -1).cache();
    Dataset<Row> referenceFirms = read(reference, FIRM_RISK, -1).cache();
    checkReference(referenceScans, referenceFirms);
    if (selfCheck) {
      selfCheck(referenceScans, referenceFirms);
    }
    for (String spec : compared) {
      int eq = spec.indexOf('=');
      String name = spec.substring(0, eq);
      String lake = spec.substring(eq + 1);
      long scanVersion = -1;
      long firmVersion = -1;
      int at = lake.lastIndexOf('@');
      if (at > 0) {
        String[] versions = lake.substring(at + 1).split(",");
        scanVersion = Long.parseLong(versions[0]);
        firmVersion = Long.parseLong(versions[1]);
        lake = lake.substring(0, at);
      }
      report(
          name + " scan lists",
          compare(referenceScans, read(lake, SCAN_LIST, scanVersion), SCAN_KEY, SCAN_EXACT));
      report(
          name + " firm lists",
          compare(referenceFirms, read(lake, FIRM_RISK, firmVersion), FIRM_KEY, FIRM_EXACT));
      if (dump != null) {
        dump(lake, name, dump);
      }
    }
  }

  /** The reference must be worth comparing with: non-empty lists, scored by a trained model. */
  private void checkReference(Dataset<Row> scans, Dataset<Row> firms) {
    Row summary =
        scans
            .agg(
                org.apache.spark.sql.functions.count(lit(1)),
                org.apache.spark.sql.functions.countDistinct(col("business_date")),
                org.apache.spark.sql.functions.countDistinct(col("office")),
                org.apache.spark.sql.functions.sum(
                    when(col("selection").equalTo("MODEL").and(col(SCORE).isNotNull()), 1)
                        .otherwise(0)),
                org.apache.spark.sql.functions.countDistinct(col("model_version")))
            .first();
    long rows = summary.getLong(0);
    long dates = summary.getLong(1);
    long offices = summary.getLong(2);
    long modelPicks = summary.isNullAt(3) ? 0 : summary.getLong(3);
    long models = summary.getLong(4);
    long firmRows = firms.count();
    String figures =
        String.format(
            Locale.ROOT,
            "%d scan-list rows over %d dates and %d offices, %d MODEL picks (%d model version(s)),"
                + " %d firm-list rows",
            rows,
            dates,
            offices,
            modelPicks,
            models,
            firmRows);
    if (rows > 0 && modelPicks > 0 && models > 0 && firmRows > 0) {
      pass("reference: " + figures);
    } else {
      fail("reference is empty or unscored (no trained model?): " + figures);
    }
  }

  /**
   * Proves that the comparison fails on real differences: each mutation of the reference (one
   * score moved by 100 tolerances, two containers swapped, one row dropped, one selection
   * changed, one firm score moved) must be reported, and the reference must equal itself.
   */
  private void selfCheck(Dataset<Row> scans, Dataset<Row> firms) {
    // Ranks 1 and 2 of the first list that has two rows.
    Row second =
        scans.where(col("rank").equalTo(2))
            .orderBy(SCAN_KEY.stream().map(c -> col(c)).toArray(Column[]::new))
            .first();
    Column secondRow = keyEquals(second, SCAN_KEY);
    Column firstRow =
        col("business_date").equalTo(second.getAs("business_date"))
            .and(col("office").equalTo(second.getAs("office")))
            .and(col("rank").equalTo(1));
    String firstContainer =
        scans.filter(firstRow).select("container_id").as(Encoders.STRING()).first();
    String secondContainer = second.getAs("container_id");
    double moved = tolerance * 100;

    List<String> problems = new ArrayList<>();
    expectDifferences(problems, "reference vs itself", compare(scans, scans, SCAN_KEY, SCAN_EXACT), 0);
    expectDifferences(
        problems,
        "a score moved by " + moved,
        compare(scans, scans.withColumn(SCORE, when(firstRow, col(SCORE).plus(moved)).otherwise(col(SCORE))),
            SCAN_KEY, SCAN_EXACT),
        1);
    expectDifferences(
        problems,
        "two containers swapped",
        compare(
            scans,
            scans.withColumn(
                "container_id",
                when(firstRow, lit(secondContainer))
                    .when(secondRow, lit(firstContainer))
                    .otherwise(col("container_id"))),
            SCAN_KEY,
            SCAN_EXACT),
        2);
    expectDifferences(
        problems, "a row dropped", compare(scans, scans.filter(not(firstRow)), SCAN_KEY, SCAN_EXACT), 1);
    expectDifferences(
        problems,
        "a selection changed",
        compare(
            scans,
            scans.withColumn("selection", when(firstRow, lit("CHANGED")).otherwise(col("selection"))),
            SCAN_KEY,
            SCAN_EXACT),
        1);
    Row firstFirm = firms.orderBy(col("business_date"), col("rank")).first();
    Column firstFirmRow = keyEquals(firstFirm, FIRM_KEY);
    expectDifferences(
        problems,
        "a firm score moved by " + moved,
        compare(
            firms,
            firms.withColumn(SCORE, when(firstFirmRow, col(SCORE).plus(moved)).otherwise(col(SCORE))),
            FIRM_KEY,
            FIRM_EXACT),
        1);
    if (problems.isEmpty()) {
      pass("comparer self-check: 5 planted differences detected, none on identical lists");
    } else {
      fail("comparer self-check: " + String.join("; ", problems));
    }
  }

  private static void expectDifferences(
      List<String> problems, String what, Differences differences, long expected) {
    if (differences.count() != expected) {
      problems.add(what + ": " + differences.count() + " differing rows, expected " + expected);
    }
  }

  private static Column keyEquals(Row row, List<String> key) {
    Column condition = lit(true);
    for (String column : key) {
      condition = condition.and(col(column).equalTo(row.getAs(column)));
    }
    return condition;
  }

  /** Rows of the reference and of the actual list that differ, by key. */
  private record Differences(long count, long referenceRows, long actualRows, List<String> shown) {}

  private Differences compare(
      Dataset<Row> reference, Dataset<Row> actual, List<String> key, List<String> exact) {
    Dataset<Row> left = prefixed(reference, key, exact, "r_");
    Dataset<Row> right = prefixed(actual, key, exact, "a_");
    Dataset<Row> joined = left.join(right, key.toArray(String[]::new), "full_outer");
    Column differs = col("r_present").isNull().or(col("a_present").isNull());
    for (String column : exact) {
      differs = differs.or(col("r_" + column).eqNullSafe(col("a_" + column)).equalTo(false));
    }
    Column scoresAgree =
        col("r_" + SCORE).isNull().and(col("a_" + SCORE).isNull())
            .or(abs(col("r_" + SCORE).minus(col("a_" + SCORE))).leq(tolerance));
    differs = differs.or(when(scoresAgree, lit(false)).otherwise(lit(true)));
    Dataset<Row> different =
        joined.filter(differs).orderBy(key.stream().map(c -> col(c)).toArray(Column[]::new)).cache();
    long count = different.count();
    List<String> shown = new ArrayList<>();
    for (String line : different.drop("r_present", "a_present").limit(SHOWN).toJSON().collectAsList()) {
      shown.add(line);
    }
    different.unpersist();
    return new Differences(count, reference.count(), actual.count(), shown);
  }

  private static Dataset<Row> prefixed(
      Dataset<Row> table, List<String> key, List<String> exact, String prefix) {
    List<Column> columns = new ArrayList<>();
    key.forEach(c -> columns.add(col(c)));
    exact.forEach(c -> columns.add(col(c).as(prefix + c)));
    columns.add(col(SCORE).as(prefix + SCORE));
    columns.add(lit(true).as(prefix + "present"));
    return table.select(columns.toArray(Column[]::new));
  }

  private void report(String what, Differences differences) {
    if (differences.count() == 0 && differences.actualRows() > 0) {
      pass(
          String.format(
              Locale.ROOT,
              "%s equal the reference (%d rows; scores within %.0e)",
              what,
              differences.actualRows(),
              tolerance));
    } else {
      fail(
          String.format(
              Locale.ROOT,
              "%s differ from the reference: %d differing keys (reference %d rows, actual %d);"
                  + " first ones (r_ = reference, a_ = actual):%n  %s",
              what,
              differences.count(),
              differences.referenceRows(),
              differences.actualRows(),
              String.join(System.lineSeparator() + "  ", differences.shown())));
    }
  }

  private Dataset<Row> read(String lake, String table, long version) {
    var reader = spark.read().format("delta");
    if (version >= 0) {
      reader = reader.option("versionAsOf", version);
    }
    return reader.load(lake + "/" + table);
  }

  /** The tables of a test lake are small (at most thousands of rows): collecting them is fine. */
  private void dump(String lake, String name, Path directory) throws IOException {
    Files.createDirectories(directory);
    for (String table : DUMPED) {
      Path file = directory.resolve(name + "-" + table.replace('/', '-') + ".jsonl");
      String path = lake + "/" + table;
      if (table.equals("quarantine") && !DeltaTable.isDeltaTable(spark, path)) {
        continue; // a lake without rejected records has no quarantine table
      }
      List<String> lines = read(lake, table, -1).toJSON().collectAsList();
      Files.write(file, lines, StandardCharsets.UTF_8);
    }
  }

  private void pass(String message) {
    System.out.println("PASS: " + message);
  }

  private void fail(String message) {
    failures++;
    System.out.println("FAIL: " + message);
  }
}
