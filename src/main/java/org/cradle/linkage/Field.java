package org.cradle.linkage;

import java.util.List;

/** A field two records are compared on, and the levels of agreement it can reach, from "different" up. */
public enum Field {
    GIVEN("given name", "different", "sounds alike or similar", "a variant or nickname", "one slip apart", "same"),
    FAMILY("family name", "different", "sounds alike or similar", "changed (hyphenated, or an earlier surname)", "one slip apart", "same"),
    BIRTH("date of birth", "different", "one part differs", "day and month swapped", "same"),
    SEX("sex", "different", "same"),
    NHS("NHS number", "different", "one digit apart", "same"),
    POSTCODE("postcode", "different", "same district", "one character apart", "same"),
    ADDRESS("address", "different", "similar", "nearly the same", "same"),
    LOCALITY("town or area", "different", "similar", "same");

    public static final List<Field> ALL = List.of(values());

    private final String label;
    private final List<String> levels;

    Field(String label, String... levels) {
        this.label = label;
        this.levels = List.of(levels);
    }

    public String label() {
        return label;
    }

    /** How many levels of agreement (missing is not one of them: a missing field says nothing). */
    public int levels() {
        return levels.size();
    }

    public String level(int level) {
        return level < 0 ? "not recorded on both" : levels.get(level);
    }

    /** The top level: the values are the same. */
    public int same() {
        return levels.size() - 1;
    }
}
