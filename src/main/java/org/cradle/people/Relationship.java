package org.cradle.people;

import org.cradle.chronology.EventDate;

/**
 * "{@code from} is {@code type} of {@code to}", with the dates it held; null dates are open.
 *
 * @param role     free text in the users' words ("mother's partner", "maternal grandmother")
 * @param document the relationship as the case file described it (JSON)
 */
public record Relationship(String from, String to, String type, String role, EventDate fromDate, EventDate toDate, String document) {

    public boolean involves(String person) {
        return from.equals(person) || to.equals(person);
    }
}
