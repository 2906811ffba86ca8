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
 *
 * <p>The covered years are laid out once as a table (a few thousand days), so that a deadline is two array reads
 * rather than a walk day by day: a replay asks for millions of them.
 */
public final class WorkingDays {

    private final BankHolidays holidays;
    /** The epoch day of the covered years' first day. */
    private final long firstDay;
    /** For each covered day: how many working days from the first covered day up to and including it. */
    private final int[] throughDay;
    /** The epoch day of each working day, in order. */
    private final long[] nth;

    public WorkingDays(BankHolidays holidays) {
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        CoveredYears covered = holidays.covered();
        this.firstDay = covered.firstDay().toEpochDay();
        int days = (int) (covered.lastDay().toEpochDay() - firstDay + 1);
        this.throughDay = new int[days];
        long[] working = new long[days];
        int count = 0;
        for (int i = 0; i < days; i++) {
            LocalDate day = LocalDate.ofEpochDay(firstDay + i);
            DayOfWeek weekday = day.getDayOfWeek();
            if (weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && holidays.on(day).isEmpty()) {
                working[count++] = firstDay + i;
            }
            throughDay[i] = count;
        }
        this.nth = java.util.Arrays.copyOf(working, count);
    }

    /** The calendar from the shipped England and Wales data. */
    public static WorkingDays englandAndWales() {
        return Shipped.INSTANCE;
    }

    /** Held apart so the table is laid out once, on first use. */
    private static final class Shipped {
        static final WorkingDays INSTANCE = new WorkingDays(BankHolidays.englandAndWales());
    }

    public BankHolidays holidays() {
        return holidays;
    }

    public CoveredYears covered() {
        return holidays.covered();
    }

    public boolean isWorkingDay(LocalDate day) {
        int i = index(day);
        return throughDay[i] > (i == 0 ? 0 : throughDay[i - 1]);
    }

    /**
     * The date {@code n} working days after {@code start}; {@code n = 0} is {@code start} itself, even
     * on a weekend. A negative {@code n} counts back the same way (-1 is the previous working day).
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        int i = index(start);
        if (n == 0) {
            return start;
        }
        // Working days up to and including the start; counting back, the start itself is not one of those passed.
        long target = n > 0 ? throughDay[i] - 1L + n : throughDay[i] - (isWorkingDay(start) ? 1L : 0L) + n;
        if (target >= nth.length) {
            throw new OutsideCalendarException(covered().lastDay().plusDays(1), covered());
        }
        if (target < 0) {
            throw new OutsideCalendarException(covered().firstDay().minusDays(1), covered());
        }
        return LocalDate.ofEpochDay(nth[(int) target]);
    }

    /**
     * How many working days {@code b} is after {@code a}: those after {@code a} up to and including
     * {@code b}; negative when {@code b} is earlier. So {@code workingDaysBetween(a, addWorkingDays(a, n)) == n},
     * and a conference is within timescale when this is at most the limit.
     */
    public int workingDaysBetween(LocalDate a, LocalDate b) {
        int i = index(a);
        int j = index(b);
        if (j < i) {
            // Those from b up to but not including a.
            return -(before(i) - before(j));
        }
        return throughDay[j] - throughDay[i];
    }

    /** Working days before the covered day at index {@code i}. */
    private int before(int i) {
        return i == 0 ? 0 : throughDay[i - 1];
    }

    /** The day's place in the table, or the refusal naming it. */
    private int index(LocalDate day) {
        long i = day.toEpochDay() - firstDay;
        if (i < 0 || i >= throughDay.length) {
            throw new OutsideCalendarException(day, covered());
        }
        return (int) i;
    }
}
