package org.cargorisk.synthetic;

/**
 * Ground truth the generator writes beside the landing sources, under {@code <out>/_truth/}, for
 * tests and evaluations (never read by the pipeline).
 *
 * <ul>
 *   <li>{@code _truth/containers/}: one row per (bl_number, container_id): the planted scheme
 *       (or NONE), whether it carries cocaine and how much, the consignee and whether it is a
 *       front company, the rules-based risk proxy the simulated customs used, and how it was
 *       selected for inspection (empty if not inspected).
 *   <li>{@code _truth/firms/}: one row per firm: sector, front company or not, registration date,
 *       whether it is on the watchlist.
 *   <li>{@code _truth/watchlist.csv}: tip-offs in the format of the reference {@code
 *       watchlist.csv}.
 * </ul>
 */
public final class TruthColumns {
  private TruthColumns() {}

  public static final String FOLDER = "_truth";
  public static final String CONTAINERS = "containers";
  public static final String FIRMS = "firms";
  public static final String WATCHLIST_FILE = "watchlist.csv";

  // containers
  public static final String FILED_DATE = "filed_date";
  /** Name of a {@link Scheme}. */
  public static final String SCHEME = "scheme";
  public static final String SMUGGLED = "smuggled";
  public static final String COCAINE_KG = "cocaine_kg";
  public static final String CONSIGNEE_FRONT = "consignee_front";
  public static final String RISK_PROXY = "risk_proxy";
  /** selected_by of the inspection, empty if the container was not inspected. */
  public static final String INSPECTED_BY = "inspected_by";
  public static final String AMENDED = "amended";

  // firms
  public static final String FRONT = "front";
  public static final String WATCHLISTED = "watchlisted";
}
