import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Helper of .ci/fault-test.sh (run as a single-file source program): dumps every Delta table of
 * one or more small lakes, in one JVM, as sorted JSON lines that a clean run and a killed-and-
 * re-run one must share.
 *
 * <pre>java -cp CLASSPATH .ci/DumpLake.java OUT_DIR NAME=LAKE_ROOT [NAME=LAKE_ROOT...]</pre>
 *
 * <p>Writes {@code OUT_DIR/NAME/<table path with / as __>.jsonl} for every folder with a
 * {@code _delta_log} below the lake root. Columns that must differ between two runs are dropped:
 * run ids and the run's own timestamps ({@link #RUN_DEPENDENT}). The runs table keeps what two
 * equivalent runs share (job, business date, user, outcome, input files, counts) and leaves out
 * ABANDONED records (a killed run's record, written by the run that took over its lock): those go
 * to {@code NAME/runs_abandoned.jsonl} (run id, job, outcome, whether it has an end time, error);
 * {@code NAME/runs_full.json} holds the runs table with every column (for the secret check).
 */
public final class DumpLake {
  /** Columns whose values depend on the run, not on the data (bronze, quarantine, restricted). */
  static final List<String> RUN_DEPENDENT = List.of("_ingested_at", "_run_id", "run_id", "quarantined_at");

  public static void main(String[] args) throws IOException {
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("dump-lake")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    try {
      Path out = Path.of(args[0]);
      for (String pair : Arrays.copyOfRange(args, 1, args.length)) {
        String name = pair.substring(0, pair.indexOf('='));
        Path lake = Path.of(pair.substring(pair.indexOf('=') + 1));
        Path target = out.resolve(name);
        Files.createDirectories(target);
        for (Path table : tables(lake)) {
          String relative = lake.relativize(table).toString();
          String file = relative.replace("/", "__") + ".jsonl";
          Dataset<Row> rows = spark.read().format("delta").load(table.toString());
          if (relative.equals("gold/runs")) {
            // Every column, for the secret check (not compared: ids and times differ).
            write(target.resolve("runs_full.json"), rows);
            write(
                target.resolve("runs_abandoned.jsonl"),
                rows.where(functions.col("outcome").equalTo("ABANDONED"))
                    .select(
                        functions.col("run_id"),
                        functions.col("job"),
                        functions.col("outcome"),
                        functions.col("ended_at").isNull().as("no_end_time"),
                        functions.col("error_message")));
            rows =
                rows.where(functions.col("outcome").notEqual("ABANDONED"))
                    .select("job", "business_date", "user", "outcome", "input_files", "counts");
          } else if (relative.equals("restricted/access_log")) {
            // Who was handed which list: the time is the run's, and the path names the
            // scenario's own lake or export folder (lake-clean, export-killed-...), so both are
            // reduced to what two equivalent runs share.
            rows =
                rows.drop(RUN_DEPENDENT.toArray(String[]::new))
                    .drop("accessed_at")
                    .withColumn(
                        "target",
                        functions.regexp_replace(
                            functions.col("target"), "^.*/(killed-)?(lake|export)-[^/]+/", ""));
          } else {
            rows = rows.drop(RUN_DEPENDENT.toArray(String[]::new));
          }
          write(target.resolve(file), rows);
        }
      }
    } finally {
      spark.stop();
    }
  }

  private static List<Path> tables(Path lake) throws IOException {
    try (Stream<Path> paths = Files.walk(lake)) {
      return paths
          .filter(p -> p.getFileName().toString().equals("_delta_log") && Files.isDirectory(p))
          .map(Path::getParent)
          .sorted()
          .toList();
    }
  }

  /** The tables dumped here are small (hundreds to thousands of rows): collecting is fine. */
  private static void write(Path file, Dataset<Row> rows) throws IOException {
    List<String> lines = new ArrayList<>(rows.toJSON().collectAsList());
    lines.sort(null);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
