package org.bansou.churn;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Stores one scoring in one statement: each account's probability and drivers on {@code day}. A second
     * scoring on the same day (a retrain) replaces that day's risk; the model that made it is named.
     */
    int record(LocalDate day, long modelId, int horizonDays, List<Long> accountIds, double[] probabilities,
               List<List<String>> drivers) {
        return jdbc.sql("""
                        INSERT INTO churn_risk (account_id, scored_on, model_id, horizon_days, probability, top_drivers)
                        SELECT r.account_id, :day, :modelId, :horizonDays, r.probability, string_to_array(r.drivers, ',')
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:probabilities AS float8[]), CAST(:drivers AS text[]))
                               AS r (account_id, probability, drivers)
                        ON CONFLICT (account_id, scored_on) DO UPDATE
                           SET model_id = EXCLUDED.model_id,
                               horizon_days = EXCLUDED.horizon_days,
                               probability = EXCLUDED.probability,
                               top_drivers = EXCLUDED.top_drivers
                        """)
                .param("day", day)
                .param("modelId", modelId)
                .param("horizonDays", horizonDays)
                .param("ids", accountIds.toArray(Long[]::new))
                .param("probabilities", Arrays.stream(probabilities).boxed().toArray(Double[]::new))
                .param("drivers", drivers.stream().map(d -> String.join(",", d)).toArray(String[]::new))
                .update();
    }

    /** One line of the risk list: an account's risk from the model's scoring. */
    record RankedRisk(long accountId, String externalId, String accountName, String ownerName, double probability,
                      List<String> topDrivers) {
    }

    record RiskPage(List<RankedRisk> risks, int page, int size, long total) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** The last day a model scored the accounts (the retrain, or a later daily rescoring), if it ever did. */
    Optional<LocalDate> lastScoredOn(long modelId) {
        return jdbc.sql("""
                        SELECT scored_on
                          FROM churn_risk
                         WHERE model_id = :modelId
                         ORDER BY scored_on DESC
                         LIMIT 1
                        """)
                .param("modelId", modelId)
                .query(LocalDate.class)
                .optional();
    }

    /**
     * The accounts a model scored on its last scoring day, riskiest first, optionally only those whose name or
     * id contains {@code search}.
     */
    RiskPage ranked(long modelId, String search, int page, int size) {
        String pattern = search == null || search.isBlank() ? null : "%" + search.strip() + "%";
        long total = jdbc.sql("""
                        SELECT count(*)
                          FROM churn_risk r
                          JOIN account a ON a.id = r.account_id
                         WHERE r.model_id = :modelId
                           AND r.scored_on = (SELECT max(scored_on) FROM churn_risk WHERE model_id = :modelId)
                           AND (CAST(:pattern AS text) IS NULL OR a.name ILIKE :pattern OR a.external_id ILIKE :pattern)
                        """)
                .param("modelId", modelId)
                .param("pattern", pattern)
                .query(Long.class)
                .single();
        List<RankedRisk> risks = jdbc.sql("""
                        SELECT r.account_id, a.external_id, a.name, u.display_name, r.probability, r.top_drivers
                          FROM churn_risk r
                          JOIN account a ON a.id = r.account_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         WHERE r.model_id = :modelId
                           AND r.scored_on = (SELECT max(scored_on) FROM churn_risk WHERE model_id = :modelId)
                           AND (CAST(:pattern AS text) IS NULL OR a.name ILIKE :pattern OR a.external_id ILIKE :pattern)
                         ORDER BY r.probability DESC, a.name, r.account_id
                         LIMIT :size OFFSET :offset
                        """)
                .param("modelId", modelId)
                .param("pattern", pattern)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new RankedRisk(rs.getLong("account_id"), rs.getString("external_id"),
                        rs.getString("name"), rs.getString("display_name"), rs.getDouble("probability"),
                        texts(rs.getArray("top_drivers"))))
                .list();
        return new RiskPage(risks, page, size, total);
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
