package org.cradle.bench;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cradle.chronology.EventDate;

/**
 * The child of a Drools peer session: what the three benchmark rules ask about the child (when they were conceived,
 * whether they are under one, the area's social care agencies), learnt from birth and pregnancy events in DRL as
 * Cradle's engine learns them.
 */
public final class PeerChild {

    private final String id;
    private final List<String> socialCareAgencies;
    private LocalDate birth;
    private LocalDate expected;

    PeerChild(String id, LocalDate birth, LocalDate expected, List<String> socialCareAgencies) {
        this.id = id;
        this.birth = birth;
        this.expected = expected;
        this.socialCareAgencies = socialCareAgencies;
    }

    public String getId() {
        return id;
    }

    public List<String> getSocialCareAgencies() {
        return socialCareAgencies;
    }

    public LocalDate getBirth() {
        return birth;
    }

    public void setBirth(LocalDate birth) {
        this.birth = birth;
    }

    public LocalDate getExpected() {
        return expected;
    }

    public void setExpected(LocalDate expected) {
        this.expected = expected;
    }

    /** Sets the expected date of delivery from a pregnancy's detail, if it is a date. */
    public void expectFrom(Object text) {
        if (text instanceof String s) {
            expected = EventDate.parse(s).map(EventDate::first).orElse(null);
        }
    }

    /** Born, or within a pregnancy's span (42 weeks) of the birth or due date; a child of unknown dates always. */
    public boolean conceivedBy(LocalDate day) {
        LocalDate anchor = birth != null ? birth : expected;
        return anchor == null || !day.isBefore(anchor.minusWeeks(42));
    }

    /** Born, and less than 365 days old on that day. */
    public boolean under1(LocalDate day) {
        boolean unborn = conceivedBy(day) && (birth != null ? day.isBefore(birth) : expected == null || day.isBefore(expected));
        LocalDate from = birth != null ? birth : expected;
        if (unborn || from == null) {
            return false;
        }
        long age = ChronoUnit.DAYS.between(from, day);
        return age >= 0 && age < 365;
    }
}
