package org.cargorisk.scoring.feedback;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Hit rates of a range of weeks summed over the offices, one line per selection type: what the
 * nightly prints. RANDOM's rate is the unbiased estimate of the base rate among the containers
 * that neither the rules nor the model picked; MODEL earns its places when its rate is above it.
 *
 * @param firstWeek ISO week of the first week summed, e.g. 2026-W06 (null when nothing listed)
 * @param lastWeek ISO week of the last week summed (null when nothing listed)
 * @param selections one line per selection type present, in list order (RULE, MODEL, RANDOM)
 */
public record HitRateSummary(String firstWeek, String lastWeek, List<Selection> selections) {

  public HitRateSummary {
    selections = List.copyOf(selections);
  }

  /**
   * One selection type over the weeks.
   *
   * @param selection MODEL, RULE or RANDOM
   * @param listed containers listed
   * @param inspected of those, inspected (an outcome is known)
   * @param hits of those, hits
   * @param seizedKg seized kilograms
   */
  public record Selection(String selection, long listed, long inspected, long hits, double seizedKg) {
    /** hits / inspected, NaN when nothing was inspected. */
    public double hitRate() {
      return inspected == 0 ? Double.NaN : (double) hits / inspected;
    }
  }

  /**
   * One line, e.g. {@code hit rates 2026-W06..2026-W14 (hits/inspected): RULE 1/3 = 33.3 %
   * (listed 3), MODEL 12/40 = 30.0 % (listed 84), RANDOM 0/0 = - (listed 5); RANDOM = unbiased
   * base rate}.
   */
  public String line() {
    if (selections.isEmpty()) {
      return "hit rates: no scan lists in the range yet";
    }
    String body =
        selections.stream()
            .map(
                s ->
                    String.format(
                        Locale.ROOT,
                        "%s %d/%d = %s (listed %d)",
                        s.selection(),
                        s.hits(),
                        s.inspected(),
                        s.inspected() == 0
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f %%", 100 * s.hitRate()),
                        s.listed()))
            .collect(Collectors.joining(", "));
    return "hit rates " + firstWeek + ".." + lastWeek + " (hits/inspected): " + body
        + "; RANDOM = unbiased base rate";
  }
}
