package org.cradle.people;

/** One of a person's names; a person may have several (aliases, a changed surname). */
public record PersonName(String given, String family) {

    public String full() {
        if (given == null || given.isBlank()) {
            return family == null ? "" : family;
        }
        return family == null || family.isBlank() ? given : given + " " + family;
    }
}
