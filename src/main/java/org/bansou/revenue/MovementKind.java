package org.bansou.revenue;

import java.util.Arrays;
import java.util.List;

/** How an MRR change is booked (DESIGN.md, "MRR movement rules"); the moves exist only in plan views. */
public enum MovementKind {
    NEW_BUSINESS, EXPANSION, CONTRACTION, CHURN, REACTIVATION, MOVED_IN, MOVED_OUT, NONE;

    public static final List<MovementKind> WATERFALL = List.of(NEW_BUSINESS, EXPANSION, CONTRACTION, CHURN,
            REACTIVATION, MOVED_IN, MOVED_OUT);

    public String code() {
        return name().toLowerCase();
    }

    public static MovementKind fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst()
                .orElseThrow(() -> InvalidRevenueInput.of("kind", "'" + code
                        + "' is not one of new_business, expansion, contraction, churn, reactivation, moved_in, moved_out"));
    }
}
