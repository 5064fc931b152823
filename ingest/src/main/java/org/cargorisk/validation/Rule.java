package org.cargorisk.validation;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import java.util.Objects;
import org.apache.spark.sql.Column;

/**
 * One named validation rule on a record: the reason code it reports and a boolean expression
 * that is true when the record breaks it. The expression is made null-safe here (a rule on an
 * empty optional value is not broken; emptiness is the business of {@link
 * ReasonCode#MISSING_VALUE}).
 *
 * @param code the reason code as stored, e.g. {@code INVALID_IMO:vessel_imo}
 * @param broken true when the record breaks the rule, never null
 */
public record Rule(String code, Column broken) {
  public Rule {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(broken, "broken");
  }

  /** A rule on one column. */
  public static Rule on(ReasonCode reason, String column, Column broken) {
    return new Rule(reason.on(column), coalesce(broken, lit(false)));
  }

  /** A rule on the record as a whole (cross-field rules). */
  public static Rule record(ReasonCode reason, Column broken) {
    return new Rule(reason.name(), coalesce(broken, lit(false)));
  }
}
