package org.cargorisk.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Goods that travel to the North Sea ports, by origin region: HS code, description as declared,
 * container type (reefers 45R1 for fruit and frozen goods), packing, weight per package and a
 * typical value per kg. A goods kind is a cover good when its HS code starts with a prefix of
 * {@code cover_goods.csv}.
 */
final class GoodsCatalog {
  private GoodsCatalog() {}

  // region weights in the order of World.Region: LATIN_AMERICA, ASIA, AFRICA, NORTH_AMERICA, EUROPE
  private static final Object[][] ROWS = {
    {"0803901000", "FRESH BANANAS", "45R1", 960, 1200, 19.5, 0.75, new double[] {30, 0, 1, 0, 0}},
    {"0804400010", "FRESH AVOCADOS", "45R1", 1400, 1700, 11.0, 2.2, new double[] {6, 0, 3, 0, 0}},
    {"0804300000", "FRESH PINEAPPLES", "45R1", 1300, 1500, 12.5, 0.8, new double[] {8, 0, 2, 0, 0}},
    {"0805100020", "FRESH ORANGES", "45R1", 1400, 1600, 15.0, 0.9, new double[] {2, 0, 8, 0, 2}},
    {"0810909000", "FRESH EXOTIC FRUIT", "45R1", 1200, 1500, 5.0, 3.0, new double[] {3, 1, 1, 0, 0}},
    {"0306171000", "FROZEN SHRIMPS", "45R1", 1800, 2400, 10.0, 7.5, new double[] {6, 3, 0, 0, 0}},
    {"0901110000", "GREEN COFFEE BEANS IN JUTE BAGS", "22G1", 300, 330, 60.5, 3.8, new double[] {8, 2, 2, 0, 0}},
    {"1801000000", "COCOA BEANS", "22G1", 380, 420, 63.0, 5.5, new double[] {2, 0, 9, 0, 0}},
    {"1701140000", "RAW CANE SUGAR", "22G1", 500, 540, 50.0, 0.45, new double[] {2, 0, 0, 0, 0}},
    {"2008999000", "PRESERVED FRUIT IN CANS", "22G1", 1500, 1900, 12.0, 1.8, new double[] {2, 2, 1, 0, 1}},
    {"4401220000", "WOOD CHIPS", "45G1", 1, 1, 26000.0, 0.12, new double[] {1, 0, 0, 2, 0}},
    {"6907219000", "CERAMIC TILES", "22G1", 900, 1100, 24.0, 0.6, new double[] {1, 3, 0, 0, 3}},
    {"2603000000", "COPPER CONCENTRATE IN BIG BAGS", "22G1", 20, 24, 1150.0, 2.2, new double[] {3, 0, 0, 0, 0}},
    {"2204210000", "WINE IN BOTTLES", "22G1", 1100, 1300, 15.0, 3.5, new double[] {2, 0, 1, 0, 2}},
    {"0202300000", "FROZEN BONELESS BEEF", "45R1", 1100, 1300, 20.0, 6.0, new double[] {3, 0, 0, 0, 0}},
    {"1201900000", "SOYBEANS", "22G1", 1, 1, 25000.0, 0.45, new double[] {3, 0, 0, 2, 0}},
    {"8471300000", "PORTABLE COMPUTERS", "45G1", 900, 1400, 4.5, 180.0, new double[] {0, 5, 0, 1, 0}},
    {"8517130000", "SMARTPHONES", "45G1", 600, 1000, 6.0, 220.0, new double[] {0, 3, 0, 0, 0}},
    {"9403600000", "WOODEN FURNITURE", "45G1", 250, 400, 28.0, 3.2, new double[] {1, 8, 0, 0, 1}},
    {"6109100010", "COTTON T-SHIRTS", "45G1", 700, 1000, 11.0, 14.0, new double[] {0, 8, 1, 0, 0}},
    {"6403999000", "LEATHER FOOTWEAR", "45G1", 900, 1300, 7.0, 22.0, new double[] {1, 4, 0, 0, 1}},
    {"9503009900", "TOYS", "45G1", 800, 1200, 6.0, 7.0, new double[] {0, 5, 0, 0, 0}},
    {"8708999000", "AUTOMOTIVE PARTS", "22G1", 300, 500, 35.0, 9.0, new double[] {1, 4, 1, 3, 2}},
    {"7308909000", "STEEL STRUCTURES", "42G1", 40, 80, 320.0, 1.4, new double[] {0, 3, 0, 0, 1}},
    {"3926909790", "PLASTIC ARTICLES", "45G1", 900, 1300, 9.0, 3.5, new double[] {0, 5, 0, 0, 1}},
    {"8541430000", "SOLAR PANELS", "45G1", 600, 700, 22.0, 6.0, new double[] {0, 4, 0, 0, 0}},
    {"8479899790", "INDUSTRIAL MACHINERY", "42G1", 5, 20, 1200.0, 25.0, new double[] {0, 1, 0, 4, 2}},
    {"4407119000", "SAWN SOFTWOOD", "42G1", 20, 30, 900.0, 0.4, new double[] {1, 0, 0, 3, 0}},
    {"2309109000", "PET FOOD", "22G1", 1300, 1500, 13.0, 2.2, new double[] {0, 0, 0, 2, 1}},
    {"4403490000", "TROPICAL HARDWOOD LOGS", "42G1", 3, 6, 4500.0, 0.35, new double[] {0, 0, 2, 0, 0}},
    {"1905908000", "BAKERY PRODUCTS", "45G1", 1200, 1500, 8.0, 3.0, new double[] {0, 0, 0, 0, 2}},
  };

  static List<World.Goods> goods(Set<String> coverPrefixes) {
    List<World.Goods> result = new ArrayList<>();
    for (Object[] row : ROWS) {
      String hs = (String) row[0];
      boolean cover = coverPrefixes.stream().anyMatch(hs::startsWith);
      result.add(new World.Goods(result.size(), hs, (String) row[1], (String) row[2],
          (Integer) row[3], (Integer) row[4], (Double) row[5], (Double) row[6],
          (double[]) row[7], cover));
    }
    return result;
  }
}
