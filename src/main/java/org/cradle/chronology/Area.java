package org.cradle.chronology;

/** A local authority area: a safeguarding partnership's patch, identified by its ONS code. */
public record Area(String code, String name) {
}
