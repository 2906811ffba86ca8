package org.cradle.access;

import java.util.Set;

/**
 * One item of the record as the access policy sees it. Agencies are {@code AREA/LOCAL-ID} keys.
 *
 * @param recordedBy   the agency that recorded it
 * @param knownTo      every agency that knew it (it was shared with them when recorded, or later)
 * @param restrictedTo agencies it is restricted to by name ({@code x_restricted_to}); empty when not restricted
 */
public record Item(Set<Sensitivity> sensitivities, String recordedBy, Set<String> knownTo, Set<String> restrictedTo) {

    public Item {
        sensitivities = Set.copyOf(sensitivities);
        knownTo = Set.copyOf(knownTo);
        restrictedTo = Set.copyOf(restrictedTo);
    }
}
