package org.bansou.revenue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which accounts (and, by plan, which part of their MRR) a revenue figure covers. Empty fields filter
 * nothing. Account fields are the account's current ones.
 */
public record RevenueFilter(Long planId, String industry, String employeeBand, String touchTier, Long ownerUserId) {

    public RevenueFilter {
        industry = blankToNull(industry);
        employeeBand = blankToNull(employeeBand);
        touchTier = blankToNull(touchTier);
    }

    public static RevenueFilter none() {
        return new RevenueFilter(null, null, null, null, null);
    }

    /** True when the plan decides what counts: the figures then follow MRR per plan, not per account. */
    boolean byPlan() {
        return planId != null;
    }

    boolean onAccounts() {
        return industry != null || employeeBand != null || touchTier != null || ownerUserId != null;
    }

    /** SQL conditions on {@code m} (mrr_segment_month) and {@code a} (account); values bound by name. */
    String where() {
        return where("a");
    }

    /** The same conditions on {@code m} (mrr_rollup_month, which carries the account fields). */
    String whereOnRollup() {
        return where("m");
    }

    private String where(String account) {
        List<String> conditions = new ArrayList<>();
        if (planId != null) {
            conditions.add("m.plan_id = :planId");
        }
        if (industry != null) {
            conditions.add(account + ".industry = :industry");
        }
        if (employeeBand != null) {
            conditions.add(account + ".employee_band = :employeeBand");
        }
        if (touchTier != null) {
            conditions.add(account + ".touch_tier = :touchTier");
        }
        if (ownerUserId != null) {
            conditions.add(account + ".owner_user_id = :ownerUserId");
        }
        return conditions.isEmpty() ? "" : " AND " + String.join(" AND ", conditions);
    }

    Map<String, Object> parameters() {
        java.util.HashMap<String, Object> values = new java.util.HashMap<>();
        values.put("planId", planId);
        values.put("industry", industry);
        values.put("employeeBand", employeeBand);
        values.put("touchTier", touchTier);
        values.put("ownerUserId", ownerUserId);
        return values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
