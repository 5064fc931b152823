package org.cargorisk.amlsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.contracts.Contracts;
import org.cargorisk.contracts.Source;
import org.cargorisk.testing.SparkTestSession;
import org.cargorisk.testing.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmlsimAdapterTest {
  private final SparkSession spark = SparkTestSession.get();

  @TempDir Path folder;

  @Test
  void mapsAccountsToFirmsAndStepsToBookingDays() throws IOException {
    write(
        "nodeid,isFraud,init_balance,fraudStep\n0,0,184.44,-1\n1,1,175.80,24\n2,0,10.00,-1\n",
        "sourceNodeId,targetNodeId,value,time\n0,1,147.8,1\n1,2,104.06,3\n1,2,104.06,3\n");

    AmlsimData data = AmlsimAdapter.read(spark, folder.toString(), LocalDate.parse("2026-01-01"));

    assertThat(data.asOf()).isEqualTo(LocalDate.parse("2026-01-04"));
    assertThat(data.transactions().columns())
        .containsExactlyElementsOf(Source.TRANSACTIONS.columns().stream().map(c -> c.name()).toList());
    List<Row> txns = data.transactions().orderBy(Contracts.BOOKED_AT, Contracts.PAYER_ID).collectAsList();
    assertThat(txns).hasSize(3);
    Row first = txns.get(0);
    assertThat(first.<Timestamp>getAs(Contracts.BOOKED_AT))
        .isEqualTo(Timestamp.from(Instant.parse("2026-01-02T12:00:00Z")));
    assertThat(first.<String>getAs(Contracts.PAYER_ID)).isEqualTo("A0");
    assertThat(first.<String>getAs(Contracts.PAYEE_ID)).isEqualTo("A1");
    assertThat(first.<Double>getAs(Contracts.AMOUNT)).isEqualTo(147.8);
    assertThat(first.<String>getAs(Contracts.CHANNEL)).isEqualTo("WIRE");
    // Exact duplicate rows stay two payments with two ids.
    assertThat(data.transactions().select(Contracts.TXN_ID).distinct().count()).isEqualTo(3);

    List<Row> accounts = data.accounts().orderBy(Contracts.FIRM_ID).collectAsList();
    assertThat(accounts).extracting(r -> r.getString(0)).containsExactly("A0", "A1", "A2");
    assertThat(accounts).extracting(r -> r.getInt(1)).containsExactly(0, 1, 0);
    assertThat(data.firms().orderBy(Contracts.FIRM_ID).first().<String>getAs(Contracts.NAME))
        .isEqualTo("AMLSim account 0");
  }

  @Test
  void refusesAMissingFileOrAWrongHeader() throws IOException {
    assertThatThrownBy(() -> AmlsimAdapter.read(spark, folder.toString()))
        .hasMessageContaining("nodes.csv")
        .hasMessageContaining("--data");
    write(
        "nodeid,isFraud,init_balance,fraudStep\n0,0,1.0,-1\n",
        "from,to,value,time\n0,1,147.8,1\n");
    assertThatThrownBy(() -> AmlsimAdapter.read(spark, folder.toString()))
        .hasMessageContaining("sourceNodeId");
  }

  @Test
  void readsTheSharedSample() {
    Optional<Path> sample = TestPaths.sharedData("amlsim-20k-cycle200");
    assumeTrue(sample.isPresent(), "skipped: ../shared/data/amlsim-20k-cycle200 is absent");
    AmlsimData data = AmlsimAdapter.read(spark, sample.get().toString());
    Row counts =
        data.accounts()
            .agg(
                org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.sum(AmlsimAdapter.IS_FRAUD))
            .first();
    assertThat(counts.getLong(0)).isEqualTo(20_000);
    assertThat(counts.getLong(1)).isEqualTo(945);
    assertThat(data.transactions().count()).isEqualTo(117_805);
    assertThat(data.asOf()).isEqualTo(AmlsimAdapter.DEFAULT_BASE_DATE.plusDays(149));
  }

  private void write(String nodes, String transactions) throws IOException {
    Files.writeString(folder.resolve(AmlsimAdapter.NODES_FILE), nodes);
    Files.writeString(folder.resolve(AmlsimAdapter.TRANSACTIONS_FILE), transactions);
  }
}
