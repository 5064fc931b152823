package org.cargorisk.features.catalog;

import java.util.Locale;

/**
 * One model feature: its column in a silver feature table, what it means, where it comes from,
 * and the sentence an officer reads when the feature pushed a score up (a reason code).
 *
 * @param name column name in the silver table (numeric: double, int or boolean as 0/1)
 * @param group feature group (route, events, goods, parties, filing, finance, graph, ...)
 * @param meaning what the value means, for the feature catalog
 * @param source the bronze tables and columns it is computed from
 * @param reason short sentence for a reason code, in words a customs officer understands; may
 *     contain {@code {value}}, replaced by the feature's value (e.g. "consignee registered
 *     {value} days ago")
 */
public record FeatureSpec(String name, String group, String meaning, String source, String reason) {

  /** The reason sentence with the value filled in (integers without decimals). */
  public String reasonFor(double value) {
    String formatted =
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? String.format(Locale.ROOT, "%d", (long) value)
            : String.format(Locale.ROOT, "%.2f", value);
    return reason.replace("{value}", formatted);
  }
}
