package org.bansou.usage;

import java.time.LocalDate;
import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns table {@code usage_month}: each account's {@code usage_daily} rows of one month folded into one row of
 * day-indexed arrays and day masks, which is how the daily health scoring reads a window of days for every
 * account at once. It is derived data: whatever writes usage days recounts the months it touched, from the
 * stored days, so the month rows can never drift from them.
 */
@Component
class UsageMonths {

    /** An account's month, named by any day in it. */
    record AccountDay(long accountId, LocalDate day) {
    }

    private final JdbcClient jdbc;

    UsageMonths(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Recounts the months of the given days from the stored days; a month left without days loses its row. */
    void recount(Collection<AccountDay> touched) {
        if (touched.isEmpty()) {
            return;
        }
        jdbc.sql(RECOUNT.formatted("""
                        SELECT DISTINCT account_id, CAST(date_trunc('month', day) AS date) AS month
                          FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS date[])) AS t (account_id, day)
                        """, """
                        SELECT a.month, u.*
                          FROM asked a
                          JOIN usage_daily u
                            ON u.account_id = a.account_id
                           AND u.day BETWEEN a.month AND CAST(a.month + interval '1 month - 1 day' AS date)
                        """))
                .param("accountIds", touched.stream().map(AccountDay::accountId).toArray(Long[]::new))
                .param("days", touched.stream().map(t -> t.day().toString()).toArray(String[]::new))
                .update();
    }

    /**
     * Recounts every account's months that overlap {@code from}..{@code to}: after many days were written at
     * once (a generated or migrated history). Read straight from the days, not account by account.
     */
    void recountBetween(LocalDate from, LocalDate to) {
        roomToSort();
        jdbc.sql(RECOUNT.formatted("""
                        SELECT account_id, month
                          FROM usage_month
                         WHERE month BETWEEN CAST(date_trunc('month', CAST(:from AS date)) AS date) AND :to
                        """, """
                        SELECT CAST(date_trunc('month', u.day) AS date) AS month, u.*
                          FROM usage_daily u
                         WHERE u.day BETWEEN CAST(date_trunc('month', CAST(:from AS date)) AS date)
                                         AND CAST(date_trunc('month', CAST(:to AS date)) + interval '1 month - 1 day'
                                                  AS date)
                        """))
                .param("from", from)
                .param("to", to)
                .update();
    }

    /** Recounts every month of every account (after the days were rebuilt). */
    void recountAll() {
        jdbc.sql("DELETE FROM usage_month").update();
        roomToSort();
        jdbc.sql(RECOUNT.formatted("""
                        SELECT account_id, month
                          FROM usage_month
                        """, """
                        SELECT CAST(date_trunc('month', u.day) AS date) AS month, u.*
                          FROM usage_daily u
                        """))
                .update();
    }

    // every stored day sorted once by account, month and day, in memory where it fits
    private void roomToSort() {
        jdbc.sql("SET LOCAL work_mem = '256MB'").update();
    }

    // Each month's stored days in day order (the months asked for, or all months of a stretch of days, read
    // straight from the days), then placed: a month whose days run without a gap is padded in
    // front, one with gaps (days without events have no row) has each day looked up; a missing day is 0 (no
    // one active), -1 where a count may be unknown (the rolled 7/28-day active users), so the arrays hold no
    // nulls and a cell is read at a fixed offset. A month asked for that has no stored day any more (its days
    // were rebuilt away) is deleted rather than kept empty.
    private static final String RECOUNT = """
            WITH asked AS (
            %s), stored AS (
            %s), monthly AS (
                SELECT u.account_id, u.month,
                       bit_or(1 << (extract(day FROM u.day)::int - 1)) AS present_days,
                       COALESCE(bit_or(1 << (extract(day FROM u.day)::int - 1)) FILTER (WHERE u.active_users > 0), 0)
                           AS active_days,
                       min(u.day) - u.month AS before_first,
                       count(*) = max(u.day) - min(u.day) + 1 AS contiguous,
                       array_agg(extract(day FROM u.day)::int ORDER BY u.day) AS days,
                       array_agg(u.active_users ORDER BY u.day) AS active_users,
                       array_agg(COALESCE(u.active_users_7d, -1) ORDER BY u.day) AS active_users_7d,
                       array_agg(COALESCE(u.active_users_28d, -1) ORDER BY u.day) AS active_users_28d,
                       array_agg(COALESCE(CAST(u.utilization * 10000 AS integer), 0) ORDER BY u.day) AS utilization,
                       array_agg(u.event_counts ORDER BY u.day) AS event_counts
                  FROM stored u
                 GROUP BY u.account_id, u.month
            ), emptied AS (
                DELETE FROM usage_month m
                 USING asked p
                 WHERE m.account_id = p.account_id
                   AND m.month = p.month
                   AND NOT EXISTS (SELECT 1 FROM monthly x WHERE x.account_id = p.account_id AND x.month = p.month)
            )
            INSERT INTO usage_month (account_id, month, present_days, active_days, active_users, active_users_7d,
                                     active_users_28d, utilization, event_days)
            SELECT m.account_id, m.month, m.present_days, m.active_days,
                   CASE WHEN m.contiguous THEN array_fill(0, ARRAY[m.before_first]) || m.active_users
                        ELSE ARRAY(SELECT COALESCE(m.active_users[array_position(m.days, d)], 0)
                                     FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
                   CASE WHEN m.contiguous THEN array_fill(-1, ARRAY[m.before_first]) || m.active_users_7d
                        ELSE ARRAY(SELECT COALESCE(m.active_users_7d[array_position(m.days, d)], -1)
                                     FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
                   CASE WHEN m.contiguous THEN array_fill(-1, ARRAY[m.before_first]) || m.active_users_28d
                        ELSE ARRAY(SELECT COALESCE(m.active_users_28d[array_position(m.days, d)], -1)
                                     FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
                   CASE WHEN m.contiguous THEN array_fill(0, ARRAY[m.before_first]) || m.utilization
                        ELSE ARRAY(SELECT COALESCE(m.utilization[array_position(m.days, d)], 0)
                                     FROM generate_series(1, m.days[cardinality(m.days)]) AS d) END,
                   (SELECT COALESCE(jsonb_object_agg(f.event, f.days), '{}')
                      FROM (SELECT e.event, bit_or(1 << (d.day - 1)) AS days
                              FROM unnest(m.days, m.event_counts) AS d (day, counts)
                             CROSS JOIN LATERAL jsonb_object_keys(d.counts) AS e (event)
                             GROUP BY e.event) f)
              FROM monthly m
             ORDER BY m.account_id, m.month
            ON CONFLICT (account_id, month) DO UPDATE
               SET present_days = EXCLUDED.present_days,
                   active_days = EXCLUDED.active_days,
                   active_users = EXCLUDED.active_users,
                   active_users_7d = EXCLUDED.active_users_7d,
                   active_users_28d = EXCLUDED.active_users_28d,
                   utilization = EXCLUDED.utilization,
                   event_days = EXCLUDED.event_days
            """;

}
