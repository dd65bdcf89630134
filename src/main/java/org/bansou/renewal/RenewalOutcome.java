package org.bansou.renewal;

import java.util.Arrays;

import org.bansou.web.InvalidFieldException;

/** What happened at a renewal, judged by the contract's MRR just before and on the renewal date. */
public enum RenewalOutcome {
    RENEWED, EXPANDED, DOWNGRADED, CHURNED;

    public String code() {
        return name().toLowerCase();
    }

    /** The outcome the subscription history shows: the MRR the day before against the MRR on the day. */
    public static RenewalOutcome shownBy(long mrrBefore, long mrrAfter) {
        if (mrrAfter == 0) {
            return CHURNED;
        }
        if (mrrAfter > mrrBefore) {
            return EXPANDED;
        }
        return mrrAfter < mrrBefore ? DOWNGRADED : RENEWED;
    }

    public static RenewalOutcome fromCode(String field, String code) {
        return Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst()
                .orElseThrow(() -> new InvalidFieldException(field,
                        "'" + code + "' is not one of renewed, expanded, downgraded, churned"));
    }
}
