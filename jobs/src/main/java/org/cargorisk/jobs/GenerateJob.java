package org.cargorisk.jobs;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.synthetic.GeneratorSettings;
import org.cargorisk.synthetic.SyntheticLandingGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes a synthetic landing area (every source, one folder per business date) with planted
 * smuggling schemes and its ground truth under {@code <out>/_truth/}. No business date and no
 * run record: it writes files, not lake tables. Schemes and knobs: docs/GENERATOR.md.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate a synthetic landing area with planted smuggling schemes (docs/GENERATOR.md).",
      "The same seed gives byte-identical files."
    })
public final class GenerateJob implements Callable<Integer> {
  private static final GeneratorSettings DEFAULTS = GeneratorSettings.builder().build();

  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Root of the landing area to write (<source>/date=YYYY-MM-DD/ below it).")
  String out;

  @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", defaultValue = "2026-01-01",
      description = "First business date (default: ${DEFAULT-VALUE}).")
  LocalDate startDate;

  @Option(names = "--days", defaultValue = "7", description = "Number of business dates (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--manifests-per-day", defaultValue = "1000",
      description = "Container manifests filed per day (default: ${DEFAULT-VALUE}).")
  int manifestsPerDay;

  @Option(names = "--firms", description = "Firms in the register (default: 15 x sqrt(total manifests), 300..100000).")
  Integer firms;

  @Option(names = "--transactions-per-day",
      description = "Financial transactions per day (default: half the manifests per day, at least 50).")
  Integer transactionsPerDay;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--format", defaultValue = "csv", description = "csv, json or parquet (default: ${DEFAULT-VALUE}).")
  GeneratorSettings.LandingFormat format;

  @Option(names = "--reference", defaultValue = "data-samples/reference", paramLabel = "DIR",
      description = "Reference files: ports, countries, cover goods (default: ${DEFAULT-VALUE}).")
  String reference;

  @Option(names = "--cover-load-rate", description = "Share of manifests: cocaine in cover loads from tier-3 origins.")
  Double coverLoadRate;

  @Option(names = "--risky-transshipment-rate", description = "Share of manifests: cocaine via high-risk hubs.")
  Double riskyTransshipmentRate;

  @Option(names = "--rip-on-rate", description = "Share of manifests: rip-on/rip-off (seal change at a hub, long dwell).")
  Double ripOnRate;

  @Option(names = "--weight-value-anomaly-rate", description = "Share of manifests: cocaine with anomalous weight or value.")
  Double weightValueAnomalyRate;

  @Option(names = "--late-amendment-rate", description = "Share of manifests: cocaine, consignee swapped after departure.")
  Double lateAmendmentRate;

  @Option(names = "--front-cover-traffic-rate", description = "Share of manifests: clean cover loads to front companies.")
  Double frontCoverTrafficRate;

  @Option(names = "--front-company-rate", description = "Share of firms that are front companies.")
  Double frontCompanyRate;

  @Option(names = "--front-transaction-share", description = "Share of transactions made by front companies.")
  Double frontTransactionShare;

  @Option(names = "--structuring-share", description = "Share of front-company transactions that are cash deposits just below 10,000.")
  Double structuringShare;

  @Option(names = "--amendment-rate", description = "Share of manifests with a benign amendment.")
  Double amendmentRate;

  @Option(names = "--inspection-rate", description = "Share of containers inspected.")
  Double inspectionRate;

  @Option(names = "--random-inspection-share", description = "Share of inspections selected uniformly at random.")
  Double randomInspectionShare;

  @Option(names = "--tip-rate", description = "Share of smuggled containers tipped off (watchlist, TIP).")
  Double tipRate;

  @Option(names = "--malafide-label-share", description = "Share of front companies labelled MALAFIDE by an investigation.")
  Double malafideLabelShare;

  @Option(names = "--partner-label-share", description = "Share of a labelled front's partners (shippers abroad) labelled MALAFIDE too.")
  Double partnerLabelShare;

  @Option(names = "--cleared-label-rate", description = "Share of the other firms investigated and labelled CLEARED in the period.")
  Double clearedLabelRate;

  @Option(names = "--investigation-days", description = "Spread in days of when a front's investigation concludes, after 3 weeks of trading.")
  Integer investigationDays;

  private static double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }

  GeneratorSettings settings() {
    return GeneratorSettings.builder()
        .startDate(startDate).days(days).manifestsPerDay(manifestsPerDay).firms(firms)
        .transactionsPerDay(transactionsPerDay).seed(seed).format(format)
        .coverLoadRate(or(coverLoadRate, DEFAULTS.coverLoadRate()))
        .riskyTransshipmentRate(or(riskyTransshipmentRate, DEFAULTS.riskyTransshipmentRate()))
        .ripOnRate(or(ripOnRate, DEFAULTS.ripOnRate()))
        .weightValueAnomalyRate(or(weightValueAnomalyRate, DEFAULTS.weightValueAnomalyRate()))
        .lateAmendmentRate(or(lateAmendmentRate, DEFAULTS.lateAmendmentRate()))
        .frontCoverTrafficRate(or(frontCoverTrafficRate, DEFAULTS.frontCoverTrafficRate()))
        .frontCompanyRate(or(frontCompanyRate, DEFAULTS.frontCompanyRate()))
        .frontTransactionShare(or(frontTransactionShare, DEFAULTS.frontTransactionShare()))
        .structuringShare(or(structuringShare, DEFAULTS.structuringShare()))
        .amendmentRate(or(amendmentRate, DEFAULTS.amendmentRate()))
        .inspectionRate(or(inspectionRate, DEFAULTS.inspectionRate()))
        .randomInspectionShare(or(randomInspectionShare, DEFAULTS.randomInspectionShare()))
        .tipRate(or(tipRate, DEFAULTS.tipRate()))
        .malafideLabelShare(or(malafideLabelShare, DEFAULTS.malafideLabelShare()))
        .partnerLabelShare(or(partnerLabelShare, DEFAULTS.partnerLabelShare()))
        .clearedLabelRate(or(clearedLabelRate, DEFAULTS.clearedLabelRate()))
        .investigationDays(investigationDays == null ? DEFAULTS.investigationDays() : investigationDays)
        .build();
  }

  @Override
  public Integer call() {
    GeneratorSettings settings = settings();
    SparkSession spark = Sessions.getOrCreate("cargorisk generate");
    long started = System.nanoTime();
    ReferenceData referenceData =
        ReferenceData.load(spark.sparkContext().hadoopConfiguration(), reference);
    SyntheticLandingGenerator.GenerationResult result =
        SyntheticLandingGenerator.builder(spark).settings(settings).reference(referenceData)
            .output(out).execute();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    var stdout = spec.commandLine().getOut();
    stdout.printf("Generated %d manifests over %d days (%s to %s) into %s in %.1f s%n",
        result.manifests(), settings.days(), settings.startDate(), settings.endDate(), out,
        elapsed.toMillis() / 1000.0);
    stdout.printf("Planted: %s%n", result.schemes());
    stdout.printf("Inspections in the period: %d (%d hits); random: %d (%d hits)%n",
        result.inspections(), result.hits(), result.randomInspections(), result.randomHits());
    stdout.flush();
    return 0;
  }
}
