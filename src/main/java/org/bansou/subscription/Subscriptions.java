package org.bansou.subscription;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bansou.database.Bulk;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.database.UpsertResult;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code subscription}. */
@Component
public class Subscriptions {

    private static final String SELECT_SUBSCRIPTION = """
            SELECT s.id, s.account_id, s.external_id, s.plan_price_id, p.name AS plan_name,
                   pp.external_id AS price_external_id, pp.price_version, pp.retired_on AS price_retired_on,
                   pp.currency, pp.amount AS unit_amount, pp.billing_interval, pp.interval_count,
                   s.quantity, s.discount_percent, s.discount_amount, s.status, s.started_on, s.ended_on,
                   s.renews_on, s.auto_renew, s.version, s.created_at
              FROM subscription s
              JOIN plan_price pp ON pp.id = s.plan_price_id
              JOIN plan p ON p.id = pp.plan_id
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    Subscriptions(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public List<Subscription> forAccount(long accountId) {
        return jdbc.sql(SELECT_SUBSCRIPTION + """
                         WHERE s.account_id = :accountId
                         ORDER BY s.ended_on NULLS FIRST, s.started_on DESC
                        """)
                .param("accountId", accountId)
                .query(Subscription.class)
                .list();
    }

    /**
     * Current MRR per currency of each of {@code accountIds}, in one statement for a whole list page. The
     * arithmetic is {@link Mrr#of(Subscription)} in SQL: (price × seats less the percent discount, less the
     * fixed discount, never below zero) ÷ months of the billing interval, rounded half up per subscription;
     * only paying subscriptions (active, or cancelled and still running out) count.
     */
    public List<AccountMrr> currentMrrOf(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT s.account_id,
                               pp.currency,
                               CAST(SUM(ROUND(GREATEST(pp.amount * s.quantity * (1 - s.discount_percent / 100)
                                                       - s.discount_amount, 0)
                                              / (CASE pp.billing_interval WHEN 'year' THEN 12 ELSE 1 END
                                                 * pp.interval_count))) AS bigint) AS mrr
                          FROM subscription s
                          JOIN plan_price pp ON pp.id = s.plan_price_id
                         WHERE s.account_id = ANY(:accountIds)
                           AND s.status IN ('active', 'cancelled')
                         GROUP BY s.account_id, pp.currency
                         ORDER BY s.account_id, pp.currency
                        """)
                .param("accountIds", accountIds.toArray(Long[]::new))
                .query(AccountMrr.class)
                .list();
    }

    /**
     * Who owns the account a subscription belongs to, for the csm ownership rule. Read here rather than
     * through the account capability, which itself shows subscriptions on its page.
     */
    public Long ownerOfAccount(long accountId) {
        return jdbc.sql("SELECT owner_user_id FROM account WHERE id = :accountId")
                .param("accountId", accountId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, Long.class)))
                .optional()
                .orElseThrow(() -> new NotFoundException("account", accountId))
                .orElse(null);
    }

    /**
     * Accounts whose first subscription (trial or paid) started on or after {@code since}, with that day: for
     * capabilities that start work when a customer begins, e.g. an onboarding playbook.
     */
    public java.util.Map<Long, java.time.LocalDate> accountsFirstStartedSince(java.time.LocalDate since) {
        java.util.Map<Long, java.time.LocalDate> started = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        SELECT account_id, min(started_on) AS first_started_on
                          FROM subscription
                         GROUP BY account_id
                        HAVING min(started_on) >= :since
                         ORDER BY account_id
                        """)
                .param("since", since)
                .query((rs, n) -> started.put(rs.getLong("account_id"),
                        rs.getObject("first_started_on", java.time.LocalDate.class)))
                .list();
        return started;
    }

    public Optional<Subscription> findById(long id) {
        return jdbc.sql(SELECT_SUBSCRIPTION + " WHERE s.id = :id")
                .param("id", id)
                .query(Subscription.class)
                .optional();
    }

    public Subscription get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }

    public List<String> existingExternalIds(List<String> externalIds) {
        return jdbc.sql("SELECT external_id FROM subscription WHERE external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /** Every subscription in its import-file shape, ordered by external id: what an export writes. */
    public List<SubscriptionRow> allRows() {
        // mapped by hand: the record mapper throws and catches an exception per camelCase field and row
        return jdbc.sql("""
                        SELECT s.external_id, a.external_id AS account_external_id,
                               pp.external_id AS plan_price_external_id, s.quantity, s.discount_percent,
                               s.discount_amount, s.status, s.started_on, s.ended_on, s.renews_on, s.auto_renew
                          FROM subscription s
                          JOIN account a ON a.id = s.account_id
                          JOIN plan_price pp ON pp.id = s.plan_price_id
                         ORDER BY s.external_id
                        """)
                .query((rs, n) -> new SubscriptionRow(
                        rs.getString("external_id"),
                        rs.getString("account_external_id"),
                        rs.getString("plan_price_external_id"),
                        rs.getInt("quantity"),
                        rs.getBigDecimal("discount_percent"),
                        rs.getLong("discount_amount"),
                        rs.getString("status"),
                        rs.getObject("started_on", java.time.LocalDate.class),
                        rs.getObject("ended_on", java.time.LocalDate.class),
                        rs.getObject("renews_on", java.time.LocalDate.class),
                        rs.getBoolean("auto_renew")))
                .list();
    }

    @Transactional
    public UpsertResult upsertAll(List<SubscriptionRow> rows) {
        int existed = existingExternalIds(rows.stream().map(SubscriptionRow::externalId).toList()).size();
        int affected = Bulk.run(batch, """
                INSERT INTO subscription (account_id, external_id, plan_price_id, quantity, discount_percent,
                                          discount_amount, status, started_on, ended_on, renews_on, auto_renew)
                SELECT a.id, :externalId, pp.id, :quantity, :discountPercent, :discountAmount, :status,
                       :startedOn, :endedOn, :renewsOn, :autoRenew
                  FROM account a, plan_price pp
                 WHERE a.external_id = :accountExternalId
                   AND pp.external_id = :planPriceExternalId
                ON CONFLICT (external_id) DO UPDATE
                   SET account_id = EXCLUDED.account_id,
                       plan_price_id = EXCLUDED.plan_price_id,
                       quantity = EXCLUDED.quantity,
                       discount_percent = EXCLUDED.discount_percent,
                       discount_amount = EXCLUDED.discount_amount,
                       status = EXCLUDED.status,
                       started_on = EXCLUDED.started_on,
                       ended_on = EXCLUDED.ended_on,
                       renews_on = EXCLUDED.renews_on,
                       auto_renew = EXCLUDED.auto_renew,
                       version = subscription.version + 1
                 WHERE (subscription.account_id, subscription.plan_price_id, subscription.quantity,
                        subscription.discount_percent, subscription.discount_amount, subscription.status,
                        subscription.started_on, subscription.ended_on, subscription.renews_on,
                        subscription.auto_renew)
                       IS DISTINCT FROM
                       (EXCLUDED.account_id, EXCLUDED.plan_price_id, EXCLUDED.quantity, EXCLUDED.discount_percent,
                        EXCLUDED.discount_amount, EXCLUDED.status, EXCLUDED.started_on, EXCLUDED.ended_on,
                        EXCLUDED.renews_on, EXCLUDED.auto_renew)
                """, rows, row -> new MapSqlParameterSource()
                .addValue("externalId", row.externalId())
                .addValue("accountExternalId", row.accountExternalId())
                .addValue("planPriceExternalId", row.planPriceExternalId())
                .addValue("quantity", row.quantity())
                .addValue("discountPercent", row.discountPercent())
                .addValue("discountAmount", row.discountAmount())
                .addValue("status", row.status())
                .addValue("startedOn", row.startedOn())
                .addValue("endedOn", row.endedOn())
                .addValue("renewsOn", row.renewsOn())
                .addValue("autoRenew", row.autoRenew()));
        return UpsertResult.of(rows.size(), existed, affected);
    }

    /**
     * Puts an account on a plan price. A contract entered by hand has no id in a billing system; it gets a
     * generated external id so imports can still tell it apart.
     */
    @Transactional
    public Subscription create(long accountId, String externalId, SubscriptionTerms terms) {
        long id = jdbc.sql("""
                        INSERT INTO subscription (account_id, external_id, plan_price_id, quantity, discount_percent,
                                                  discount_amount, status, started_on, ended_on, renews_on,
                                                  auto_renew)
                        VALUES (:accountId, COALESCE(:externalId, 'bansou-subscription-' || gen_random_uuid()),
                                :planPriceId, :quantity, :discountPercent, :discountAmount, :status, :startedOn,
                                :endedOn, :renewsOn, :autoRenew)
                        RETURNING id
                        """)
                .param("accountId", accountId)
                .param("externalId", externalId)
                .param("planPriceId", terms.planPriceId())
                .param("quantity", terms.quantity())
                .param("discountPercent", terms.discountPercent())
                .param("discountAmount", terms.discountAmount())
                .param("status", terms.status())
                .param("startedOn", terms.startedOn())
                .param("endedOn", terms.endedOn())
                .param("renewsOn", terms.renewsOn())
                .param("autoRenew", terms.autoRenew())
                .query(Long.class)
                .single();
        return get(id);
    }

    /**
     * The seat history of these accounts: each subscription's quantity from its start, changed on the day each
     * recorded seat change took effect, until the subscription ended (the end date is the first day without
     * service). Usage divides active users by these seats to get utilization.
     */
    public List<SeatPeriod> seatPeriods(Collection<Long> accountIds) {
        return jdbc.sql("""
                        WITH contract AS (
                            SELECT id, account_id, started_on, ended_on, quantity
                              FROM subscription
                             WHERE account_id = ANY(:accountIds)
                        ), step AS (
                            SELECT s.id, s.account_id, s.started_on AS valid_from, s.ended_on, 0 AS change_id,
                                   COALESCE((SELECT c.quantity_after
                                               FROM subscription_change c
                                              WHERE c.subscription_id = s.id
                                                AND c.quantity_after IS NOT NULL
                                                AND c.effective_on <= s.started_on
                                              ORDER BY c.effective_on DESC, c.id DESC
                                              LIMIT 1),
                                            (SELECT c.quantity_before
                                               FROM subscription_change c
                                              WHERE c.subscription_id = s.id
                                                AND c.quantity_before IS NOT NULL
                                                AND c.effective_on > s.started_on
                                              ORDER BY c.effective_on, c.id
                                              LIMIT 1),
                                            s.quantity) AS seats
                              FROM contract s
                            UNION ALL
                            SELECT s.id, s.account_id, c.effective_on, s.ended_on, c.id, c.quantity_after
                              FROM contract s
                              JOIN subscription_change c ON c.subscription_id = s.id
                             WHERE c.quantity_after IS NOT NULL
                               AND c.effective_on > s.started_on
                               AND (s.ended_on IS NULL OR c.effective_on < s.ended_on)
                        ), last_step_of_day AS (
                            SELECT DISTINCT ON (id, valid_from) id, account_id, valid_from, ended_on, seats
                              FROM step
                             ORDER BY id, valid_from, change_id DESC
                        )
                        SELECT account_id, valid_from,
                               COALESCE(LEAD(valid_from) OVER (PARTITION BY id ORDER BY valid_from), ended_on)
                                   AS valid_until,
                               seats
                          FROM last_step_of_day
                         WHERE ended_on IS NULL OR valid_from < ended_on
                         ORDER BY account_id, valid_from
                        """)
                .param("accountIds", accountIds.toArray(Long[]::new))
                .query(SeatPeriod.class)
                .list();
    }

    /** Saves edited terms; refused if someone saved since {@code expectedVersion}. */
    @Transactional
    public Subscription update(long id, int expectedVersion, SubscriptionTerms terms) {
        int updated = jdbc.sql("""
                        UPDATE subscription
                           SET plan_price_id = :planPriceId,
                               quantity = :quantity,
                               discount_percent = :discountPercent,
                               discount_amount = :discountAmount,
                               status = :status,
                               started_on = :startedOn,
                               ended_on = :endedOn,
                               renews_on = :renewsOn,
                               auto_renew = :autoRenew,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("planPriceId", terms.planPriceId())
                .param("quantity", terms.quantity())
                .param("discountPercent", terms.discountPercent())
                .param("discountAmount", terms.discountAmount())
                .param("status", terms.status())
                .param("startedOn", terms.startedOn())
                .param("endedOn", terms.endedOn())
                .param("renewsOn", terms.renewsOn())
                .param("autoRenew", terms.autoRenew())
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("subscription", id, expectedVersion, get(id).version());
        }
        return get(id);
    }
}
