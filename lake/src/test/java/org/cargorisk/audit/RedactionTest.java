package org.cargorisk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void secretOptionValuesAreRedactedInBothForms() {
    List<String> redacted =
        Redaction.redactArguments(
            List.of(
                "--date", "2026-03-31",
                "--secret-key", "AKIAVERYSECRET",
                "--access-key=AKIAALSOSECRET",
                "spark.hadoop.fs.s3a.secret.key=hunter2",
                "--lake", "s3a://AKIA:SECRET@bucket/lake"));
    assertThat(String.join(" ", redacted))
        .doesNotContain("AKIAVERYSECRET", "AKIAALSOSECRET", "hunter2", "SECRET@")
        .contains("--date 2026-03-31")
        .contains("--secret-key *****")
        .contains("--access-key=*****")
        .contains("s3a://*****@bucket/lake");
  }

  @Test
  void ordinaryKeysAreNotSecrets() {
    assertThat(Redaction.isSecretKey("--lake")).isFalse();
    assertThat(Redaction.isSecretKey("fs.s3a.endpoint")).isFalse();
    assertThat(Redaction.isSecretKey("fs.s3a.access.key")).isTrue();
    assertThat(Redaction.isSecretKey("AWS_SECRET_ACCESS_KEY")).isTrue();
  }

  @Test
  void theS3EncryptionKeyIsASecretButItsAlgorithmIsNot() {
    assertThat(Redaction.isSecretKey("spark.hadoop.fs.s3a.encryption.key")).isTrue();
    assertThat(Redaction.isSecretKey("spark.hadoop.fs.s3a.server-side-encryption.key")).isTrue();
    assertThat(Redaction.isSecretKey("spark.hadoop.fs.s3a.encryption.algorithm")).isFalse();
    assertThat(Redaction.joinArguments(List.of("spark.hadoop.fs.s3a.encryption.key=c2VjcmV0a2V5")))
        .isEqualTo("spark.hadoop.fs.s3a.encryption.key=*****");
  }
}
