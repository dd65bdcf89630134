package org.bansou.success;

import java.math.BigDecimal;
import java.util.Optional;

import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code value_formula}: at most one formula per account, edited with its version. */
@Component
public class ValueFormulas {

    private final JdbcClient jdbc;

    ValueFormulas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ValueFormula> forAccount(long accountId) {
        return jdbc.sql("""
                        SELECT account_id, event, minutes_per_event, hourly_cost, currency, version, set_by, set_at
                          FROM value_formula
                         WHERE account_id = :accountId
                        """)
                .param("accountId", accountId)
                .query(ValueFormula.class)
                .optional();
    }

    /**
     * Sets the account's formula: a first one is sent with version 0 and stored as version 1, so a second
     * "first" formula from someone who did not see the first is refused rather than overwriting it.
     */
    @Transactional
    public ValueFormula set(long accountId, int expectedVersion, String event, BigDecimal minutesPerEvent,
                            long hourlyCost, String currency, String by) {
        int saved = jdbc.sql("""
                        INSERT INTO value_formula (account_id, event, minutes_per_event, hourly_cost, currency,
                                                   version, set_by)
                        SELECT :accountId, :event, :minutes, :hourlyCost, :currency, 1, :by
                         WHERE CAST(:version AS integer) = 0
                        ON CONFLICT (account_id) DO NOTHING
                        """)
                .param("accountId", accountId).param("event", event).param("minutes", minutesPerEvent)
                .param("hourlyCost", hourlyCost).param("currency", currency).param("by", by)
                .param("version", expectedVersion)
                .update();
        if (saved == 0) {
            saved = jdbc.sql("""
                            UPDATE value_formula
                               SET event = :event,
                                   minutes_per_event = :minutes,
                                   hourly_cost = :hourlyCost,
                                   currency = :currency,
                                   version = version + 1,
                                   set_by = :by,
                                   set_at = now()
                             WHERE account_id = :accountId
                               AND version = :version
                            """)
                    .param("accountId", accountId).param("event", event).param("minutes", minutesPerEvent)
                    .param("hourlyCost", hourlyCost).param("currency", currency).param("by", by)
                    .param("version", expectedVersion)
                    .update();
        }
        if (saved == 0) {
            throw new StaleVersionException("value formula", accountId, expectedVersion,
                    forAccount(accountId).map(ValueFormula::version).orElse(null));
        }
        return forAccount(accountId).orElseThrow();
    }
}
