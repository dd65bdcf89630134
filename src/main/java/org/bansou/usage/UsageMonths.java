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
                        """))
                .param("accountIds", touched.stream().map(AccountDay::accountId).toArray(Long[]::new))
                .param("days", touched.stream().map(t -> t.day().toString()).toArray(String[]::new))
                .update();
    }

    /**
     * Recounts every account's months that overlap {@code from}..{@code to}: after many days were written at
     * once (a generated or migrated history).
     */
    void recountBetween(LocalDate from, LocalDate to) {
        jdbc.sql("SET LOCAL work_mem = '256MB'").update();
        jdbc.sql(RECOUNT.formatted("""
                        SELECT DISTINCT account_id, CAST(date_trunc('month', day) AS date) AS month
                          FROM usage_daily
                         WHERE day BETWEEN CAST(date_trunc('month', CAST(:from AS date)) AS date)
                                       AND CAST(date_trunc('month', CAST(:to AS date)) + interval '1 month - 1 day' AS date)
                         UNION
                        SELECT account_id, month
                          FROM usage_month
                         WHERE month BETWEEN CAST(date_trunc('month', CAST(:from AS date)) AS date) AND :to
                        """))
                .param("from", from)
                .param("to", to)
                .update();
    }

    /** Recounts every month of every account (after the days were rebuilt). */
    void recountAll() {
        jdbc.sql("DELETE FROM usage_month").update();
        jdbc.sql("SET LOCAL work_mem = '256MB'").update();
        jdbc.sql(RECOUNT.formatted("""
                        SELECT DISTINCT account_id, CAST(date_trunc('month', day) AS date) AS month
                          FROM usage_daily
                        """))
                .update();
    }

    // One row per day of each month asked for, joined to its stored day if there is one, so that array element
    // and mask bit n + 1 are day n + 1 of the month whichever days are missing. A month asked for that has no
    // stored day any more (its days were rebuilt away) is deleted rather than kept empty.
    private static final String RECOUNT = """
            WITH pairs AS (
            %s), days AS (
                SELECT p.account_id, p.month, g.n, p.month + g.n AS day
                  FROM pairs p
                 CROSS JOIN LATERAL generate_series(0, CAST(p.month + interval '1 month' AS date) - p.month - 1)
                       AS g (n)
            ), monthly AS (
                SELECT d.account_id, d.month,
                       COALESCE(bit_or(1 << d.n) FILTER (WHERE u.account_id IS NOT NULL), 0) AS present_days,
                       COALESCE(bit_or(1 << d.n) FILTER (WHERE u.active_users > 0), 0) AS active_days,
                       array_agg(u.active_users ORDER BY d.n) AS active_users,
                       array_agg(u.active_users_7d ORDER BY d.n) AS active_users_7d,
                       array_agg(u.active_users_28d ORDER BY d.n) AS active_users_28d,
                       array_agg(CAST(u.utilization AS float8) ORDER BY d.n) AS utilization
                  FROM days d
                  LEFT JOIN usage_daily u ON u.account_id = d.account_id AND u.day = d.day
                 GROUP BY d.account_id, d.month
            ), features AS (
                SELECT account_id, month, jsonb_object_agg(event, mask) AS event_days
                  FROM (SELECT d.account_id, d.month, e.event, bit_or(1 << d.n) AS mask
                          FROM days d
                          JOIN usage_daily u ON u.account_id = d.account_id AND u.day = d.day
                         CROSS JOIN LATERAL jsonb_object_keys(u.event_counts) AS e (event)
                         GROUP BY d.account_id, d.month, e.event) f
                 GROUP BY account_id, month
            ), emptied AS (
                DELETE FROM usage_month m
                 USING monthly x
                 WHERE x.present_days = 0
                   AND m.account_id = x.account_id
                   AND m.month = x.month
            )
            INSERT INTO usage_month (account_id, month, present_days, active_days, active_users, active_users_7d,
                                     active_users_28d, utilization, event_days)
            SELECT m.account_id, m.month, m.present_days, m.active_days, m.active_users, m.active_users_7d,
                   m.active_users_28d, m.utilization, COALESCE(f.event_days, '{}')
              FROM monthly m
              LEFT JOIN features f ON f.account_id = m.account_id AND f.month = m.month
             WHERE m.present_days <> 0
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
