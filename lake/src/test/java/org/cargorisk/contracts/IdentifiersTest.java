package org.cargorisk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
  @Test
  void knownContainerNumbersValidate() {
    // Published examples of valid ISO 6346 numbers.
    assertThat(Identifiers.isValidContainerNumber("CSQU3054383")).isTrue();
    assertThat(Identifiers.isValidContainerNumber("MSKU9070323")).isTrue();
    assertThat(Identifiers.isValidContainerNumber("CSQU3054384")).isFalse();
    assertThat(Identifiers.isValidContainerNumber("CSQ3054383")).isFalse();
  }

  @Test
  void letterValuesSkipMultiplesOfEleven() {
    assertThat(Identifiers.iso6346LetterValue('A')).isEqualTo(10);
    assertThat(Identifiers.iso6346LetterValue('B')).isEqualTo(12);
    assertThat(Identifiers.iso6346LetterValue('L')).isEqualTo(23);
    assertThat(Identifiers.iso6346LetterValue('V')).isEqualTo(34);
    assertThat(Identifiers.iso6346LetterValue('Z')).isEqualTo(38);
  }

  @Test
  void knownImoNumbersValidate() {
    // IMO 9074729: 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139, check digit 9.
    assertThat(Identifiers.isValidImo("9074729")).isTrue();
    assertThat(Identifiers.isValidImo("9074728")).isFalse();
    assertThat(Identifiers.isValidImo("907472")).isFalse();
  }
}
