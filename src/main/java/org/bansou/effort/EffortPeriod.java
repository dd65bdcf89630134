package org.bansou.effort;

import java.time.LocalDate;
import java.time.YearMonth;

import org.bansou.web.InvalidFieldException;

/** The months a report covers, first to last, both whole. */
public record EffortPeriod(YearMonth from, YearMonth to) {

    public EffortPeriod {
        if (from == null) {
            throw new InvalidFieldException("from", "is required (yyyy-MM)");
        }
        if (to == null) {
            throw new InvalidFieldException("to", "is required (yyyy-MM)");
        }
        if (to.isBefore(from)) {
            throw new InvalidFieldException("to", to + " is before from " + from);
        }
        if (from.plusMonths(36).isBefore(to)) {
            throw new InvalidFieldException("to", "a period is at most 36 months");
        }
    }

    /** The three months up to and including {@code today}'s. */
    public static EffortPeriod lastThreeMonths(LocalDate today) {
        YearMonth month = YearMonth.from(today);
        return new EffortPeriod(month.minusMonths(2), month);
    }

    public LocalDate firstDay() {
        return from.atDay(1);
    }

    public LocalDate lastDay() {
        return to.atEndOfMonth();
    }

    public int months() {
        return (int) (to.getYear() * 12L + to.getMonthValue() - from.getYear() * 12L - from.getMonthValue()) + 1;
    }
}
