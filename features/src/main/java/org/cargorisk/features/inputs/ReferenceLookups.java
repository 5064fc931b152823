package org.cargorisk.features.inputs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.cargorisk.reference.ReferenceData;

/**
 * Reference data as Column expressions: small literal maps (tens to a few thousand entries) so
 * that lookups also work inside higher-order functions over arrays of ports. Unknown ports and
 * countries have risk tier 1 (low), as {@link ReferenceData#countryTier} says.
 */
public final class ReferenceLookups {
  private final Column portTiers;
  private final Column countryTiers;
  private final List<String> coverPrefixes;

  public ReferenceLookups(ReferenceData reference) {
    List<Column> ports = new ArrayList<>();
    reference.ports().forEach(p -> { ports.add(lit(p.locode())); ports.add(lit(p.riskTier())); });
    List<Column> countries = new ArrayList<>();
    reference
        .countries()
        .forEach(c -> { countries.add(lit(c.country())); countries.add(lit(c.riskTier())); });
    this.portTiers = ports.isEmpty() ? null : functions.map(ports.toArray(Column[]::new));
    this.countryTiers = countries.isEmpty() ? null : functions.map(countries.toArray(Column[]::new));
    this.coverPrefixes = reference.coverGoods().stream().map(ReferenceData.CoverGood::hsPrefix).toList();
  }

  /** Risk tier (1-3) of a UN/LOCODE; 1 if not listed. */
  public Column portTier(Column locode) {
    return portTiers == null ? lit(1) : coalesce(try_element_at(portTiers, locode), lit(1));
  }

  /** Risk tier (1-3) of an ISO country code; 1 if not listed. */
  public Column countryTier(Column country) {
    return countryTiers == null ? lit(1) : coalesce(try_element_at(countryTiers, country), lit(1));
  }

  /** True if the HS code starts with a cover-goods prefix (false for a null code). */
  public Column isCoverGoods(Column hsCode) {
    Column any = lit(false);
    for (String prefix : coverPrefixes) {
      any = any.or(coalesce(hsCode.startsWith(prefix), lit(false)));
    }
    return any;
  }
}
