package org.bansou.renewal;

import java.util.Arrays;

import org.bansou.web.InvalidFieldException;

/** What the CSM expects of a renewal; {@code UNKNOWN} until someone says. */
public enum ForecastOutcome {
    RENEW, EXPAND, DOWNGRADE, CHURN, UNKNOWN;

    public String code() {
        return name().toLowerCase();
    }

    public static ForecastOutcome fromCode(String field, String code) {
        return Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst()
                .orElseThrow(() -> new InvalidFieldException(field,
                        "'" + code + "' is not one of renew, expand, downgrade, churn, unknown"));
    }
}
