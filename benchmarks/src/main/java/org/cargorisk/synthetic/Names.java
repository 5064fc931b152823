package org.cargorisk.synthetic;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Plausible firm names, people, addresses and bank accounts (ASCII only), by country. */
final class Names {
  private Names() {}

  private static final List<String> SPANISH_WORDS =
      List.of("Andes", "Pacifico", "Tropical", "Sol", "Costa", "Verde", "Del Sur", "Rio", "Aurora",
          "Cordillera", "Frutas", "Agro", "Mar", "Oro", "Palma", "Monte", "Valle", "Estrella");
  private static final List<String> ASIAN_WORDS =
      List.of("Golden", "Harmony", "Dragon", "Pearl", "Orient", "Lucky", "Great Wall", "Jade",
          "Sunrise", "Lotus", "Everbright", "Pacific", "Silk Road", "Bright Star", "Ocean");
  private static final List<String> EUROPEAN_WORDS =
      List.of("Noord", "Delta", "Maas", "Schelde", "Elbe", "Hanse", "Euro", "Atlas", "Vanguard",
          "Polder", "Havenzicht", "Kade", "Nordsee", "Rhein", "Benelux", "Continental", "Meridian");
  private static final List<String> TRADES =
      List.of("Trading", "Import", "Export", "Logistics", "Foods", "Fresh", "Commodities",
          "Distribution", "Global", "International", "Shipping", "Supply");
  private static final Map<String, String> SUFFIX =
      Map.ofEntries(Map.entry("NL", "B.V."), Map.entry("BE", "BV"), Map.entry("DE", "GmbH"),
          Map.entry("FR", "SARL"), Map.entry("GB", "Ltd"), Map.entry("US", "Inc."),
          Map.entry("CA", "Inc."), Map.entry("CN", "Co. Ltd"), Map.entry("HK", "Ltd"),
          Map.entry("ES", "S.L."), Map.entry("IT", "S.r.l."), Map.entry("PT", "Lda"),
          Map.entry("BR", "Ltda"), Map.entry("TR", "A.S."));
  private static final List<String> FIRST =
      List.of("Jan", "Pieter", "Maria", "Sofia", "Luis", "Carlos", "Ana", "Wei", "Li", "Ahmed",
          "Fatima", "Thomas", "Anna", "Jose", "Elena", "Mehmet", "Priya", "Kofi", "Grace", "Lucas");
  private static final List<String> LAST =
      List.of("de Vries", "Jansen", "Peeters", "Muller", "Schmidt", "Garcia", "Rodriguez",
          "Lopez", "Zhang", "Wang", "Chen", "Nguyen", "Kumar", "Yilmaz", "Mensah", "Silva",
          "Santos", "Dubois", "Rossi", "Smith", "Bakker", "Visser", "Maes", "Fischer");
  private static final List<String> STREETS =
      List.of("Harbour Road", "Main Street", "Industrial Avenue", "Port Boulevard", "Station Road",
          "Market Street", "Canal Street", "Airport Road", "Commerce Park", "Logistics Way");
  private static final Map<String, String> CITY =
      Map.ofEntries(Map.entry("NL", "Rotterdam"), Map.entry("BE", "Antwerpen"),
          Map.entry("DE", "Hamburg"), Map.entry("FR", "Le Havre"), Map.entry("EC", "Guayaquil"),
          Map.entry("CO", "Cartagena"), Map.entry("PE", "Lima"), Map.entry("PA", "Colon"),
          Map.entry("CR", "Limon"), Map.entry("BR", "Santos"), Map.entry("CN", "Shanghai"),
          Map.entry("IN", "Mumbai"), Map.entry("US", "New York"), Map.entry("ZA", "Durban"));

  private static String pick(List<String> values, SplittableRandom random) {
    return values.get(random.nextInt(values.size()));
  }

  static String companyName(String country, SplittableRandom random) {
    World.Region region = World.region(country);
    List<String> words = switch (region) {
      case LATIN_AMERICA -> SPANISH_WORDS;
      case ASIA -> ASIAN_WORDS;
      default -> EUROPEAN_WORDS;
    };
    String suffix = SUFFIX.getOrDefault(country, region == World.Region.LATIN_AMERICA ? "S.A." : "Ltd");
    return pick(words, random) + " " + pick(TRADES, random) + " " + suffix;
  }

  static String person(String country, SplittableRandom random) {
    return pick(FIRST, random) + " " + pick(LAST, random);
  }

  static String address(String country, SplittableRandom random) {
    return pick(STREETS, random) + " " + (1 + random.nextInt(400)) + ", "
        + CITY.getOrDefault(country, "Port District " + country);
  }

  /** IBAN-like: country, two check digits, four bank letters, ten digits. */
  static String bankAccount(String country, SplittableRandom random) {
    StringBuilder bank = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      bank.append((char) ('A' + random.nextInt(26)));
    }
    return country + String.format("%02d", 10 + random.nextInt(90)) + bank
        + String.format("%010d", random.nextLong(10_000_000_000L));
  }
}
