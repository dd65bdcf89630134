package org.bansou.effort;

import java.time.LocalDate;
import java.util.List;

/**
 * One person's week: a row per account and task kind, a cell per day with its minutes. {@code version} is the
 * week's: a save based on an older one is refused.
 */
public record Timesheet(long userId, LocalDate weekStart, int version, List<Row> rows) {

    /** Minutes of one account and task kind, Monday first. */
    public record Row(long accountId, String accountName, String taskKind, int[] minutes) {

        public int total() {
            int total = 0;
            for (int m : minutes) {
                total += m;
            }
            return total;
        }
    }

    /** One cell to save: its new minutes (0 empties it). */
    public record Cell(long accountId, String taskKind, LocalDate day, int minutes) {
    }

    public List<LocalDate> days() {
        return java.util.stream.IntStream.range(0, 7).mapToObj(weekStart::plusDays).toList();
    }

    public int total() {
        return rows.stream().mapToInt(Row::total).sum();
    }

    /** Minutes of each day of the week over every row, Monday first. */
    public int[] dayTotals() {
        int[] totals = new int[7];
        for (Row row : rows) {
            for (int d = 0; d < 7; d++) {
                totals[d] += row.minutes()[d];
            }
        }
        return totals;
    }
}
