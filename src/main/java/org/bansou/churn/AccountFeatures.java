package org.bansou.churn;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bansou.health.AccountHealth;
import org.bansou.health.HealthBands;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each account's candidate metrics at its cut-off day, for many accounts and cut-offs in one statement over
 * the daily usage rollups (read-only, see package-info), plus the health score as of that day.
 */
@Component
class AccountFeatures {

    private final JdbcClient jdbc;
    private final HealthBands health;

    AccountFeatures(JdbcClient jdbc, HealthBands health) {
        this.jdbc = jdbc;
        this.health = health;
    }

    /** The event names counted in the daily rollups of the {@code days} days up to {@code asOf}. */
    List<String> eventNames(LocalDate asOf, int days) {
        return jdbc.sql("""
                        SELECT DISTINCT jsonb_object_keys(event_counts) AS event
                          FROM usage_daily
                         WHERE day > :from
                           AND day <= :asOf
                         ORDER BY event
                        """)
                .param("from", asOf.minusDays(days))
                .param("asOf", asOf)
                .query(String.class)
                .list();
    }

    /** The value of every candidate for every asked account and cut-off; null where a metric has no value. */
    Map<AccountCutOff, Double[]> at(List<AccountCutOff> asked, List<KpiCandidate> candidates) {
        Map<AccountCutOff, Double[]> values = new LinkedHashMap<>();
        if (asked.isEmpty()) {
            return values;
        }
        Map<String, Object> parameters = new HashMap<>();
        List<String> columns = new ArrayList<>();
        List<Integer> fromSql = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            KpiCandidate candidate = candidates.get(c);
            if (candidate.fromHealth()) {
                continue;
            }
            String expression = candidate.expression();
            if (candidate.event() != null) {
                expression = expression.replace(":event", ":event" + c);
                parameters.put("event" + c, candidate.event());
            }
            columns.add("(" + expression + ")::float8 AS f" + c);
            fromSql.add(c);
        }
        parameters.put("ids", asked.stream().map(AccountCutOff::accountId).toArray(Long[]::new));
        parameters.put("cutOffs", asked.stream().map(a -> a.cutOff().toString()).toArray(String[]::new));
        String select = columns.isEmpty() ? "" : ",\n       " + String.join(",\n       ", columns);
        jdbc.sql("""
                        SELECT a.account_id, a.cut_off%s
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:cutOffs AS date[])) AS a (account_id, cut_off)
                          LEFT JOIN usage_daily d
                            ON d.account_id = a.account_id
                           AND d.day > a.cut_off - 28
                           AND d.day <= a.cut_off
                         GROUP BY a.account_id, a.cut_off
                        """.formatted(select))
                .params(parameters)
                .query((ResultSet rs) -> {
                    Double[] row = new Double[candidates.size()];
                    for (int c : fromSql) {
                        row[c] = doubleOrNull(rs, "f" + c);
                    }
                    values.put(new AccountCutOff(rs.getLong("account_id"), rs.getObject("cut_off", LocalDate.class)),
                            row);
                });
        for (int c = 0; c < candidates.size(); c++) {
            if (candidates.get(c).fromHealth()) {
                healthInto(values, c);
            }
        }
        return values;
    }

    // the health reader answers one day per account: one call per round of distinct accounts
    private void healthInto(Map<AccountCutOff, Double[]> values, int column) {
        List<Map<Long, LocalDate>> rounds = new ArrayList<>();
        for (AccountCutOff key : values.keySet()) {
            Map<Long, LocalDate> round = rounds.stream().filter(r -> !r.containsKey(key.accountId())).findFirst()
                    .orElseGet(() -> {
                        Map<Long, LocalDate> fresh = new HashMap<>();
                        rounds.add(fresh);
                        return fresh;
                    });
            round.put(key.accountId(), key.cutOff());
        }
        for (Map<Long, LocalDate> round : rounds) {
            for (Map.Entry<Long, AccountHealth> score : health.asOf(round).entrySet()) {
                BigDecimal value = score.getValue().score();
                Double[] row = values.get(new AccountCutOff(score.getKey(), round.get(score.getKey())));
                if (row != null && value != null) {
                    row[column] = value.doubleValue();
                }
            }
        }
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
