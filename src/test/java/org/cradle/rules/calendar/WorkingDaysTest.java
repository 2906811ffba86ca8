package org.cradle.rules.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statutory timescales counted in working days, as a social worker or the rules would ask. */
class WorkingDaysTest {

    final WorkingDays calendar = WorkingDays.englandAndWales();

    static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void anInitialConferenceDue15WorkingDaysAfterAStrategyDiscussionOn27May2022FallsAfterThePlatinumJubileeBankHolidays() {
        // Friday 27 May 2022. Monday 30 May was a working day that year (the spring bank holiday moved),
        // but Thursday 2 and Friday 3 June were not: the conference is due Tuesday 21 June, not Friday 17 June.
        LocalDate strategyDiscussion = day("2022-05-27");
        assertThat(calendar.isWorkingDay(day("2022-05-30"))).isTrue();
        assertThat(calendar.addWorkingDays(strategyDiscussion, 15)).isEqualTo("2022-06-21");
        assertThat(calendar.workingDaysBetween(strategyDiscussion, day("2022-06-21"))).isEqualTo(15);
        assertThat(calendar.workingDaysBetween(strategyDiscussion, day("2022-06-22"))).as("a day late").isEqualTo(16);
    }

    @Test
    void oneWorkingDayAfterAFridayIsTheMondayOrTheTuesdayAfterABankHolidayMonday() {
        assertThat(calendar.addWorkingDays(day("2024-03-08"), 1)).isEqualTo("2024-03-11");
        // Summer bank holiday, Monday 26 August 2024.
        assertThat(calendar.addWorkingDays(day("2024-08-23"), 1)).isEqualTo("2024-08-27");
    }

    @Test
    void dayZeroIsTheDayOfTheEventItselfEvenAtAWeekend() {
        // An emergency strategy discussion on Saturday 4 June 2022, the day after the Platinum Jubilee holiday.
        assertThat(calendar.addWorkingDays(day("2022-06-04"), 0)).isEqualTo("2022-06-04");
        assertThat(calendar.addWorkingDays(day("2022-06-04"), 1)).isEqualTo("2022-06-06");
        assertThat(calendar.workingDaysBetween(day("2022-06-04"), day("2022-06-04"))).isZero();
    }

    @Test
    void overEaster2020ADiscussionOnMaundyThursdayHasItsNextWorkingDayOnTuesday() {
        assertThat(calendar.isWorkingDay(day("2020-04-10"))).as("Good Friday").isFalse();
        assertThat(calendar.isWorkingDay(day("2020-04-13"))).as("Easter Monday").isFalse();
        assertThat(calendar.addWorkingDays(day("2020-04-09"), 1)).isEqualTo("2020-04-14");
        assertThat(calendar.workingDaysBetween(day("2020-04-09"), day("2020-04-14"))).isEqualTo(1);
    }

    @Test
    void in2020TheEarlyMayBankHolidayWasFridayVEDayNotTheFirstMonday() {
        assertThat(calendar.isWorkingDay(day("2020-05-04"))).isTrue();
        assertThat(calendar.isWorkingDay(day("2020-05-08"))).isFalse();
        assertThat(calendar.addWorkingDays(day("2020-05-01"), 1)).isEqualTo("2020-05-04");
        assertThat(calendar.addWorkingDays(day("2020-05-07"), 1)).isEqualTo("2020-05-11");
    }

    @Test
    void atChristmas2021TheWeekendHolidaysMovedToMondayAndTuesdayAndNewYearToMonday3January() {
        LocalDate christmasEve = day("2021-12-24");
        assertThat(List.of("2021-12-27", "2021-12-28", "2022-01-03")).allSatisfy(d -> assertThat(calendar.isWorkingDay(day(d))).as(d).isFalse());
        assertThat(calendar.addWorkingDays(christmasEve, 1)).isEqualTo("2021-12-29");
        assertThat(calendar.addWorkingDays(christmasEve, 3)).isEqualTo("2021-12-31");
        assertThat(calendar.addWorkingDays(christmasEve, 4)).isEqualTo("2022-01-04");
    }

    @Test
    void aVisitDueTheNextWorkingDayAfterFriday16September2022WasDueAfterTheStateFuneral() {
        assertThat(calendar.addWorkingDays(day("2022-09-16"), 1)).isEqualTo("2022-09-20");
    }

    @Test
    void countingBackAReportDueOneWorkingDayBeforeAConferenceOnMonday6June2022WasDueWednesday1June() {
        assertThat(calendar.addWorkingDays(day("2022-06-06"), -1)).isEqualTo("2022-06-01");
        assertThat(calendar.workingDaysBetween(day("2022-06-06"), day("2022-06-01"))).isEqualTo(-1);
    }

    @Test
    void aDateOutsideTheCoveredYearsIsRefusedNamingTheDateAndTheYears() {
        CoveredYears covered = calendar.covered();
        LocalDate after = covered.lastDay().plusDays(1);
        LocalDate before = covered.firstDay().minusDays(1);
        for (LocalDate outside : List.of(after, before, after.plusDays(5))) {
            assertThatThrownBy(() -> calendar.isWorkingDay(outside))
                    .isInstanceOf(OutsideCalendarException.class)
                    .hasMessageContaining(outside.toString())
                    .hasMessageContaining(covered.first() + " to " + covered.last())
                    .hasMessageContaining("england-and-wales-bank-holidays.txt");
        }
        assertThatThrownBy(() -> calendar.holidays().on(after)).isInstanceOf(OutsideCalendarException.class);
        assertThatThrownBy(() -> calendar.workingDaysBetween(covered.lastDay(), after.plusDays(3)))
                .isInstanceOfSatisfying(OutsideCalendarException.class, e -> {
                    assertThat(e.date()).isEqualTo(after.plusDays(3));
                    assertThat(e.covered()).isEqualTo(covered);
                });
    }

    @Test
    void aTimescaleThatRunsPastTheLastCoveredYearIsRefusedNotGuessed() {
        LocalDate lateDecember = calendar.covered().lastDay().minusDays(9);
        LocalDate firstUnknown = calendar.covered().lastDay().plusDays(1);
        assertThatThrownBy(() -> calendar.addWorkingDays(lateDecember, 15))
                .isInstanceOfSatisfying(OutsideCalendarException.class, e -> assertThat(e.date()).isEqualTo(firstUnknown));
        assertThatThrownBy(() -> calendar.addWorkingDays(calendar.covered().firstDay().plusDays(9), -15))
                .isInstanceOfSatisfying(OutsideCalendarException.class,
                        e -> assertThat(e.date()).isEqualTo(calendar.covered().firstDay().minusDays(1)));
    }

    @Test
    void ordinaryWeekdaysAreWorkingDaysAndWeekendsAreNot() {
        assertThat(calendar.isWorkingDay(day("2023-03-15"))).as("a Wednesday").isTrue();
        assertThat(calendar.isWorkingDay(day("2023-03-18"))).as("a Saturday").isFalse();
        assertThat(calendar.isWorkingDay(day("2023-03-19"))).as("a Sunday").isFalse();
    }

    @Test
    void countingBetweenTwoDatesUndoesAddingWorkingDaysOnEveryDayOfTheCalendar() {
        LocalDate from = calendar.covered().firstDay().plusMonths(1);
        LocalDate to = calendar.covered().lastDay().minusMonths(1);
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(1)) {
            for (int n : new int[] {-15, -1, 0, 1, 5, 15}) {
                LocalDate due = calendar.addWorkingDays(start, n);
                assertThat(calendar.workingDaysBetween(start, due)).as("%s %+d", start, n).isEqualTo(n);
                if (n != 0) {
                    assertThat(calendar.isWorkingDay(due)).as("%s %+d lands on %s", start, n, due).isTrue();
                }
            }
            for (int k = 0; k <= 21; k++) {
                LocalDate later = start.plusDays(k);
                if (calendar.isWorkingDay(later)) {
                    assertThat(calendar.addWorkingDays(start, calendar.workingDaysBetween(start, later))).isEqualTo(later);
                }
            }
        }
    }

    @Test
    void theTableAgreesWithWalkingTheCalendarDayByDayAgainstTheHolidayList() {
        LocalDate from = calendar.covered().firstDay().plusMonths(1);
        LocalDate to = calendar.covered().lastDay().minusMonths(3);
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(1)) {
            for (int n : new int[] {-20, -3, 1, 2, 10, 45}) {
                assertThat(calendar.addWorkingDays(start, n)).as("%s %+d", start, n).isEqualTo(walk(start, n));
            }
        }
    }

    /** The plain definition: step a day at a time, counting the weekdays that are not bank holidays. */
    private LocalDate walk(LocalDate start, int n) {
        LocalDate day = start;
        for (int left = Math.abs(n); left > 0; ) {
            day = day.plusDays(Integer.signum(n));
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            if (!weekend && calendar.holidays().on(day).isEmpty()) {
                left--;
            }
        }
        return day;
    }
}
