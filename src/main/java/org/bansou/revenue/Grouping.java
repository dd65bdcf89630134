package org.bansou.revenue;

import java.util.Arrays;

/** What a revenue report is split by; each maps to fixed SQL, never to user text. */
public enum Grouping {
    NONE("none", "'all'", "'all'"),
    PLAN("plan", "m.plan_id::text", "m.plan_id::text"),
    INDUSTRY("industry", "COALESCE(a.industry, '')", "COALESCE(m.industry, '')"),
    EMPLOYEE_BAND("employee_band", "COALESCE(a.employee_band, '')", "COALESCE(m.employee_band, '')"),
    TOUCH_TIER("touch_tier", "a.touch_tier", "m.touch_tier"),
    OWNER("owner", "COALESCE(a.owner_user_id::text, '')", "COALESCE(m.owner_user_id::text, '')");

    private final String code;
    private final String sql;
    private final String rollupSql;

    Grouping(String code, String sql, String rollupSql) {
        this.code = code;
        this.sql = sql;
        this.rollupSql = rollupSql;
    }

    public String code() {
        return code;
    }

    /** The group key over {@code m} (mrr_segment_month) and {@code a} (account). */
    String sql() {
        return sql;
    }

    /** The same key over {@code m} (mrr_rollup_month, which carries the account fields). */
    String rollupSql() {
        return rollupSql;
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
