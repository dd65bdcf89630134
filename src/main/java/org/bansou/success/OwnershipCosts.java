package org.bansou.success;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns table {@code ownership_cost}, appended: the onboarding effort is entered here per account (the effort
 * capability's minutes are not read), and a new running cost replaces the earlier one from its day on.
 */
@Component
public class OwnershipCosts {

    private final JdbcClient jdbc;

    OwnershipCosts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OwnershipCost append(long accountId, String kind, long amount, String currency, String note,
                                LocalDate recordedOn, String by) {
        return jdbc.sql("""
                        INSERT INTO ownership_cost (account_id, kind, amount, currency, note, recorded_on, recorded_by)
                        VALUES (:accountId, :kind, :amount, :currency, :note, :recordedOn, :by)
                        RETURNING id, account_id, kind, amount, currency, note, recorded_on, recorded_by, recorded_at
                        """)
                .param("accountId", accountId).param("kind", kind).param("amount", amount)
                .param("currency", currency).param("note", note).param("recordedOn", recordedOn).param("by", by)
                .query(OwnershipCost.class)
                .single();
    }

    public List<OwnershipCost> forAccount(long accountId) {
        return jdbc.sql("""
                        SELECT id, account_id, kind, amount, currency, note, recorded_on, recorded_by, recorded_at
                          FROM ownership_cost
                         WHERE account_id = :accountId
                         ORDER BY recorded_on, id
                        """)
                .param("accountId", accountId)
                .query(OwnershipCost.class)
                .list();
    }
}
