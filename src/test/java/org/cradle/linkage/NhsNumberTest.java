package org.cradle.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NhsNumberTest {

    @Test
    void theCheckDigitIsModulusElevenOfTheFirstNine() {
        // The NHS's own published example: 943 476 5919.
        assertThat(NhsNumber.valid(NhsNumber.parse("943 476 5919"))).isTrue();
        assertThat(NhsNumber.valid(NhsNumber.parse("943 476 5918"))).isFalse();
        assertThat(NhsNumber.checkDigit(943476591L)).isEqualTo(9);
    }

    @Test
    void onlyTenDigitsAreANumber() {
        assertThat(NhsNumber.parse("943-476-5919")).isEqualTo(9434765919L);
        assertThat(NhsNumber.parse("94347659")).isZero();
        assertThat(NhsNumber.parse("9434765919x")).isZero();
        assertThat(NhsNumber.parse(null)).isZero();
    }

    @Test
    void aMistypedDigitOrTwoSwappedNeighboursAreOneDigitApart() {
        assertThat(Comparisons.oneDigitApart(9434765919L, 9434765019L)).isTrue();
        assertThat(Comparisons.oneDigitApart(9434765919L, 9437465919L)).isTrue();
        assertThat(Comparisons.oneDigitApart(9434765919L, 1234567890L)).isFalse();
    }
}
