import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Test helper of .ci/cluster-s3-test.sh (run as a single-file source program): prints the rows of
 * a small Delta table as JSON lines, without the given columns.
 *
 * <pre>java -cp CLASSPATH .ci/DumpTable.java TABLE_PATH [DROPPED_COLUMN...]</pre>
 */
public final class DumpTable {
  public static void main(String[] args) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("dump-table")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    try {
      Dataset<Row> table = spark.read().format("delta").load(args[0]);
      String[] dropped = Arrays.copyOfRange(args, 1, args.length);
      Dataset<Row> kept = table.drop(dropped);
      // The tables dumped here are small (tens to thousands of rows): collecting them is fine.
      // The caller sorts the lines (map columns cannot be sorted in Spark).
      for (String line : kept.toJSON().collectAsList()) {
        System.out.println(line);
      }
    } finally {
      spark.stop();
    }
  }
}
