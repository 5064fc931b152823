package org.cargorisk.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a reason sentence against the data of its own row, independently of the code that wrote
 * it: each sentence the lists may carry has a pattern here; its numbers are read back and compared
 * with the row's feature values (within the rounding the sentence shows), the party it names must
 * be on the row, and the value must be beyond the threshold the sentence claims, written here
 * again as the domain says it (tier 3, under 24 hours before arrival, registered under a year ago,
 * counts of at least 1). A sentence no pattern knows is a failure too: nothing reaches a list
 * unaudited.
 *
 * <p>The row is a map of column name to value: the listed row joined to its
 * {@code silver/container_features} (or {@code silver/firm_features}) row of the date, plus
 * {@code selection} for scan-list rows.
 */
final class ReasonAudit {
  private ReasonAudit() {}

  private record Check(Pattern pattern, BiConsumer<Matcher, Problems> check) {}

  /** Problems found for one sentence on one row. */
  private static final class Problems {
    final Map<String, Object> row;
    final List<String> found = new ArrayList<>();

    Problems(Map<String, Object> row) {
      this.row = row;
    }

    double value(String column) {
      Object value = row.get(column);
      if (!(value instanceof Number number)) {
        found.add(column + " is " + value + ", not a number");
        return Double.NaN;
      }
      return number.doubleValue();
    }

    void require(boolean condition, String what) {
      if (!condition) {
        found.add(what);
      }
    }

    void present(String column) {
      require(row.get(column) != null, column + " is empty: the sentence speaks of data that does not exist");
    }

    void equal(String column, String stated) {
      require(stated.equals(String.valueOf(row.get(column))), "states " + stated + " but " + column + " is " + row.get(column));
    }

    /** The stated whole number is the column's value rounded. */
    void sameCount(String column, String stated) {
      double value = value(column);
      require(Long.parseLong(stated) == Math.round(value), "states " + stated + " but " + column + " is " + value);
    }

    /** The stated amount of a unit is the value, in that unit, rounded (half a unit either way). */
    void sameSpan(String column, String stated, double valueUnitInHours) {
      double value = Math.abs(value(column)) * valueUnitInHours;
      Matcher m = SPAN.matcher(stated);
      if (!m.matches()) {
        found.add("'" + stated + "' is not a span a person writes");
        return;
      }
      if (m.group(1) == null) {
        require(value < 0.5, "states less than an hour but " + column + " is " + value + " hours");
        return;
      }
      long number = Long.parseLong(m.group(1));
      double hours = switch (m.group(2)) {
        case "hour" -> 1;
        case "day" -> 24;
        case "week" -> 24 * 7;
        case "month" -> 24 * 30.4375;
        default -> 24 * 365.25;
      };
      require(Math.abs(value / hours - number) <= 0.5 + 1e-9,
          "states " + stated + " but " + column + " is " + value / valueUnitInHours);
    }

    void samePercent(String column, String stated) {
      double value = value(column);
      require(Math.abs(value * 100 - Long.parseLong(stated)) <= 0.5 + 1e-9, "states " + stated + " % but " + column + " is " + value);
    }

    void sameTimes(double ratio, String stated, String what) {
      double number = Double.parseDouble(stated);
      double tolerance = stated.contains(".") ? 0.05 : 0.5;
      require(Math.abs(ratio - number) <= tolerance + 1e-9, "states " + stated + " times but " + what + " is " + ratio);
    }

    void heading(String stated) {
      if (stated == null) {
        require(row.get("hs_code") == null, "says 'these goods' though hs_code is " + row.get("hs_code"));
      } else {
        Object code = row.get("hs_code");
        require(code != null && code.toString().startsWith(stated), "states HS " + stated + " but hs_code is " + code);
      }
    }
  }

  private static final Pattern SPAN = Pattern.compile("less than an hour|(\\d+) (hour|day|week|month|year)s?");
  private static final String N = "(\\d+)";
  private static final String ID = "(\\S+)";
  private static final String GOODS = " for (?:HS (\\d{4}) goods|these goods)";
  private static final String RANDOM = "random control selection";
  private static final String MODEL_ONLY = "model score only: no single indicator passes its reason threshold";

  private static Check check(String regex, BiConsumer<Matcher, Problems> check) {
    return new Check(Pattern.compile(regex), check);
  }

  private static String party(String words) {
    return switch (words) {
      case "shipper" -> "shipper";
      case "consignee" -> "consignee";
      case "forwarder" -> "forwarder";
      case "notify party" -> "notify_party";
      default -> throw new IllegalArgumentException(words);
    };
  }

  private static final List<Check> CONTAINER = List.of(
      check(RANDOM, (m, p) -> p.require("RANDOM".equals(p.row.get("selection")), "a random-pick sentence on a " + p.row.get("selection") + " row")),
      check(MODEL_ONLY, (m, p) -> p.require("MODEL".equals(p.row.get("selection")), "a model-only sentence on a " + p.row.get("selection") + " row")),
      check("(shipper|consignee|forwarder|notify party) " + ID + " on watchlist: .+", (m, p) -> {
        p.require("RULE".equals(p.row.get("selection")), "a watchlist sentence on a " + p.row.get("selection") + " row");
        p.equal(party(m.group(1)) + "_id", m.group(2));
      }),
      check("container " + ID + " on watchlist: .+", (m, p) -> p.equal("container_id", m.group(1))),
      check("B/L " + ID + " on watchlist: .+", (m, p) -> p.equal("bl_number", m.group(1))),
      check("loaded at " + ID + ", a high-risk port", (m, p) -> {
        p.equal("port_of_loading", m.group(1));
        p.require(p.value("origin_port_tier") == 3, "port of loading is not tier 3");
      }),
      check("goods from " + ID + ", a high-risk country", (m, p) -> {
        p.equal("origin_country", m.group(1));
        p.require(p.value("origin_country_tier") == 3, "origin country is not tier 3");
      }),
      check("routed via " + N + " high-risk ports?", (m, p) -> {
        p.sameCount("route_high_risk_ports", m.group(1));
        p.require(p.value("route_high_risk_ports") >= 1, "no high-risk port on the route");
      }),
      check("transshipped " + N + " times?", (m, p) -> {
        p.sameCount("transshipment_count", m.group(1));
        p.require(p.value("transshipment_count") >= 2, "fewer than 2 transshipments");
      }),
      check(N + " more port calls? than usual from " + ID + " to " + ID, (m, p) -> {
        p.sameCount("route_detour_calls", m.group(1));
        p.require(p.value("route_detour_calls") >= 1, "no extra port call");
        p.equal("port_of_loading", m.group(2));
        p.equal("office", m.group(3));
      }),
      check("route differs from the usual one from " + ID + " to " + ID, (m, p) -> {
        p.require(p.value("route_unusual") == 1 && p.value("lane_new") == 0, "not an unusual route of a known lane");
        p.equal("port_of_loading", m.group(1));
        p.equal("office", m.group(2));
      }),
      check("rarely used route from " + ID + " to " + ID, (m, p) -> {
        p.require(p.value("lane_new") == 1, "not a new lane");
        p.equal("port_of_loading", m.group(1));
        p.equal("office", m.group(2));
      }),
      check("the vessel called at high-risk ports " + N + " times? in 90 days", (m, p) -> {
        p.sameCount("vessel_high_risk_calls_90d", m.group(1));
        p.require(p.value("vessel_high_risk_calls_90d") >= 1, "no high-risk call");
      }),
      check("stayed (.+) at a transshipment port", (m, p) -> {
        p.sameSpan("transship_dwell_hours_max", m.group(1), 1);
        p.require(p.value("transship_dwell_hours_max") >= 72, "stayed under 3 days");
      }),
      check("seal changed " + N + " times? on the way", (m, p) -> {
        p.sameCount("seal_change_count", m.group(1));
        p.require(p.value("seal_change_count") >= 1, "no seal change");
      }),
      check("seal number differs from the manifest in " + N + " events?", (m, p) -> {
        p.sameCount("seal_mismatch_count", m.group(1));
        p.require(p.value("seal_mismatch_count") >= 1, "no seal mismatch");
      }),
      check("container events out of order", (m, p) -> p.require(p.value("event_order_unusual") == 1, "events in order")),
      check("left the terminal (.+) after discharge", (m, p) -> {
        p.require(p.value("gate_out_known") == 1, "gate-out not known");
        p.sameSpan("discharge_to_gate_out_hours", m.group(1), 1);
        p.require(p.value("discharge_to_gate_out_hours") < 12, "not a quick pick-up (12 hours or more)");
      }),
      check("already left the terminal before it was declared", (m, p) -> p.require(p.value("gate_out_known") == 1, "no gate-out")),
      check("HS " + ID + ": goods often used as cover for drugs", (m, p) -> {
        p.equal("hs_code", m.group(1));
        p.require(p.value("cover_goods") == 1, "not cover goods");
      }),
      check("weight ([\\d.]+) times the usual" + GOODS, (m, p) -> {
        double ratio = p.value("weight_expected_ratio");
        p.sameTimes(ratio, m.group(1), "weight_expected_ratio");
        p.require(ratio >= 2 || (ratio >= 1.25 && Math.abs(p.value("weight_robust_z")) >= 3),
            "weight not unusual: ratio " + ratio + ", z " + p.value("weight_robust_z"));
        p.heading(m.group(2));
      }),
      check("weight only " + N + " % of the usual" + GOODS, (m, p) -> {
        double ratio = p.value("weight_expected_ratio");
        p.samePercent("weight_expected_ratio", m.group(1));
        p.require(ratio <= 0.5 || (ratio <= 0.8 && Math.abs(p.value("weight_robust_z")) >= 3),
            "weight not unusual: ratio " + ratio + ", z " + p.value("weight_robust_z"));
        p.heading(m.group(2));
      }),
      check("declared value per kg far (below|above) the usual" + GOODS, (m, p) -> {
        double z = p.value("value_per_kg_robust_z");
        p.require(p.value("value_missing") == 0, "no declared value");
        p.require(m.group(1).equals("below") ? z <= -3 : z >= 3, "value per kg z " + z + " is not far " + m.group(1));
        p.heading(m.group(2));
      }),
      check("no declared value \\(or no weight\\) on the manifest", (m, p) -> p.require(p.value("value_missing") == 1, "value present")),
      check("(shipper|consignee|forwarder) registered (.+) ago", (m, p) -> {
        String party = m.group(1);
        p.present(party + "_id");
        double age = p.value(party + "_age_days");
        p.require(age >= 1 && age < 365, party + " registered " + age + " days ago is not recent");
        if (!party.equals("forwarder")) {
          p.require(p.value(party + "_unknown") == 0, party + " not in the register");
        }
        p.sameSpan(party + "_age_days", m.group(2), 24);
      }),
      check("(shipper|consignee|notify party) " + ID + " not in the company register", (m, p) -> {
        String party = party(m.group(1));
        p.equal(party + "_id", m.group(2));
        p.require(p.value(party + "_unknown") == 1, party + " is registered");
      }),
      check("first shipment of the (shipper|consignee)", (m, p) -> {
        p.present(m.group(1) + "_id");
        p.require(p.value(m.group(1) + "_prior_manifests") == 0, "earlier shipments exist");
        p.require(p.value(m.group(1) + "_unknown") == 0, "party not in the register");
      }),
      check("(shipper|consignee) has only " + N + " earlier shipments?", (m, p) -> {
        p.present(m.group(1) + "_id");
        p.sameCount(m.group(1) + "_prior_manifests", m.group(2));
        double n = p.value(m.group(1) + "_prior_manifests");
        p.require(n >= 1 && n <= 2, n + " earlier shipments is not few");
      }),
      check(N + " earlier inspections? of the (shipper|consignee)'s containers found contraband", (m, p) -> {
        p.present(m.group(2) + "_id");
        p.sameCount(m.group(2) + "_past_hits", m.group(1));
        p.require(p.value(m.group(2) + "_past_hits") >= 1, "no earlier hit");
      }),
      check("first shipment between this shipper and consignee, though both shipped before", (m, p) -> {
        p.present("shipper_id");
        p.present("consignee_id");
        p.require(p.value("first_time_pair") == 1, "they shipped together before");
        p.require(p.value("shipper_prior_manifests") >= 1 && p.value("consignee_prior_manifests") >= 1, "a party never shipped before");
      }),
      check("consignee's first shipment from " + ID, (m, p) -> {
        p.present("consignee_id");
        p.equal("origin_country", m.group(1));
        p.require(p.value("consignee_new_origin_country") == 1, "not a new origin country");
      }),
      check(N + " % of the consignee's payment volume in 90 days was cash", (m, p) -> {
        p.present("consignee_id");
        p.samePercent("consignee_cash_share_90d", m.group(1));
        p.require(p.value("consignee_cash_share_90d") >= 0.5, "under half cash");
      }),
      check("consignee made " + N + " payments? of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold", (m, p) -> {
        p.present("consignee_id");
        p.sameCount("consignee_structuring_90d", m.group(1));
        p.require(p.value("consignee_structuring_90d") >= 2, "fewer than 2 such payments");
      }),
      check("(shipper|consignee) deals with " + N + " firms? labelled malafide", (m, p) -> {
        p.present(m.group(1) + "_id");
        p.sameCount(m.group(1) + "_malafide_links", m.group(2));
        p.require(p.value(m.group(1) + "_malafide_links") >= 1, "no malafide link");
      }),
      check("manifest filed only (.+) before arrival", (m, p) -> {
        p.present("eta");
        double lead = p.value("filing_lead_hours");
        p.require(lead >= 0 && lead < 24, "filed " + lead + " hours before arrival is not late (EU: 24 hours)");
        p.sameSpan("filing_lead_hours", m.group(1), 1);
      }),
      check("manifest filed (.+) after arrival", (m, p) -> {
        p.present("eta");
        p.require(p.value("filing_lead_hours") < 0, "filed before arrival");
        p.sameSpan("filing_lead_hours", m.group(1), 1);
      }),
      check("manifest filed after the vessel left " + ID, (m, p) -> {
        p.equal("port_of_loading", m.group(1));
        p.require(p.value("filed_after_departure") == 1, "filed before departure");
      }),
      check("manifest amended " + N + " times?", (m, p) -> {
        p.sameCount("amendment_count", m.group(1));
        p.require(p.value("amendment_count") >= 2, "fewer than 2 amendments");
      }),
      check("manifest changed after the vessel left " + ID, (m, p) -> {
        p.equal("port_of_loading", m.group(1));
        p.require(p.value("amendment_after_departure") == 1, "not changed after departure");
      }));

  private static final String STRUCTURING = " of EUR 9,000 to 9,999 in 90 days, just below the EUR 10,000 reporting threshold";

  private static final List<Check> FIRM = List.of(
      check("registered (.+) ago, yet moved EUR ([\\d,]+) in 90 days", (m, p) -> {
        double age = p.value("company_age_days");
        double amount = p.value("txn_amount_90d");
        p.require(age < 365, "registered " + age + " days ago is not young");
        p.sameSpan("company_age_days", m.group(1), 24);
        p.require(Long.parseLong(m.group(2).replace(",", "")) == Math.round(amount), "states EUR " + m.group(2) + " but moved " + amount);
        p.require(amount >= 100_000, "flows of " + amount + " are not large");
      }),
      check("daily payment volume of the last 30 days ([\\d.]+) times that of the 60 days before", (m, p) -> {
        double ratio = Math.exp(p.value("velocity_change"));
        p.sameTimes(ratio, m.group(1), "exp(velocity_change)");
        p.require(ratio >= 3 - 1e-9, "volume rose less than 3 times");
        p.require(p.value("txn_amount_30d") > 0, "no payments in 30 days");
      }),
      check(N + " % of its payment volume in 90 days was cash", (m, p) -> {
        p.samePercent("cash_share_90d", m.group(1));
        p.require(p.value("cash_share_90d") >= 0.5, "under half cash");
      }),
      check(N + " % of its payments in 90 days were round thousands", (m, p) -> {
        p.samePercent("round_amount_share_90d", m.group(1));
        p.require(p.value("round_amount_share_90d") >= 0.5 && p.value("txn_count_90d") >= 5, "not mostly round, or too few payments");
      }),
      check(N + " payments?" + Pattern.quote(STRUCTURING), (m, p) -> {
        p.sameCount("structuring_count_90d", m.group(1));
        p.require(p.value("structuring_count_90d") >= 2, "fewer than 2 such payments");
      }),
      check(N + " payments? to or from high-risk countries in 90 days", (m, p) -> {
        p.sameCount("high_risk_country_payments_90d", m.group(1));
        p.require(p.value("high_risk_country_payments_90d") >= 1, "no such payment");
      }),
      check("shares its (address|bank account) with " + N + " other firms?", (m, p) -> {
        String column = "shared_" + m.group(1).replace(' ', '_') + "_count";
        p.sameCount(column, m.group(2));
        p.require(p.value(column) >= 1, "shares nothing");
      }),
      check("deals with " + N + " firms? labelled malafide", (m, p) -> {
        p.sameCount("malafide_links", m.group(1));
        p.require(p.value("malafide_links") >= 1, "no malafide link");
      }),
      check("([\\d.]+) times as many firms paid it in the last 30 days as in the 30 days before \\(counts \\+ 1\\)", (m, p) -> {
        double ratio = Math.pow(2, p.value("graph_fan_in_change"));
        p.sameTimes(ratio, m.group(1), "2^graph_fan_in_change");
        p.require(ratio >= 4 - 1e-9, "fewer than 4 times");
      }),
      check("it paid ([\\d.]+) times as many firms in the last 30 days as in the 30 days before \\(counts \\+ 1\\)", (m, p) -> {
        double ratio = Math.pow(2, p.value("graph_fan_out_change"));
        p.sameTimes(ratio, m.group(1), "2^graph_fan_out_change");
        p.require(ratio >= 4 - 1e-9, "fewer than 4 times");
      }),
      check(N + " % of its incoming money was paid out again within 48 hours", (m, p) -> {
        p.samePercent("graph_pass_through_ratio", m.group(1));
        p.require(p.value("graph_pass_through_ratio") >= 0.5, "under half passed through");
      }),
      check(N + " % of its payments in the last year were just below the EUR 10,000 reporting threshold", (m, p) -> {
        p.samePercent("graph_structuring_share", m.group(1));
        p.require(p.value("graph_structuring_share") >= 0.2, "under a fifth");
      }));

  /** What is wrong with a container reason on its row (empty: the sentence is true). */
  static List<String> container(String reason, Map<String, Object> row) {
    return audit(CONTAINER, reason, row);
  }

  /** What is wrong with a firm reason on its row (empty: the sentence is true). */
  static List<String> firm(String reason, Map<String, Object> row) {
    return audit(FIRM, reason, row);
  }

  /**
   * What is wrong with a span shown in a list's cell ("18 months", "3 weeks") for a column of
   * days on its row (empty: the span is the value, as a person writes it).
   */
  static List<String> daysSpan(String stated, String column, Map<String, Object> row) {
    Problems problems = new Problems(row);
    problems.sameSpan(column, stated, 24);
    return problems.found;
  }

  private static List<String> audit(List<Check> checks, String reason, Map<String, Object> row) {
    for (Check check : checks) {
      Matcher matcher = check.pattern().matcher(reason);
      if (matcher.matches()) {
        Problems problems = new Problems(row);
        check.check().accept(matcher, problems);
        return problems.found;
      }
    }
    return List.of(String.format(Locale.ROOT, "no audit check knows the sentence '%s'", reason));
  }
}
