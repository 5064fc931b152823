package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.cargorisk.errors.CargoRiskErrors;
import org.junit.jupiter.api.Test;

class StorageProblemTest {
  @Test
  void anUnreachableStoreDeepInTheCauseChainIsAStorageProblem() {
    Exception sparkFailure =
        new RuntimeException(
            "Job aborted due to stage failure",
            new IOException(
                "getFileStatus on s3a://bucket/lake", new ConnectException("Connection refused")));
    assertThat(SparkJob.isStorageProblem(sparkFailure)).isTrue();
  }

  @Test
  void logicErrorsAndCargoRiskErrorsAreNot() {
    assertThat(SparkJob.isStorageProblem(new IllegalStateException("bug"))).isFalse();
    Exception known =
        CargoRiskErrors.storageFailure("Cannot read x", new IOException("Connection refused"));
    assertThat(SparkJob.isStorageProblem(new RuntimeException(known))).isFalse();
  }

  @Test
  void theFailedPathIsTheFirstStorageUriInTheCauseChainNotTheEndpoint() {
    Exception sparkFailure =
        new RuntimeException(
            "Job aborted due to stage failure",
            new IOException(
                "getFileStatus on s3a://bucket/lake/gold/runs/_delta_log: "
                    + "SdkClientException: Unable to execute HTTP request to http://127.0.0.1:9878",
                new ConnectException("Connection refused")));
    assertThat(SparkJob.storagePath(sparkFailure)).contains("s3a://bucket/lake/gold/runs/_delta_log");
    assertThat(SparkJob.storagePath(new IOException("Connection refused"))).isEmpty();
  }
}
