package org.bansou.subscription;

import java.time.LocalDate;
import java.util.List;

import org.bansou.database.Bulk;
import org.bansou.database.UpsertResult;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code subscription_change}: the contract history, appended by date. */
@Component
public class SubscriptionChanges {

    /** One change to append, with what the subscription paid per month before and after it. */
    public record NewChange(long subscriptionId, String externalId, LocalDate effectiveOn, String kind,
                            Long fromPlanPriceId, Long toPlanPriceId, Integer quantityBefore, Integer quantityAfter,
                            String currency, long mrrBefore, long mrrAfter, String reason) {
    }

    private static final String SELECT_CHANGE = """
            SELECT id, subscription_id, account_id, external_id, effective_on, kind, from_plan_price_id,
                   to_plan_price_id, quantity_before, quantity_after, currency, mrr_before, mrr_after, reason,
                   recorded_at
              FROM subscription_change
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    SubscriptionChanges(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public List<SubscriptionChange> forAccount(long accountId) {
        return jdbc.sql(SELECT_CHANGE + " WHERE account_id = :accountId ORDER BY effective_on DESC, id DESC")
                .param("accountId", accountId)
                .query(SubscriptionChange.class)
                .list();
    }

    public List<SubscriptionChange> forSubscription(long subscriptionId) {
        return jdbc.sql(SELECT_CHANGE + " WHERE subscription_id = :id ORDER BY effective_on, id")
                .param("id", subscriptionId)
                .query(SubscriptionChange.class)
                .list();
    }

    /**
     * Appends one change to a subscription's history; the account is the subscription's. A change entered by
     * hand gets a generated external id.
     */
    public SubscriptionChange append(NewChange change) {
        return jdbc.sql("""
                        INSERT INTO subscription_change (subscription_id, account_id, external_id, effective_on, kind,
                                                         from_plan_price_id, to_plan_price_id, quantity_before,
                                                         quantity_after, currency, mrr_before, mrr_after, reason)
                        SELECT s.id, s.account_id, COALESCE(:externalId, 'bansou-change-' || gen_random_uuid()),
                               :effectiveOn, :kind, :fromPlanPriceId, :toPlanPriceId, :quantityBefore,
                               :quantityAfter, :currency, :mrrBefore, :mrrAfter, :reason
                          FROM subscription s
                         WHERE s.id = :subscriptionId
                        RETURNING id, subscription_id, account_id, external_id, effective_on, kind,
                                  from_plan_price_id, to_plan_price_id, quantity_before, quantity_after, currency,
                                  mrr_before, mrr_after, reason, recorded_at
                        """)
                .param("subscriptionId", change.subscriptionId())
                .param("externalId", change.externalId())
                .param("effectiveOn", change.effectiveOn())
                .param("kind", change.kind())
                .param("fromPlanPriceId", change.fromPlanPriceId())
                .param("toPlanPriceId", change.toPlanPriceId())
                .param("quantityBefore", change.quantityBefore())
                .param("quantityAfter", change.quantityAfter())
                .param("currency", change.currency())
                .param("mrrBefore", change.mrrBefore())
                .param("mrrAfter", change.mrrAfter())
                .param("reason", change.reason())
                .query(SubscriptionChange.class)
                .single();
    }

    public List<String> existingExternalIds(List<String> externalIds) {
        return jdbc.sql("SELECT external_id FROM subscription_change WHERE external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /** The whole contract history in its import-file shape, ordered by external id: what an export writes. */
    public List<SubscriptionChangeRow> allRows() {
        // mapped by hand: the record mapper throws and catches an exception per camelCase field and row
        return jdbc.sql("""
                        SELECT sc.external_id, s.external_id AS subscription_external_id, sc.effective_on, sc.kind,
                               fp.external_id AS from_plan_price_external_id,
                               tp.external_id AS to_plan_price_external_id,
                               sc.quantity_before, sc.quantity_after, sc.currency, sc.mrr_before, sc.mrr_after,
                               sc.reason
                          FROM subscription_change sc
                          JOIN subscription s ON s.id = sc.subscription_id
                          LEFT JOIN plan_price fp ON fp.id = sc.from_plan_price_id
                          LEFT JOIN plan_price tp ON tp.id = sc.to_plan_price_id
                         ORDER BY sc.external_id
                        """)
                .query((rs, n) -> new SubscriptionChangeRow(
                        rs.getString("external_id"),
                        rs.getString("subscription_external_id"),
                        rs.getObject("effective_on", java.time.LocalDate.class),
                        rs.getString("kind"),
                        rs.getString("from_plan_price_external_id"),
                        rs.getString("to_plan_price_external_id"),
                        rs.getObject("quantity_before", Integer.class),
                        rs.getObject("quantity_after", Integer.class),
                        rs.getString("currency"),
                        rs.getLong("mrr_before"),
                        rs.getLong("mrr_after"),
                        rs.getString("reason")))
                .list();
    }

    /**
     * Adds history rows by external id. A row already stored with other values is corrected in place: an
     * import is the source system's record of the same fact, not a new change.
     */
    @Transactional
    public UpsertResult upsertAll(List<SubscriptionChangeRow> rows) {
        int existed = existingExternalIds(rows.stream().map(SubscriptionChangeRow::externalId).toList()).size();
        int affected = Bulk.run(batch, """
                INSERT INTO subscription_change (subscription_id, account_id, external_id, effective_on, kind,
                                                 from_plan_price_id, to_plan_price_id, quantity_before,
                                                 quantity_after, currency, mrr_before, mrr_after, reason)
                SELECT s.id, s.account_id, :externalId, :effectiveOn, :kind,
                       (SELECT id FROM plan_price WHERE external_id = :fromPrice),
                       (SELECT id FROM plan_price WHERE external_id = :toPrice),
                       :quantityBefore, :quantityAfter, :currency, :mrrBefore, :mrrAfter, :reason
                  FROM subscription s
                 WHERE s.external_id = :subscriptionExternalId
                ON CONFLICT (external_id) DO UPDATE
                   SET subscription_id = EXCLUDED.subscription_id,
                       account_id = EXCLUDED.account_id,
                       effective_on = EXCLUDED.effective_on,
                       kind = EXCLUDED.kind,
                       from_plan_price_id = EXCLUDED.from_plan_price_id,
                       to_plan_price_id = EXCLUDED.to_plan_price_id,
                       quantity_before = EXCLUDED.quantity_before,
                       quantity_after = EXCLUDED.quantity_after,
                       currency = EXCLUDED.currency,
                       mrr_before = EXCLUDED.mrr_before,
                       mrr_after = EXCLUDED.mrr_after,
                       reason = EXCLUDED.reason
                 WHERE (subscription_change.subscription_id, subscription_change.effective_on,
                        subscription_change.kind, subscription_change.from_plan_price_id,
                        subscription_change.to_plan_price_id, subscription_change.quantity_before,
                        subscription_change.quantity_after, subscription_change.currency,
                        subscription_change.mrr_before, subscription_change.mrr_after, subscription_change.reason)
                       IS DISTINCT FROM
                       (EXCLUDED.subscription_id, EXCLUDED.effective_on, EXCLUDED.kind,
                        EXCLUDED.from_plan_price_id, EXCLUDED.to_plan_price_id, EXCLUDED.quantity_before,
                        EXCLUDED.quantity_after, EXCLUDED.currency, EXCLUDED.mrr_before, EXCLUDED.mrr_after,
                        EXCLUDED.reason)
                """, rows, row -> new MapSqlParameterSource()
                .addValue("externalId", row.externalId())
                .addValue("subscriptionExternalId", row.subscriptionExternalId())
                .addValue("effectiveOn", row.effectiveOn())
                .addValue("kind", row.kind())
                .addValue("fromPrice", row.fromPlanPriceExternalId())
                .addValue("toPrice", row.toPlanPriceExternalId())
                .addValue("quantityBefore", row.quantityBefore())
                .addValue("quantityAfter", row.quantityAfter())
                .addValue("currency", row.currency())
                .addValue("mrrBefore", row.mrrBefore())
                .addValue("mrrAfter", row.mrrAfter())
                .addValue("reason", row.reason()));
        return UpsertResult.of(rows.size(), existed, affected);
    }
}
