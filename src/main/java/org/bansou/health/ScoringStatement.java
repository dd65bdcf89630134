package org.bansou.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one statement that scores every customer account on a set of days with the current models. It is
 * generated from the models because their components are data: each distinct measure becomes one aggregate
 * column of a single pass over {@code usage_daily}, and each model's weighted sum one row-wise expression,
 * so a million accounts cost one scan and no per-component row explosion. Everything the models bring in
 * that is not a number or a validated code is a bound parameter.
 * <p>
 * No look-ahead: a day is scored from usage on or before it, signals dated on or before it, events in the
 * customer's world that CS had detected by then, and subscriptions live on it.
 */
final class ScoringStatement {

    private final List<HealthModel> models;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Integer> measureIndex = new LinkedHashMap<>();
    private final List<Function<MonthCells, String>> usageColumns = new ArrayList<>();
    private final List<String> usageWindowColumns = new ArrayList<>();
    // per-row flags computed once per rollup row, so the window frames only add and subtract integers
    private final List<String> usageRowColumns = new ArrayList<>();
    private final List<String> usageRowNames = new ArrayList<>();
    private final List<String> signalColumns = new ArrayList<>();
    private final List<String> keyPersonColumns = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private int usageWindow = 1;
    private int signalWindow = 1;
    private int keyPersonWindow = 1;
    private String manyDays;

    private ScoringStatement(List<HealthModel> models) {
        this.models = models;
    }

    /** {@code models} in the order they win: most specific first, then higher priority, then older. */
    static ScoringStatement of(List<HealthModel> models) {
        ScoringStatement statement = new ScoringStatement(models);
        for (HealthModel model : models) {
            for (HealthComponent component : model.components()) {
                statement.measure(component);
            }
        }
        statement.manyDays = statement.build(true, null, false, false);
        return statement;
    }

    Map<String, Object> params(List<LocalDate> days) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("days", days.stream().map(LocalDate::toString).toArray(String[]::new));
        all.put("firstDay", days.stream().min(LocalDate::compareTo).orElseThrow());
        all.put("lastDay", days.stream().max(LocalDate::compareTo).orElseThrow());
        return all;
    }

    /**
     * The scores of {@code day}, as CTE {@code scored} (day, account_id, model_id, model_version, score, band,
     * component_values): usage is read from the few {@code usage_month} rows the window spans, joined to each
     * account, every measure arithmetic on their cells. It equals {@link #scoresOfDays} for that day. It also
     * carries what the day's scores are compared with: the day's stored score when it has scores already
     * ({@code same_model_id}, {@code same_model_version}, {@code same_values}), and the band before it where the
     * day or yesterday has one ({@code known_before}); a table of scores is joined only where it holds some.
     */
    String scoresOfOneDay(LocalDate day, boolean dayScored, boolean dayBeforeScored) {
        return build(false, new MonthCells(day, usageWindow), dayScored, dayBeforeScored);
    }

    /**
     * The same scores for many days at once (a backfill): usage is one pass in account and day order with a
     * sliding window frame per measure, so each rollup row is read once however many days are scored. The
     * scoring days join that pass as empty marker rows at which the frames are read.
     */
    String scoresOfDays() {
        return manyDays;
    }

    private String build(boolean manyDays, MonthCells cells, boolean dayScored, boolean dayBeforeScored) {
        StringBuilder sql = new StringBuilder();
        sql.append("""
                WITH chosen AS (
                    SELECT d.day, a.id AS account_id,
                           CASE
                """);
        for (int rank = 0; rank < models.size(); rank++) {
            sql.append("               WHEN ").append(segment(models.get(rank), rank)).append(" THEN ").append(rank)
                    .append('\n');
        }
        sql.append("""
                           END AS model_rank
                      FROM unnest(CAST(:days AS date[])) AS d (day)
                      JOIN account a
                        ON a.archived_at IS NULL
                       AND EXISTS (SELECT 1
                                     FROM subscription s
                                    WHERE s.account_id = a.id
                                      AND s.started_on <= d.day
                                      AND (s.ended_on IS NULL OR s.ended_on > d.day))
                """);
        // many days: computed once whatever the join order, since without fresh statistics (a demo just
        // written) the planner may otherwise re-run the whole window pass for every account and day it joins.
        // One day reads no pass: its month rows are joined to each account below.
        if (manyDays) {
            sql.append("), used AS MATERIALIZED (\n");
            sql.append("""
                    SELECT *
                      FROM (SELECT x.day, x.account_id, x.scoring
                """);
            usageWindowColumns.forEach(column -> sql.append("           , ").append(column).append('\n'));
            sql.append("""
                      FROM (SELECT account_id, day, day - DATE '2000-01-01' AS n, active_users, active_users_7d,
                                   active_users_28d, utilization, (active_users > 0)::int AS active_day,
                                   CASE WHEN active_users > 0 THEN day END AS active_on%2$s, false AS scoring
                              FROM usage_daily
                             WHERE day BETWEEN CAST(:firstDay AS date) - %1$d + 1 AND :lastDay
                             UNION ALL
                            SELECT a.id, d.day, d.day - DATE '2000-01-01', NULL, NULL, NULL, NULL, NULL, NULL%3$s,
                                   true
                              FROM unnest(CAST(:days AS date[])) AS d (day)
                             CROSS JOIN account a
                             WHERE a.archived_at IS NULL) x) w
                     WHERE w.scoring
                    """.formatted(usageWindow,
                    usageRowColumns.stream().map(c -> ",\n                                   " + c).reduce("", String::concat),
                    usageRowNames.stream().map(n -> ", NULL").reduce("", String::concat)));
        }
        sql.append("""
                ), signal_latest AS (
                    SELECT DISTINCT ON (d.day, s.account_id, s.metric) d.day AS scoring_day, s.account_id, s.metric,
                           s.day, s.value
                      FROM health_signal s
                      JOIN unnest(CAST(:days AS date[])) AS d (day)
                        ON s.day BETWEEN d.day - %1$d + 1 AND d.day
                     ORDER BY d.day, s.account_id, s.metric, s.day DESC
                ), signal_value AS (
                    SELECT l.scoring_day AS day, l.account_id
                """.formatted(signalWindow));
        signalColumns.forEach(column -> sql.append("           , ").append(column).append('\n'));
        sql.append("""
                      FROM signal_latest l
                     GROUP BY l.scoring_day, l.account_id
                ), key_person AS (
                    SELECT d.day, e.account_id
                """);
        keyPersonColumns.forEach(column -> sql.append("           , ").append(column).append('\n'));
        sql.append("""
                      FROM environment_event e
                      JOIN unnest(CAST(:days AS date[])) AS d (day)
                        ON e.occurred_on BETWEEN d.day - %d + 1 AND d.day
                       AND e.detected_on <= d.day
                     WHERE e.kind IN ('key_person_left', 'new_decision_maker')
                     GROUP BY d.day, e.account_id
                ), measured AS (
                    SELECT c.day, c.account_id, c.model_rank
                """.formatted(keyPersonWindow));
        if (!manyDays) {
            sql.append("           , %s\n".formatted(String.join(", ", stored(dayScored, dayBeforeScored))));
        }
        for (int k = 0; k < values.size(); k++) {
            sql.append("           , CAST(").append(values.get(k)).append(" AS float8) AS v").append(k).append('\n');
        }
        sql.append("""
                      FROM chosen c
                """);
        if (manyDays) {
            sql.append("      LEFT JOIN used u ON u.day = c.day AND u.account_id = c.account_id\n");
        } else {
            // the day's stored score and yesterday's band, joined here in the parallel workers rather than to a
            // million scores afterwards in one process; a morning's day has none yet, and hashing an empty
            // day's scores would still hold every account's month rows in memory to probe them
            if (dayScored) {
                sql.append("      LEFT JOIN health_score same ON same.account_id = c.account_id AND same.day = :lastDay\n");
            }
            if (dayBeforeScored) {
                sql.append("""
                              LEFT JOIN health_score yesterday
                                ON yesterday.account_id = c.account_id AND yesterday.day = CAST(:lastDay AS date) - 1
                        """);
            }
            // a subquery of expressions only: the planner folds it into the join, once per account
            sql.append(cells.joins("c")).append("     CROSS JOIN LATERAL (SELECT ")
                    .append(usageColumns.isEmpty() ? "1 AS none" : String.join(",\n                               ",
                            usageColumns.stream().map(column -> column.apply(cells)).toList()))
                    .append(") u\n");
        }
        sql.append("""
                      LEFT JOIN signal_value s ON s.day = c.day AND s.account_id = c.account_id
                      LEFT JOIN key_person k ON k.day = c.day AND k.account_id = c.account_id
                     WHERE c.model_rank IS NOT NULL
                ), scored AS (
                """);
        for (int rank = 0; rank < models.size(); rank++) {
            if (rank > 0) {
                sql.append("    UNION ALL\n");
            }
            sql.append(modelScore(models.get(rank), rank, manyDays ? List.of() : STORED_NAMES));
        }
        sql.append(")\n");
        return sql.toString();
    }

    // the segment filter; a plan filter matches an account with a live subscription on one of that plan's prices
    private String segment(HealthModel model, int rank) {
        List<String> conditions = new ArrayList<>();
        if (model.touchTier() != null) {
            params.put("tier" + rank, model.touchTier());
            conditions.add("a.touch_tier = :tier" + rank);
        }
        if (model.industry() != null) {
            params.put("industry" + rank, model.industry());
            conditions.add("a.industry = :industry" + rank);
        }
        if (model.planCode() != null) {
            params.put("plan" + rank, model.planCode());
            conditions.add("""
                    EXISTS (SELECT 1
                                                     FROM subscription ps
                                                     JOIN plan_price pp ON pp.id = ps.plan_price_id
                                                     JOIN plan p ON p.id = pp.plan_id
                                                    WHERE ps.account_id = a.id
                                                      AND ps.started_on <= d.day
                                                      AND (ps.ended_on IS NULL OR ps.ended_on > d.day)
                                                      AND p.external_id = :plan%d)""".formatted(rank));
        }
        return conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
    }

    // Row-wise arithmetic in double precision, in fenced levels: pulled up, the planner would paste every
    // sub-score into the score, the band and each component again, and a million accounts of repeated arithmetic
    // cost far more than the pass over the rollups. The innermost level names each measure once and nothing
    // else. The fence is a set-returning function yielding each row once: such a subquery is neither folded into
    // the level above nor handed its conditions (the score's null test, pushed down, would paste the score back
    // in), and unlike OFFSET 0, which ran every level above it in the leader alone, it runs in the parallel
    // workers.
    private String modelScore(HealthModel model, int rank, List<String> carried) {
        List<HealthComponent> components = model.components();
        StringBuilder inner = new StringBuilder("        SELECT m.day, m.account_id");
        carried.forEach(name -> inner.append(", m.").append(name));
        String carriedOut = carried.stream().map(name -> ", p." + name).reduce("", String::concat);
        String carriedUp = carried.stream().map(name -> ", r." + name).reduce("", String::concat);
        StringBuilder present = new StringBuilder();
        StringBuilder points = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < components.size(); i++) {
            HealthComponent c = components.get(i);
            int k = measureIndex.get(c.measureKey());
            String poor = real(c.poor());
            String spread = real(c.good().subtract(c.poor()));
            String weight = real(c.weight());
            inner.append(", m.v").append(k).append(" AS v").append(i);
            // greatest and least skip nulls: a missing value must stay missing, not become 0 or 100
            present.append(i > 0 ? " + " : "").append("CASE WHEN r.v").append(i).append(" IS NOT NULL THEN ")
                    .append(weight).append(" ELSE 0 END");
            points.append(i > 0 ? " + " : "").append("COALESCE(CASE WHEN r.v").append(i)
                    .append(" IS NOT NULL THEN greatest(0, least(100, 100 * (r.v").append(i).append(" - ").append(poor)
                    .append(") / ").append(spread).append(")) END * ").append(weight).append(", 0)");
            values.append(i > 0 ? ", " : "").append("CAST(p.v").append(i).append(" AS real)");
        }
        inner.append(", generate_series(1, 1) AS once\n          FROM measured m\n         WHERE m.model_rank = ")
                .append(rank);
        return """
                SELECT p.day, p.account_id, %d AS model_id, %d AS model_version, p.score,
                       CASE WHEN p.score >= %s THEN 'good' WHEN p.score < %s THEN 'poor' ELSE 'neutral' END AS band,
                       ARRAY[%s] AS component_values%s
                  FROM (SELECT r.day, r.account_id, %s%s,
                               unnest(ARRAY[round(CAST((%s) / NULLIF(%s, 0) AS numeric), 1)]) AS score
                          FROM (%s) r) p
                 WHERE p.score IS NOT NULL
                """.formatted(model.id(), model.version(), literal(model.goodFrom()), literal(model.poorBelow()),
                values, carriedOut, vs(components.size()), carriedUp, points, present, inner);
    }

    // what one day's scores carry out to be compared with: the stored score of that day (to write only what
    // changed) and the band before it where the day or yesterday has one
    private static List<String> stored(boolean dayScored, boolean dayBeforeScored) {
        String before = dayScored && dayBeforeScored ? "COALESCE(same.band, yesterday.band)"
                : dayScored ? "same.band" : dayBeforeScored ? "yesterday.band" : "CAST(NULL AS text)";
        return dayScored
                ? List.of("same.model_id AS same_model_id", "same.model_version AS same_model_version",
                        "same.component_values AS same_values", before + " AS known_before")
                : List.of("CAST(NULL AS bigint) AS same_model_id", "CAST(NULL AS integer) AS same_model_version",
                        "CAST(NULL AS real[]) AS same_values", before + " AS known_before");
    }
    private static final List<String> STORED_NAMES = List.of("same_model_id", "same_model_version", "same_values",
            "known_before");

    private static String vs(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("r.v" + i);
        }
        return String.join(", ", names);
    }

    // measures are doubles from the start: numeric division, done for a million accounts, costs more than the
    // aggregate pass that precedes it
    private void measure(HealthComponent c) {
        String key = c.measureKey();
        if (measureIndex.containsKey(key)) {
            return;
        }
        int k = values.size();
        measureIndex.put(key, k);
        int window = c.window();
        int last = window - 1; // the window's days, as days back from the scoring day
        switch (c.metric()) {
            case UTILIZATION -> {
                usageWindow = Math.max(usageWindow, window);
                // ten-thousandths, as usage_daily's numeric(9,4): divided as doubles, the same double as that numeric
                usageColumns.add(m -> "100 * (CAST(" + m.greatest("utilization", 0, last) + " AS float8) / 10000) AS u"
                        + k);
                usageWindowColumns.add("100 * CAST(max(x.utilization) " + frame(window) + " AS float8) AS u" + k);
                values.add("COALESCE(u.u" + k + ", 0)");
            }
            case ACTIVE_USERS_7D, ACTIVE_USERS_28D -> {
                usageWindow = Math.max(usageWindow, window);
                String rolled = c.metric() == HealthMetric.ACTIVE_USERS_7D ? "active_users_7d" : "active_users_28d";
                usageColumns.add(m -> "COALESCE(NULLIF(" + m.cell(rolled, 0) + ", -1), "
                        + m.greatest("active_users", 0, last) + ") AS u" + k);
                usageWindowColumns.add("COALESCE(max(x." + rolled + ") " + frame(1) + ", max(x.active_users) "
                        + frame(window) + ") AS u" + k);
                values.add("COALESCE(u.u" + k + ", 0)");
            }
            case ACTIVE_USERS_TREND -> {
                int span = 7 * c.trendWeeks();
                usageWindow = Math.max(usageWindow, 2 * span);
                usageColumns.add(m -> "(" + m.sum("active_users", 0, span - 1) + ") AS u" + k);
                usageColumns.add(m -> "(" + m.sum("active_users", span, 2 * span - 1) + ") AS p" + k);
                usageWindowColumns.add("sum(x.active_users) " + frame(span) + " AS u" + k);
                usageWindowColumns.add("sum(x.active_users) OVER (PARTITION BY x.account_id ORDER BY x.n RANGE "
                        + "BETWEEN " + (2 * span - 1) + " PRECEDING AND " + span + " PRECEDING) AS p" + k);
                // no earlier period to compare with (a new customer): not measured, not poor
                values.add("100 * CAST(COALESCE(u.u" + k + ", 0) AS float8) / NULLIF(u.p" + k + ", 0) - 100");
            }
            case FEATURE_DAYS -> {
                usageWindow = Math.max(usageWindow, window);
                params.put("event" + k, c.event());
                usageColumns.add(m -> m.count(month -> eventDays(month, "event" + k), 0, last) + " AS u" + k);
                usageColumns.add(m -> m.count(month -> month + ".active_days", 0, last) + " AS p" + k);
                rowColumn("jsonb_exists(event_counts, :event" + k + ")::int", "f" + k);
                usageWindowColumns.add("sum(x.f" + k + ") " + frame(window) + " AS u" + k);
                usageWindowColumns.add("sum(x.active_day) " + frame(window) + " AS p" + k);
                values.add("COALESCE(100 * CAST(u.u" + k + " AS float8) / NULLIF(u.p" + k + ", 0), 0)");
            }
            case DISTINCT_FEATURES -> {
                usageWindow = Math.max(usageWindow, window);
                List<String> names = new ArrayList<>();
                List<String> usedInFrame = new ArrayList<>();
                for (int e = 0; e < c.events().size(); e++) {
                    String name = "event" + k + "_" + e;
                    params.put(name, c.events().get(e));
                    names.add(name);
                    rowColumn("jsonb_exists(event_counts, :" + name + ")::int", "f" + k + "_" + e);
                    usedInFrame.add("COALESCE(sum(x.f" + k + "_" + e + ") " + frame(window) + " > 0, false)::int");
                }
                usageColumns.add(m -> "(" + String.join(" + ", names.stream()
                        .map(name -> "(" + m.count(month -> eventDays(month, name), 0, last) + " > 0)::int")
                        .toList()) + ") AS u" + k);
                usageWindowColumns.add("(" + String.join(" + ", usedInFrame) + ") AS u" + k);
                values.add("COALESCE(u.u" + k + ", 0)");
            }
            case DAYS_SINCE_LAST_ACTIVITY -> {
                usageWindow = Math.max(usageWindow, window);
                usageColumns.add(m -> m.latest(month -> month + ".active_days", 0, last) + " AS u" + k);
                // a running maximum costs one step per row, a sliding one a whole window: cap it afterwards
                usageWindowColumns.add("CASE WHEN x.day - max(x.active_on) OVER (PARTITION BY x.account_id ORDER BY "
                        + "x.n) < " + window + " THEN x.day - max(x.active_on) OVER (PARTITION BY x.account_id "
                        + "ORDER BY x.n) END AS u" + k);
                values.add("COALESCE(u.u" + k + ", " + window + ")");
            }
            case KEY_PERSON_CHANGES -> {
                keyPersonWindow = Math.max(keyPersonWindow, window);
                keyPersonColumns.add("count(*) FILTER (WHERE e.occurred_on > d.day - " + window + ") AS k" + k);
                values.add("COALESCE(k.k" + k + ", 0)");
            }
            case SIGNAL -> {
                signalWindow = Math.max(signalWindow, window);
                params.put("signal" + k, c.signal());
                signalColumns.add("max(l.value) FILTER (WHERE l.metric = :signal" + k + " AND l.day > l.scoring_day - "
                        + window + ") AS s" + k);
                // an account that never answered the survey is not scored on it: its weight goes to the others
                values.add("s.s" + k);
            }
        }
    }

    // the days of a month an event was used on, a mask
    private static String eventDays(String month, String eventParameter) {
        return "CAST(" + month + ".event_days ->> :" + eventParameter + " AS int)";
    }

    private void rowColumn(String expression, String name) {
        usageRowColumns.add(expression + " AS " + name);
        usageRowNames.add(name);
    }

    /**
     * The rollup rows of the last {@code days} days up to the row's day, its peers (the marker row) included.
     * Days are ordered as whole numbers ({@code n}): a frame offset in days as an interval is compared as
     * timestamps, row by row, which cost most of a year's backfill.
     */
    private static String frame(int days) {
        return "OVER (PARTITION BY x.account_id ORDER BY x.n RANGE BETWEEN " + (days - 1)
                + " PRECEDING AND CURRENT ROW)";
    }

    private static String literal(BigDecimal number) {
        return "CAST(" + number.toPlainString() + " AS numeric)";
    }

    private static String real(BigDecimal number) {
        return "CAST(" + number.toPlainString() + " AS float8)";
    }
}
