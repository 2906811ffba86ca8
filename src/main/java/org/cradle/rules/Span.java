package org.cradle.rules;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cradle.rules.calendar.WorkingDays;

/**
 * A length of time as a rule states it: "90 days", "6 weeks", "3 months", "15 working days", or, for a deadline in
 * a pregnancy, "20 weeks gestation" (the day the pregnancy reaches that many weeks).
 */
public record Span(int amount, Unit unit) {

    public enum Unit { DAYS, WEEKS, MONTHS, WORKING_DAYS, WEEKS_GESTATION }

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s+(days?|weeks?|months?|working days?|weeks? gestation)");

    /** Reads a span, or explains what is wrong with it. */
    public static Span parse(String text) {
        var m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a length of time: \"" + text
                    + "\" (write for example \"90 days\", \"6 weeks\", \"3 months\", \"15 working days\" or \"20 weeks gestation\")");
        }
        String unit = m.group(2);
        Unit u = unit.startsWith("working") ? Unit.WORKING_DAYS : unit.endsWith("gestation") ? Unit.WEEKS_GESTATION
                : unit.startsWith("day") ? Unit.DAYS : unit.startsWith("week") ? Unit.WEEKS : Unit.MONTHS;
        return new Span(Integer.parseInt(m.group(1)), u);
    }

    /**
     * The last day of the span counted from {@code start}: the day by which something must have happened.
     *
     * @param expectedDelivery the expected date of delivery, for spans in weeks of gestation (else unused)
     */
    public LocalDate after(LocalDate start, WorkingDays working, LocalDate expectedDelivery) {
        return switch (unit) {
            case DAYS -> start.plusDays(amount);
            case WEEKS -> start.plusWeeks(amount);
            case MONTHS -> start.plusMonths(amount);
            case WORKING_DAYS -> working.addWorkingDays(start, amount);
            case WEEKS_GESTATION -> {
                if (expectedDelivery == null) {
                    throw new IllegalStateException("a span in weeks of gestation needs an expected date of delivery");
                }
                // Gestation is counted from 40 weeks before the expected date of delivery.
                yield expectedDelivery.minusWeeks(40 - amount);
            }
        };
    }

    /** The first day of a window of this span ending on {@code end} (for looking back). */
    public LocalDate before(LocalDate end, WorkingDays working) {
        return switch (unit) {
            case DAYS -> end.minusDays(amount);
            case WEEKS, WEEKS_GESTATION -> end.minusWeeks(amount);
            case MONTHS -> end.minusMonths(amount);
            case WORKING_DAYS -> working.addWorkingDays(end, -amount);
        };
    }

    @Override
    public String toString() {
        return amount + " " + unit.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
