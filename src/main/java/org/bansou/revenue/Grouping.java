package org.bansou.revenue;

import java.util.Arrays;

/** What a revenue report is split by; each maps to fixed SQL, never to user text. */
public enum Grouping {
    NONE("none", "'all'"),
    PLAN("plan", "m.plan_id::text"),
    INDUSTRY("industry", "COALESCE(a.industry, '')"),
    EMPLOYEE_BAND("employee_band", "COALESCE(a.employee_band, '')"),
    TOUCH_TIER("touch_tier", "a.touch_tier"),
    OWNER("owner", "COALESCE(a.owner_user_id::text, '')");

    private final String code;
    private final String sql;

    Grouping(String code, String sql) {
        this.code = code;
        this.sql = sql;
    }

    public String code() {
        return code;
    }

    String sql() {
        return sql;
    }

    boolean onAccounts() {
        return this != NONE && this != PLAN;
    }

    public static Grouping fromCode(String code) {
        if (code == null || code.isBlank()) {
            return NONE;
        }
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst()
                .orElseThrow(() -> InvalidRevenueInput.of("groupBy",
                        "'" + code + "' is not one of none, plan, industry, employee_band, touch_tier, owner"));
    }
}
