package org.bansou.effort;

import org.bansou.database.StaleVersionException;
import org.bansou.web.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code effort_capacity_target}: the workspace's one capacity target. */
@Component
public class CapacityTargets {

    private final JdbcClient jdbc;

    CapacityTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CapacityTarget current() {
        return jdbc.sql("""
                        SELECT high_accounts, low_accounts, tech_accounts, mrr_per_csm, currency, version
                          FROM effort_capacity_target
                         WHERE id = 1
                        """)
                .query(CapacityTarget.class)
                .optional()
                .orElse(DEFAULT);
    }

    /** The target a workspace starts with, as the migration sets it. */
    static final CapacityTarget DEFAULT = new CapacityTarget(30, 150, 1000, 5_000_000, "JPY", 0);

    /** Saves a new target; refused if someone saved since {@code expectedVersion}. */
    public CapacityTarget save(CapacityTarget wanted, int expectedVersion, String by) {
        if (wanted.highAccounts() <= 0) {
            throw new InvalidFieldException("highAccounts", "must be at least 1");
        }
        if (wanted.lowAccounts() <= 0) {
            throw new InvalidFieldException("lowAccounts", "must be at least 1");
        }
        if (wanted.techAccounts() <= 0) {
            throw new InvalidFieldException("techAccounts", "must be at least 1");
        }
        if (wanted.mrrPerCsm() <= 0) {
            throw new InvalidFieldException("mrrPerCsm", "must be more than 0 (minor units)");
        }
        if (wanted.currency() == null || !wanted.currency().matches("^[A-Z]{3}$")) {
            throw new InvalidFieldException("currency", "must be an ISO 4217 code such as JPY");
        }
        int updated = jdbc.sql("""
                        UPDATE effort_capacity_target
                           SET high_accounts = :high,
                               low_accounts = :low,
                               tech_accounts = :tech,
                               mrr_per_csm = :mrr,
                               currency = :currency,
                               version = version + 1,
                               updated_by = :by,
                               updated_at = now()
                         WHERE id = 1
                           AND version = :version
                        """)
                .param("high", wanted.highAccounts())
                .param("low", wanted.lowAccounts())
                .param("tech", wanted.techAccounts())
                .param("mrr", wanted.mrrPerCsm())
                .param("currency", wanted.currency())
                .param("by", by)
                .param("version", expectedVersion)
                .update();
        if (updated == 0 && expectedVersion == 0) {
            // no row yet: the first save of a workspace whose target was never set
            updated = jdbc.sql("""
                            INSERT INTO effort_capacity_target (id, high_accounts, low_accounts, tech_accounts,
                                                                mrr_per_csm, currency, version, updated_by)
                            VALUES (1, :high, :low, :tech, :mrr, :currency, 1, :by)
                            ON CONFLICT (id) DO NOTHING
                            """)
                    .param("high", wanted.highAccounts())
                    .param("low", wanted.lowAccounts())
                    .param("tech", wanted.techAccounts())
                    .param("mrr", wanted.mrrPerCsm())
                    .param("currency", wanted.currency())
                    .param("by", by)
                    .update();
        }
        if (updated == 0) {
            throw new StaleVersionException("effort_capacity_target", 1, expectedVersion, current().version());
        }
        return current();
    }
}
