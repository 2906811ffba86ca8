package org.cradle.chronology;

/** Someone involved in an event other than its subjects, and in what part (perpetrator, victim, carer...). */
public record Involvement(String person, String as) {
}
