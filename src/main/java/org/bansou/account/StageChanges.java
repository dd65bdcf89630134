package org.bansou.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bansou.database.Bulk;
import org.bansou.security.AccessRules;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code stage_change}: the lifecycle history, appended and never edited. */
@Component
public class StageChanges {

    public record StageChange(long id, long accountId, String fromStage, String toStage, Instant changedAt,
                              String changedBy) {
    }

    /** How long an account stayed in a stage; {@code left} is null for the stage it is in now. */
    public record TimeInStage(String stage, Instant entered, Instant left, Duration duration) {
    }

    record Move(String accountExternalId, String fromStage, String toStage) {
    }

    /** A move made in the past, arriving with its account (a migrated history, the demo company). */
    public record PastMove(String accountExternalId, String fromStage, String toStage, Instant changedAt,
                           String changedBy) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final AccessRules access;

    StageChanges(JdbcClient jdbc, NamedParameterJdbcTemplate batch, AccessRules access) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.access = access;
    }

    void append(long accountId, String from, String to) {
        jdbc.sql("""
                        INSERT INTO stage_change (account_id, from_stage, to_stage, changed_at, changed_by)
                        VALUES (:accountId, :from, :to, now(), :by)
                        """)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .param("by", access.actor().name())
                .update();
    }

    void appendAll(List<Move> moves) {
        Bulk.run(batch, """
                INSERT INTO stage_change (account_id, from_stage, to_stage, changed_at, changed_by)
                SELECT id, :from, :to, now(), :by
                  FROM account
                 WHERE external_id = :externalId
                """, moves, move -> new MapSqlParameterSource()
                .addValue("externalId", move.accountExternalId())
                .addValue("from", move.fromStage())
                .addValue("to", move.toStage())
                .addValue("by", access.actor().name()));
    }

    /** Writes history as it happened, e.g. a generated or migrated past; {@code at} is when the move was made. */
    public void recordPast(long accountId, String from, String to, Instant at, String by) {
        jdbc.sql("""
                        INSERT INTO stage_change (account_id, from_stage, to_stage, changed_at, changed_by)
                        VALUES (:accountId, :from, :to, :at, :by)
                        """)
                .param("accountId", accountId)
                .param("from", from)
                .param("to", to)
                .param("at", java.sql.Timestamp.from(at))
                .param("by", by)
                .update();
    }

    /** Writes many past moves at once, each dated when it was made: {@link #recordPast} as one statement. */
    public void recordAllPast(List<PastMove> moves) {
        jdbc.sql("""
                        INSERT INTO stage_change (account_id, from_stage, to_stage, changed_at, changed_by)
                        SELECT a.id, m.from_stage, m.to_stage, m.changed_at, m.changed_by
                          FROM unnest(:externalIds, :fromStages, :toStages, CAST(:changedAt AS timestamptz[]),
                                      :changedBy)
                               WITH ORDINALITY AS m(external_id, from_stage, to_stage, changed_at, changed_by, n)
                          JOIN account a ON a.external_id = m.external_id
                         ORDER BY m.n
                        """)
                .param("externalIds", moves.stream().map(PastMove::accountExternalId).toArray(String[]::new))
                .param("fromStages", moves.stream().map(PastMove::fromStage).toArray(String[]::new))
                .param("toStages", moves.stream().map(PastMove::toStage).toArray(String[]::new))
                .param("changedAt", moves.stream().map(move -> move.changedAt().toString()).toArray(String[]::new))
                .param("changedBy", moves.stream().map(PastMove::changedBy).toArray(String[]::new))
                .update();
    }

    public List<StageChange> forAccount(long accountId) {
        return jdbc.sql("""
                        SELECT id, account_id, from_stage, to_stage, changed_at, changed_by
                          FROM stage_change
                         WHERE account_id = :accountId
                         ORDER BY changed_at, id
                        """)
                .param("accountId", accountId)
                .query(StageChange.class)
                .list();
    }

    /** Across accounts: how many entered a stage and the median and 80th percentile days they stayed. */
    public record StageDuration(String stage, long accounts, double medianDays, double p80Days) {
    }

    /**
     * Time in each stage across all accounts from consecutive history rows, a stay still going counted up to
     * {@code now}: one statement over the whole history.
     */
    public List<StageDuration> durationsAcrossAccounts(Instant now) {
        return jdbc.sql("""
                        WITH stays AS (
                            SELECT to_stage AS stage,
                                   EXTRACT(EPOCH FROM COALESCE(LEAD(changed_at) OVER w, :now) - changed_at)
                                       / 86400.0 AS days
                              FROM stage_change
                            WINDOW w AS (PARTITION BY account_id ORDER BY changed_at, id)
                        )
                        SELECT stage,
                               count(*) AS accounts,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
                               percentile_cont(0.8) WITHIN GROUP (ORDER BY days) AS p80_days
                          FROM stays
                         GROUP BY stage
                        """)
                .param("now", java.sql.Timestamp.from(now))
                .query(StageDuration.class)
                .list();
    }

    /** Time spent in each stage, from consecutive history rows; the current stage runs until {@code now}. */
    public List<TimeInStage> timeInStages(long accountId, Instant now) {
        return jdbc.sql("""
                        SELECT to_stage AS stage,
                               changed_at AS entered,
                               LEAD(changed_at) OVER (ORDER BY changed_at, id) AS left_at
                          FROM stage_change
                         WHERE account_id = :accountId
                         ORDER BY changed_at, id
                        """)
                .param("accountId", accountId)
                .query((rs, n) -> {
                    Instant entered = rs.getTimestamp("entered").toInstant();
                    var leftAt = rs.getTimestamp("left_at");
                    Instant left = leftAt == null ? null : leftAt.toInstant();
                    return new TimeInStage(rs.getString("stage"), entered, left,
                            Duration.between(entered, left == null ? now : left));
                })
                .list();
    }
}
