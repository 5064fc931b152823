package org.cargorisk.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.cargorisk.contracts.Identifiers;
import org.cargorisk.errors.CargoRiskErrors;
import org.cargorisk.reference.ReferenceData;

/**
 * The small dimensions of the synthetic world, built on the driver from the seed and the
 * reference files: trade regions, goods by region, shipping services (origin, optional
 * transshipment hub, European discharge port) with their vessels and weekly voyages, and the
 * firm register laid out in contiguous pools (shippers by country, importers, forwarders,
 * hauliers, agents, front companies by registration date) so that Spark can pick a firm from
 * a pool with arithmetic. Everything here is bounded by the number of ports, goods, weeks and
 * firms (at most {@link GeneratorSettings#MAX_FIRMS}), never by the number of manifests.
 */
final class World {
  static final int PICKER_SLOTS = 1024;

  enum Region {
    LATIN_AMERICA(15, 0.2),
    ASIA(30, 0.15),
    AFRICA(12, 0.6),
    NORTH_AMERICA(10, 0.5),
    EUROPE(3, 0.5);

    final int transitDays;
    final double typicalHubFraction;

    Region(int transitDays, double typicalHubFraction) {
      this.transitDays = transitDays;
      this.typicalHubFraction = typicalHubFraction;
    }
  }

  private static final Map<String, Region> COUNTRY_REGION = new LinkedHashMap<>();

  static {
    for (String c : List.of("EC", "CO", "PE", "BO", "PA", "CR", "DO", "VE", "BR", "MX", "GT", "HN",
        "JM", "CL", "UY", "AR", "PY")) {
      COUNTRY_REGION.put(c, Region.LATIN_AMERICA);
    }
    for (String c : List.of("ZA", "NG", "GH", "CI", "MA")) {
      COUNTRY_REGION.put(c, Region.AFRICA);
    }
    for (String c : List.of("TR", "AE", "HK", "CN", "SG", "MY", "IN", "VN", "TH")) {
      COUNTRY_REGION.put(c, Region.ASIA);
    }
    for (String c : List.of("US", "CA")) {
      COUNTRY_REGION.put(c, Region.NORTH_AMERICA);
    }
    for (String c : List.of("ES", "PT", "IT", "GR", "FR", "GB", "NL", "BE", "DE")) {
      COUNTRY_REGION.put(c, Region.EUROPE);
    }
  }

  /** Relative export volume of a port towards the North Sea ports; unlisted ports weigh 1. */
  private static final Map<String, Double> PORT_VOLUME =
      Map.ofEntries(
          Map.entry("ECGYE", 6.0), Map.entry("ECPSJ", 3.0), Map.entry("COCTG", 2.0),
          Map.entry("COBUN", 1.5), Map.entry("COSMR", 1.5), Map.entry("PECLL", 3.0),
          Map.entry("PAMIT", 1.5), Map.entry("CRMOB", 4.0), Map.entry("DOCAU", 1.5),
          Map.entry("VEPBL", 0.3), Map.entry("BRSSZ", 4.0), Map.entry("BRPNG", 2.0),
          Map.entry("MXZLO", 1.5), Map.entry("JMKIN", 0.5), Map.entry("CLSAI", 2.0),
          Map.entry("ARBUE", 1.5), Map.entry("ZADUR", 2.0), Map.entry("NGAPP", 0.8),
          Map.entry("CIABJ", 1.5), Map.entry("MAPTM", 1.5), Map.entry("PTSIE", 0.5),
          Map.entry("ITGIT", 0.5), Map.entry("TRMER", 2.0), Map.entry("ESVLC", 1.5),
          Map.entry("CNSHA", 10.0), Map.entry("CNNGB", 8.0), Map.entry("CNYTN", 7.0),
          Map.entry("SGSIN", 3.0), Map.entry("MYPKG", 2.5), Map.entry("INNSA", 4.0),
          Map.entry("VNSGN", 3.0), Map.entry("THLCH", 2.5), Map.entry("USNYC", 3.0),
          Map.entry("USSAV", 2.5), Map.entry("CAMTR", 1.5), Map.entry("GBFXT", 1.5));

  /** Discharge ports of the customs offices, with their share of the traffic. */
  static final Map<String, Double> DISCHARGE_PORTS =
      Map.of("NLRTM", 0.5, "BEANR", 0.33, "DEHAM", 0.17);

  private static final List<String> CARRIERS =
      List.of("MAEU", "MSCU", "CMDU", "HLCU", "ONEY", "EGLV", "COSU", "ZIMU");

  /** ISO 6346 owner codes with equipment category U (container owners and lessors). */
  static final List<String> CONTAINER_OWNERS =
      List.of("MSKU", "MSCU", "CMAU", "HLXU", "ONEU", "EGHU", "CSNU", "TGHU", "TCLU", "SEGU",
          "FCIU", "TRLU", "CAIU", "GESU", "BMOU", "TEMU", "DFSU", "OOLU", "ZIMU", "BEAU");

  /** A kind of goods, with how it is packed, how heavy and how valuable it is. */
  record Goods(
      int index, String hsCode, String description, String containerType, int packagesMin,
      int packagesMax, double kgPerPackage, double eurPerKg, double[] regionWeights,
      boolean cover) {}

  /** A weekly shipping service: origin, optional transshipment hub, discharge port. */
  record Service(
      int index, String code, ReferenceData.Port origin, ReferenceData.Port hub,
      ReferenceData.Port discharge, Region region, int phase, String carrier, String[] vessels,
      double weight, int transitDays, double hubFraction) {
    boolean riskyHub() {
      return hub != null && hub.riskTier() >= 2;
    }
  }

  /** One sailing of a service; times are epoch seconds, {@code hub*} are 0 without a hub. */
  record Voyage(
      int serviceIndex, long departureDay, String voyageId, String vesselImo, long originArrival,
      long departure, long hubArrival, long hubDeparture, long eta, long arrival,
      long dischargeDeparture) {}

  /** A firm of the register. */
  record Firm(
      int index, String firmId, String name, String country, LocalDate registeredOn, String eori,
      String address, String sector, String directorName, String bankAccount, boolean front,
      Integer watchFromDay) {}

  final GeneratorSettings settings;
  final long startDay;
  final List<ReferenceData.Port> ports;
  final Map<String, Integer> countryTier = new LinkedHashMap<>();
  final List<String> countries = new ArrayList<>();
  final List<Goods> goods;
  final List<Service> services;
  final List<Voyage> voyages = new ArrayList<>();
  final List<Firm> firms = new ArrayList<>();

  // firm pools: start index and size per origin country (shippers), then global pools
  final int[] shipperStart;
  final int[] shipperSize;
  int importerStart;
  int importerSize;
  int forwarderStart;
  int forwarderSize;
  int haulierStart;
  int haulierSize;
  int agentStart;
  int agentSize;
  int frontStart;
  int frontSize;
  /** Number of front companies registered before each business date (index = day offset). */
  final int[] frontsRegisteredBefore;
  /**
   * The partners of each front company: {@link #PARTNERS_PER_FRONT} shippers in high-risk
   * (tier-3) countries that make its third-party wires and receive its wires abroad (index
   * {@code (front - frontStart) * PARTNERS_PER_FRONT + k} holds a firm index).
   */
  int[] frontPartners = new int[0];

  /** Shippers abroad that deal with each front company (its partners in the scheme). */
  static final int PARTNERS_PER_FRONT = 2;

  World(GeneratorSettings settings, ReferenceData reference) {
    this.settings = settings;
    this.startDay = settings.startDate().toEpochDay();
    this.ports = reference.ports();
    reference.countries().forEach(c -> countryTier.put(c.country(), c.riskTier()));
    for (ReferenceData.Port port : ports) {
      if (!countries.contains(port.country())) {
        countries.add(port.country());
      }
    }
    for (String discharge : DISCHARGE_PORTS.keySet()) {
      if (port(discharge) == null) {
        throw CargoRiskErrors.invalidReferenceData(
            ReferenceData.PORTS_FILE, 0, "locode", discharge,
            "the generator needs the discharge ports " + DISCHARGE_PORTS.keySet() + " in ports.csv");
      }
    }
    Set<String> coverPrefixes = new java.util.HashSet<>();
    reference.coverGoods().forEach(c -> coverPrefixes.add(c.hsPrefix()));
    this.goods = GoodsCatalog.goods(coverPrefixes);
    SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + 17);
    this.services = buildServices(random.split());
    buildVoyages(random.split());
    this.shipperStart = new int[countries.size()];
    this.shipperSize = new int[countries.size()];
    this.frontsRegisteredBefore = new int[settings.days()];
    buildFirms(random.split());
  }

  static Region region(String country) {
    return COUNTRY_REGION.getOrDefault(country, Region.ASIA);
  }

  ReferenceData.Port port(String locode) {
    return ports.stream().filter(p -> p.locode().equals(locode)).findFirst().orElse(null);
  }

  int countryIndex(String country) {
    return countries.indexOf(country);
  }

  /** Tier of a port's country, or the port's own tier when the country file lacks it. */
  int tier(ReferenceData.Port port) {
    return Math.max(port.riskTier(), countryTier.getOrDefault(port.country(), 1));
  }

  // ---- services and voyages ----

  private List<Service> buildServices(SplittableRandom random) {
    List<ReferenceData.Port> hubs =
        ports.stream().filter(p -> p.hub() && !DISCHARGE_PORTS.containsKey(p.locode())).toList();
    List<Service> result = new ArrayList<>();
    for (ReferenceData.Port origin : ports) {
      if (DISCHARGE_PORTS.containsKey(origin.locode())) {
        continue;
      }
      Region region = region(origin.country());
      double volume = PORT_VOLUME.getOrDefault(origin.locode(), 1.0);
      List<ReferenceData.Port> routeHubs = new ArrayList<>();
      routeHubs.add(null);
      if (region != Region.EUROPE) {
        List<ReferenceData.Port> candidates =
            new ArrayList<>(hubs.stream().filter(h -> hubServes(h, region) && !h.country().equals(origin.country())).toList());
        for (int i = 0; i < 2 && !candidates.isEmpty(); i++) {
          routeHubs.add(candidates.remove(random.nextInt(candidates.size())));
        }
      }
      for (ReferenceData.Port hub : routeHubs) {
        double routeShare = hub == null ? 0.5 : 0.5 / (routeHubs.size() - 1);
        for (Map.Entry<String, Double> discharge : DISCHARGE_PORTS.entrySet().stream()
            .sorted(Map.Entry.comparingByKey()).toList()) {
          int index = result.size();
          String[] vessels = new String[3];
          for (int v = 0; v < vessels.length; v++) {
            vessels[v] = imo(random);
          }
          int transit = Math.max(2, region.transitDays + random.nextInt(-1, 3) + (hub == null ? 0 : 2));
          double hubFraction = hub == null ? 0 : hubFraction(hub, region);
          result.add(new Service(index, String.format("S%03d", index), origin, hub,
              port(discharge.getKey()), region, random.nextInt(7),
              CARRIERS.get(random.nextInt(CARRIERS.size())), vessels,
              volume * routeShare * discharge.getValue(), transit, hubFraction));
        }
      }
    }
    return result;
  }

  private static boolean hubServes(ReferenceData.Port hub, Region region) {
    Region hubRegion = region(hub.country());
    return switch (region) {
      case LATIN_AMERICA -> hubRegion == Region.LATIN_AMERICA || hubRegion == Region.EUROPE
          || hubRegion == Region.AFRICA;
      case ASIA -> hubRegion == Region.ASIA || hubRegion == Region.EUROPE || hubRegion == Region.AFRICA;
      case AFRICA, NORTH_AMERICA -> hubRegion == Region.EUROPE || hubRegion == Region.AFRICA;
      case EUROPE -> false;
    };
  }

  private static double hubFraction(ReferenceData.Port hub, Region origin) {
    Region hubRegion = region(hub.country());
    return hubRegion == origin ? 0.2 : 0.75;
  }

  private static String imo(SplittableRandom random) {
    String six = "9" + String.format("%05d", random.nextInt(100_000));
    return six + Identifiers.imoCheckDigit(six);
  }

  private void buildVoyages(SplittableRandom random) {
    // Manifests filed on day d name the first sailing departing on d+2 .. d+8.
    long first = startDay + 2;
    long last = startDay + settings.days() + 9;
    for (Service service : services) {
      for (long day = first; day <= last; day++) {
        if (Math.floorMod(day - service.phase(), 7) != 0) {
          continue;
        }
        SplittableRandom voyageRandom =
            new SplittableRandom(settings.seed() * 31 + service.index() * 100_003L + day);
        long departure = day * 86_400 + 3_600L * (4 + voyageRandom.nextInt(16));
        long originArrival = departure - 3_600L * (18 + voyageRandom.nextInt(30));
        long transitSeconds = service.transitDays() * 86_400L;
        long hubArrival = 0;
        long hubDeparture = 0;
        long delay = voyageRandom.nextInt(10) < 7 ? 0 : 3_600L * voyageRandom.nextInt(6, 60);
        if (service.hub() != null) {
          hubArrival = departure + (long) (transitSeconds * service.hubFraction()) + delay / 2;
          hubDeparture = hubArrival + 3_600L * (26 + voyageRandom.nextInt(24));
        }
        long eta = departure + transitSeconds + 3_600L * voyageRandom.nextInt(12);
        long arrival = eta + delay;
        long dischargeDeparture = arrival + 3_600L * (20 + voyageRandom.nextInt(16));
        String vessel = service.vessels()[(int) Math.floorMod(day / 7, service.vessels().length)];
        String voyageId = service.code() + "-" + LocalDate.ofEpochDay(day).format(
            java.time.format.DateTimeFormatter.ofPattern("yyMMdd"));
        voyages.add(new Voyage(service.index(), day, voyageId, vessel, originArrival, departure,
            hubArrival, hubDeparture, eta, arrival, dischargeDeparture));
      }
    }
  }

  // ---- firms ----

  private void buildFirms(SplittableRandom random) {
    int total = settings.firms();
    int fronts = settings.frontCompanyRate() == 0 ? 0
        : Math.max(1, (int) Math.round(total * settings.frontCompanyRate()));
    int rest = total - fronts;
    int shippers = (int) (rest * 0.45);
    int importers = (int) (rest * 0.30);
    int forwarders = (int) (rest * 0.10);
    int hauliers = (int) (rest * 0.08);
    int agents = rest - shippers - importers - forwarders - hauliers;

    // shippers per origin country, in proportion to the country's export volume
    double[] countryVolume = new double[countries.size()];
    for (Service s : services) {
      countryVolume[countryIndex(s.origin().country())] += s.weight();
    }
    double volumeSum = java.util.Arrays.stream(countryVolume).sum();
    int[] shippersPerCountry = new int[countries.size()];
    int assigned = 0;
    for (int c = 0; c < countries.size(); c++) {
      shippersPerCountry[c] = countryVolume[c] == 0 ? 0
          : Math.max(2, (int) Math.floor(shippers * countryVolume[c] / volumeSum));
      assigned += shippersPerCountry[c];
    }
    int index = 0;
    for (int c = 0; c < countries.size(); c++) {
      shipperStart[c] = index;
      shipperSize[c] = shippersPerCountry[c];
      for (int i = 0; i < shippersPerCountry[c]; i++) {
        firms.add(legitFirm(index++, countries.get(c), "SHIPPER", random));
      }
    }
    importerStart = index;
    importerSize = Math.max(1, importers - Math.max(0, assigned - shippers));
    for (int i = 0; i < importerSize; i++) {
      firms.add(legitFirm(index++, euCountry(random), "IMPORTER", random));
    }
    forwarderStart = index;
    forwarderSize = Math.max(1, forwarders);
    for (int i = 0; i < forwarderSize; i++) {
      firms.add(legitFirm(index++, euCountry(random), "FORWARDER", random));
    }
    haulierStart = index;
    haulierSize = Math.max(1, hauliers);
    for (int i = 0; i < haulierSize; i++) {
      firms.add(legitFirm(index++, euCountry(random), "HAULIER", random));
    }
    agentStart = index;
    agentSize = Math.max(1, agents);
    for (int i = 0; i < agentSize; i++) {
      firms.add(legitFirm(index++, euCountry(random), "AGENT", random));
    }
    frontStart = index;
    frontSize = fronts;
    List<LocalDate> frontDates = new ArrayList<>();
    for (int i = 0; i < fronts; i++) {
      // 40 % registered in the year before the period, the rest during it (until 3 weeks
      // before its end), so that young firms keep appearing.
      boolean during = settings.days() > 30 && random.nextDouble() < 0.6;
      long day = during
          ? startDay + random.nextInt(Math.max(1, settings.days() - 21))
          : startDay - 30 - random.nextInt(335);
      frontDates.add(LocalDate.ofEpochDay(day));
    }
    frontDates.sort(Comparator.naturalOrder());
    String[] formationAddresses = {
      "Kabelweg 37, Amsterdam", "Noorderlaan 133, Antwerpen", "Zollstrasse 12, Hamburg",
      "Waalhaven O.z. 85, Rotterdam"};
    String[] nominees = {"P. Verhoeven", "M. Janssens", "R. Alvarez", "K. Demir", "J. Smit"};
    for (int i = 0; i < fronts; i++) {
      String country = euCountry(random);
      Integer watchFrom = random.nextDouble() < settings.tipRate() * 4
          ? (int) (frontDates.get(i).toEpochDay() + 30 + random.nextInt(60)) : null;
      firms.add(new Firm(index, firmId(index), Names.companyName(country, random) ,
          country, frontDates.get(i), random.nextDouble() < 0.7 ? eori(country, random) : null,
          random.nextDouble() < 0.6 ? formationAddresses[random.nextInt(formationAddresses.length)]
              : Names.address(country, random),
          random.nextDouble() < 0.8 ? "IMPORTER" : "AGENT",
          random.nextDouble() < 0.5 ? nominees[random.nextInt(nominees.length)]
              : Names.person(country, random),
          random.nextDouble() < 0.3 ? Names.bankAccount("LT", random) : Names.bankAccount(country, random),
          true, watchFrom));
      index++;
    }
    frontPartners = partners(fronts, random);
    for (int d = 0; d < settings.days(); d++) {
      long day = startDay + d;
      frontsRegisteredBefore[d] =
          (int) frontDates.stream().filter(date -> date.toEpochDay() < day).count();
    }
  }

  /**
   * Partners of each front company, drawn among the shippers of tier-3 countries (all shippers
   * when the reference has none): the counterparties that make the front's money flow.
   */
  private int[] partners(int fronts, SplittableRandom random) {
    List<Integer> pool = new ArrayList<>();
    for (int c = 0; c < countries.size(); c++) {
      if (countryTier.getOrDefault(countries.get(c), 1) >= 3) {
        for (int i = 0; i < shipperSize[c]; i++) {
          pool.add(shipperStart[c] + i);
        }
      }
    }
    if (pool.isEmpty()) {
      for (int i = 0; i < importerStart; i++) {
        pool.add(i);
      }
    }
    int[] partners = new int[fronts * PARTNERS_PER_FRONT];
    for (int i = 0; i < partners.length; i++) {
      partners[i] = pool.get(random.nextInt(pool.size()));
    }
    return partners;
  }

  private Firm legitFirm(int index, String country, String sector, SplittableRandom random) {
    long registered;
    if (random.nextDouble() < 0.04) {
      registered = startDay - 30 - random.nextInt(335);
    } else {
      registered = startDay - 365 - (long) (365 * 40 * Math.pow(random.nextDouble(), 2));
    }
    boolean eu = region(country) == Region.EUROPE;
    String address = Names.address(country, random);
    return new Firm(index, firmId(index), Names.companyName(country, random), country,
        LocalDate.ofEpochDay(registered),
        eu || random.nextDouble() < 0.3 ? eori(country, random) : null, address, sector,
        random.nextDouble() < 0.9 ? Names.person(country, random) : null,
        random.nextDouble() < 0.95 ? Names.bankAccount(country, random) : null, false, null);
  }

  private static String euCountry(SplittableRandom random) {
    double u = random.nextDouble();
    return u < 0.45 ? "NL" : u < 0.7 ? "BE" : u < 0.92 ? "DE" : "FR";
  }

  private static String eori(String country, SplittableRandom random) {
    return country + String.format("%09d", random.nextInt(1_000_000_000));
  }

  /** Firm ids are a bijection of the pool index, so that ids do not reveal the pool. */
  static final long FIRM_ID_MULTIPLIER = 3_000_017L;
  static final long FIRM_ID_MODULUS = 10_000_000L;

  long firmIdOffset() {
    return Math.floorMod(settings.seed() * 7_919L, FIRM_ID_MODULUS);
  }

  String firmId(int index) {
    return String.format("F%07d",
        Math.floorMod(index * FIRM_ID_MULTIPLIER + firmIdOffset(), FIRM_ID_MODULUS));
  }

  // ---- pickers: weighted choices as lookup arrays for Spark ----

  /** A lookup array of {@link #PICKER_SLOTS} indices, each chosen in proportion to its weight. */
  static int[] picker(double[] weights) {
    double sum = java.util.Arrays.stream(weights).sum();
    int[] slots = new int[PICKER_SLOTS];
    if (sum <= 0) {
      java.util.Arrays.fill(slots, -1);
      return slots;
    }
    double cumulative = 0;
    int item = 0;
    for (int slot = 0; slot < PICKER_SLOTS; slot++) {
      double target = (slot + 0.5) / PICKER_SLOTS * sum;
      while (item < weights.length - 1 && cumulative + weights[item] < target) {
        cumulative += weights[item];
        item++;
      }
      slots[slot] = item;
    }
    return slots;
  }

  double[] serviceWeights(java.util.function.Predicate<Service> eligible) {
    return services.stream().mapToDouble(s -> eligible.test(s) ? s.weight() : 0).toArray();
  }

  /** Goods pickers of every region, concatenated (region r occupies slots r*SLOTS..). */
  int[] goodsPickers(boolean coverOnly) {
    int[] all = new int[Region.values().length * PICKER_SLOTS];
    for (Region region : Region.values()) {
      double[] weights = goods.stream()
          .mapToDouble(g -> coverOnly && !g.cover() ? 0 : g.regionWeights()[region.ordinal()])
          .toArray();
      if (java.util.Arrays.stream(weights).sum() == 0) {
        // a region without cover goods falls back to its usual goods
        weights = goods.stream().mapToDouble(g -> g.regionWeights()[region.ordinal()]).toArray();
      }
      System.arraycopy(picker(weights), 0, all, region.ordinal() * PICKER_SLOTS, PICKER_SLOTS);
    }
    return all;
  }

  /** ISO 6346 partial sums of the four owner-code letters (weights 1, 2, 4, 8). */
  static int[] ownerCheckSums() {
    return CONTAINER_OWNERS.stream().mapToInt(owner -> {
      int sum = 0;
      for (int i = 0; i < 4; i++) {
        sum += Identifiers.iso6346LetterValue(owner.charAt(i)) << i;
      }
      return sum;
    }).toArray();
  }
}
