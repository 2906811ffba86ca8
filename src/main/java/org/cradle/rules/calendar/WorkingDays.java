package org.cradle.rules.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Working days for statutory timescales: Monday to Friday, less England and Wales bank holidays.
 * Counting starts on the next working day, so "within 15 working days of the strategy discussion"
 * is {@code addWorkingDays(discussion, 15)}, and a Friday plus one working day is the Monday
 * (the Tuesday when that Monday is a bank holiday). Any date outside the covered years is refused
 * with {@link OutsideCalendarException}.
 */
public final class WorkingDays {

    private final BankHolidays holidays;

    public WorkingDays(BankHolidays holidays) {
        this.holidays = Objects.requireNonNull(holidays, "holidays");
    }

    /** The calendar from the shipped England and Wales data. */
    public static WorkingDays englandAndWales() {
        return new WorkingDays(BankHolidays.englandAndWales());
    }

    public BankHolidays holidays() {
        return holidays;
    }

    public CoveredYears covered() {
        return holidays.covered();
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        // Asked first so that a weekend outside the covered years is refused too.
        boolean holiday = holidays.on(day).isPresent();
        return !holiday && weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /**
     * The date {@code n} working days after {@code start}; {@code n = 0} is {@code start} itself, even
     * on a weekend. A negative {@code n} counts back the same way (-1 is the previous working day).
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        holidays.requireCovered(start);
        int step = n >= 0 ? 1 : -1;
        long left = Math.abs((long) n);
        LocalDate day = start;
        while (left > 0) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /**
     * How many working days {@code b} is after {@code a}: those after {@code a} up to and including
     * {@code b}; negative when {@code b} is earlier. So {@code workingDaysBetween(a, addWorkingDays(a, n)) == n},
     * and a conference is within timescale when this is at most the limit.
     */
    public int workingDaysBetween(LocalDate a, LocalDate b) {
        holidays.requireCovered(a);
        holidays.requireCovered(b);
        if (b.isBefore(a)) {
            return -countFromTo(b.minusDays(1), a.minusDays(1));
        }
        return countFromTo(a, b);
    }

    /** Working days in (after, last]. */
    private int countFromTo(LocalDate after, LocalDate last) {
        int count = 0;
        for (LocalDate day = after.plusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
