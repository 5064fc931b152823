package org.cargorisk.reference;

/** Column names of the reference files (data-samples/reference/*.csv). */
public final class ReferenceColumns {
  private ReferenceColumns() {}

  // ports.csv
  public static final String LOCODE = "locode";
  public static final String COUNTRY = "country";
  public static final String NAME = "name";
  public static final String RISK_TIER = "risk_tier";
  public static final String HUB = "hub";
  // cover_goods.csv
  public static final String HS_PREFIX = "hs_prefix";
  public static final String DESCRIPTION = "description";
  // watchlist.csv
  public static final String ENTITY_TYPE = "entity_type";
  public static final String ENTITY_ID = "entity_id";
  public static final String REASON = "reason";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";

  /** Watchlist entity types. */
  public static final String FIRM = "FIRM";
  public static final String CONTAINER = "CONTAINER";
  public static final String BL = "BL";
}
