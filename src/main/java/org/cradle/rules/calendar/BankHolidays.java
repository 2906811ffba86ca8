package org.cradle.rules.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The England and Wales bank holidays, read from a data file rather than computed, because
 * governments add and move holidays at a few months' notice. Immutable.
 */
public final class BankHolidays {

    /** The shipped data file, beside this class. */
    public static final String RESOURCE = "england-and-wales-bank-holidays.txt";

    /** New Year, Good Friday, Easter Monday, two May Mondays, August, Christmas, Boxing Day. */
    static final int REGULAR_PER_YEAR = 8;

    private static final Pattern LINE = Pattern.compile("(\\S+)\\s+(\\S.*)");

    private final List<BankHoliday> all;
    private final Map<LocalDate, BankHoliday> byDate;
    private final CoveredYears covered;

    private BankHolidays(List<BankHoliday> all, CoveredYears covered) {
        this.all = List.copyOf(all);
        this.covered = covered;
        Map<LocalDate, BankHoliday> map = new HashMap<>();
        all.forEach(h -> map.put(h.date(), h));
        this.byDate = Map.copyOf(map);
    }

    /** The shipped England and Wales list. */
    public static BankHolidays englandAndWales() {
        return Shipped.INSTANCE;
    }

    /** Held apart so the file is read once, on first use. */
    private static final class Shipped {
        static final BankHolidays INSTANCE = parse(RESOURCE, readResource(RESOURCE));
    }

    static List<String> readResource(String name) {
        InputStream in = BankHolidays.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the bank holiday data file " + name + " is missing from the classpath");
        }
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads lines of {@code YYYY-MM-DD name}; {@code #} starts a comment line. Refuses, naming the
     * line, anything that is more likely a typo than a holiday: a weekend date (substitute days are
     * weekdays), a date out of order or repeated, and a year with fewer than the regular holidays
     * (a half-typed year would otherwise pass its missing holidays off as working days).
     */
    static BankHolidays parse(String source, List<String> lines) {
        List<BankHoliday> holidays = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            BankHoliday holiday = holiday(source, number, text);
            if (!holidays.isEmpty()) {
                BankHoliday previous = holidays.get(holidays.size() - 1);
                int previousLine = lineNumbers.get(lineNumbers.size() - 1);
                if (holiday.date().equals(previous.date())) {
                    throw fault(source, number, holiday.date() + " is already listed on line " + previousLine);
                }
                if (holiday.date().isBefore(previous.date())) {
                    throw fault(source, number, holiday.date() + " is out of date order: it comes after "
                            + previous.date() + " on line " + previousLine + " (a mistyped year?)");
                }
            }
            holidays.add(holiday);
            lineNumbers.add(number);
        }
        if (holidays.isEmpty()) {
            throw new IllegalArgumentException(source + ": lists no bank holidays");
        }
        var covered = new CoveredYears(holidays.get(0).date().getYear(), holidays.get(holidays.size() - 1).date().getYear());
        for (int year = covered.first(); year <= covered.last(); year++) {
            final int y = year;
            long count = holidays.stream().filter(h -> h.date().getYear() == y).count();
            if (count < REGULAR_PER_YEAR) {
                throw new IllegalArgumentException(source + ": " + year + " lists " + count + " bank holidays; every year from "
                        + covered + " needs at least the " + REGULAR_PER_YEAR + " regular ones");
            }
        }
        return new BankHolidays(holidays, covered);
    }

    private static BankHoliday holiday(String source, int number, String text) {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw fault(source, number, "expected a date and a name, e.g. \"2022-06-03  Platinum Jubilee bank holiday\", not \"" + text + "\"");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
            throw fault(source, number, "not a date (YYYY-MM-DD): \"" + m.group(1) + "\"");
        }
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            throw fault(source, number, date + " is a " + day.toString().toLowerCase(Locale.ROOT)
                    + "; bank holidays fall on weekdays (list the substitute day instead)");
        }
        return new BankHoliday(date, m.group(2).strip());
    }

    private static IllegalArgumentException fault(String source, int line, String message) {
        return new IllegalArgumentException(source + " line " + line + ": " + message);
    }

    public CoveredYears covered() {
        return covered;
    }

    /** Every holiday, in date order. */
    public List<BankHoliday> all() {
        return all;
    }

    /** The holidays of one covered year, in date order. */
    public List<BankHoliday> in(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        requireCovered(first);
        return all.stream().filter(h -> h.date().getYear() == year).toList();
    }

    /** The holiday on this day, if any; a day outside the covered years is refused, not answered "none". */
    public Optional<BankHoliday> on(LocalDate day) {
        requireCovered(day);
        return Optional.ofNullable(byDate.get(day));
    }

    void requireCovered(LocalDate day) {
        if (!covered.contains(day)) {
            throw new OutsideCalendarException(day, covered);
        }
    }
}
