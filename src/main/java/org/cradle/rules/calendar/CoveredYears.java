package org.cradle.rules.calendar;

import java.time.LocalDate;

/** The whole calendar years, first to last inclusive, for which the bank holidays are known. */
public record CoveredYears(int first, int last) {

    public CoveredYears {
        if (first > last) {
            throw new IllegalArgumentException("covered years run backwards: " + first + " to " + last);
        }
    }

    public boolean contains(LocalDate day) {
        return day.getYear() >= first && day.getYear() <= last;
    }

    public LocalDate firstDay() {
        return LocalDate.of(first, 1, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(last, 12, 31);
    }

    @Override
    public String toString() {
        return first + " to " + last;
    }
}
