package org.cradle.access;

import java.util.Arrays;
import java.util.Locale;

/** How someone stands to a child's case. */
public enum Relation {
    ALLOCATED_WORKER, CORE_GROUP, INVOLVED_AGENCY,
    /** A safeguarding lead of an agency that has an allocated worker, a core-group member or an involvement in the case. */
    MANAGER,
    /** Commissioned to review the case (a child safeguarding practice review). */
    REVIEWER,
    /** Time-limited access outside the usual relationship, with a stated reason, flagged to the safeguarding lead. */
    BREAK_GLASS;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Relation of(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such relation to a case: " + code));
    }

    /** Those who hold the whole picture of a case, health and criminal detail included. */
    boolean holdsWholePicture() {
        return this == ALLOCATED_WORKER || this == MANAGER || this == REVIEWER;
    }
}
