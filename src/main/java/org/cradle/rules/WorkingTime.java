package org.cradle.rules;

import java.time.LocalDate;

/** Counting in working days (weekends and bank holidays excluded), as statutory timescales do. */
public interface WorkingTime {

    /** The date {@code n} working days after {@code start}, counting from the next working day. */
    LocalDate addWorkingDays(LocalDate start, int n);

    /** The date {@code n} working days before {@code end}. */
    LocalDate subtractWorkingDays(LocalDate end, int n);
}
