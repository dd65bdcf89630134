package org.bansou.effort;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code effort_entry} and {@code effort_week}: the minutes logged, and one version per person and
 * week that every write to the week moves.
 */
@Component
public class EffortEntries {

    private final JdbcClient jdbc;

    EffortEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** Appends the entries in one statement and moves the version of every week they fall in. */
    @Transactional
    public int appendAll(List<NewEntry> entries, String source, String createdBy) {
        if (entries.isEmpty()) {
            return 0;
        }
        int inserted = jdbc.sql("""
                        INSERT INTO effort_entry (account_id, user_id, day, minutes, task_kind, lifecycle_stage,
                                                  source, created_by)
                        SELECT e.account_id, e.user_id, e.day, e.minutes, e.task_kind, e.lifecycle_stage,
                               :source, :createdBy
                          FROM unnest(CAST(:accounts AS bigint[]), CAST(:users AS bigint[]), CAST(:days AS date[]),
                                      CAST(:minutes AS integer[]), CAST(:kinds AS text[]), CAST(:stages AS text[]))
                               AS e(account_id, user_id, day, minutes, task_kind, lifecycle_stage)
                        """)
                .param("accounts", entries.stream().map(NewEntry::accountId).toArray(Long[]::new))
                .param("users", entries.stream().map(NewEntry::userId).toArray(Long[]::new))
                .param("days", entries.stream().map(e -> java.sql.Date.valueOf(e.day())).toArray(java.sql.Date[]::new))
                .param("minutes", entries.stream().map(NewEntry::minutes).toArray(Integer[]::new))
                .param("kinds", entries.stream().map(NewEntry::taskKind).toArray(String[]::new))
                .param("stages", entries.stream().map(NewEntry::lifecycleStage).toArray(String[]::new))
                .param("source", source)
                .param("createdBy", createdBy)
                .update();
        jdbc.sql("""
                        INSERT INTO effort_week (user_id, week_start, version)
                        SELECT DISTINCT e.user_id, CAST(date_trunc('week', CAST(e.day AS timestamp)) AS date), 1
                          FROM unnest(CAST(:users AS bigint[]), CAST(:days AS date[])) AS e(user_id, day)
                        ON CONFLICT (user_id, week_start) DO UPDATE
                           SET version = effort_week.version + 1
                        """)
                .param("users", entries.stream().map(NewEntry::userId).toArray(Long[]::new))
                .param("days", entries.stream().map(e -> java.sql.Date.valueOf(e.day())).toArray(java.sql.Date[]::new))
                .update();
        return inserted;
    }

    public List<EffortEntry> recentForAccount(long accountId, int limit) {
        return jdbc.sql("""
                        SELECT id, account_id, user_id, day, minutes, task_kind, lifecycle_stage, source,
                               created_by, created_at
                          FROM effort_entry
                         WHERE account_id = :accountId
                         ORDER BY day DESC, id DESC
                         LIMIT :limit
                        """)
                .param("accountId", accountId)
                .param("limit", limit)
                .query(EffortEntry.class)
                .list();
    }

    /** Entries of a period, optionally of one person or account, newest first; one page of them. */
    public List<EffortEntry> between(LocalDate from, LocalDate to, Long userId, Long accountId, int limit, long offset) {
        return jdbc.sql("""
                        SELECT id, account_id, user_id, day, minutes, task_kind, lifecycle_stage, source,
                               created_by, created_at
                          FROM effort_entry
                         WHERE day BETWEEN :from AND :to
                           AND user_id = COALESCE(:userId, user_id)
                           AND account_id = COALESCE(:accountId, account_id)
                         ORDER BY day DESC, id DESC
                         LIMIT :limit
                        OFFSET :offset
                        """)
                .param("from", from)
                .param("to", to)
                .param("userId", userId)
                .param("accountId", accountId)
                .param("limit", limit)
                .param("offset", offset)
                .query(EffortEntry.class)
                .list();
    }

    /** An account's minutes per lifecycle stage, all time, in stage order. */
    public Map<String, Long> minutesByStage(long accountId) {
        Map<String, Long> minutes = new LinkedHashMap<>();
        for (String stage : EffortReports.STAGES) {
            minutes.put(stage, 0L);
        }
        jdbc.sql("""
                        SELECT lifecycle_stage, SUM(minutes)
                          FROM effort_entry
                         WHERE account_id = :accountId
                         GROUP BY lifecycle_stage
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> minutes.put(rs.getString(1), rs.getLong(2)))
                .list();
        return minutes;
    }

    public int weekVersion(long userId, LocalDate weekStart) {
        return jdbc.sql("SELECT version FROM effort_week WHERE user_id = :userId AND week_start = :weekStart")
                .param("userId", userId)
                .param("weekStart", weekStart)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** A person's week, cell by cell: minutes per account, task kind and day (several entries of a cell add up). */
    public List<CellMinutes> weekCells(long userId, LocalDate weekStart) {
        return jdbc.sql("""
                        SELECT account_id, task_kind, day, SUM(minutes) AS minutes, MAX(lifecycle_stage) AS stage
                          FROM effort_entry
                         WHERE user_id = :userId
                           AND day BETWEEN :weekStart AND :weekEnd
                         GROUP BY account_id, task_kind, day
                         ORDER BY account_id, task_kind, day
                        """)
                .param("userId", userId)
                .param("weekStart", weekStart)
                .param("weekEnd", weekStart.plusDays(6))
                .query(CellMinutes.class)
                .list();
    }

    /** The minutes of one timesheet cell as stored, with the stage its entries were logged in. */
    public record CellMinutes(long accountId, String taskKind, LocalDate day, int minutes, String stage) {
    }

    /**
     * Replaces the given cells of a person's week, based on week version {@code expectedVersion}: each cell's
     * entries become one entry of the cell's minutes (none when 0). Refused whole when the week moved since.
     */
    @Transactional
    public int replaceCells(long userId, LocalDate weekStart, int expectedVersion, List<Timesheet.Cell> cells,
                            Map<Long, String> stageOfAccount, String createdBy) {
        Optional<Integer> moved = jdbc.sql("""
                        UPDATE effort_week
                           SET version = version + 1
                         WHERE user_id = :userId
                           AND week_start = :weekStart
                           AND version = :version
                        RETURNING version
                        """)
                .param("userId", userId)
                .param("weekStart", weekStart)
                .param("version", expectedVersion)
                .query(Integer.class)
                .optional();
        if (moved.isEmpty() && expectedVersion == 0) {
            moved = jdbc.sql("""
                            INSERT INTO effort_week (user_id, week_start, version)
                            VALUES (:userId, :weekStart, 1)
                            ON CONFLICT (user_id, week_start) DO NOTHING
                            RETURNING version
                            """)
                    .param("userId", userId)
                    .param("weekStart", weekStart)
                    .query(Integer.class)
                    .optional();
        }
        if (moved.isEmpty()) {
            throw new StaleVersionException("effort_week", userId + "/" + weekStart, expectedVersion,
                    weekVersion(userId, weekStart));
        }
        Map<String, String> storedStage = new LinkedHashMap<>();
        for (CellMinutes cell : weekCells(userId, weekStart)) {
            storedStage.put(cell.accountId() + "|" + cell.taskKind() + "|" + cell.day(), cell.stage());
        }
        List<NewEntry> replacements = new ArrayList<>();
        for (Timesheet.Cell cell : cells) {
            if (cell.minutes() > 0) {
                String stage = storedStage.getOrDefault(cell.accountId() + "|" + cell.taskKind() + "|" + cell.day(),
                        stageOfAccount.get(cell.accountId()));
                replacements.add(new NewEntry(cell.accountId(), userId, cell.day(), cell.minutes(), cell.taskKind(), stage));
            }
        }
        jdbc.sql("""
                        DELETE FROM effort_entry e
                         USING unnest(CAST(:accounts AS bigint[]), CAST(:kinds AS text[]), CAST(:days AS date[]))
                               AS c(account_id, task_kind, day)
                         WHERE e.user_id = :userId
                           AND e.account_id = c.account_id
                           AND e.task_kind = c.task_kind
                           AND e.day = c.day
                        """)
                .param("userId", userId)
                .param("accounts", cells.stream().map(Timesheet.Cell::accountId).toArray(Long[]::new))
                .param("kinds", cells.stream().map(Timesheet.Cell::taskKind).toArray(String[]::new))
                .param("days", cells.stream().map(c -> java.sql.Date.valueOf(c.day())).toArray(java.sql.Date[]::new))
                .update();
        if (!replacements.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO effort_entry (account_id, user_id, day, minutes, task_kind, lifecycle_stage,
                                                      source, created_by)
                            SELECT e.account_id, :userId, e.day, e.minutes, e.task_kind, e.lifecycle_stage,
                                   'timesheet', :createdBy
                              FROM unnest(CAST(:accounts AS bigint[]), CAST(:days AS date[]),
                                          CAST(:minutes AS integer[]), CAST(:kinds AS text[]), CAST(:stages AS text[]))
                                   AS e(account_id, day, minutes, task_kind, lifecycle_stage)
                            """)
                    .param("userId", userId)
                    .param("createdBy", createdBy)
                    .param("accounts", replacements.stream().map(NewEntry::accountId).toArray(Long[]::new))
                    .param("days", replacements.stream().map(e -> java.sql.Date.valueOf(e.day())).toArray(java.sql.Date[]::new))
                    .param("minutes", replacements.stream().map(NewEntry::minutes).toArray(Integer[]::new))
                    .param("kinds", replacements.stream().map(NewEntry::taskKind).toArray(String[]::new))
                    .param("stages", replacements.stream().map(NewEntry::lifecycleStage).toArray(String[]::new))
                    .update();
        }
        return moved.get();
    }

    /**
     * Per account, the minutes and the cost of days {@code from}..{@code to}: each person's minutes at that
     * person's hourly cost ({@code rates}, minor units per hour), rounded once per account.
     */
    public List<AccountCost> costByAccount(LocalDate from, LocalDate to, Map<Long, Long> rates) {
        return jdbc.sql("""
                        SELECT e.account_id,
                               SUM(e.minutes) AS minutes,
                               ROUND(SUM(e.minutes * COALESCE(r.rate, 0)) / 60.0) AS cost
                          FROM effort_entry e
                          LEFT JOIN unnest(CAST(:users AS bigint[]), CAST(:rates AS bigint[])) AS r(user_id, rate)
                                 ON r.user_id = e.user_id
                         WHERE e.day BETWEEN :from AND :to
                         GROUP BY e.account_id
                        """)
                .param("users", rates.keySet().toArray(Long[]::new))
                .param("rates", rates.keySet().stream().map(rates::get).toArray(Long[]::new))
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new AccountCost(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /**
     * One account's onboarding and training effort per month: entries logged in the onboarding stage or of the
     * onboarding-session and training kinds, at each person's hourly cost ({@code rates}), rounded per month.
     */
    List<EffortCosts.MonthEffort> onboardingAndTrainingByMonth(long accountId, Map<Long, Long> rates) {
        return jdbc.sql("""
                        SELECT CAST(date_trunc('month', CAST(e.day AS timestamp)) AS date) AS month,
                               SUM(e.minutes) AS minutes,
                               ROUND(SUM(e.minutes * COALESCE(r.rate, 0)) / 60.0) AS cost
                          FROM effort_entry e
                          LEFT JOIN unnest(CAST(:users AS bigint[]), CAST(:rates AS bigint[])) AS r(user_id, rate)
                                 ON r.user_id = e.user_id
                         WHERE e.account_id = :accountId
                           AND (e.lifecycle_stage = 'onboarding' OR e.task_kind IN ('onboarding_session', 'training'))
                         GROUP BY 1
                         ORDER BY 1
                        """)
                .param("users", rates.keySet().toArray(Long[]::new))
                .param("rates", rates.keySet().stream().map(rates::get).toArray(Long[]::new))
                .param("accountId", accountId)
                .query((rs, n) -> new EffortCosts.MonthEffort(java.time.YearMonth.from(rs.getDate(1).toLocalDate()),
                        rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /** One account's logged minutes and their cost in a period (minor units of the reporting currency). */
    public record AccountCost(long accountId, long minutes, long cost) {
    }

    /** Per account, minutes of the period in each lifecycle stage. */
    public List<StageMinutes> minutesByAccountAndStage(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT account_id,
                               SUM(minutes) FILTER (WHERE lifecycle_stage = 'onboarding') AS onboarding,
                               SUM(minutes) FILTER (WHERE lifecycle_stage = 'adoption') AS adoption,
                               SUM(minutes) FILTER (WHERE lifecycle_stage = 'retention') AS retention,
                               SUM(minutes) FILTER (WHERE lifecycle_stage = 'renewal') AS renewal
                          FROM effort_entry
                         WHERE day BETWEEN :from AND :to
                         GROUP BY account_id
                        """)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new StageMinutes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    /** One account's minutes of a period by lifecycle stage. */
    public record StageMinutes(long accountId, long onboarding, long adoption, long retention, long renewal) {

        public long total() {
            return onboarding + adoption + retention + renewal;
        }
    }

    /** Per person and task kind: entries, minutes, and the median minutes of one entry (one session, one call). */
    public List<KindMinutes> byUserAndKind(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT user_id, task_kind,
                               COUNT(*) AS entries,
                               SUM(minutes) AS minutes,
                               COUNT(DISTINCT account_id) AS accounts,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median_minutes
                          FROM effort_entry
                         WHERE day BETWEEN :from AND :to
                         GROUP BY user_id, task_kind
                         ORDER BY user_id, task_kind
                        """)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new KindMinutes(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getDouble(6)))
                .list();
    }

    /** One person's work of one kind in a period. */
    public record KindMinutes(long userId, String taskKind, long entries, long minutes, long accounts,
                              double medianMinutes) {
    }

    /** Minutes each person logged in the period. */
    public Map<Long, Long> minutesByUser(LocalDate from, LocalDate to) {
        Map<Long, Long> minutes = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT user_id, SUM(minutes)
                          FROM effort_entry
                         WHERE day BETWEEN :from AND :to
                         GROUP BY user_id
                        """)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> minutes.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return minutes;
    }

    public boolean anyBetween(LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM effort_entry WHERE day BETWEEN :from AND :to)")
                .param("from", from)
                .param("to", to)
                .query(Boolean.class)
                .single();
    }
}
