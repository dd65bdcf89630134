package org.bansou.renewal;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Arrays;

import org.bansou.web.InvalidFieldException;

/** The slices of the pipeline a CS team looks at; each is a fixed date window, never user SQL. */
public enum PipelineView {
    THIS_MONTH, NEXT_QUARTER, OVERDUE, OPEN, CLOSED;

    public String code() {
        return name().toLowerCase();
    }

    /** First due day of the window, inclusive; null for no lower bound. */
    LocalDate from(LocalDate today) {
        return switch (this) {
            case THIS_MONTH -> today.withDayOfMonth(1);
            case NEXT_QUARTER -> quarterStart(today).plusMonths(3);
            case OVERDUE, OPEN, CLOSED -> null;
        };
    }

    /** Last due day of the window, inclusive; null for no upper bound. */
    LocalDate to(LocalDate today) {
        return switch (this) {
            case THIS_MONTH -> today.withDayOfMonth(today.lengthOfMonth());
            case NEXT_QUARTER -> quarterStart(today).plusMonths(6).minusDays(1);
            case OVERDUE -> today.minusDays(1);
            case OPEN, CLOSED -> null;
        };
    }

    static LocalDate quarterStart(LocalDate day) {
        int quarter = day.get(IsoFields.QUARTER_OF_YEAR);
        return LocalDate.of(day.getYear(), (quarter - 1) * 3 + 1, 1);
    }

    public static PipelineView fromCode(String code) {
        if (code == null || code.isBlank()) {
            return THIS_MONTH;
        }
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst()
                .orElseThrow(() -> new InvalidFieldException("view",
                        "'" + code + "' is not one of this_month, next_quarter, overdue, open, closed"));
    }
}
