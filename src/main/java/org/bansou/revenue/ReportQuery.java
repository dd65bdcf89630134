package org.bansou.revenue;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** A revenue report asked for: months {@code from}..{@code to} (inclusive), by month or quarter. */
public record ReportQuery(YearMonth from, YearMonth to, Period period, RevenueFilter filter, Grouping groupBy) {

    /** The longest report: ten years of months. */
    static final int MAX_MONTHS = 120;

    public ReportQuery {
        if (from == null) {
            throw InvalidRevenueInput.of("from", "is required (yyyy-mm)");
        }
        if (to == null) {
            throw InvalidRevenueInput.of("to", "is required (yyyy-mm)");
        }
        if (to.isBefore(from)) {
            throw InvalidRevenueInput.of("to", "must not be before from (" + from + ")");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to)) {
            throw InvalidRevenueInput.of("to", "is more than " + MAX_MONTHS + " months after from");
        }
        period = period == null ? Period.MONTH : period;
        filter = filter == null ? RevenueFilter.none() : filter;
        groupBy = groupBy == null ? Grouping.NONE : groupBy;
        if (period == Period.QUARTER) {
            // quarters are calendar quarters: widen the range to whole quarters
            from = from.minusMonths((from.getMonthValue() - 1) % 3);
            to = to.plusMonths(2 - (to.getMonthValue() - 1) % 3);
        }
    }

    public static ReportQuery months(YearMonth from, YearMonth to) {
        return new ReportQuery(from, to, Period.MONTH, RevenueFilter.none(), Grouping.NONE);
    }

    public ReportQuery with(RevenueFilter filter) {
        return new ReportQuery(from, to, period, filter, groupBy);
    }

    public ReportQuery groupedBy(Grouping grouping) {
        return new ReportQuery(from, to, period, filter, grouping);
    }

    public ReportQuery by(Period period) {
        return new ReportQuery(from, to, period, filter, groupBy);
    }

    /** True when the figures follow MRR per plan (a plan filter or grouping), not per account. */
    boolean byPlan() {
        return filter.byPlan() || groupBy == Grouping.PLAN;
    }

    static YearMonth month(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(text.trim().length() > 7 ? text.trim().substring(0, 7) : text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidRevenueInput.of(field, "'" + text + "' is not a month (yyyy-mm)");
        }
    }
}
