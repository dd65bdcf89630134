package org.bansou.churn;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What other capabilities may ask of churn: each account's latest churn risk (the renewal pipeline shows it). */
@Component
public class ChurnRisks {

    private final JdbcClient jdbc;

    ChurnRisks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest risk of each of these accounts; accounts never scored are absent. */
    public Map<Long, AccountRisk> latest(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT DISTINCT ON (r.account_id)
                               r.account_id, r.scored_on, r.probability, r.horizon_days, r.model_id, r.top_drivers
                          FROM churn_risk r
                         WHERE r.account_id = ANY(:ids)
                         ORDER BY r.account_id, r.scored_on DESC
                        """)
                .param("ids", accountIds.toArray(Long[]::new))
                .query((rs, n) -> new AccountRisk(rs.getLong("account_id"),
                        rs.getObject("scored_on", LocalDate.class), rs.getDouble("probability"),
                        rs.getInt("horizon_days"), rs.getLong("model_id"), texts(rs.getArray("top_drivers"))))
                .list()
                .stream()
                .collect(Collectors.toMap(AccountRisk::accountId, Function.identity()));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
