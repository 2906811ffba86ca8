package org.cradle.people;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Who is around a person, so that their chronology holds the events of every adult in their life, not only their
 * own: an event about the father is part of his child's chronology.
 *
 * <p>Around a person are everyone with a relationship to them, and the partners, ex-partners, household members
 * and alleged perpetrators of their parents and carers (the mother's partner is in the baby's life whether or not
 * anyone recorded a relationship between him and the baby). The reviews are clear that an adult's history from
 * before they joined the household matters most, so a linked adult's whole record is included.
 */
public final class FamilyNetwork {

    private static final Set<String> CARING = Set.of("parent", "step-parent", "carer", "foster-carer", "kinship-carer");
    private static final Set<String> CLOSE_TO_CARER = Set.of("partner", "ex-partner", "household-member", "alleged-perpetrator");

    private FamilyNetwork() {
    }

    /**
     * @param ties     gives the relationships that involve a person, in either direction
     * @param asOf     only relationships begun by this day count; null for all
     * @return the person followed by everyone around them
     */
    public static <K> Set<K> around(K person, Function<K, Collection<Tie<K>>> ties, LocalDate asOf) {
        var around = new LinkedHashSet<K>();
        around.add(person);
        var carers = new LinkedHashSet<K>();
        for (Tie<K> tie : ties.apply(person)) {
            if (!tie.begunBy(asOf)) {
                continue;
            }
            K other = tie.from().equals(person) ? tie.to() : tie.from();
            around.add(other);
            if (tie.to().equals(person) && CARING.contains(tie.type())) {
                carers.add(other);
            }
        }
        for (K carer : carers) {
            for (Tie<K> tie : ties.apply(carer)) {
                if (tie.begunBy(asOf) && CLOSE_TO_CARER.contains(tie.type())) {
                    around.add(tie.from().equals(carer) ? tie.to() : tie.from());
                }
            }
        }
        return around;
    }
}
