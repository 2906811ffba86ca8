package org.cradle.people;

import org.cradle.chronology.EventDate;

/** An address with the dates it applied; a confidential one (refuge, hidden new home) is never shown without a right to it. */
public record Address(String line, String postcode, EventDate from, EventDate to, boolean confidential) {
}
