package org.cargorisk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.lake.Lake;
import org.cargorisk.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {
  private static final LocalDate DATE = LocalDate.parse("2026-03-31");
  private static final Instant AT = Instant.parse("2026-03-31T22:15:00Z");

  @Test
  void eachLookIsOneRowWithAPseudonymisedAccountAndTheTableRefusesDeletes(@TempDir Path dir)
      throws IOException {
    SparkSession spark = SparkTestSession.get();
    Lake lake = new Lake(dir.resolve("lake").toString());
    AccessLog log = new AccessLog(spark, lake);
    AccessLog.Who who = AccessLog.Who.pseudonymised("test-key", "alice", "customs-nl", "data-engineer");
    log.append(
        who,
        "score",
        "nightly-1",
        AT,
        List.of(
            new AccessLog.Look(AccessLog.Kind.SCAN_LIST, "NLRTM", DATE, 12L, "/export/NLRTM/2026-03-31/a.csv"),
            new AccessLog.Look(AccessLog.Kind.FIRM_LIST, null, DATE, 500L, lake.firmRisk())));
    log.append(who, "report", "report-1", AT.plusSeconds(60),
        List.of(new AccessLog.Look(AccessLog.Kind.RUN_REPORT, null, null, null, "/export/reports/run_1.html")));

    List<Row> rows = log.read().orderBy(AccessLog.ACCESSED_AT, AccessLog.LOOKUP_KIND).collectAsList();
    assertThat(rows).hasSize(3);
    assertThat(log.read().schema().fieldNames()).containsExactly(AccessLog.SCHEMA.fieldNames());
    Row scanList = rows.stream().filter(r -> "SCAN_LIST".equals(r.getAs(AccessLog.LOOKUP_KIND))).findFirst().orElseThrow();
    assertThat(scanList.<String>getAs(AccessLog.OFFICE)).isEqualTo("NLRTM");
    assertThat(scanList.<Long>getAs(AccessLog.ROWS)).isEqualTo(12L);
    assertThat(scanList.<java.sql.Date>getAs(AccessLog.BUSINESS_DATE).toLocalDate()).isEqualTo(DATE);
    assertThat(scanList.<String>getAs(AccessLog.RUN_ID)).isEqualTo("nightly-1");
    assertThat(scanList.<String>getAs(AccessLog.ORGANISATION)).isEqualTo("customs-nl");
    assertThat(scanList.<String>getAs(AccessLog.CONTAINER_ID)).isNull();
    // The keyed hash of directors' names: equal under one key, unreadable without it.
    assertThat(rows).extracting(r -> r.<String>getAs(AccessLog.ACCOUNT))
        .containsOnly(KeyedHash.of("test-key", "alice"))
        .doesNotContain("alice");
    assertThat(KeyedHash.of("test-key", "alice")).isNotEqualTo(KeyedHash.of("other-key", "alice")).hasSize(64);

    // Append-only: a recorded look cannot be removed or rewritten.
    assertThatThrownBy(() -> DeltaTable.forPath(spark, lake.accessLog()).delete())
        .hasMessageContaining("only allow appends");
    assertThat(log.read().count()).isEqualTo(3);

    // Restricted: the folder and every file of the table are owner-only.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(lake.restricted()))))
        .isEqualTo("rwx------");
    try (Stream<Path> paths = Files.walk(Path.of(lake.accessLog()))) {
      for (Path path : paths.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
            .as(path.toString())
            .endsWith("------");
      }
    }
  }
}
