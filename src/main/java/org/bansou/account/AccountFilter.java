package org.bansou.account;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the accounts list is narrowed and sorted by. Sort keys map to fixed SQL, never to user text; a key
 * with a leading {@code -} sorts the same column the other way round.
 */
public record AccountFilter(String stage, String tier, Long ownerUserId, String industry, String q, String sort) {

    // bands sort by company size, not alphabetically ("1000+" would come before "250-999")
    static final String BAND_RANK =
            "array_position(ARRAY['1-9', '10-49', '50-249', '250-999', '1000+']::text[], a.employee_band)";

    private static final Map<String, String> ORDER = new LinkedHashMap<>();

    static {
        // every order ends in a.id so a page boundary never splits ties differently between two requests
        column("name", "a.name %1$s, a.id %1$s");
        column("externalId", "a.external_id %1$s, a.id %1$s");
        column("industry", "a.industry %1$s NULLS LAST, a.name %1$s, a.id %1$s");
        column("band", BAND_RANK + " %1$s NULLS LAST, a.name %1$s, a.id %1$s");
        column("owner", "u.display_name %1$s NULLS LAST, a.name %1$s, a.id %1$s");
        column("tier", "a.touch_tier %1$s, a.name %1$s, a.id %1$s");
        column("stage", "a.lifecycle_stage %1$s, a.name %1$s, a.id %1$s");
        column("created", "a.created_at %1$s, a.id %1$s");
    }

    private static void column(String key, String order) {
        ORDER.put(key, order.formatted("ASC"));
        ORDER.put("-" + key, order.formatted("DESC"));
    }

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

    /** The column this filter sorts by, without direction: what a column header compares itself with. */
    public String sortColumn() {
        return sort.startsWith("-") ? sort.substring(1) : sort;
    }

    public boolean descending() {
        return sort.startsWith("-");
    }

    public AccountFilter sortedBy(String newSort) {
        return new AccountFilter(stage, tier, ownerUserId, industry, q, newSort);
    }

    String orderBy() {
        return ORDER.get(sort);
    }

    /** The search text as an ILIKE pattern: the person's % and _ are matched literally. */
    String qPattern() {
        if (q == null) {
            return null;
        }
        String escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    /**
     * Whether the search text has letters with upper and lower case. Japanese has none, and then a
     * case-sensitive LIKE finds the same accounts as ILIKE about four times faster (measured at 100,000).
     */
    boolean qHasLetterCase() {
        return q != null && !q.toLowerCase(Locale.ROOT).equals(q.toUpperCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
