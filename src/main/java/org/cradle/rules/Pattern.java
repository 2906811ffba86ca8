package org.cradle.rules;

import java.util.List;

/** The temporal shapes a rule can look for. Each is evaluated in event time over one child's events. */
public sealed interface Pattern {

    /** Each matching event raises an alert (once per event). */
    record OnEvent(Match match) implements Pattern {
    }

    /** At least {@code atLeast} matching events within {@code within}. */
    record Count(Match match, int atLeast, Window within) implements Pattern {
    }

    /**
     * After a triggering event, an expected event must follow by a deadline; if it has not, the alert is raised on
     * the deadline. A cancelling event (for example, the case closing for good reason) stands the wait down.
     */
    record Absence(Match after, Match expect, Window within, Match unless) implements Pattern {
    }

    /** One event followed by another within a window (the alert is raised on the second). */
    record Sequence(Match first, Match then, Window within) implements Pattern {
    }

    /** A condition on the child's state (CEL over {@code child}) becoming true at a matching event. */
    record State(String when, Match at) implements Pattern {
    }

    /** A running score of weighted events over a window reaching a threshold (cumulative patterns such as neglect). */
    record Score(List<Weight> points, Window within, int threshold) implements Pattern {
    }

    record Weight(Match match, int points) {
    }
}
