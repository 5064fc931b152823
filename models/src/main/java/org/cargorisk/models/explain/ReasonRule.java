package org.cargorisk.models.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * One reason rule: when a feature pushed a row's score up, the sentence an officer or investigator
 * reads, and the two things that must hold before it may be said. A reason is emitted for a row
 * only when (a) the feature's contribution to the row's score is positive, (b) {@link #unusual}
 * holds (the value is beyond a stated reference), and (c) {@link #dataExists} holds (the party
 * or data the sentence speaks of is on the row). The sentence is built from the row's own values
 * with built-in column expressions ({@link ReasonText}).
 *
 * @param feature the model feature whose contribution the rule explains
 * @param condition the unusual condition in words, for docs/SCAN_LISTS.md
 * @param needs the data the sentence speaks of, in words ("forwarder named on the manifest")
 * @param sentence the sentence as documented, placeholders in braces ("forwarder registered {time} ago")
 * @param reference the named reference that makes the condition unusual
 * @param columns every column the rule reads (the feature first), checked before scoring
 * @param unusual (b) as a boolean column
 * @param dataExists (c) as a boolean column
 * @param text the sentence as a string column
 */
public record ReasonRule(
    String feature,
    String condition,
    String needs,
    String sentence,
    String reference,
    List<String> columns,
    Column unusual,
    Column dataExists,
    Column text) {

  public ReasonRule {
    Objects.requireNonNull(feature, "feature");
    for (String words : List.of(condition, needs, sentence, reference)) {
      if (words == null || words.isBlank()) {
        throw new IllegalArgumentException("reason rule of " + feature + " must say what it needs, when and why");
      }
    }
    columns = List.copyOf(columns);
    Objects.requireNonNull(unusual, "unusual");
    Objects.requireNonNull(dataExists, "dataExists");
    Objects.requireNonNull(text, "text");
  }

  /** Starts a rule about a feature. */
  public static Builder about(String feature) {
    return new Builder(feature);
  }

  /** Builds a {@link ReasonRule}; every part is required. */
  public static final class Builder {
    private final String feature;
    private final Set<String> columns = new LinkedHashSet<>();
    private String condition;
    private Column unusual;
    private String needs;
    private Column dataExists;
    private String sentence;
    private Column text;

    private Builder(String feature) {
      this.feature = feature;
      columns.add(feature);
    }

    /** Columns the rule reads besides its feature (party ids, descriptive columns). */
    public Builder reads(String... others) {
      columns.addAll(List.of(others));
      return this;
    }

    /** (b): the condition under which the value is unusual, in words and as a column. */
    public Builder when(String words, Column predicate) {
      this.condition = words;
      this.unusual = predicate;
      return this;
    }

    /** (c): the data the sentence speaks of, in words and as a column. */
    public Builder needs(String words, Column predicate) {
      this.needs = words;
      this.dataExists = predicate;
      return this;
    }

    /** The sentence as documented and as a column built from the row's values. */
    public Builder says(String documented, Column sentenceColumn) {
      this.sentence = documented;
      this.text = sentenceColumn;
      return this;
    }

    /** The named reference that makes the condition unusual; ends the rule. */
    public ReasonRule against(String reference) {
      return new ReasonRule(
          feature, condition, needs, sentence, reference, new ArrayList<>(columns), unusual, dataExists, text);
    }
  }
}
