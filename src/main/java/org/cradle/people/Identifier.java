package org.cradle.people;

/** An identifier from some system, for example {@code nhs-number}. */
public record Identifier(String system, String value) {
}
