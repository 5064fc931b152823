package org.cargorisk.features;

import java.util.List;
import org.cargorisk.reference.ReferenceData;
import org.cargorisk.reference.ReferenceData.Country;
import org.cargorisk.reference.ReferenceData.CoverGood;
import org.cargorisk.reference.ReferenceData.Port;

/** Small reference data for feature tests: two high-risk ports, one high-risk country. */
public final class TestReference {
  private TestReference() {}

  public static ReferenceData get() {
    return new ReferenceData(
        List.of(
            new Port("ECGYE", "EC", "Guayaquil", 3, false),
            new Port("PAMIT", "PA", "Manzanillo", 3, true),
            new Port("COCTG", "CO", "Cartagena", 3, true),
            new Port("ESALG", "ES", "Algeciras", 2, true),
            new Port("NLRTM", "NL", "Rotterdam", 1, true)),
        List.of(new Country("EC", "Ecuador", 3), new Country("NL", "Netherlands", 1)),
        List.of(new CoverGood("0803", "Bananas")),
        List.of());
  }
}
