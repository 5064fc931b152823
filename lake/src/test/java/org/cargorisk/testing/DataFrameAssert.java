package org.cargorisk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.assertj.core.api.Assertions;

/**
 * Compares two small DataFrames row by row, sorted by all columns, and names the first row and
 * column that differ. Doubles compare with a tolerance. Only for test-sized data: it collects.
 */
public final class DataFrameAssert {
  private static final double TOLERANCE = 1e-9;

  private DataFrameAssert() {}

  public static void assertSameRows(Dataset<Row> actual, Dataset<Row> expected) {
    assertThat(actual.columns())
        .as("columns")
        .containsExactly(expected.columns());
    Column[] order =
        Arrays.stream(expected.columns()).map(c -> actual.col(c).asc_nulls_first()).toArray(Column[]::new);
    Column[] expectedOrder =
        Arrays.stream(expected.columns())
            .map(c -> expected.col(c).asc_nulls_first())
            .toArray(Column[]::new);
    List<Row> actualRows = actual.orderBy(order).collectAsList();
    List<Row> expectedRows = expected.orderBy(expectedOrder).collectAsList();
    assertSameRows(actualRows, expectedRows, expected.columns());
  }

  public static void assertSameRows(List<Row> actualRows, List<Row> expectedRows, String[] columns) {
    List<String> problems = new ArrayList<>();
    int rows = Math.min(actualRows.size(), expectedRows.size());
    for (int i = 0; i < rows && problems.size() < 10; i++) {
      Row a = actualRows.get(i);
      Row e = expectedRows.get(i);
      for (int c = 0; c < columns.length; c++) {
        if (!sameValue(a.get(c), e.get(c))) {
          problems.add(
              String.format(
                  "row %d, column %s: expected <%s> but was <%s>%n  expected row: %s%n  actual row:   %s",
                  i, columns[c], e.get(c), a.get(c), e, a));
          break;
        }
      }
    }
    if (actualRows.size() != expectedRows.size()) {
      problems.add(
          "expected "
              + expectedRows.size()
              + " rows but was "
              + actualRows.size()
              + (actualRows.size() > expectedRows.size()
                  ? "; first extra row: " + actualRows.get(expectedRows.size())
                  : "; first missing row: " + expectedRows.get(actualRows.size())));
    }
    if (!problems.isEmpty()) {
      Assertions.fail("DataFrames differ:%n%s", String.join("\n", problems));
    }
  }

  private static boolean sameValue(Object a, Object e) {
    if (a instanceof Double da && e instanceof Double de) {
      return (da.isNaN() && de.isNaN()) || Math.abs(da - de) <= TOLERANCE * Math.max(1, Math.abs(de));
    }
    if (a instanceof scala.collection.Seq<?> sa && e instanceof scala.collection.Seq<?> se) {
      return sa.equals(se);
    }
    return Objects.equals(a, e);
  }
}
