package org.bansou.usage;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;

import org.bansou.account.Accounts;
import org.bansou.subscription.SeatPeriod;
import org.bansou.subscription.Subscriptions;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code usage_daily}, {@code usage_daily_user} and {@code usage_rollup_state}: each account's usage
 * per day in the workspace time zone. Kept up to date as events arrive ({@link #catchUp}, run every second and
 * on demand), rebuilt from the events with the same result ({@link #rebuild}), and filled from daily
 * aggregates where a company has no events ({@link #importAll}).
 * <p>
 * The rollup takes in the events of finished transactions in transaction order, past a stored mark, one
 * roll-up at a time: an event is counted once whichever way it arrived, even when transactions commit out of
 * order, and an event that waited for its user's account is counted when it gets one. Requests that send
 * events never wait for the rollup.
 */
@Component
public class UsageDaily {

    static final List<String> ACTIVITY_TYPES = List.of("track", "page", "screen");
    private static final long ROLLUP_LOCK = 0x75736167_65646179L; // "usageday": one roll-up at a time

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final Accounts accounts;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final DataSource dataSource;
    private final UsageMonths months;

    UsageDaily(JdbcClient jdbc, Subscriptions subscriptions, Accounts accounts, ObjectMapper json, Clock clock,
               DataSource dataSource, UsageMonths months) {
        this.jdbc = jdbc;
        this.months = months;
        this.dataSource = dataSource;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.json = json;
        this.zone = clock.getZone();
    }

    /**
     * Counts every event stored by a transaction that has finished and was not counted yet: events, events by
     * name, new active users, seats, and the 7/28-day active users of every day whose window gained a user.
     * Returns how many events it counted. Waits while another roll-up or a rebuild runs.
     */
    @Transactional
    public long catchUp() {
        waitForTheRollup();
        return rollUpFinished();
    }

    // one roll-up, rebuild or import of days at a time, across every bansou process on this database
    private void waitForTheRollup() {
        jdbc.sql("SELECT true FROM pg_advisory_xact_lock(:lock)")
                .param("lock", ROLLUP_LOCK)
                .query(Boolean.class)
                .single();
    }

    /** As {@link #catchUp}, unless another roll-up is running: then that one counts the new events. */
    @Transactional
    long catchUpUnlessRunning() {
        boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)").param("lock", ROLLUP_LOCK)
                .query(Boolean.class).single();
        return mine ? rollUpFinished() : 0;
    }

    /**
     * Recounts every day from the stored events: the answer to "the rollups look wrong" and the way to take in
     * seat changes for past days, and the fast way after loading much history at once. Imported days stay.
     */
    @Transactional
    public void rebuild() {
        waitForTheRollup();
        long finished = finishedBefore();
        jdbc.sql("DELETE FROM usage_daily_user").update();
        jdbc.sql("DELETE FROM usage_daily WHERE source = 'events'").update();
        rollUp(Long.MIN_VALUE, finished, false);
        months.recountAll();
        markCounted(finished);
    }

    /**
     * Recounts the month rows of every account for the months overlapping {@code from}..{@code to}, after days
     * were written there in bulk without the rollup (a generated benchmark history).
     */
    @Transactional
    public void recountMonths(LocalDate from, LocalDate to) {
        waitForTheRollup();
        months.recountBetween(from, to);
    }

    /** When the rollup last took in new events; empty before the first time. */
    public Optional<Instant> rolledUpAt() {
        return jdbc.sql("SELECT updated_at FROM usage_rollup_state WHERE id = 1").query(Instant.class).optional();
    }

    // Every transaction before the oldest one still running has finished: its rows are all there to count.
    // This is read before this transaction writes anything, so its own id is not among the running ones.
    private long finishedBefore() {
        return jdbc.sql("SELECT txid_snapshot_xmin(txid_current_snapshot())").query(Long.class).single();
    }

    private long rollUpFinished() {
        long finished = finishedBefore();
        long counted = jdbc.sql("SELECT counted_before FROM usage_rollup_state WHERE id = 1")
                .query(Long.class).optional().orElse(Long.MIN_VALUE);
        if (counted >= finished) {
            return 0;
        }
        long events = rollUp(counted, finished, true);
        markCounted(finished);
        return events;
    }

    private void markCounted(long before) {
        jdbc.sql("""
                        INSERT INTO usage_rollup_state (id, counted_before, updated_at)
                        VALUES (1, :before, now())
                        ON CONFLICT (id) DO UPDATE
                           SET counted_before = EXCLUDED.counted_before,
                               updated_at = EXCLUDED.updated_at
                        """)
                .param("before", before)
                .update();
    }

    /**
     * Adds the activity of transactions from {@code from} up to, not including, {@code to}; returns the events.
     * The new rows are read once: one statement counts them into the days and says which days it touched,
     * the seats of those days are then set from the subscriptions of their accounts, and the months of every
     * day changed are recounted, unless the caller recounts every month itself ({@code recountMonths} false).
     */
    private long rollUp(long from, long to, boolean recountMonths) {
        // a second of a busy stream is a few hundred thousand rows: group them in memory, not on disk
        jdbc.sql("SET LOCAL work_mem = '64MB'").update();
        // the day of an event is its date in the workspace zone; casting with that zone as the session's costs
        // a fraction of "AT TIME ZONE :zone" per row, which looks the zone up by name for every row
        String sessionZone = jdbc.sql("SELECT current_setting('TimeZone')").query(String.class).single();
        setZone(zone.getId());
        List<Long> touchedAccounts = new ArrayList<>();
        List<Integer> touchedDays = new ArrayList<>();
        List<long[]> gained = new ArrayList<>();
        long[] events = {0};
        jdbc.sql("""
                        WITH new_rows AS MATERIALIZED (
                            SELECT account_id, CAST(ts AS date) AS day, user_id,
                                   CASE WHEN type = 'track' THEN event END AS feature
                              FROM usage_event
                             WHERE txid >= :from
                               AND txid < :to
                               AND account_id IS NOT NULL
                               AND type = ANY(:activityTypes)
                        ), fresh_users AS (
                            INSERT INTO usage_daily_user (account_id, day, user_id)
                            SELECT account_id, day, user_id
                              FROM new_rows
                             GROUP BY account_id, day, user_id
                            ON CONFLICT DO NOTHING
                            RETURNING account_id, day
                        ), gained AS (
                            SELECT account_id, day, count(*) AS users
                              FROM fresh_users
                             GROUP BY account_id, day
                        ), per_feature AS (
                            SELECT account_id, day, feature, count(*) AS times
                              FROM new_rows
                             GROUP BY account_id, day, feature
                        ), totals AS (
                            SELECT account_id, day, sum(times) AS events,
                                   COALESCE(jsonb_object_agg(feature, times) FILTER (WHERE feature IS NOT NULL),
                                            '{}') AS event_counts
                              FROM per_feature
                             GROUP BY account_id, day
                        ), counted AS (
                            INSERT INTO usage_daily (account_id, day, active_users, events, event_counts)
                            SELECT t.account_id, t.day, COALESCE(g.users, 0), t.events, t.event_counts
                              FROM totals t
                              LEFT JOIN gained g USING (account_id, day)
                             ORDER BY t.account_id, t.day
                            ON CONFLICT (account_id, day) DO UPDATE
                               SET active_users = usage_daily.active_users + EXCLUDED.active_users,
                                   events = usage_daily.events + EXCLUDED.events,
                                   -- the new counts added to the stored ones, key by key
                                   event_counts = usage_daily.event_counts || COALESCE(
                                       (SELECT jsonb_object_agg(c.key, CAST(c.value AS bigint)
                                                   + COALESCE(CAST(usage_daily.event_counts -> c.key AS bigint), 0))
                                          FROM jsonb_each(EXCLUDED.event_counts) AS c), '{}'),
                                   updated_at = now()
                             WHERE usage_daily.source = 'events'
                            RETURNING account_id, day
                        )
                        SELECT 'touched' AS kind, account_id, day - DATE '1970-01-01' AS first_day,
                               NULL AS last_day
                          FROM counted
                         UNION ALL
                        SELECT 'gained', g.account_id, min(g.day) - DATE '1970-01-01',
                               max(g.day) - DATE '1970-01-01'
                          FROM gained g
                         GROUP BY g.account_id
                         UNION ALL
                        SELECT 'events', NULL, NULL, sum(events)
                          FROM totals
                        """)
                .param("from", from)
                .param("to", to)
                .param("activityTypes", ACTIVITY_TYPES.toArray(String[]::new))
                .query((rs, n) -> {
                    switch (rs.getString(1)) {
                        case "touched" -> {
                            touchedAccounts.add(rs.getLong(2));
                            touchedDays.add(rs.getInt(3));
                        }
                        case "gained" -> gained.add(new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                        default -> events[0] = rs.getLong(4);
                    }
                    return n;
                })
                .list();
        setZone(sessionZone); // a failed statement rolls the transaction back, and the zone with it
        if (!touchedAccounts.isEmpty()) {
            updateSeats(touchedAccounts.toArray(Long[]::new), touchedDays.toArray(Integer[]::new));
        }
        if (!gained.isEmpty()) {
            updateActiveWindows(gained.stream().map(g -> g[0]).toArray(Long[]::new),
                    gained.stream().map(g -> (int) g[1]).toArray(Integer[]::new),
                    gained.stream().map(g -> (int) g[2]).toArray(Integer[]::new));
        }
        if (recountMonths) {
            Set<UsageMonths.AccountDay> changed = new HashSet<>();
            for (int i = 0; i < touchedAccounts.size(); i++) {
                changed.add(monthOf(touchedAccounts.get(i), touchedDays.get(i)));
            }
            // a user new on a day counts in the 7- and 28-day active users of the 27 days after it
            for (long[] g : gained) {
                for (long day = g[1]; day <= g[2] + 27; day += 28) {
                    changed.add(monthOf(g[0], day));
                }
                changed.add(monthOf(g[0], g[2] + 27));
            }
            months.recount(changed);
        }
        return events[0];
    }

    private static UsageMonths.AccountDay monthOf(long accountId, long epochDay) {
        return monthOf(accountId, LocalDate.ofEpochDay(epochDay));
    }

    // named by its first day, so that the days of one month make one entry
    private static UsageMonths.AccountDay monthOf(long accountId, LocalDate day) {
        return new UsageMonths.AccountDay(accountId, day.withDayOfMonth(1));
    }

    // for this transaction only, as SET LOCAL, which cannot take a parameter
    private void setZone(String zoneId) {
        jdbc.sql("SELECT set_config('TimeZone', :zone, true)").param("zone", zoneId).query(String.class).single();
    }

    /**
     * Sets the seats of the given days (from events) from their accounts' subscriptions as they are now: the
     * seats of every period the day falls in, none when it falls in none. Days whose seats stay are not written.
     */
    private void updateSeats(Long[] accountIds, Integer[] days) {
        List<SeatPeriod> periods = subscriptions.seatPeriods(new java.util.HashSet<>(Arrays.asList(accountIds)));
        jdbc.sql("""
                        WITH touched AS (
                            SELECT account_id, DATE '1970-01-01' + day AS day
                              FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS int[])) AS t (account_id, day)
                        ), seat_period AS (
                            SELECT account_id, DATE '1970-01-01' + valid_from AS valid_from,
                                   DATE '1970-01-01' + valid_until AS valid_until, seats
                              FROM unnest(CAST(:periodAccountIds AS bigint[]), CAST(:periodFrom AS int[]),
                                          CAST(:periodUntil AS int[]), CAST(:periodSeats AS int[]))
                                   AS p (account_id, valid_from, valid_until, seats)
                        ), seated AS (
                            SELECT t.account_id, t.day, sum(p.seats) AS seats
                              FROM touched t
                              LEFT JOIN seat_period p
                                ON p.account_id = t.account_id
                               AND t.day >= p.valid_from
                               AND (p.valid_until IS NULL OR t.day < p.valid_until)
                             GROUP BY t.account_id, t.day
                        )
                        UPDATE usage_daily d
                           SET seats = s.seats
                          FROM seated s
                         WHERE d.account_id = s.account_id
                           AND d.day = s.day
                           AND d.source = 'events'
                           AND d.seats IS DISTINCT FROM s.seats
                        """)
                .param("accountIds", accountIds)
                .param("days", days)
                .param("periodAccountIds", periods.stream().map(SeatPeriod::accountId).toArray(Long[]::new))
                .param("periodFrom", periods.stream().map(p -> (int) p.validFrom().toEpochDay()).toArray(Integer[]::new))
                .param("periodUntil", periods.stream()
                        .map(p -> p.validUntil() == null ? null : (int) p.validUntil().toEpochDay())
                        .toArray(Integer[]::new))
                .param("periodSeats", periods.stream().map(SeatPeriod::seats).toArray(Integer[]::new))
                .update();
    }

    /**
     * A user new on day d changes the 7- and 28-day active users of days d to d+27: recount those rows of the
     * given accounts (between each one's first and last day with new users, plus 27) from the daily users.
     */
    private void updateActiveWindows(Long[] accountIds, Integer[] firstDays, Integer[] lastDays) {
        jdbc.sql("""
                        WITH changed AS (
                            SELECT account_id, DATE '1970-01-01' + first_day AS first_day,
                                   DATE '1970-01-01' + last_day + 27 AS last_day
                              FROM unnest(CAST(:accountIds AS bigint[]), CAST(:firstDays AS int[]),
                                          CAST(:lastDays AS int[])) AS c (account_id, first_day, last_day)
                        ), windows AS (
                            SELECT d.account_id, d.day,
                                   count(DISTINCT u.user_id) FILTER (WHERE u.day > d.day - 7) AS active_7d,
                                   count(DISTINCT u.user_id) AS active_28d
                              FROM changed c
                              JOIN usage_daily d
                                ON d.account_id = c.account_id
                               AND d.day BETWEEN c.first_day AND c.last_day
                              JOIN usage_daily_user u
                                ON u.account_id = d.account_id
                               AND u.day BETWEEN d.day - 27 AND d.day
                             WHERE d.source = 'events'
                             GROUP BY d.account_id, d.day
                        )
                        UPDATE usage_daily d
                           SET active_users_7d = w.active_7d,
                               active_users_28d = w.active_28d
                          FROM windows w
                         WHERE d.account_id = w.account_id
                           AND d.day = w.day
                        """)
                .param("accountIds", accountIds)
                .param("firstDays", firstDays)
                .param("lastDays", lastDays)
                .update();
    }

    /**
     * Stores days given as aggregates; a day given again replaces the one stored. Such a day is the record
     * for its account and day: events for it are still kept, but do not change it, and a rebuild leaves it.
     * Accounts not known yet are created unmapped, as for events.
     */
    @Transactional
    public int importAll(List<DailyUsageRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        waitForTheRollup();
        Map<String, Long> accountIds = accounts.ensureUnmapped(
                rows.stream().map(DailyUsageRow::accountExternalId).toList());
        SeatBook seats = new SeatBook(subscriptions.seatPeriods(accountIds.values()));
        int n = rows.size();
        Long[] ids = new Long[n];
        Integer[] days = new Integer[n];
        Integer[] active = new Integer[n];
        Integer[] active7d = new Integer[n];
        Integer[] active28d = new Integer[n];
        Long[] events = new Long[n];
        String[] eventCounts = new String[n];
        Integer[] seatCounts = new Integer[n];
        IntStream.range(0, n).forEach(i -> {
            DailyUsageRow row = rows.get(i);
            ids[i] = accountIds.get(row.accountExternalId());
            days[i] = (int) row.day().toEpochDay();
            active[i] = row.activeUsers();
            active7d[i] = row.activeUsers7d();
            active28d[i] = row.activeUsers28d();
            events[i] = row.events();
            eventCounts[i] = toJson(row.eventCounts() == null ? Map.of() : new TreeMap<>(row.eventCounts()));
            seatCounts[i] = row.seats() != null ? row.seats() : seats.seatsOn(ids[i], row.day());
        });
        int stored = jdbc.sql("""
                        INSERT INTO usage_daily (account_id, day, active_users, active_users_7d, active_users_28d,
                                                 events, event_counts, seats, source)
                        SELECT account_id, DATE '1970-01-01' + day, active_users, active_7d, active_28d, events,
                               CAST(event_counts AS jsonb), seats, 'import'
                          FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS int[]),
                                      CAST(:active AS int[]), CAST(:active7d AS int[]), CAST(:active28d AS int[]),
                                      CAST(:events AS bigint[]), CAST(:eventCounts AS text[]),
                                      CAST(:seats AS int[]))
                               AS d (account_id, day, active_users, active_7d, active_28d, events, event_counts,
                                     seats)
                         ORDER BY account_id, day
                        ON CONFLICT (account_id, day) DO UPDATE
                           SET active_users = EXCLUDED.active_users,
                               active_users_7d = EXCLUDED.active_users_7d,
                               active_users_28d = EXCLUDED.active_users_28d,
                               events = EXCLUDED.events,
                               event_counts = EXCLUDED.event_counts,
                               seats = EXCLUDED.seats,
                               source = 'import',
                               updated_at = now()
                        """)
                .param("accountIds", ids)
                .param("days", days)
                .param("active", active)
                .param("active7d", active7d)
                .param("active28d", active28d)
                .param("events", events)
                .param("eventCounts", eventCounts)
                .param("seats", seatCounts)
                .update();
        months.recount(IntStream.range(0, n).mapToObj(i -> monthOf(ids[i], days[i])).collect(Collectors.toSet()));
        return stored;
    }

    /**
     * Stores much generated or migrated history at once (the demo company's three years): the same rows as
     * {@link #importAll}, for days not stored yet, streamed with {@code COPY} in the caller's transaction, which
     * is several times faster than the statement {@code importAll} runs. A day already stored fails the load.
     */
    @Transactional
    public int importHistory(List<DailyUsageRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        waitForTheRollup();
        Map<String, Long> accountIds = accounts.ensureUnmapped(
                rows.stream().map(DailyUsageRow::accountExternalId).toList());
        SeatBook seats = null;
        StringBuilder copy = new StringBuilder(rows.size() * 160);
        for (DailyUsageRow row : rows) {
            long accountId = accountIds.get(row.accountExternalId());
            Integer seatCount = row.seats();
            if (seatCount == null) {
                if (seats == null) {
                    seats = new SeatBook(subscriptions.seatPeriods(accountIds.values()));
                }
                seatCount = seats.seatsOn(accountId, row.day());
            }
            String counts = toJson(row.eventCounts() == null ? Map.of() : new TreeMap<>(row.eventCounts()));
            copy.append(accountId).append('\t').append(row.day()).append('\t').append(row.activeUsers())
                    .append('\t').append(orNull(row.activeUsers7d())).append('\t').append(orNull(row.activeUsers28d()))
                    .append('\t').append(row.events()).append('\t').append(counts.replace("\\", "\\\\"))
                    .append('\t').append(orNull(seatCount)).append("\timport\n");
        }
        Set<UsageMonths.AccountDay> touched = new HashSet<>();
        for (DailyUsageRow row : rows) {
            touched.add(monthOf(accountIds.get(row.accountExternalId()), row.day()));
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            int stored = (int) connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY usage_daily (account_id, day, active_users, active_users_7d, active_users_28d, events,
                                      event_counts, seats, source)
                    FROM STDIN
                    """, new StringReader(copy.toString()));
            months.recount(touched);
            return stored;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not load " + rows.size() + " days of usage", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static String orNull(Integer value) {
        return value == null ? "\\N" : value.toString();
    }

    /** The days of one account between two dates, oldest first; days without usage have no row. */
    public List<UsageDay> forAccount(long accountId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT account_id, day, active_users, active_users_7d AS active_users7d,
                               active_users_28d AS active_users28d, events, seats, utilization, source
                          FROM usage_daily
                         WHERE account_id = :accountId
                           AND day BETWEEN :from AND :to
                         ORDER BY day
                        """)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .query(UsageDay.class)
                .list();
    }

    /** A question a completion check asks: has this account used this event on or after this day. */
    public record EventSince(long accountId, String event, LocalDate since) {
    }

    /**
     * The first day on or after each question's {@code since} that its account used its event, for many
     * questions in one statement (playbook completion checks); questions never answered are absent.
     */
    public Map<EventSince, LocalDate> firstSeen(List<EventSince> questions) {
        if (questions.isEmpty()) {
            return Map.of();
        }
        Map<EventSince, LocalDate> seen = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT q.account_id, q.event, q.since, min(d.day) AS first_day
                          FROM unnest(:accountIds, :events, CAST(:since AS date[])) AS q (account_id, event, since)
                          JOIN usage_daily d ON d.account_id = q.account_id
                                            AND d.day >= q.since
                                            AND jsonb_exists(d.event_counts, q.event)
                         GROUP BY q.account_id, q.event, q.since
                        """)
                .param("accountIds", questions.stream().map(EventSince::accountId).toArray(Long[]::new))
                .param("events", questions.stream().map(EventSince::event).toArray(String[]::new))
                .param("since", questions.stream().map(q -> q.since().toString()).toArray(String[]::new))
                .query((rs, n) -> seen.put(new EventSince(rs.getLong("account_id"), rs.getString("event"),
                        rs.getObject("since", LocalDate.class)), rs.getObject("first_day", LocalDate.class)))
                .list();
        return seen;
    }

    /** The event names an account used most between two dates, with their counts, most used first. */
    public List<FeatureUse> topFeatures(long accountId, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                        SELECT c.key AS event, sum(CAST(c.value AS bigint)) AS times
                          FROM usage_daily d,
                               jsonb_each_text(d.event_counts) AS c
                         WHERE d.account_id = :accountId
                           AND d.day BETWEEN :from AND :to
                         GROUP BY c.key
                         ORDER BY times DESC, c.key
                         LIMIT :limit
                        """)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .param("limit", limit)
                .query(FeatureUse.class)
                .list();
    }

    /** Daily counts of the given event names for one account, for a chart of features over time. */
    public List<FeatureDay> featuresByDay(long accountId, LocalDate from, LocalDate to, List<String> events) {
        return jdbc.sql("""
                        SELECT d.day, c.key AS event, CAST(c.value AS bigint) AS times
                          FROM usage_daily d,
                               jsonb_each_text(d.event_counts) AS c
                         WHERE d.account_id = :accountId
                           AND d.day BETWEEN :from AND :to
                           AND c.key = ANY(:events)
                         ORDER BY d.day, c.key
                        """)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .param("events", events.toArray(String[]::new))
                .query(FeatureDay.class)
                .list();
    }

    private String toJson(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event counts are plain names and numbers", e);
        }
    }
}
