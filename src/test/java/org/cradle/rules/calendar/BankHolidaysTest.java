package org.cradle.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped data file, checked year by year against the regular rules worked out here
 * independently, with the one-off changes governments made listed explicitly below.
 */
class BankHolidaysTest {

    /** A one-off change: regular holidays that did not happen, and extra or moved ones that did. */
    record OneOff(String why, List<LocalDate> notHolidays, List<LocalDate> holidays) {}

    /** Every departure from the regular rules in the covered years. A new one-off goes here too. */
    static final List<OneOff> KNOWN_ONE_OFFS = List.of(
            new OneOff("royal wedding", List.of(), List.of(day("2011-04-29"))),
            new OneOff("spring bank holiday moved for the Diamond Jubilee",
                    List.of(day("2012-05-28")), List.of(day("2012-06-04"), day("2012-06-05"))),
            new OneOff("early May bank holiday moved to VE Day", List.of(day("2020-05-04")), List.of(day("2020-05-08"))),
            new OneOff("spring bank holiday moved for the Platinum Jubilee",
                    List.of(day("2022-05-30")), List.of(day("2022-06-02"), day("2022-06-03"))),
            new OneOff("State Funeral of Queen Elizabeth II", List.of(), List.of(day("2022-09-19"))),
            new OneOff("coronation of King Charles III", List.of(), List.of(day("2023-05-08"))));

    static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int dayOfMonth = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, dayOfMonth);
    }

    static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The regular England and Wales bank holidays of a year, as the rules give them. */
    static Set<LocalDate> regular(int year) {
        Set<LocalDate> days = new TreeSet<>();
        LocalDate easter = easterSunday(year);
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));
        LocalDate may = LocalDate.of(year, Month.MAY, 1);
        days.add(may.with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
        days.add(may.with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        // New Year's Day, Christmas Day, Boxing Day: at a weekend, each moves to the next weekday not already taken.
        for (LocalDate fixed : List.of(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 25), LocalDate.of(year, 12, 26))) {
            LocalDate d = fixed;
            while (weekend(d) || days.contains(d)) {
                d = d.plusDays(1);
            }
            days.add(d);
        }
        return days;
    }

    static Set<LocalDate> expected(int year) {
        Set<LocalDate> days = regular(year);
        for (OneOff o : KNOWN_ONE_OFFS) {
            o.notHolidays().stream().filter(d -> d.getYear() == year).forEach(days::remove);
            o.holidays().stream().filter(d -> d.getYear() == year).forEach(days::add);
        }
        return days;
    }

    static Set<LocalDate> listed(BankHolidays holidays, int year) {
        Set<LocalDate> days = new TreeSet<>();
        holidays.in(year).forEach(h -> days.add(h.date()));
        return days;
    }

    static IntStream coveredYears() {
        CoveredYears covered = BankHolidays.englandAndWales().covered();
        return IntStream.rangeClosed(covered.first(), covered.last());
    }

    @Test
    void theAnonymousGregorianAlgorithmGivesTheKnownEasterSundays() {
        assertThat(easterSunday(2011)).isEqualTo("2011-04-24");
        assertThat(easterSunday(2016)).isEqualTo("2016-03-27");
        assertThat(easterSunday(2019)).isEqualTo("2019-04-21");
        assertThat(easterSunday(2020)).isEqualTo("2020-04-12");
        assertThat(easterSunday(2024)).isEqualTo("2024-03-31");
        assertThat(easterSunday(2038)).isEqualTo("2038-04-25");
    }

    @Test
    void theRegularRulesGiveTheUsualSubstituteDays() {
        // Christmas on a Saturday: Monday and Tuesday off.
        assertThat(regular(2021)).contains(day("2021-12-27"), day("2021-12-28")).doesNotContain(day("2021-12-25"));
        // Christmas on a Sunday: Boxing Day Monday, Christmas moves to the Tuesday.
        assertThat(regular(2022)).contains(day("2022-12-26"), day("2022-12-27"), day("2022-01-03"));
        // Boxing Day on a Saturday: the Monday.
        assertThat(regular(2015)).contains(day("2015-12-25"), day("2015-12-28"));
        assertThat(regular(2023)).contains(day("2023-01-02")).hasSize(BankHolidays.REGULAR_PER_YEAR);
    }

    @Test
    void theShippedFileCoversAtLeast2010To2028() {
        CoveredYears covered = BankHolidays.englandAndWales().covered();
        assertThat(covered.first()).isLessThanOrEqualTo(2010);
        assertThat(covered.last()).isGreaterThanOrEqualTo(2028);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coveredYears")
    void eachYearInTheFileMatchesTheRulesApartFromTheKnownOneOffs(int year) {
        assertThat(listed(BankHolidays.englandAndWales(), year)).as("bank holidays listed for %d", year)
                .containsExactlyElementsOf(expected(year));
    }

    @Test
    void theKnownOneOffsAreInTheFileByName() {
        BankHolidays holidays = BankHolidays.englandAndWales();
        assertThat(holidays.on(day("2011-04-29")).orElseThrow().name()).isEqualTo("Royal wedding");
        assertThat(holidays.on(day("2012-06-05")).orElseThrow().name()).contains("Diamond Jubilee");
        assertThat(holidays.on(day("2020-05-08")).orElseThrow().name()).contains("VE Day");
        assertThat(holidays.on(day("2022-06-03")).orElseThrow().name()).contains("Platinum Jubilee");
        assertThat(holidays.on(day("2022-09-19")).orElseThrow().name()).contains("State Funeral of Queen Elizabeth II");
        assertThat(holidays.on(day("2023-05-08")).orElseThrow().name()).contains("coronation of King Charles III");
        assertThat(holidays.on(day("2020-05-04"))).isEmpty();
    }

    @Test
    void aMistypedDateInTheDataFailsTheCrossCheck() {
        // The 2019 spring bank holiday typed a week early: still a Monday, still in order, so only the cross-check sees it.
        List<String> lines = new ArrayList<>(BankHolidays.readResource(BankHolidays.RESOURCE));
        int at = lines.indexOf("2019-05-27  Spring bank holiday");
        assertThat(at).isNotNegative();
        lines.set(at, "2019-05-20  Spring bank holiday");
        BankHolidays typo = BankHolidays.parse("typo.txt", lines);
        assertThat(listed(typo, 2019)).isNotEqualTo(expected(2019));
        assertThat(listed(typo, 2018)).isEqualTo(expected(2018));
    }

    @Test
    void aWeekendDateIsRefusedNamingTheLine() {
        assertThat(refusal(year2019Then("2019-12-28  Boxing Day")))
                .isEqualTo("t.txt line 9: 2019-12-28 is a saturday; bank holidays fall on weekdays (list the substitute day instead)");
    }

    @Test
    void aRepeatedOrOutOfOrderDateIsRefusedNamingBothLines() {
        assertThat(refusal(year2019Then("2019-12-25  Christmas again")))
                .isEqualTo("t.txt line 9: 2019-12-25 is already listed on line 8");
        assertThat(refusal(year2019Then("2019-12-24  Christmas Eve")))
                .isEqualTo("t.txt line 9: 2019-12-24 is out of date order: it comes after 2019-12-25 on line 8 (a mistyped year?)");
    }

    @Test
    void aMalformedLineIsRefusedNamingTheLine() {
        assertThat(refusal(year2019Then("2019-12-26"))).startsWith("t.txt line 9: expected a date and a name");
        assertThat(refusal(year2019Then("2019-12-32  Boxing Day"))).isEqualTo("t.txt line 9: not a date (YYYY-MM-DD): \"2019-12-32\"");
    }

    @Test
    void aYearWithHolidaysMissingIsRefused() {
        List<String> lines = new ArrayList<>(year2019Then("2019-12-26  Boxing Day"));
        lines.add("2020-01-01  New Year's Day");
        assertThat(refusal(lines)).isEqualTo("t.txt: 2020 lists 1 bank holidays; every year from 2019 to 2020 needs at least the 8 regular ones");
        assertThat(refusal(List.of("# nothing yet"))).isEqualTo("t.txt: lists no bank holidays");
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        BankHolidays holidays = BankHolidays.parse("t.txt", year2019Then("2019-12-26  Boxing Day"));
        assertThat(holidays.covered()).isEqualTo(new CoveredYears(2019, 2019));
        assertThat(holidays.all()).hasSize(8).last().isEqualTo(new BankHoliday(day("2019-12-26"), "Boxing Day"));
    }

    static String refusal(List<String> lines) {
        return catchThrowableOfType(IllegalArgumentException.class, () -> BankHolidays.parse("t.txt", lines)).getMessage();
    }

    /** A comment, 2019's first seven holidays (lines 2 to 8), the line given (line 9), then a blank line. */
    static List<String> year2019Then(String ninth) {
        return List.of(
                "# 2019",
                "2019-01-01  New Year's Day",
                "2019-04-19  Good Friday",
                "2019-04-22  Easter Monday",
                "2019-05-06  Early May bank holiday",
                "2019-05-27  Spring bank holiday",
                "2019-08-26  Summer bank holiday",
                "2019-12-25  Christmas Day",
                ninth,
                "");
    }
}
