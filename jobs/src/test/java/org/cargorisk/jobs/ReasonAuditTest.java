package org.cargorisk.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit itself must be able to fail: the false reasons the sample night showed before issue
 * 20 (quoted from the issue) are rejected on rows like theirs, and true ones pass.
 */
class ReasonAuditTest {

  private static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new HashMap<>();
    row.put("selection", "MODEL");
    row.put("shipper_id", "S1");
    row.put("consignee_id", "C1");
    row.put("forwarder_id", null);
    row.put("hs_code", "080390");
    row.put("eta", java.sql.Timestamp.valueOf("2026-04-01 08:00:00"));
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  @Test
  void todaysFalseReasonsFailTheAudit() {
    assertThat(ReasonAudit.container("forwarder registered 0 days ago", row("forwarder_age_days", 0.0)))
        .anySatisfy(problem -> assertThat(problem).contains("forwarder_id is empty"));
    assertThat(ReasonAudit.container("the vessel called at high-risk ports 0 times in 90 days",
            row("vessel_high_risk_calls_90d", 0.0)))
        .contains("no high-risk call");
    assertThat(ReasonAudit.container("shipper registered 14114 days ago", row("shipper_age_days", 14114.0, "shipper_unknown", 0.0)))
        .anySatisfy(problem -> assertThat(problem).contains("is not recent"));
    assertThat(ReasonAudit.container("manifest filed only 490.90 hours before arrival", row("filing_lead_hours", 490.9)))
        .anySatisfy(problem -> assertThat(problem).contains("is not late"));
    assertThat(ReasonAudit.container("manifest filed only 20 days before arrival", row("filing_lead_hours", 490.9)))
        .anySatisfy(problem -> assertThat(problem).contains("is not late"));
    assertThat(ReasonAudit.container("drugs found before in the shipper's containers (0 times)", row("shipper_past_hits", 0.0)))
        .anySatisfy(problem -> assertThat(problem).contains("no audit check knows"));
    assertThat(ReasonAudit.container("2 earlier inspections of the shipper's containers found contraband", row("shipper_past_hits", 0.0)))
        .isNotEmpty();
  }

  @Test
  void aNumberThatDiffersFromTheDataFails() {
    assertThat(ReasonAudit.container("shipper registered 3 weeks ago", row("shipper_age_days", 40.0, "shipper_unknown", 0.0)))
        .anySatisfy(problem -> assertThat(problem).contains("states 3 weeks"));
    assertThat(ReasonAudit.container("weight 4 times the usual for HS 0803 goods",
            row("weight_expected_ratio", 2.2, "weight_robust_z", 6.0)))
        .anySatisfy(problem -> assertThat(problem).contains("states 4 times"));
    assertThat(ReasonAudit.container("weight 4 times the usual for HS 0901 goods",
            row("weight_expected_ratio", 4.0, "weight_robust_z", 6.0)))
        .anySatisfy(problem -> assertThat(problem).contains("hs_code is 080390"));
    assertThat(ReasonAudit.firm("registered 3 weeks ago, yet moved EUR 150,000 in 90 days",
            row("company_age_days", 20.0, "txn_amount_90d", 151_000.0)))
        .anySatisfy(problem -> assertThat(problem).contains("states EUR 150,000"));
  }

  @Test
  void aRandomSentenceOnlyOnARandomPick() {
    assertThat(ReasonAudit.container("random control selection", row())).isNotEmpty();
    assertThat(ReasonAudit.container("random control selection", row("selection", "RANDOM"))).isEmpty();
  }

  @Test
  void trueReasonsPass() {
    assertThat(ReasonAudit.container("shipper registered 3 weeks ago", row("shipper_age_days", 20.0, "shipper_unknown", 0.0)))
        .isEmpty();
    assertThat(ReasonAudit.container("manifest filed only 6 hours before arrival", row("filing_lead_hours", 6.2))).isEmpty();
    assertThat(ReasonAudit.container("weight only 40 % of the usual for HS 0803 goods",
            row("weight_expected_ratio", 0.4, "weight_robust_z", -5.0)))
        .isEmpty();
    assertThat(ReasonAudit.firm("registered 5 months ago, yet moved EUR 1,234,567 in 90 days",
            row("company_age_days", 150.0, "txn_amount_90d", 1_234_567.4)))
        .isEmpty();
    assertThat(ReasonAudit.firm("shares its bank account with 2 other firms", row("shared_bank_account_count", 2.0))).isEmpty();
  }
}
