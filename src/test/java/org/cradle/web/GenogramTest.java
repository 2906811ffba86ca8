package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cradle.people.Family;
import org.junit.jupiter.api.Test;

/** The family diagram drawn from a small family: the conventional symbols and lines, and the household boundary. */
class GenogramTest {

    private static final Family.Member CHILD = new Family.Member(1, "child", "Child J", "female", "2012-05", null);
    private static final Family.Member MOTHER = new Family.Member(2, "adult", "Mother", "female", null, null);
    private static final Family.Member PARTNER = new Family.Member(3, "adult", "Mother's partner", "male", null, null);
    private static final Family.Member FORMER = new Family.Member(4, "adult", "Previous partner", null, null, null);
    private static final Family.Member UNBORN = new Family.Member(5, "unborn", "Unborn", null, null, "2013-01");

    private static final Family FAMILY = new Family(1, List.of(CHILD, MOTHER, PARTNER, FORMER, UNBORN),
            List.of(new Family.Link(2, 1, "parent", "mother", null),
                    new Family.Link(3, 2, "partner", null, null),
                    new Family.Link(4, 2, "ex-partner", null, null),
                    new Family.Link(2, 5, "parent", "mother", null)),
            List.of(new Family.Abuse(4, 2, "alleged perpetrator")));

    @Test
    void drawsEachPersonWithTheConventionalSymbol() {
        String svg = new Genogram(FAMILY).svg("t");
        assertThat(svg).startsWith("<svg").contains("role=\"img\"", "aria-labelledby=\"t\"", "<title id=\"t\">Family and household of Child J");
        assertThat(count(svg, "<circle")).isEqualTo(2);                  // the child and her mother
        assertThat(count(svg, "<rect")).isEqualTo(1);                    // the mother's partner
        assertThat(svg).contains("fill=\"#ffdd00\"");                    // the child the diagram is about
        assertThat(svg).contains("Unborn", "expected 2013-01", "born 2012-05");
    }

    @Test
    void partnersAreSolidExPartnersBrokenAndAbuseARedZigzag() {
        String svg = new Genogram(FAMILY).svg("t");
        assertThat(svg).contains("Mother and Mother&#39;s partner: partners".replace("&#39;", "'"));
        assertThat(svg).containsPattern("stroke-dasharray=\"7 5\"><title>[^<]*ex-partners");
        assertThat(svg).contains("<title>Previous partner abusing Mother (alleged perpetrator)</title>", "stroke=\"#d4351c\"");
    }

    @Test
    void theHouseholdHoldsTheChildHerCarersTheirPartnerAndTheChildrenTheyCareFor() {
        var genogram = new Genogram(FAMILY);
        assertThat(genogram.svg("t")).contains("class=\"household\"");
        assertThat(genogram.described()).contains("Living in the household: Mother, Mother's partner, Child J, Unborn",
                "Previous partner is recorded as abusing Mother (alleged perpetrator)", "Mother is mother (parent) of Child J");
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
