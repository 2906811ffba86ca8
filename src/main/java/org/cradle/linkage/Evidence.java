package org.cradle.linkage;

import java.util.List;

/**
 * Why two records are thought to be one person, or not: each field's level of agreement and what it weighed, and
 * for an exact name how common that name is.
 *
 * @param weight          the match weight (log2 of the odds), prior included
 * @param probability     the probability the two are one person
 * @param priorWeight     the prior's part of the weight
 * @param twinsOrSiblings true when the pair was ruled out as twins or siblings
 */
public record Evidence(double weight, double probability, double priorWeight, boolean twinsOrSiblings, List<Part> fields) {

    /** @param frequency for an exact name or date of birth, the share of records with that value; else null */
    public record Part(Field field, int level, double weight, Double frequency) {
        public String describe() {
            String tf = frequency == null ? "" : String.format(" (%.3f%% of records)", frequency * 100);
            return String.format("%s: %s%s, %+.1f", field.label(), field.level(level), tf, weight);
        }
    }

    public Evidence {
        fields = List.copyOf(fields);
    }

    /** One line per field, then the total: what a practitioner reads before confirming or rejecting. */
    public String describe() {
        var b = new StringBuilder();
        if (twinsOrSiblings) {
            b.append("ruled out: same birth date and family name but different given names (twins or siblings)\n");
        }
        for (Part p : fields) {
            if (p.level() >= 0) {
                b.append(p.describe()).append('\n');
            }
        }
        return b.append(String.format("match weight %+.1f, probability %.4f", weight, probability)).toString();
    }
}
