package org.bansou.usage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * The days Japanese offices are mostly closed, for the demo's usage rhythm: national holidays by their date or
 * Monday rule, plus the customary New Year, Obon and year-end breaks. Substitute holidays and the exact
 * equinox dates are left out (equinoxes on their usual 20 March and 23 September): close enough for a demo.
 */
final class JapaneseHolidays {

    private static final Set<MonthDay> BY_DATE = Set.of(
            MonthDay.of(1, 1), MonthDay.of(1, 2), MonthDay.of(1, 3),     // 正月
            MonthDay.of(2, 11), MonthDay.of(2, 23), MonthDay.of(3, 20),
            MonthDay.of(4, 29), MonthDay.of(5, 3), MonthDay.of(5, 4), MonthDay.of(5, 5), // ゴールデンウィーク
            MonthDay.of(8, 11),
            MonthDay.of(8, 13), MonthDay.of(8, 14), MonthDay.of(8, 15), MonthDay.of(8, 16), // お盆
            MonthDay.of(9, 23), MonthDay.of(11, 3), MonthDay.of(11, 23),
            MonthDay.of(12, 29), MonthDay.of(12, 30), MonthDay.of(12, 31)); // 年末

    private JapaneseHolidays() {
    }

    static boolean isHoliday(LocalDate day) {
        if (BY_DATE.contains(MonthDay.from(day))) {
            return true;
        }
        // Happy Monday holidays: 成人の日, 海の日, 敬老の日, スポーツの日
        return switch (day.getMonth()) {
            case JANUARY -> day.equals(nthMonday(day, 2));
            case JULY, SEPTEMBER -> day.equals(nthMonday(day, 3));
            case OCTOBER -> day.equals(nthMonday(day, 2));
            default -> false;
        };
    }

    private static LocalDate nthMonday(LocalDate inMonth, int n) {
        return inMonth.with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
