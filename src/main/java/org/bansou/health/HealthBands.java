package org.bansou.health;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other capabilities may ask of health: each account's latest score, or its score as of a past day (a
 * renewal pipeline shows today's band, churn analysis the band 90 days before the churn).
 */
@Component
public class HealthBands {

    private final JdbcClient jdbc;

    HealthBands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest score of each of these accounts; accounts never scored are absent. */
    public Map<Long, AccountHealth> latest(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        return byAccount(jdbc.sql("""
                        SELECT DISTINCT ON (s.account_id)
                               s.account_id, s.day, s.score, s.band, s.model_id, s.model_version
                          FROM health_score s
                         WHERE s.account_id = ANY(:ids)
                         ORDER BY s.account_id, s.day DESC
                        """)
                .param("ids", accountIds.toArray(Long[]::new))
                .query((rs, n) -> new AccountHealth(rs.getLong("account_id"), rs.getObject("day", LocalDate.class),
                        rs.getBigDecimal("score"), HealthBand.ofCode(rs.getString("band")), rs.getLong("model_id"),
                        rs.getInt("model_version")))
                .list());
    }

    /** Each account's score on its own day, or the newest before it: e.g. 90 days before each churn. */
    public Map<Long, AccountHealth> asOf(Map<Long, LocalDate> dayByAccount) {
        if (dayByAccount.isEmpty()) {
            return Map.of();
        }
        Long[] ids = dayByAccount.keySet().toArray(Long[]::new);
        String[] days = Arrays.stream(ids).map(id -> dayByAccount.get(id).toString()).toArray(String[]::new);
        return byAccount(jdbc.sql("""
                        SELECT s.account_id, s.day, s.score, s.band, s.model_id, s.model_version
                          FROM unnest(:ids, CAST(:days AS date[])) AS asked (account_id, day)
                          JOIN LATERAL (SELECT *
                                          FROM health_score h
                                         WHERE h.account_id = asked.account_id
                                           AND h.day <= asked.day
                                         ORDER BY h.day DESC
                                         LIMIT 1) s ON true
                        """)
                .param("ids", ids)
                .param("days", days)
                .query((rs, n) -> new AccountHealth(rs.getLong("account_id"), rs.getObject("day", LocalDate.class),
                        rs.getBigDecimal("score"), HealthBand.ofCode(rs.getString("band")), rs.getLong("model_id"),
                        rs.getInt("model_version")))
                .list());
    }

    /**
     * Every band change on a day between {@code from} and {@code to}: an account's band against its previous
     * score (null for its first), in day order. The set-based way to learn of a bulk run's changes. The day
     * before {@code from} holds nearly every account's previous score: joined at once, a probe only for the rest.
     */
    public List<HealthBandChanged> bandChangesBetween(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        WITH ranged AS (
                            SELECT account_id, day, band, model_id, model_version,
                                   lag(band) OVER w AS before, row_number() OVER w AS n
                              FROM health_score
                             WHERE day BETWEEN :from AND :to
                            WINDOW w AS (PARTITION BY account_id ORDER BY day)
                        )
                        SELECT account_id, day, before, band, model_id, model_version
                          FROM (SELECT r.account_id, r.day, r.band, r.model_id, r.model_version,
                                       COALESCE(r.before, y.band,
                                                (SELECT h.band
                                                   FROM health_score h
                                                  WHERE r.n = 1
                                                    AND h.account_id = r.account_id
                                                    AND h.day < :from
                                                  ORDER BY h.day DESC
                                                  LIMIT 1)) AS before
                                  FROM ranged r
                                  LEFT JOIN health_score y
                                    ON r.n = 1 AND y.account_id = r.account_id AND y.day = :dayBefore) c
                         WHERE before IS DISTINCT FROM band
                         ORDER BY day, account_id
                        """)
                .param("dayBefore", from.minusDays(1))
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new HealthBandChanged(rs.getLong("account_id"),
                        rs.getObject("day", LocalDate.class),
                        rs.getString("before") == null ? null : HealthBand.ofCode(rs.getString("before")),
                        HealthBand.ofCode(rs.getString("band")), rs.getLong("model_id"), rs.getInt("model_version")))
                .list();
    }

    private static Map<Long, AccountHealth> byAccount(List<AccountHealth> scores) {
        return scores.stream().collect(Collectors.toMap(AccountHealth::accountId, Function.identity()));
    }
}
