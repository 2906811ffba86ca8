package org.cradle.rules;

import java.time.LocalDate;
import java.util.List;
import org.cradle.chronology.Event;

/**
 * An event as every child's session meets it, worked out once per replay rather than once per child: its days,
 * everyone it concerns, the rules that look at its type, and its agency's kind and area.
 */
final class Arrival {

    final Event event;
    final LocalDate first;
    final LocalDate last;
    /** The first day as a number, for ordering. */
    final long day;
    final List<String> people;
    final RuleEngine.Route route;
    final String agencyKind;
    final String agencyArea;

    Arrival(Event event, RuleEngine.Route route, String agencyKind, String agencyArea) {
        this.event = event;
        this.first = event.occurred().first();
        this.last = event.occurred().last();
        this.day = first.toEpochDay();
        this.people = event.people();
        this.route = route;
        this.agencyKind = agencyKind;
        this.agencyArea = agencyArea;
    }
}
