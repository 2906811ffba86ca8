package org.cradle.rules;

import java.util.List;

/**
 * An early-warning rule, as a safeguarding lead reads it in its file.
 *
 * @param category   one of the stable alert categories of the case-file format
 * @param severity   urgent, high, medium or low
 * @param recipients who it goes to (lead-professional, manager, recording-agency, safeguarding-lead)
 * @param learning   the review learning it comes from (document and paragraph or learning point)
 * @param action     for an alert that means something must happen now: what, in plain words; else null
 * @param about      a CEL expression giving the ids of the people the alert is about (the unassessed father), or null
 *                   for the adults in its evidence
 * @param source     the file it was read from, for messages
 */
public record Rule(String id, int version, String category, String severity, List<String> recipients, List<String> learning,
                   String description, String action, String about, Pattern pattern, String source) {

    public String key() {
        return id + "@" + version;
    }
}
