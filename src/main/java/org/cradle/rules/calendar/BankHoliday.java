package org.cradle.rules.calendar;

import java.time.LocalDate;
import java.util.Objects;

/** One bank holiday as the data file names it, e.g. 2022-06-03 "Platinum Jubilee bank holiday". */
public record BankHoliday(LocalDate date, String name) {

    public BankHoliday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a bank holiday needs a name: " + date);
        }
    }
}
