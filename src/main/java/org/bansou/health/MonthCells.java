package org.bansou.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The days of a scoring window as cells of {@code usage_month} rows: the scoring day's month is joined as
 * {@code m0}, the month before as {@code m1}, and so on back as far as the longest window reaches. Day d of a
 * month is array element d and mask bit d - 1, so every window of one scoring day is a list of constant
 * subscripts and masks, and an account's measures are arithmetic on the two or three rows joined to it.
 */
final class MonthCells {

    private final LocalDate day;
    private final int months;

    /** The cells of windows of up to {@code longestWindow} days ending on {@code day}. */
    MonthCells(LocalDate day, int longestWindow) {
        this.day = day;
        this.months = (int) ChronoUnit.MONTHS.between(day.minusDays(longestWindow - 1L).withDayOfMonth(1),
                day.withDayOfMonth(1)) + 1;
    }

    /** The joins of the month rows to {@code accounts}, an alias with column {@code account_id}. */
    String joins(String accounts) {
        StringBuilder sql = new StringBuilder();
        for (int m = 0; m < months; m++) {
            sql.append("      LEFT JOIN usage_month m").append(m).append(" ON m").append(m).append(".account_id = ")
                    .append(accounts).append(".account_id AND m").append(m).append(".month = DATE '")
                    .append(day.withDayOfMonth(1).minusMonths(m)).append("'\n");
        }
        return sql.toString();
    }

    /** The cell of {@code array} on the day {@code back} days before the scoring day. */
    String cell(String array, int back) {
        LocalDate d = day.minusDays(back);
        return alias(d) + "." + array + "[" + d.getDayOfMonth() + "]";
    }

    /** The largest cell of {@code array} over the days {@code from}..{@code to} days back; null when all are. */
    String greatest(String array, int from, int to) {
        List<String> cells = new ArrayList<>();
        for (int back = from; back <= to; back++) {
            cells.add(cell(array, back));
        }
        return "greatest(" + String.join(", ", cells) + ")";
    }

    /** The sum of {@code array} over the days {@code from}..{@code to} days back, a missing day counting 0. */
    String sum(String array, int from, int to) {
        StringBuilder sql = new StringBuilder("CAST(0 AS bigint)");
        for (int back = from; back <= to; back++) {
            sql.append(" + COALESCE(").append(cell(array, back)).append(", 0)");
        }
        return sql.toString();
    }

    /**
     * How many of the days {@code from}..{@code to} days back have their bit set in the mask {@code mask} gives
     * for a month's alias (a missing month or mask counts none).
     */
    String count(Function<String, String> mask, int from, int to) {
        List<String> parts = new ArrayList<>();
        for (int m = 0; m < months; m++) {
            int bits = bits(m, from, to);
            if (bits != 0) {
                parts.add("COALESCE(bit_count(CAST(" + mask.apply("m" + m) + " & " + bits + " AS bit(32))), 0)");
            }
        }
        return parts.isEmpty() ? "CAST(0 AS bigint)" : "(" + String.join(" + ", parts) + ")";
    }

    /** How many days back the latest day of {@code from}..{@code to} with its bit set is; null when none is. */
    String latest(Function<String, String> mask, int from, int to) {
        StringBuilder sql = new StringBuilder("CASE");
        for (int back = from; back <= to; back++) {
            LocalDate d = day.minusDays(back);
            sql.append(" WHEN (").append(mask.apply(alias(d))).append(" & ").append(1 << (d.getDayOfMonth() - 1))
                    .append(") <> 0 THEN ").append(back);
        }
        return sql.append(" END").toString();
    }

    // the bits of month m's days that lie in the window
    private int bits(int m, int from, int to) {
        int bits = 0;
        for (int back = from; back <= to; back++) {
            LocalDate d = day.minusDays(back);
            if (alias(d).equals("m" + m)) {
                bits |= 1 << (d.getDayOfMonth() - 1);
            }
        }
        return bits;
    }

    private String alias(LocalDate d) {
        return "m" + ChronoUnit.MONTHS.between(d.withDayOfMonth(1), day.withDayOfMonth(1));
    }
}
