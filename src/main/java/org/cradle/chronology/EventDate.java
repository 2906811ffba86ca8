package org.cradle.chronology;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A date as an agency gave it: a day, a month (case reviews often give no more), or an instant.
 * A month-precision date sorts at the start of its month but means "some day in that month".
 */
public record EventDate(String text, Precision precision, LocalDate first, LocalDate last) implements Comparable<EventDate> {

    public enum Precision { MONTH, DAY, INSTANT }

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public EventDate {
        Objects.requireNonNull(text);
        Objects.requireNonNull(precision);
        Objects.requireNonNull(first);
        Objects.requireNonNull(last);
    }

    /** Parses {@code YYYY-MM-DD}, {@code YYYY-MM} or an ISO date-time with offset; empty if it is none of these. */
    public static Optional<EventDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            if (DAY.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                return Optional.of(new EventDate(text, Precision.DAY, day, day));
            }
            if (MONTH.matcher(text).matches()) {
                YearMonth month = YearMonth.parse(text);
                return Optional.of(new EventDate(text, Precision.MONTH, month.atDay(1), month.atEndOfMonth()));
            }
            if (text.length() > 10 && text.charAt(10) == 'T') {
                LocalDate day = OffsetDateTime.parse(text).toLocalDate();
                return Optional.of(new EventDate(text, Precision.INSTANT, day, day));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static EventDate of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a date: " + text));
    }

    @Override
    public int compareTo(EventDate other) {
        int byFirst = first.compareTo(other.first);
        return byFirst != 0 ? byFirst : precision.compareTo(other.precision);
    }

    @Override
    public String toString() {
        return text;
    }
}
