package org.cradle.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The levels of agreement two records reach on each field, for the variations agency records show. */
class ComparisonsTest {

    private static byte[] compare(Records.Row a, Records.Row b) {
        var records = new Records();
        records.add(a);
        records.add(b);
        var compare = new Comparisons(records, new NameFeatures(records.givenNames, true), new NameFeatures(records.familyNames, false));
        byte[] levels = new byte[Model.FIELDS];
        compare.compare(0, 1, levels);
        return levels;
    }

    private static Records.Row row(String given, String family, String previous, int birth) {
        return new Records.Row("x", "file", given, family, previous, birth, 'F', null, "HP11 2AB", "10 Mill Street", null, "E10000002");
    }

    @Test
    void aNicknameIsAVariantAndASlipIsOneSlipApart() {
        assertThat(compare(row("Elizabeth", "Tate", null, 0), row("Lizzie", "Tate", null, 0))[0]).isEqualTo((byte) 2);
        assertThat(compare(row("Jade", "Tate", null, 0), row("Jayde", "Tate", null, 0))[0]).isEqualTo((byte) 3);
        assertThat(compare(row("Baby", "Tate", null, 0), row("Amelia", "Tate", null, 0))[0]).as("a stand-in for a name is no name").isEqualTo((byte) -1);
    }

    @Test
    void aHyphenatedOrEarlierSurnameCountsAsAChangedSurname() {
        assertThat(compare(row("Jade", "Tate", null, 0), row("Jade", "Tate-Cole", null, 0))[1]).isEqualTo((byte) 2);
        assertThat(compare(row("Amelia", "Tate", null, 0), row("Amelia", "Cole", "Tate", 0))[1]).isEqualTo((byte) 2);
        assertThat(compare(row("Amelia", "Tate", null, 0), row("Amelia", "Cole", null, 0))[1]).isEqualTo((byte) 0);
    }

    @Test
    void dayAndMonthSwappedIsItsOwnLevel() {
        assertThat(Comparisons.birth(20000604, 20000406)).isEqualTo((byte) 2);
        assertThat(Comparisons.birth(20000604, 20000605)).isEqualTo((byte) 1);
        assertThat(Comparisons.birth(20000604, 20000600)).as("month and year only").isEqualTo((byte) 1);
        assertThat(Comparisons.birth(20000604, 19980101)).isEqualTo((byte) 0);
        assertThat(Comparisons.birth(20000604, 0)).isEqualTo((byte) -1);
    }

    @Test
    void namesEnteredTheWrongWayRoundStillAgree() {
        byte[] levels = compare(row("Tate", "Jade", null, 0), row("Jade", "Tate", null, 0));
        assertThat(levels[0]).isEqualTo((byte) 3);
        assertThat(levels[1]).isEqualTo((byte) 3);
    }

    @Test
    void aPostcodeDistrictIsAllButTheInwardCode() {
        assertThat(Comparisons.district("HP112AB")).isEqualTo("HP11");
        assertThat(Comparisons.district("4223")).isEqualTo("42");
    }
}
