package org.cradle.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * An alert as a replay reports it (the case-file format's alert object).
 *
 * @param subject  the child whose safety it concerns (file id)
 * @param about    other people it is about (the unassessed father, the released perpetrator)
 * @param raisedOn the event-time day it would have been raised
 * @param evidence the events that made it
 */
public record Alert(String category, String rule, String subject, List<String> about, LocalDate raisedOn, String severity,
                    List<String> evidence, String learning, String message) {
}
