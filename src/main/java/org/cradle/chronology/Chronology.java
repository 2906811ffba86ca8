package org.cradle.chronology;

import java.time.LocalDate;
import java.util.List;

/**
 * One person's multi-agency chronology: their events and those of everyone around them, in the order they happened.
 *
 * @param person  whose chronology it is
 * @param around  everyone whose events are included (the person first)
 */
public record Chronology(PersonRef person, List<PersonRef> around, List<Entry> entries) {

    /** A person as a chronology refers to them (store id, and how to show them). */
    public record PersonRef(long id, String kind, String name, String birth, String expected, String area) {
    }

    /** An agency as a chronology refers to it. */
    public record AgencyRef(long id, String localId, String name, String kind, String area) {
    }

    /** Someone an entry is about, and their part (subject, perpetrator, victim, carer...). */
    public record Part(long person, String as) {
    }

    /** An agency that had the entry, from when, and through which sharing event (null: recorded or shared at the time). */
    public record Knowledge(long agency, LocalDate from, Long via) {
    }

    /**
     * One entry.
     *
     * @param supersededBy later corrections of this entry (both stay in the record)
     * @param document     the event exactly as the agency sent it (JSON)
     */
    public record Entry(long id, String localId, String type, EventDate occurred, String recorded, LocalDate recordedOn,
                        String summary, AgencyRef agency, List<Part> people, List<Knowledge> knownTo,
                        List<Long> supersededBy, String document) {

        /** At least how many days passed between the event and its recording (late recording is evidence too). */
        public long recordingDelayDays() {
            return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(occurred.last(), recordedOn));
        }
    }
}
