package org.bansou.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bansou.account.Accounts;
import org.bansou.subscription.SeatPeriod;
import org.bansou.subscription.Subscriptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code usage_daily} and {@code usage_daily_user}: each account's usage per day in the workspace
 * time zone. Kept up to date as events arrive ({@link #recordAll}), rebuilt from the events on demand
 * ({@link #rebuild}) with the same result, and filled from daily aggregates where a company has no events
 * ({@link #importAll}).
 * <p>
 * Rollup work for an account is done under a transaction lock on the account's bucket, so two batches for
 * the same account never count its distinct users from two half views.
 */
@Component
public class UsageDaily {

    static final List<String> ACTIVITY_TYPES = List.of("track", "page", "screen");
    private static final int ROLLUP_LOCK = 0x75736764; // "usgd"
    private static final int BUCKETS = 128;

    private record AccountDay(long accountId, LocalDate day) implements Comparable<AccountDay> {
        @Override
        public int compareTo(AccountDay other) {
            int byAccount = Long.compare(accountId, other.accountId);
            return byAccount != 0 ? byAccount : day.compareTo(other.day);
        }
    }

    private static final class DayTotal {
        long events;
        final Map<String, Long> eventCounts = new TreeMap<>();
    }

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final Accounts accounts;
    private final ObjectMapper json;
    private final ZoneId zone;

    UsageDaily(JdbcClient jdbc, Subscriptions subscriptions, Accounts accounts, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.json = json;
        this.zone = clock.getZone();
    }

    /**
     * Adds newly stored events to their accounts' days: events, events by name, new active users, seats and
     * the 7/28-day active users of every day whose window gained a user. Pass each event once (the ids
     * {@link UsageEvents#appendAll} returned); events without an account or that are not activity are skipped.
     */
    @Transactional
    public void recordAll(Collection<UsageEvent> events) {
        Map<AccountDay, DayTotal> totals = new TreeMap<>();
        Map<AccountDay, Set<String>> users = new TreeMap<>();
        for (UsageEvent event : events) {
            if (event.accountId() == null || !event.isActivity()) {
                continue;
            }
            AccountDay key = new AccountDay(event.accountId(), LocalDate.ofInstant(event.ts(), zone));
            DayTotal total = totals.computeIfAbsent(key, k -> new DayTotal());
            total.events++;
            if (event.type().equals("track")) {
                total.eventCounts.merge(event.event(), 1L, Long::sum);
            }
            users.computeIfAbsent(key, k -> new TreeSet<>()).add(event.userId());
        }
        if (totals.isEmpty()) {
            return;
        }
        Set<Long> accountIds = new TreeSet<>();
        totals.keySet().forEach(key -> accountIds.add(key.accountId()));
        lockBuckets(accountIds);
        Map<AccountDay, Integer> newUsers = insertActiveUsers(users);
        SeatBook seats = new SeatBook(subscriptions.seatPeriods(accountIds));

        List<AccountDay> keys = new ArrayList<>(totals.keySet());
        int n = keys.size();
        jdbc.sql("""
                        INSERT INTO usage_daily (account_id, day, active_users, events, event_counts, seats)
                        SELECT account_id, DATE '1970-01-01' + day, active_users, events,
                               CAST(event_counts AS jsonb), seats
                          FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS int[]),
                                      CAST(:activeUsers AS int[]), CAST(:events AS bigint[]),
                                      CAST(:eventCounts AS text[]), CAST(:seats AS int[]))
                               AS d (account_id, day, active_users, events, event_counts, seats)
                        ON CONFLICT (account_id, day) DO UPDATE
                           SET active_users = usage_daily.active_users + EXCLUDED.active_users,
                               events = usage_daily.events + EXCLUDED.events,
                               event_counts = usage_add_counts(usage_daily.event_counts, EXCLUDED.event_counts),
                               seats = EXCLUDED.seats,
                               updated_at = now()
                         WHERE usage_daily.source = 'events'
                        """)
                .param("accountIds", keys.stream().map(AccountDay::accountId).toArray(Long[]::new))
                .param("days", keys.stream().map(key -> (int) key.day().toEpochDay()).toArray(Integer[]::new))
                .param("activeUsers", keys.stream().map(key -> newUsers.getOrDefault(key, 0)).toArray(Integer[]::new))
                .param("events", keys.stream().map(key -> totals.get(key).events).toArray(Long[]::new))
                .param("eventCounts", keys.stream().map(key -> toJson(totals.get(key).eventCounts)).toArray(String[]::new))
                .param("seats", keys.stream().map(key -> seats.seatsOn(key.accountId(), key.day())).toArray(Integer[]::new))
                .update();
        if (!newUsers.isEmpty()) {
            List<AccountDay> gained = new ArrayList<>(newUsers.keySet());
            updateActiveWindows(gained.stream().map(AccountDay::accountId).toArray(Long[]::new),
                    gained.stream().map(key -> (int) key.day().toEpochDay()).toArray(Integer[]::new));
        }
    }

    /** Inserts who was active on which day; returns, per account and day, how many were not known yet. */
    private Map<AccountDay, Integer> insertActiveUsers(Map<AccountDay, Set<String>> users) {
        List<Long> accountIds = new ArrayList<>();
        List<Integer> days = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        users.forEach((key, ids) -> ids.forEach(userId -> {
            accountIds.add(key.accountId());
            days.add((int) key.day().toEpochDay());
            userIds.add(userId);
        }));
        Map<AccountDay, Integer> fresh = new HashMap<>();
        jdbc.sql("""
                        INSERT INTO usage_daily_user (account_id, day, user_id)
                        SELECT account_id, DATE '1970-01-01' + day, user_id
                          FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS int[]), CAST(:userIds AS text[]))
                               AS u (account_id, day, user_id)
                        ON CONFLICT DO NOTHING
                        RETURNING account_id, day
                        """)
                .param("accountIds", accountIds.toArray(Long[]::new))
                .param("days", days.toArray(Integer[]::new))
                .param("userIds", userIds.toArray(String[]::new))
                .query((rs, row) -> new AccountDay(rs.getLong(1), rs.getObject(2, LocalDate.class)))
                .list()
                .forEach(key -> fresh.merge(key, 1, Integer::sum));
        return fresh;
    }

    /**
     * A user new on day d changes the 7- and 28-day active users of days d to d+27: recount those rows of
     * these accounts from the daily users (all rows when the arrays are null).
     */
    private void updateActiveWindows(Long[] accountIds, Integer[] days) {
        jdbc.sql("""
                        WITH changed AS (
                            SELECT account_id, min(day) AS first_day, max(day) AS last_day
                              FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS int[])) AS c (account_id, day)
                             GROUP BY account_id
                        ), windows AS (
                            SELECT d.account_id, d.day,
                                   count(DISTINCT u.user_id) FILTER (WHERE u.day > d.day - 7) AS active_7d,
                                   count(DISTINCT u.user_id) AS active_28d
                              FROM usage_daily d
                              JOIN usage_daily_user u
                                ON u.account_id = d.account_id
                               AND u.day BETWEEN d.day - 27 AND d.day
                             WHERE d.source = 'events'
                               AND (CAST(:accountIds AS bigint[]) IS NULL
                                    OR EXISTS (SELECT 1
                                                 FROM changed c
                                                WHERE c.account_id = d.account_id
                                                  AND d.day BETWEEN DATE '1970-01-01' + c.first_day
                                                                AND DATE '1970-01-01' + c.last_day + 27))
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
                .param("days", days)
                .update();
    }

    /**
     * Recounts every day from the stored events, as if each event had arrived once just now: the answer to
     * "the rollups look wrong" and the way to take in seat changes for past days. Imported days stay.
     */
    @Transactional
    public void rebuild() {
        jdbc.sql("SELECT true FROM generate_series(0, :last) AS b, pg_advisory_xact_lock(:lock, b)")
                .param("last", BUCKETS - 1)
                .param("lock", ROLLUP_LOCK)
                .query(Boolean.class)
                .list();
        jdbc.sql("DELETE FROM usage_daily_user").update();
        jdbc.sql("""
                        INSERT INTO usage_daily_user (account_id, day, user_id)
                        SELECT DISTINCT account_id, CAST(ts AT TIME ZONE :zone AS date), user_id
                          FROM usage_event
                         WHERE account_id IS NOT NULL
                           AND type = ANY(:activityTypes)
                        """)
                .param("zone", zone.getId())
                .param("activityTypes", ACTIVITY_TYPES.toArray(String[]::new))
                .update();
        jdbc.sql("DELETE FROM usage_daily WHERE source = 'events'").update();
        List<Long> accountIds = jdbc.sql("SELECT DISTINCT account_id FROM usage_daily_user")
                .query(Long.class)
                .list();
        List<SeatPeriod> periods = subscriptions.seatPeriods(accountIds);
        jdbc.sql("""
                        WITH activity AS (
                            SELECT account_id, CAST(ts AT TIME ZONE :zone AS date) AS day, user_id, type, event
                              FROM usage_event
                             WHERE account_id IS NOT NULL
                               AND type = ANY(:activityTypes)
                        ), totals AS (
                            SELECT account_id, day, count(DISTINCT user_id) AS active_users, count(*) AS events
                              FROM activity
                             GROUP BY account_id, day
                        ), named AS (
                            SELECT account_id, day, jsonb_object_agg(event, times) AS event_counts
                              FROM (SELECT account_id, day, event, count(*) AS times
                                      FROM activity
                                     WHERE type = 'track'
                                     GROUP BY account_id, day, event) per_name
                             GROUP BY account_id, day
                        ), seat_period AS (
                            SELECT account_id, DATE '1970-01-01' + valid_from AS valid_from,
                                   DATE '1970-01-01' + valid_until AS valid_until, seats
                              FROM unnest(CAST(:periodAccountIds AS bigint[]), CAST(:periodFrom AS int[]),
                                          CAST(:periodUntil AS int[]), CAST(:periodSeats AS int[]))
                                   AS p (account_id, valid_from, valid_until, seats)
                        ), seated AS (
                            SELECT t.account_id, t.day, sum(p.seats) AS seats
                              FROM totals t
                              JOIN seat_period p
                                ON p.account_id = t.account_id
                               AND t.day >= p.valid_from
                               AND (p.valid_until IS NULL OR t.day < p.valid_until)
                             GROUP BY t.account_id, t.day
                        )
                        INSERT INTO usage_daily (account_id, day, active_users, events, event_counts, seats)
                        SELECT t.account_id, t.day, t.active_users, t.events, COALESCE(n.event_counts, '{}'),
                               s.seats
                          FROM totals t
                          LEFT JOIN named n USING (account_id, day)
                          LEFT JOIN seated s USING (account_id, day)
                         WHERE NOT EXISTS (SELECT 1
                                             FROM usage_daily imported
                                            WHERE imported.account_id = t.account_id
                                              AND imported.day = t.day)
                        """)
                .param("zone", zone.getId())
                .param("activityTypes", ACTIVITY_TYPES.toArray(String[]::new))
                .param("periodAccountIds", periods.stream().map(SeatPeriod::accountId).toArray(Long[]::new))
                .param("periodFrom", periods.stream().map(p -> (int) p.validFrom().toEpochDay()).toArray(Integer[]::new))
                .param("periodUntil", periods.stream()
                        .map(p -> p.validUntil() == null ? null : (int) p.validUntil().toEpochDay())
                        .toArray(Integer[]::new))
                .param("periodSeats", periods.stream().map(SeatPeriod::seats).toArray(Integer[]::new))
                .update();
        updateActiveWindows(null, null);
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
        Map<String, Long> accountIds = accounts.ensureUnmapped(rows.stream().map(DailyUsageRow::accountExternalId).toList());
        lockBuckets(new TreeSet<>(accountIds.values()));
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
        return jdbc.sql("""
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

    // Buckets are locked in ascending order, so two batches over the same accounts never wait on each other
    // in a circle; a fixed number of buckets keeps the lock table small whatever the number of accounts.
    private void lockBuckets(Set<Long> accountIds) {
        Integer[] buckets = accountIds.stream()
                .map(id -> (int) Math.floorMod(id, (long) BUCKETS))
                .distinct()
                .sorted()
                .toArray(Integer[]::new);
        jdbc.sql("SELECT true FROM unnest(CAST(:buckets AS int[])) AS b, pg_advisory_xact_lock(:lock, b)")
                .param("buckets", buckets)
                .param("lock", ROLLUP_LOCK)
                .query(Boolean.class)
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
