package org.bansou.revenue.pricing;

import java.util.List;
import java.util.Map;

import org.bansou.database.NotFoundException;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns table {@code retired_price_sale}: new contracts on a retired price, flagged by the database the moment
 * they are saved (by any writer: import, API, UI), until a manager acknowledges them.
 */
@Component
public class RetiredPriceSales {

    private final JdbcClient jdbc;
    private final AccessRules access;
    private final AuditLog audit;

    RetiredPriceSales(JdbcClient jdbc, AccessRules access, AuditLog audit) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
    }

    public List<RetiredPriceSale> flagged(boolean includeAcknowledged) {
        return jdbc.sql("""
                        SELECT f.subscription_id, s.external_id AS subscription_external_id, f.account_id,
                               a.name AS account_name, f.plan_price_id, pp.external_id AS price_external_id,
                               f.started_on, f.retired_on, f.flagged_at, f.acknowledged_at, f.acknowledged_by
                          FROM retired_price_sale f
                          JOIN subscription s ON s.id = f.subscription_id
                          JOIN account a ON a.id = f.account_id
                          JOIN plan_price pp ON pp.id = f.plan_price_id
                         WHERE :all OR f.acknowledged_at IS NULL
                         ORDER BY f.flagged_at DESC, f.subscription_id
                        """)
                .param("all", includeAcknowledged)
                .query(RetiredPriceSale.class)
                .list();
    }

    public long openCount() {
        return jdbc.sql("SELECT count(*) FROM retired_price_sale WHERE acknowledged_at IS NULL").query(Long.class).single();
    }

    /** A manager has seen the flag (e.g. the old price was agreed on purpose); the flag stays, marked as seen. */
    @Transactional
    public void acknowledge(long subscriptionId) {
        access.require(Role.MANAGER);
        int updated = jdbc.sql("""
                        UPDATE retired_price_sale
                           SET acknowledged_at = now(),
                               acknowledged_by = :by
                         WHERE subscription_id = :id
                           AND acknowledged_at IS NULL
                        """)
                .param("by", access.actor().name())
                .param("id", subscriptionId)
                .update();
        if (updated == 0) {
            throw new NotFoundException("open retired-price flag of subscription", subscriptionId);
        }
        audit.record("acknowledge", "retired_price_sale", subscriptionId, null, Map.of());
    }
}
