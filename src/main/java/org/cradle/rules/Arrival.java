package org.cradle.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cradle.chronology.Event;

/**
 * An event as every child's session meets it, worked out once per replay rather than once per child: its days,
 * everyone it concerns (by id and by number), the rules that look at its type, and its agency's kind and area.
 */
final class Arrival {

    final Event event;
    final LocalDate first;
    final LocalDate last;
    /** The first day as a number, for ordering. */
    final long day;
    /** Each of {@link #people()} as its number in the replay's list of people, or -1 for someone not in it. */
    final int[] who;
    final RuleEngine.Route route;
    final String agencyKind;
    final String agencyArea;

    /** At least and at most how late it was recorded, in days (month-precision dates leave a range). */
    private final long lateDays;
    private final long lateDaysAtMost;
    /** Which of the route's event-only conditions the event meets, by slot. */
    private final long[] met;

    /** @param who everyone the event concerns ({@link Event#people()}), each as their number in the replay, or -1 */
    Arrival(Event event, int[] who, RuleEngine.Route route, String agencyKind, String agencyArea) {
        this.event = event;
        this.first = event.occurred().first();
        this.last = event.occurred().last();
        this.day = first.toEpochDay();
        this.who = who;
        this.lateDays = Math.max(0L, event.recorded().first().toEpochDay() - last.toEpochDay());
        this.lateDaysAtMost = Math.max(0L, event.recorded().last().toEpochDay() - day);
        this.route = route;
        this.agencyKind = agencyKind;
        this.agencyArea = agencyArea;
        // The conditions that read only the event are the same for every child: evaluated here, once.
        this.met = new long[(route.typeMatches().length + 63) / 64];
        if (route.eventOnlySlots().length > 0) {
            Map<String, Object> cel = cel();
            for (int i = 0; i < route.eventOnlySlots().length; i++) {
                if (route.eventOnlyConditions()[i].test(cel, Map.of(), Map.of(), Map.of())) {
                    int slot = route.eventOnlySlots()[i];
                    met[slot >>> 6] |= 1L << slot;
                }
            }
        }
    }

    /** Whether the event meets the condition in this slot, which reads only the event. */
    boolean met(int slot) {
        return (met[slot >>> 6] & 1L << slot) != 0;
    }

    /** The event's own fields, as CEL sees them (without those that depend on the child looking). */
    static final Set<String> KEYS = Set.of("id", "type", "occurred", "agency", "agency_kind", "summary", "details", "source_kind",
            "reliability", "validity", "late_days", "late_days_max", "agency_area", "shared_with", "subjects", "covers");

    /** The event as CEL sees it, each value worked out when a condition asks. */
    Map<String, Object> cel() {
        return new LazyFields(KEYS) {
            @Override
            Object value(String key) {
                return field(key);
            }
        };
    }

    /** One of the event's own fields, or {@link LazyFields#ABSENT}. */
    Object field(String key) {
        Event e = event;
        return switch (key) {
            case "id" -> e.id();
            case "type" -> e.type();
            case "occurred" -> e.occurred().text();
            case "agency" -> e.agency();
            case "agency_kind" -> agencyKind;
            case "summary" -> e.summary() == null ? "" : e.summary();
            case "details" -> e.details();
            case "source_kind" -> e.source() == null || e.source().kind() == null ? "" : e.source().kind();
            case "reliability" -> e.source() == null || e.source().reliability() == null ? "" : e.source().reliability();
            case "validity" -> e.validity() == null ? 0L : (long) e.validity();
            case "late_days" -> lateDays;
            case "late_days_max" -> lateDaysAtMost;
            case "agency_area" -> agencyArea;
            case "shared_with" -> e.sharedWith();
            case "subjects" -> e.subjects();
            case "covers" -> ChildState.assessed(e);
            default -> LazyFields.ABSENT;
        };
    }

    /** Everyone the event concerns, in the order of {@link #who}: asked only when an alert is raised. */
    List<String> people() {
        return event.people();
    }

    /** Whether the event concerns the person with this number. */
    boolean concerns(int number) {
        for (int w : who) {
            if (w == number) {
                return true;
            }
        }
        return false;
    }
}
