package org.cargorisk.features.catalog;

/**
 * One model feature: its column in a silver feature table, what it means and where it comes
 * from. The sentence an officer reads when the feature pushed a score up is not here: a reason
 * needs a condition under which it is true and unusual, so the reason rules live in one
 * catalogue of their own ({@code org.cargorisk.models.explain.ReasonRules}).
 *
 * @param name column name in the silver table (numeric: double, int or boolean as 0/1)
 * @param group feature group (route, events, goods, parties, filing, finance, graph, ...)
 * @param meaning what the value means, for the feature catalog
 * @param source the bronze tables and columns it is computed from
 */
public record FeatureSpec(String name, String group, String meaning, String source) {}
