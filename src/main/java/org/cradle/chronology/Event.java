package org.cradle.chronology;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the chronology as an agency recorded it. Bitemporal: when it happened ({@code occurred})
 * and when the agency wrote it down ({@code recorded}); the gap is itself evidence.
 *
 * @param details   the type's details as plain values (String, Long, BigDecimal, Boolean, List, Map)
 * @param validity  1 (known true) .. 5 (suspected false), or null when not graded
 * @param supersedes the id of an earlier event this one corrects, or null; both stay in the record
 * @param document  the event as the case file gave it (JSON), kept so that nothing an agency sent is lost
 */
public record Event(
        String id,
        String type,
        EventDate occurred,
        EventDate recorded,
        String agency,
        List<String> subjects,
        List<Involvement> about,
        String summary,
        Map<String, Object> details,
        Source source,
        Integer validity,
        List<String> sharedWith,
        String supersedes,
        String document) {

    public Event {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(occurred);
        Objects.requireNonNull(agency);
        recorded = recorded == null ? occurred : recorded;
        subjects = List.copyOf(subjects);
        about = List.copyOf(about);
        details = details == null ? Map.of() : details;
        sharedWith = List.copyOf(sharedWith);
    }

    /** Everyone the event concerns: its subjects first, then those involved. */
    public List<String> people() {
        if (about.isEmpty()) {
            return subjects;
        }
        var all = new java.util.ArrayList<>(subjects);
        about.forEach(i -> {
            if (!all.contains(i.person())) {
                all.add(i.person());
            }
        });
        return all;
    }

    public Object detail(String key) {
        return details.get(key);
    }
}
