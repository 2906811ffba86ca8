package org.cradle.rules.calendar;

import java.time.LocalDate;

/**
 * A date the calendar has no bank holidays for. Thrown rather than guessing, because treating an
 * unknown year as Monday to Friday would put deadlines on bank holidays without anyone noticing.
 */
public final class OutsideCalendarException extends RuntimeException {

    private final LocalDate date;
    private final transient CoveredYears covered;

    public OutsideCalendarException(LocalDate date, CoveredYears covered) {
        super(date + " is outside the working-day calendar, which knows England and Wales bank holidays for "
                + covered + " only; add the bank holidays for " + date.getYear() + " to "
                + BankHolidays.RESOURCE + " (see docs/working-days.md)");
        this.date = date;
        this.covered = covered;
    }

    public LocalDate date() {
        return date;
    }

    public CoveredYears covered() {
        return covered;
    }
}
