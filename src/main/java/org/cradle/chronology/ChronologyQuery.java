package org.cradle.chronology;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What part of a chronology to read.
 *
 * @param agencies   only events recorded by these agencies (store ids); empty for all
 * @param types      only events of these types or type families ("health" matches "health.injury"); empty for all
 * @param from       only events that happened on or after this day; null for no bound
 * @param to         only events that happened on or before this day; null for no bound
 * @param recordedBy the record as it stood on this day: only what had been recorded by then; null for now
 * @param knownTo    only what this agency (store id) recorded or was sent ...
 * @param knownBy    ... by this day (with {@code knownTo}); null for now
 */
public record ChronologyQuery(Set<Long> agencies, List<String> types, LocalDate from, LocalDate to,
                              LocalDate recordedBy, Long knownTo, LocalDate knownBy) {

    public ChronologyQuery {
        agencies = agencies == null ? Set.of() : Set.copyOf(agencies);
        types = types == null ? List.of() : List.copyOf(types);
    }

    public static ChronologyQuery everything() {
        return new ChronologyQuery(Set.of(), List.of(), null, null, null, null, null);
    }

    /** The day the question is asked about: who was linked to the child then. */
    public LocalDate asOf() {
        if (recordedBy != null && knownBy != null) {
            return recordedBy.isBefore(knownBy) ? recordedBy : knownBy;
        }
        return recordedBy != null ? recordedBy : knownBy;
    }
}
