package org.bansou.playbook;

import java.util.List;

import org.bansou.health.HealthBand;
import org.bansou.health.HealthBandChanged;
import org.bansou.health.HealthBandsChangedInBulk;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Owns table {@code playbook_band_change}: the health band changes health announced, kept so that a rule's
 * one statement can ask which accounts' band changed to poor and whether it improved after a rule fired.
 * <p>
 * Kept are the changes those questions can see: every move from one band to another, and a first score that is
 * poor. An account's first score in another band answers neither (its band was never poor before it), and on a
 * first run over a million accounts those are most of the changes.
 */
@Component
class BandChanges {

    private static final String RECORD = """
            INSERT INTO playbook_band_change (account_id, day, from_band, to_band)
            SELECT *
              FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS date[]), CAST(:fromBands AS text[]),
                          CAST(:toBands AS text[]))
            ON CONFLICT DO NOTHING
            """;

    private final JdbcClient jdbc;

    BandChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // after health's scoring commits; also when it is published outside a transaction (a rescoring by hand)
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(HealthBandChanged changed) {
        record(changed);
    }

    // a part of a day that changed too many bands to announce one by one: kept in one statement
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(HealthBandsChangedInBulk changed) {
        recordAll(changed.changes());
    }

    void record(HealthBandChanged changed) {
        recordAll(List.of(changed));
    }

    // one statement: health announces at most HealthBandsChangedInBulk.PART changes at a time
    void recordAll(List<HealthBandChanged> announced) {
        List<HealthBandChanged> changes = announced.stream()
                .filter(change -> change.from() != null || change.to() == HealthBand.POOR)
                .toList();
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql(RECORD)
                .param("accountIds", changes.stream().mapToLong(HealthBandChanged::accountId).boxed()
                        .toArray(Long[]::new))
                .param("days", changes.stream().map(c -> c.day().toString()).toArray(String[]::new))
                .param("fromBands", changes.stream().map(c -> c.from() == null ? null : c.from().code())
                        .toArray(String[]::new))
                .param("toBands", changes.stream().map(c -> c.to().code()).toArray(String[]::new))
                .update();
    }
}
