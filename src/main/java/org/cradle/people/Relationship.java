package org.cradle.people;

import java.time.LocalDate;
import org.cradle.chronology.EventDate;

/**
 * "{@code from} is {@code type} of {@code to}", with the dates it held; null dates are open.
 *
 * @param role     free text in the users' words ("mother's partner", "maternal grandmother")
 * @param document the relationship as the case file described it (JSON)
 */
public record Relationship(String from, String to, String type, String role, EventDate fromDate, EventDate toDate, String document) {

    /** True when the relationship had begun by the given day (a month-precision start counts from its first day). */
    public boolean begunBy(LocalDate day) {
        return fromDate == null || !fromDate.first().isAfter(day);
    }

    public boolean endedBefore(LocalDate day) {
        return toDate != null && toDate.last().isBefore(day);
    }

    public boolean involves(String person) {
        return from.equals(person) || to.equals(person);
    }

    public String other(String person) {
        return from.equals(person) ? to : from;
    }
}
