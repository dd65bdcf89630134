package org.bansou.account;

import java.util.Map;

/**
 * What the accounts list is narrowed and sorted by. Sort keys map to fixed SQL, never to user text.
 */
public record AccountFilter(String stage, String tier, Long ownerUserId, String industry, String q, String sort) {

    private static final Map<String, String> ORDER = Map.of(
            "name", "a.name, a.id",
            "-name", "a.name DESC, a.id DESC",
            "industry", "a.industry NULLS LAST, a.name, a.id",
            "stage", "a.lifecycle_stage, a.name, a.id",
            "tier", "a.touch_tier, a.name, a.id",
            "owner", "u.display_name NULLS LAST, a.name, a.id",
            "created", "a.created_at, a.id",
            "-created", "a.created_at DESC, a.id DESC");

    public AccountFilter {
        stage = blankToNull(stage);
        tier = blankToNull(tier);
        industry = blankToNull(industry);
        q = blankToNull(q);
        sort = ORDER.containsKey(sort) ? sort : "name";
    }

    public static AccountFilter none() {
        return new AccountFilter(null, null, null, null, null, "name");
    }

    String orderBy() {
        return ORDER.get(sort);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
