package org.cargorisk.synthetic;

import java.time.LocalDate;
import java.util.Locale;
import org.cargorisk.errors.CargoRiskErrors;

/**
 * What the synthetic landing generator produces: the period, the volumes, the seed, the output
 * format and the rates of the planted smuggling schemes (docs/GENERATOR.md describes each knob).
 *
 * <p>Scheme rates are shares of all container manifests (one container per bill of lading); the
 * schemes are mutually exclusive, so their sum must stay below 1. Inspection knobs describe how
 * customs selects containers: {@code inspectionRate} is the share of containers inspected,
 * {@code randomInspectionShare} the share of those inspections chosen uniformly at random.
 *
 * @param startDate first business date written
 * @param days number of business dates
 * @param manifestsPerDay container manifests filed per business date (before amendments)
 * @param firms number of firms in the firm register
 * @param transactionsPerDay financial transactions booked per business date
 * @param seed seed of every pseudo-random value; the same seed gives byte-identical files
 * @param format landing file format
 * @param coverLoadRate cocaine in cover loads (fruit, coffee, shrimp...) from tier-3 origins
 * @param riskyTransshipmentRate cocaine routed through a high-risk transshipment hub
 * @param ripOnRate rip-on/rip-off: cocaine put into a legitimate container at a hub (seal change,
 *     unusual dwell at the discharge terminal)
 * @param weightValueAnomalyRate cocaine with a declared weight or value far from the norm
 * @param lateAmendmentRate cocaine whose manifest is amended after departure (consignee swapped)
 * @param frontCoverTrafficRate clean cover loads to front companies (their legitimate-looking
 *     trade; not smuggling)
 * @param frontCompanyRate share of firms that are front companies
 * @param frontTransactionShare share of transactions made by front companies
 * @param structuringShare share of front-company transactions that are cash deposits just below
 *     10,000 EUR
 * @param amendmentRate benign amendments (corrections filed before departure)
 * @param inspectionRate share of containers inspected
 * @param randomInspectionShare share of inspections selected uniformly at random
 * @param tipRate share of smuggled containers tipped off (watchlist, selected by TIP)
 * @param malafideLabelShare share of front companies an investigation labels MALAFIDE
 * @param partnerLabelShare share of a labelled front's partners (shippers abroad that move its
 *     money) labelled MALAFIDE after it
 * @param clearedLabelRate share of the other firms investigated and labelled CLEARED in the
 *     period
 * @param investigationDays spread, in days, of when a front's investigation concludes (after
 *     three weeks of trading)
 */
public record GeneratorSettings(
    LocalDate startDate,
    int days,
    int manifestsPerDay,
    int firms,
    int transactionsPerDay,
    long seed,
    LandingFormat format,
    double coverLoadRate,
    double riskyTransshipmentRate,
    double ripOnRate,
    double weightValueAnomalyRate,
    double lateAmendmentRate,
    double frontCoverTrafficRate,
    double frontCompanyRate,
    double frontTransactionShare,
    double structuringShare,
    double amendmentRate,
    double inspectionRate,
    double randomInspectionShare,
    double tipRate,
    double malafideLabelShare,
    double partnerLabelShare,
    double clearedLabelRate,
    int investigationDays) {

  /** File formats the generator writes (the three ingest reads). */
  public enum LandingFormat {
    CSV,
    JSON,
    PARQUET;

    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final int MAX_FIRMS = 200_000;

  public GeneratorSettings {
    require(startDate != null, "start-date", startDate, "must be given");
    require(days >= 1 && days <= 3660, "days", days, "must be between 1 and 3660");
    require(manifestsPerDay >= 1 && manifestsPerDay <= 10_000_000, "manifests-per-day",
        manifestsPerDay, "must be between 1 and 10,000,000");
    require(firms >= 50 && firms <= MAX_FIRMS, "firms", firms, "must be between 50 and " + MAX_FIRMS);
    require(transactionsPerDay >= 0 && transactionsPerDay <= 10_000_000, "transactions-per-day",
        transactionsPerDay, "must be between 0 and 10,000,000");
    require(format != null, "format", format, "must be csv, json or parquet");
    rate("cover-load-rate", coverLoadRate);
    rate("risky-transshipment-rate", riskyTransshipmentRate);
    rate("rip-on-rate", ripOnRate);
    rate("weight-value-anomaly-rate", weightValueAnomalyRate);
    rate("late-amendment-rate", lateAmendmentRate);
    rate("front-cover-traffic-rate", frontCoverTrafficRate);
    rate("front-company-rate", frontCompanyRate);
    rate("front-transaction-share", frontTransactionShare);
    rate("structuring-share", structuringShare);
    rate("amendment-rate", amendmentRate);
    rate("inspection-rate", inspectionRate);
    rate("random-inspection-share", randomInspectionShare);
    rate("tip-rate", tipRate);
    rate("malafide-label-share", malafideLabelShare);
    rate("partner-label-share", partnerLabelShare);
    rate("cleared-label-rate", clearedLabelRate);
    require(investigationDays >= 0 && investigationDays <= 3660, "investigation-days",
        investigationDays, "must be between 0 and 3660");
    double schemeTotal =
        coverLoadRate + riskyTransshipmentRate + ripOnRate + weightValueAnomalyRate
            + lateAmendmentRate + frontCoverTrafficRate;
    require(schemeTotal < 0.5, "scheme rates", schemeTotal,
        "must add up to less than 0.5 (most trade is legitimate)");
    require(frontCompanyRate * firms >= 1 || frontCompanyRate == 0, "front-company-rate",
        frontCompanyRate, "must give at least one front company for " + firms + " firms (or be 0)");
  }

  private static void require(boolean condition, String knob, Object value, String rule) {
    if (!condition) {
      throw CargoRiskErrors.invalidConfiguration("generate --" + knob, value, rule);
    }
  }

  private static void rate(String knob, double value) {
    require(value >= 0 && value <= 1 && !Double.isNaN(value), knob, value,
        "must be a share between 0 and 1");
  }

  /** Last business date written. */
  public LocalDate endDate() {
    return startDate.plusDays(days - 1L);
  }

  public long totalManifests() {
    return (long) days * manifestsPerDay;
  }

  /** Firms by default: grows with the square root of the volume, from 300 to 100,000. */
  public static int defaultFirms(int days, int manifestsPerDay) {
    double total = (double) days * manifestsPerDay;
    return (int) Math.max(300, Math.min(100_000, Math.round(Math.sqrt(total) * 15)));
  }

  /** Transactions per day by default: half the manifests, at least 50. */
  public static int defaultTransactionsPerDay(int manifestsPerDay) {
    return Math.max(50, manifestsPerDay / 2);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fluent builder with the documented defaults (docs/GENERATOR.md). */
  public static final class Builder {
    private LocalDate startDate = LocalDate.of(2026, 1, 1);
    private int days = 7;
    private int manifestsPerDay = 1000;
    private Integer firms;
    private Integer transactionsPerDay;
    private long seed = 42;
    private LandingFormat format = LandingFormat.CSV;
    private double coverLoadRate = 0.008;
    private double riskyTransshipmentRate = 0.004;
    private double ripOnRate = 0.003;
    private double weightValueAnomalyRate = 0.003;
    private double lateAmendmentRate = 0.002;
    private double frontCoverTrafficRate = 0.004;
    private double frontCompanyRate = 0.02;
    private double frontTransactionShare = 0.05;
    private double structuringShare = 0.4;
    private double amendmentRate = 0.03;
    private double inspectionRate = 0.1;
    private double randomInspectionShare = 0.1;
    private double tipRate = 0.05;
    private double malafideLabelShare = 0.8;
    private double partnerLabelShare = 0.5;
    private double clearedLabelRate = 0.03;
    private int investigationDays = 60;

    public Builder startDate(LocalDate value) { startDate = value; return this; }
    public Builder days(int value) { days = value; return this; }
    public Builder manifestsPerDay(int value) { manifestsPerDay = value; return this; }
    public Builder firms(Integer value) { firms = value; return this; }
    public Builder transactionsPerDay(Integer value) { transactionsPerDay = value; return this; }
    public Builder seed(long value) { seed = value; return this; }
    public Builder format(LandingFormat value) { format = value; return this; }
    public Builder coverLoadRate(double value) { coverLoadRate = value; return this; }
    public Builder riskyTransshipmentRate(double value) { riskyTransshipmentRate = value; return this; }
    public Builder ripOnRate(double value) { ripOnRate = value; return this; }
    public Builder weightValueAnomalyRate(double value) { weightValueAnomalyRate = value; return this; }
    public Builder lateAmendmentRate(double value) { lateAmendmentRate = value; return this; }
    public Builder frontCoverTrafficRate(double value) { frontCoverTrafficRate = value; return this; }
    public Builder frontCompanyRate(double value) { frontCompanyRate = value; return this; }
    public Builder frontTransactionShare(double value) { frontTransactionShare = value; return this; }
    public Builder structuringShare(double value) { structuringShare = value; return this; }
    public Builder amendmentRate(double value) { amendmentRate = value; return this; }
    public Builder inspectionRate(double value) { inspectionRate = value; return this; }
    public Builder randomInspectionShare(double value) { randomInspectionShare = value; return this; }
    public Builder tipRate(double value) { tipRate = value; return this; }
    public Builder malafideLabelShare(double value) { malafideLabelShare = value; return this; }
    public Builder partnerLabelShare(double value) { partnerLabelShare = value; return this; }
    public Builder clearedLabelRate(double value) { clearedLabelRate = value; return this; }
    public Builder investigationDays(int value) { investigationDays = value; return this; }

    public GeneratorSettings build() {
      return new GeneratorSettings(
          startDate, days, manifestsPerDay,
          firms == null ? defaultFirms(days, manifestsPerDay) : firms,
          transactionsPerDay == null ? defaultTransactionsPerDay(manifestsPerDay) : transactionsPerDay,
          seed, format, coverLoadRate, riskyTransshipmentRate, ripOnRate, weightValueAnomalyRate,
          lateAmendmentRate, frontCoverTrafficRate, frontCompanyRate, frontTransactionShare,
          structuringShare, amendmentRate, inspectionRate, randomInspectionShare, tipRate,
          malafideLabelShare, partnerLabelShare, clearedLabelRate, investigationDays);
    }
  }
}
