package org.bansou.revenue;

import java.util.Arrays;

/** The length of one column of a revenue report. */
public enum Period {
    MONTH("month", 1), QUARTER("quarter", 3);

    private final String code;
    private final int months;

    Period(String code, int months) {
        this.code = code;
        this.months = months;
    }

    public String code() {
        return code;
    }

    public int months() {
        return months;
    }

    public static Period fromCode(String code) {
        if (code == null || code.isBlank()) {
            return MONTH;
        }
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst()
                .orElseThrow(() -> InvalidRevenueInput.of("period", "'" + code + "' is not month or quarter"));
    }
}
