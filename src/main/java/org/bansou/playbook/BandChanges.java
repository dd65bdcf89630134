package org.bansou.playbook;

import org.bansou.health.HealthBandChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Owns table {@code playbook_band_change}: the health band changes health announced, kept so that a rule's
 * one statement can ask which accounts' band changed to poor and whether it improved after a rule fired.
 */
@Component
class BandChanges {

    private final JdbcClient jdbc;

    BandChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // after health's scoring commits; also when it is published outside a transaction (a rescoring by hand)
    @TransactionalEventListener(fallbackExecution = true)
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    void on(HealthBandChanged changed) {
        record(changed);
    }

    void record(HealthBandChanged changed) {
        jdbc.sql("""
                        INSERT INTO playbook_band_change (account_id, day, from_band, to_band)
                        VALUES (:accountId, :day, :from, :to)
                        ON CONFLICT DO NOTHING
                        """)
                .param("accountId", changed.accountId())
                .param("day", changed.day())
                .param("from", changed.from() == null ? null : changed.from().code())
                .param("to", changed.to().code())
                .update();
    }
}
