package org.bansou.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns writes to table {@code health_score} and the reads behind the health pages: one score per account and
 * day, each with the model version and the components that explain it. {@link HealthBands} is the reader
 * other capabilities use.
 */
@Component
class HealthScores {

    /**
     * One stored score with its components as JSON: each component of the model version that scored it, with
     * the value measured ({@code value}, null where there was nothing to measure).
     */
    record StoredScore(long accountId, LocalDate day, BigDecimal score, HealthBand band, long modelId,
                       int modelVersion, String components) {
    }

    /** A point of an account's score over time. */
    record ScorePoint(LocalDate day, BigDecimal score, String band) {
    }

    /** An account that moved into the poor band, for the CSM's list. */
    record MovedToPoor(long accountId, String accountName, Long ownerUserId, LocalDate day, String fromBand,
                       BigDecimal score, long modelId, int modelVersion) {
    }

    /** A page of the "moved to poor" list. */
    record MovedPage(List<MovedToPoor> rows, int page, int size, long total) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    private final JdbcClient jdbc;
    // a score the same model version measured the same way again is left as it was, with the time it was first
    // scored: rewriting it would change nothing but cost a new row version and its index entries
    private static final String WRITE = """
            INSERT INTO health_score (account_id, day, model_id, model_version, score, band, component_values,
                                      scored_at)
            SELECT account_id, day, model_id, model_version, score, band, component_values, now()
              FROM %s
            ON CONFLICT (account_id, day) DO UPDATE
               SET model_id = EXCLUDED.model_id,
                   model_version = EXCLUDED.model_version,
                   score = EXCLUDED.score,
                   band = EXCLUDED.band,
                   component_values = EXCLUDED.component_values,
                   scored_at = EXCLUDED.scored_at
             WHERE (health_score.model_id, health_score.model_version, health_score.component_values)
                   IS DISTINCT FROM (EXCLUDED.model_id, EXCLUDED.model_version, EXCLUDED.component_values)
            """;

    HealthScores(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Scores the days (history: a backfill), without telling anyone of band changes; returns the scores written
     * (new or changed).
     */
    int scoreDays(List<HealthModel> winningOrder, List<LocalDate> days) {
        ScoringStatement statement = ScoringStatement.of(winningOrder);
        roomToAggregate();
        int written = jdbc.sql(statement.scoresOfDays() + WRITE.formatted("scored"))
                .params(statement.params(days))
                .update();
        noteDaysScored(days);
        return written;
    }

    // the days among these that now have scores, for the newest day the health page counts bands on
    private void noteDaysScored(List<LocalDate> days) {
        jdbc.sql("""
                        INSERT INTO health_score_day (day)
                        SELECT d.day
                          FROM unnest(CAST(:days AS date[])) AS d (day)
                         WHERE EXISTS (SELECT 1 FROM health_score h WHERE h.day = d.day)
                        ON CONFLICT DO NOTHING
                        """)
                .param("days", days.stream().map(LocalDate::toString).toArray(String[]::new))
                .update();
    }

    /** What scoring one day did: how many accounts have a score that day now, and every band change. */
    record DayScored(long scored, List<HealthBandChanged> bandChanges) {
    }

    /**
     * Scores one day and returns its band changes: each account whose band differs from the band it was in
     * before (that day's earlier score when rescoring, else its latest before the day).
     * <p>
     * In three statements, because PostgreSQL runs no part of a writing statement in parallel: the scores are
     * computed by a query that reads the month rows and the stored scores with every core, and those that are
     * new or changed are kept in a temporary table with the band before each; the band changes are read from
     * it, and only then is it written.
     */
    DayScored scoreDay(List<HealthModel> winningOrder, LocalDate day) {
        ScoringStatement statement = ScoringStatement.of(winningOrder);
        roomToAggregate();
        rollupStatistics();
        Scored before = scoredBefore(day);
        // only the scores that are new or differ from the day's stored one, each with the band before it: that
        // day's earlier score when rescoring, else yesterday's (both joined in the scoring statement), else the
        // latest before it, probed only for the few without either, and only if an earlier day has scores
        String bandBefore = !before.earlier() ? "s.known_before" : """
                COALESCE(s.known_before,
                         (SELECT h.band
                            FROM health_score h
                           WHERE h.account_id = s.account_id
                             AND h.day < s.day
                           ORDER BY h.day DESC
                           LIMIT 1))""";
        jdbc.sql("CREATE TEMPORARY TABLE health_scored ON COMMIT DROP AS "
                        + statement.scoresOfOneDay(day, before.day(), before.dayBefore()) + """
                        SELECT s.account_id, s.day, s.model_id, s.model_version, s.score, s.band, s.component_values,
                               s.same_model_id IS NULL AS new,
                               %s AS before
                          FROM scored s
                         WHERE (s.model_id, s.model_version, s.component_values)
                               IS DISTINCT FROM (s.same_model_id, s.same_model_version, s.same_values)
                        """.formatted(bandBefore))
                .params(statement.params(List.of(day)))
                .update();
        List<HealthBandChanged> changes = jdbc.sql("""
                        SELECT account_id, before, band, model_id, model_version
                          FROM health_scored
                         WHERE before IS DISTINCT FROM band
                        """)
                .query((rs, n) -> new HealthBandChanged(rs.getLong("account_id"), day,
                        rs.getString("before") == null ? null : HealthBand.ofCode(rs.getString("before")),
                        HealthBand.ofCode(rs.getString("band")), rs.getLong("model_id"), rs.getInt("model_version")))
                .list();
        // no other run writes scores meanwhile (HealthScoring runs one at a time), so the new ones are plain
        // inserts: an insert that first looks for a conflict costs half as much again
        int added = jdbc.sql("""
                INSERT INTO health_score (account_id, day, model_id, model_version, score, band, component_values,
                                          scored_at)
                SELECT account_id, day, model_id, model_version, score, band, component_values, now()
                  FROM health_scored
                 WHERE new
                """).update();
        if (before.day()) {
            jdbc.sql("""
                    UPDATE health_score h
                       SET model_id = s.model_id,
                           model_version = s.model_version,
                           score = s.score,
                           band = s.band,
                           component_values = s.component_values,
                           scored_at = now()
                      FROM health_scored s
                     WHERE NOT s.new
                       AND h.account_id = s.account_id
                       AND h.day = s.day
                    """).update();
        }
        jdbc.sql("DROP TABLE health_scored").update();
        noteDaysScored(List.of(day));
        long scored = !before.day() ? added
                : jdbc.sql("SELECT count(*) FROM health_score WHERE day = :day").param("day", day)
                        .query(Long.class).single();
        return new DayScored(scored, changes);
    }

    // which days around this one have scores already: scores are never deleted, and health_score_day lists
    // every day that has some
    private record Scored(boolean day, boolean dayBefore, boolean earlier) {
    }

    private Scored scoredBefore(LocalDate day) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM health_score_day WHERE day = :day) AS day,
                               EXISTS (SELECT 1 FROM health_score_day WHERE day = CAST(:day AS date) - 1) AS day_before,
                               EXISTS (SELECT 1 FROM health_score_day WHERE day < :day) AS earlier
                        """)
                .param("day", day)
                .query((rs, n) -> new Scored(rs.getBoolean("day"), rs.getBoolean("day_before"),
                        rs.getBoolean("earlier")))
                .single();
    }

    // autovacuum keeps them up to date, but not yet on month rows just written (a new or demo database), and a
    // planner that believes them empty joins a million accounts to them one by one
    private void rollupStatistics() {
        boolean unknown = jdbc.sql("SELECT reltuples < 0 FROM pg_class WHERE oid = 'usage_month'::regclass")
                .query(Boolean.class)
                .single();
        if (unknown) {
            jdbc.sql("ANALYZE usage_month").update();
        }
    }

    // a million accounts grouped at once: in memory, not spilled to disk
    private void roomToAggregate() {
        jdbc.sql("SET LOCAL work_mem = '256MB'").update();
    }

    /** How many accounts are in each band on the newest day scored. */
    record BandCount(LocalDate day, String band, long accounts) {
    }

    List<BandCount> bandCounts() {
        return jdbc.sql("""
                        SELECT day, band, count(*) AS accounts
                          FROM health_score
                         WHERE day = (SELECT max(day) FROM health_score_day)
                         GROUP BY day, band
                         ORDER BY CASE band WHEN 'good' THEN 1 WHEN 'neutral' THEN 2 ELSE 3 END
                        """)
                .query(BandCount.class)
                .list();
    }

    /** The account's newest score, with its components. */
    java.util.Optional<StoredScore> latest(long accountId) {
        return jdbc.sql("""
                        SELECT h.account_id, h.day, h.score, h.band, h.model_id, h.model_version,
                               (SELECT jsonb_agg(c.spec || jsonb_build_object('n', c.i - 1,
                                                                              'value', h.component_values[c.i])
                                                 ORDER BY c.i)
                                  FROM jsonb_array_elements(m.components) WITH ORDINALITY AS c (spec, i))::text
                                   AS components
                          FROM health_score h
                          JOIN health_model m ON m.id = h.model_id AND m.version = h.model_version
                         WHERE h.account_id = :accountId
                         ORDER BY h.day DESC
                         LIMIT 1
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> new StoredScore(rs.getLong("account_id"), rs.getObject("day", LocalDate.class),
                        rs.getBigDecimal("score"), HealthBand.ofCode(rs.getString("band")), rs.getLong("model_id"),
                        rs.getInt("model_version"), rs.getString("components")))
                .optional();
    }

    /** The account's scores between two days, oldest first. */
    List<ScorePoint> history(long accountId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT day, score, band
                          FROM health_score
                         WHERE account_id = :accountId
                           AND day BETWEEN :from AND :to
                         ORDER BY day
                        """)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .query(ScorePoint.class)
                .list();
    }

    /** Every band change of one account, oldest first: what its timeline shows. */
    List<HealthBandChanged> bandChanges(long accountId) {
        return jdbc.sql("""
                        SELECT account_id, day, before, band, model_id, model_version
                          FROM (SELECT account_id, day, band, model_id, model_version,
                                       lag(band) OVER (ORDER BY day) AS before
                                  FROM health_score
                                 WHERE account_id = :accountId) s
                         WHERE before IS NOT NULL
                           AND before <> band
                         ORDER BY day
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> new HealthBandChanged(rs.getLong("account_id"),
                        rs.getObject("day", LocalDate.class), HealthBand.ofCode(rs.getString("before")),
                        HealthBand.ofCode(rs.getString("band")), rs.getLong("model_id"), rs.getInt("model_version")))
                .list();
    }

    /**
     * Accounts that moved into poor from another band between two days (first scores do not count: nothing
     * moved), optionally of one owner; each account once, on its latest such day. {@code size} 0 means all.
     */
    MovedPage movedToPoor(LocalDate from, LocalDate to, Long ownerUserId, int page, int size) {
        String moved = """
                WITH ranged AS (
                    SELECT account_id, day, band, score, model_id, model_version,
                           lag(band) OVER w AS before, row_number() OVER w AS n
                      FROM health_score
                     WHERE day BETWEEN :from AND :to
                    WINDOW w AS (PARTITION BY account_id ORDER BY day)
                ), changes AS (
                    SELECT r.*, COALESCE(r.before, p.band) AS from_band
                      FROM ranged r
                      LEFT JOIN LATERAL (SELECT h.band
                                           FROM health_score h
                                          WHERE r.n = 1
                                            AND h.account_id = r.account_id
                                            AND h.day < :from
                                          ORDER BY h.day DESC
                                          LIMIT 1) p ON true
                ), moved AS (
                    SELECT DISTINCT ON (c.account_id) c.account_id, c.day, c.from_band, c.score, c.model_id,
                           c.model_version
                      FROM changes c
                     WHERE c.band = 'poor'
                       AND c.from_band IS NOT NULL
                       AND c.from_band <> 'poor'
                     ORDER BY c.account_id, c.day DESC
                )
                """;
        String owner = ownerUserId == null ? "" : " AND a.owner_user_id = :owner";
        long total = jdbc.sql(moved + """
                        SELECT count(*)
                          FROM moved m
                          JOIN account a ON a.id = m.account_id
                         WHERE true""" + owner)
                .param("from", from)
                .param("to", to)
                .params(ownerUserId == null ? Map.of() : Map.of("owner", ownerUserId))
                .query(Long.class)
                .single();
        List<MovedToPoor> rows = jdbc.sql(moved + """
                        SELECT m.account_id, a.name AS account_name, a.owner_user_id, m.day, m.from_band,
                               m.score, m.model_id, m.model_version
                          FROM moved m
                          JOIN account a ON a.id = m.account_id
                         WHERE true""" + owner + """

                         ORDER BY m.day DESC, a.name, m.account_id
                         LIMIT :limit
                        OFFSET :offset
                        """)
                .param("from", from)
                .param("to", to)
                .params(ownerUserId == null ? Map.of() : Map.of("owner", ownerUserId))
                .param("limit", size == 0 ? Integer.MAX_VALUE : size)
                .param("offset", (long) page * size)
                .query(MovedToPoor.class)
                .list();
        return new MovedPage(rows, page, size == 0 ? Math.max(1, rows.size()) : size, total);
    }
}
