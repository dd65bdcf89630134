package org.bansou.renewal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bansou.database.StaleVersionException;
import org.bansou.web.ApiProblem.FieldProblem;
import org.bansou.web.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns {@code winning_path_criterion} and {@code winning_path_confirmation}: the criteria an admin defines,
 * the confirmations CSMs give, and the check of every criterion for many accounts at once. Usage criteria
 * read {@code usage_daily} read-only (documented in package-info).
 */
@Component
public class WinningPath {

    private final JdbcClient jdbc;

    WinningPath(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Criterion> criteria() {
        return jdbc.sql("""
                        SELECT id, code, label, kind, min_utilization, weeks, event, active, version
                          FROM winning_path_criterion
                         ORDER BY id
                        """)
                .query(Criterion.class)
                .list();
    }

    public List<Criterion> activeCriteria() {
        return criteria().stream().filter(Criterion::active).toList();
    }

    /** A new criterion; the kind decides which of threshold, weeks and event it needs. */
    public Criterion define(String code, String label, String kind, BigDecimal minUtilization, Integer weeks,
                            String event) {
        List<FieldProblem> problems = new ArrayList<>();
        if (code == null || !code.matches("[a-z0-9_]+")) {
            problems.add(new FieldProblem("code", "must be lower-case letters, digits and _"));
        }
        if (label == null || label.isBlank()) {
            problems.add(new FieldProblem("label", "is required"));
        }
        if (!List.of("utilization", "event", "confirmed").contains(kind)) {
            problems.add(new FieldProblem("kind", "must be utilization, event or confirmed"));
        }
        if ("utilization".equals(kind) && (minUtilization == null || minUtilization.signum() <= 0
                || minUtilization.compareTo(BigDecimal.ONE) > 0)) {
            problems.add(new FieldProblem("minUtilization", "must be above 0 and at most 1 (0.6 = 60 %)"));
        }
        if ("utilization".equals(kind) && (weeks == null || weeks < 1 || weeks > 104)) {
            problems.add(new FieldProblem("weeks", "must be 1 to 104"));
        }
        if ("event".equals(kind) && (event == null || event.isBlank())) {
            problems.add(new FieldProblem("event", "is required for an event criterion"));
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        return jdbc.sql("""
                        INSERT INTO winning_path_criterion (code, label, kind, min_utilization, weeks, event)
                        VALUES (:code, :label, :kind, :min, :weeks, :event)
                        RETURNING id, code, label, kind, min_utilization, weeks, event, active, version
                        """)
                .param("code", code)
                .param("label", label.strip())
                .param("kind", kind)
                .param("min", "utilization".equals(kind) ? minUtilization : null)
                .param("weeks", "utilization".equals(kind) ? weeks : null)
                .param("event", "event".equals(kind) ? event.strip() : null)
                .query(Criterion.class)
                .single();
    }

    /** Retires or restores a criterion; its past checks stay in every churn record's snapshot. */
    public void setActive(long id, int expectedVersion, boolean active) {
        int updated = jdbc.sql("""
                        UPDATE winning_path_criterion
                           SET active = :active, version = version + 1
                         WHERE id = :id AND version = :version
                        """)
                .param("active", active)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("winning path criterion", id, expectedVersion);
        }
    }

    /** A CSM confirms a criterion that data cannot show, for one account, as of a day. */
    public void confirm(long accountId, long criterionId, LocalDate on, String by, String note) {
        Criterion criterion = criteria().stream().filter(c -> c.id() == criterionId).findFirst()
                .orElseThrow(() -> new InvalidFieldException("criterionId", "no criterion " + criterionId));
        if (!"confirmed".equals(criterion.kind())) {
            throw new InvalidFieldException("criterionId", "'" + criterion.code()
                    + "' is checked from data, not confirmed by a CSM");
        }
        jdbc.sql("""
                        INSERT INTO winning_path_confirmation (account_id, criterion_id, confirmed_on, confirmed_by, note)
                        VALUES (:account, :criterion, :on, :by, :note)
                        ON CONFLICT (account_id, criterion_id) DO NOTHING
                        """)
                .param("account", accountId)
                .param("criterion", criterionId)
                .param("on", on)
                .param("by", by)
                .param("note", note)
                .update();
    }

    /** Confirmations of many accounts in one batched statement (history loads). */
    public void confirmAll(List<Long> accountIds, long criterionId, List<LocalDate> days, String by) {
        jdbc.sql("""
                        INSERT INTO winning_path_confirmation (account_id, criterion_id, confirmed_on, confirmed_by)
                        SELECT account_id, :criterion, day, :by
                          FROM unnest(CAST(:accounts AS bigint[]), CAST(:days AS date[])) AS g (account_id, day)
                        ON CONFLICT (account_id, criterion_id) DO NOTHING
                        """)
                .param("criterion", criterionId)
                .param("by", by)
                .param("accounts", accountIds.toArray(Long[]::new))
                .param("days", days.stream().map(LocalDate::toString).toArray(String[]::new))
                .update();
    }

    /** The result of a check for one account: every active criterion, and whether all were met. */
    public record PathCheck(long accountId, LocalDate asOf, boolean reached, List<CriterionCheck> criteria) {
    }

    /**
     * Checks every active criterion for each account by its own day: one set-based statement per criterion
     * over all accounts. The path is reached when every active criterion was met before that day; with no
     * criteria defined it is never reached, so churn falls to the CS gap until an admin defines the path.
     */
    public Map<Long, PathCheck> check(Map<Long, LocalDate> dayByAccount) {
        Map<Long, List<CriterionCheck>> checks = new HashMap<>();
        dayByAccount.keySet().forEach(id -> checks.put(id, new ArrayList<>()));
        if (dayByAccount.isEmpty()) {
            return Map.of();
        }
        Long[] ids = dayByAccount.keySet().toArray(Long[]::new);
        String[] days = Arrays.stream(ids).map(id -> dayByAccount.get(id).toString()).toArray(String[]::new);
        List<Criterion> active = activeCriteria();
        for (Criterion criterion : active) {
            Map<Long, String> basis = switch (criterion.kind()) {
                case "utilization" -> utilizationRuns(ids, days, criterion);
                case "event" -> eventSeen(ids, days, criterion.event());
                default -> confirmed(ids, days, criterion.id());
            };
            for (Long id : ids) {
                String shown = basis.get(id);
                checks.get(id).add(new CriterionCheck(criterion.id(), criterion.code(), criterion.label(),
                        criterion.kind(), shown != null && !shown.startsWith("-"),
                        shown == null ? notShown(criterion.kind()) : shown.startsWith("-") ? shown.substring(1) : shown));
            }
        }
        Map<Long, PathCheck> result = new HashMap<>();
        for (Long id : ids) {
            List<CriterionCheck> list = checks.get(id);
            boolean reached = !list.isEmpty() && list.stream().allMatch(CriterionCheck::met);
            result.put(id, new PathCheck(id, dayByAccount.get(id), reached, List.copyOf(list)));
        }
        return result;
    }

    private static String notShown(String kind) {
        return switch (kind) {
            case "utilization" -> "no week at the threshold";
            case "event" -> "never seen";
            default -> "not confirmed";
        };
    }

    // the longest run of consecutive weeks whose weekday average utilization met the threshold, before the
    // day; weekends are left out, or every office customer would look under-used. A run too short is
    // reported with a leading '-' (seen, not met)
    private Map<Long, String> utilizationRuns(Long[] ids, String[] days, Criterion criterion) {
        Map<Long, String> basis = new HashMap<>();
        jdbc.sql("""
                        WITH asked AS (
                            SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:days AS date[])) AS a (account_id, day)),
                        weeks AS (
                            SELECT d.account_id, date_trunc('week', d.day)::date AS week, avg(d.utilization) AS utilization
                              FROM usage_daily d
                              JOIN asked a ON a.account_id = d.account_id AND d.day < a.day
                             WHERE d.utilization IS NOT NULL
                               AND extract(isodow FROM d.day) < 6
                             GROUP BY d.account_id, date_trunc('week', d.day)),
                        good AS (
                            SELECT account_id, week,
                                   week - (7 * row_number() OVER (PARTITION BY account_id ORDER BY week))::int AS run
                              FROM weeks
                             WHERE utilization >= :min),
                        runs AS (
                            SELECT account_id, run, count(*) AS weeks, max(week) AS last_week
                              FROM good
                             GROUP BY account_id, run)
                        SELECT DISTINCT ON (account_id) account_id, weeks, last_week
                          FROM runs
                         ORDER BY account_id, weeks DESC, last_week DESC
                        """)
                .param("ids", ids)
                .param("days", days)
                .param("min", criterion.minUtilization())
                .query((rs, n) -> {
                    long weeks = rs.getLong("weeks");
                    String text = weeks + " weeks in a row at ≥ " + criterion.minUtilization().movePointRight(2)
                            .stripTrailingZeros().toPlainString() + " % (until week of " + rs.getObject("last_week",
                            LocalDate.class) + ")";
                    basis.put(rs.getLong("account_id"), weeks >= criterion.weeks() ? text : "-" + text);
                    return null;
                })
                .list();
        return basis;
    }

    private Map<Long, String> eventSeen(Long[] ids, String[] days, String event) {
        Map<Long, String> basis = new HashMap<>();
        jdbc.sql("""
                        SELECT a.account_id, min(d.day) AS first_day
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:days AS date[])) AS a (account_id, day)
                          JOIN usage_daily d ON d.account_id = a.account_id AND d.day < a.day
                         WHERE COALESCE((d.event_counts ->> :event)::bigint, 0) > 0
                         GROUP BY a.account_id
                        """)
                .param("ids", ids)
                .param("days", days)
                .param("event", event)
                .query((rs, n) -> basis.put(rs.getLong("account_id"),
                        event + " first seen " + rs.getObject("first_day", LocalDate.class)))
                .list();
        return basis;
    }

    private Map<Long, String> confirmed(Long[] ids, String[] days, long criterionId) {
        Map<Long, String> basis = new HashMap<>();
        jdbc.sql("""
                        SELECT c.account_id, c.confirmed_on, c.confirmed_by
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:days AS date[])) AS a (account_id, day)
                          JOIN winning_path_confirmation c
                            ON c.account_id = a.account_id AND c.criterion_id = :criterion AND c.confirmed_on <= a.day
                        """)
                .param("ids", ids)
                .param("days", days)
                .param("criterion", criterionId)
                .query((rs, n) -> basis.put(rs.getLong("account_id"), "confirmed by " + rs.getString("confirmed_by")
                        + " on " + rs.getObject("confirmed_on", LocalDate.class)))
                .list();
        return basis;
    }
}
