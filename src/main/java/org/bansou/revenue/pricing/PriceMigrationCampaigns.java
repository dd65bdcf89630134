package org.bansou.revenue.pricing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.revenue.InvalidRevenueInput;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code price_migration_campaign} and {@code price_migration_target}: choose a retired price and
 * its successor, see what moving each customer would do to MRR, record each decision, follow the progress.
 */
@Component
public class PriceMigrationCampaigns {

    public static final List<String> STATUSES = List.of("pending", "migrated", "declined");

    // Mrr.of in SQL: (price × seats, less the discount) ÷ months of the successor's billing period
    private static final String CONTRACTS_ON_PRICE = """
            SELECT s.id AS subscription_id, s.external_id AS subscription_external_id, s.account_id,
                   a.name AS account_name, u.display_name AS owner_name, to_price.currency,
                   COALESCE(now_paying.mrr_after, 0) AS mrr_before,
                   ROUND(GREATEST(to_price.amount * s.quantity * (1 - ROUND(s.discount_percent / 100, 6))
                                  - s.discount_amount, 0)
                         / ((CASE to_price.billing_interval WHEN 'year' THEN 12 ELSE 1 END) * to_price.interval_count)
                   )::bigint AS mrr_after,
                   s.renews_on
              FROM subscription s
              JOIN plan_price to_price ON to_price.id = :toPriceId
              JOIN account a ON a.id = s.account_id
              LEFT JOIN app_user u ON u.id = a.owner_user_id
              LEFT JOIN LATERAL (SELECT c.mrr_after
                                   FROM subscription_change c
                                  WHERE c.subscription_id = s.id
                                    AND c.effective_on <= :today
                                  ORDER BY c.effective_on DESC, c.id DESC
                                  LIMIT 1) now_paying ON true
             WHERE s.plan_price_id = :fromPriceId
               AND s.status <> 'ended'
               AND (s.ended_on IS NULL OR s.ended_on > :today)
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessRules access;
    private final AuditLog audit;

    PriceMigrationCampaigns(JdbcClient jdbc, Clock clock, AccessRules access, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.access = access;
        this.audit = audit;
    }

    /** What moving every contract on {@code fromPriceId} to {@code toPriceId} would do, before anything is saved. */
    public List<CampaignTarget> preview(long fromPriceId, long toPriceId) {
        checkPrices(fromPriceId, toPriceId);
        return jdbc.sql("SELECT t.*, 'pending' AS status, NULL AS note, NULL::timestamptz AS decided_at, "
                        + "NULL AS decided_by, 0 AS version, false AS on_successor_now FROM ("
                        + CONTRACTS_ON_PRICE + ") t ORDER BY t.renews_on NULLS LAST, t.account_name")
                .param("fromPriceId", fromPriceId)
                .param("toPriceId", toPriceId)
                .param("today", LocalDate.now(clock))
                .query(CampaignTarget.class)
                .list();
    }

    /** Opens a campaign with every live contract on the retired price as a pending target. */
    @Transactional
    public Campaign open(String name, Long fromPriceId, Long toPriceId) {
        access.require(Role.MANAGER);
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", "is required");
        }
        if (fromPriceId == null) {
            errors.put("fromPlanPriceId", "is required: the retired price to move customers from");
        }
        if (toPriceId == null) {
            errors.put("toPlanPriceId", "is required: the successor price");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRevenueInput(errors);
        }
        checkPrices(fromPriceId, toPriceId);
        long id = jdbc.sql("""
                        INSERT INTO price_migration_campaign (name, from_plan_price_id, to_plan_price_id, created_by)
                        VALUES (:name, :from, :to, :by)
                        RETURNING id
                        """)
                .param("name", name.trim())
                .param("from", fromPriceId)
                .param("to", toPriceId)
                .param("by", access.actor().name())
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO price_migration_target (campaign_id, subscription_id, account_id, currency, mrr_before,
                                                            mrr_after)
                        SELECT :campaignId, t.subscription_id, t.account_id, t.currency, t.mrr_before, t.mrr_after
                          FROM (""" + CONTRACTS_ON_PRICE + ") t")
                .param("campaignId", id)
                .param("fromPriceId", fromPriceId)
                .param("toPriceId", toPriceId)
                .param("today", LocalDate.now(clock))
                .update();
        audit.record("open", "price_migration_campaign", id, null, Map.of("from", fromPriceId, "to", toPriceId));
        return get(id);
    }

    private void checkPrices(long fromPriceId, long toPriceId) {
        record PriceState(long id, String currency, boolean retired) {
        }
        LocalDate today = LocalDate.now(clock);
        List<PriceState> found = jdbc.sql("""
                        SELECT pp.id, pp.currency,
                               (pp.retired_on <= :today OR p.retired_on <= :today) IS TRUE AS retired
                          FROM plan_price pp
                          JOIN plan p ON p.id = pp.plan_id
                         WHERE pp.id IN (:from, :to)
                        """)
                .param("today", today)
                .param("from", fromPriceId)
                .param("to", toPriceId)
                .query(PriceState.class)
                .list();
        PriceState from = found.stream().filter(p -> p.id() == fromPriceId).findFirst()
                .orElseThrow(() -> InvalidRevenueInput.of("fromPlanPriceId", "no price " + fromPriceId));
        PriceState to = found.stream().filter(p -> p.id() == toPriceId).findFirst()
                .orElseThrow(() -> InvalidRevenueInput.of("toPlanPriceId", "no price " + toPriceId));
        if (fromPriceId == toPriceId) {
            throw InvalidRevenueInput.of("toPlanPriceId", "must differ from the retired price");
        }
        if (!from.retired()) {
            throw InvalidRevenueInput.of("fromPlanPriceId", "price " + fromPriceId + " is not retired");
        }
        if (to.retired()) {
            throw InvalidRevenueInput.of("toPlanPriceId", "price " + toPriceId + " is retired itself");
        }
        if (!from.currency().equals(to.currency())) {
            throw InvalidRevenueInput.of("toPlanPriceId", "is in " + to.currency() + ", the retired price in "
                    + from.currency() + ": a successor keeps the currency");
        }
    }

    public List<Campaign> all() {
        return jdbc.sql(SELECT_CAMPAIGN + " GROUP BY c.id, fp.external_id, tp.external_id, tp.currency ORDER BY c.created_at DESC, c.id DESC")
                .query(Campaign.class)
                .list();
    }

    public Campaign get(long id) {
        return jdbc.sql(SELECT_CAMPAIGN + " WHERE c.id = :id GROUP BY c.id, fp.external_id, tp.external_id, tp.currency")
                .param("id", id)
                .query(Campaign.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("price migration campaign", id));
    }

    private static final String SELECT_CAMPAIGN = """
            SELECT c.id, c.name, c.from_plan_price_id, fp.external_id AS from_price, c.to_plan_price_id,
                   tp.external_id AS to_price, tp.currency, c.status, c.created_by, c.created_at,
                   count(t.subscription_id) AS targets,
                   count(t.subscription_id) FILTER (WHERE t.status = 'pending') AS pending,
                   count(t.subscription_id) FILTER (WHERE t.status = 'migrated') AS migrated,
                   count(t.subscription_id) FILTER (WHERE t.status = 'declined') AS declined,
                   COALESCE(SUM(t.mrr_before), 0) AS mrr_before,
                   COALESCE(SUM(t.mrr_after - t.mrr_before), 0) AS mrr_change_if_all_migrate,
                   COALESCE(SUM(t.mrr_after - t.mrr_before) FILTER (WHERE t.status = 'migrated'), 0) AS realized_mrr_change,
                   COALESCE(SUM(t.mrr_after - t.mrr_before) FILTER (WHERE t.status = 'pending'), 0) AS pending_mrr_change,
                   COALESCE(SUM(t.mrr_after - t.mrr_before) FILTER (WHERE t.status = 'declined'), 0) AS declined_mrr_change
              FROM price_migration_campaign c
              JOIN plan_price fp ON fp.id = c.from_plan_price_id
              JOIN plan_price tp ON tp.id = c.to_plan_price_id
              LEFT JOIN price_migration_target t ON t.campaign_id = c.id
            """;

    public List<CampaignTarget> targets(long campaignId) {
        get(campaignId);
        return jdbc.sql("""
                        SELECT t.subscription_id, s.external_id AS subscription_external_id, t.account_id,
                               a.name AS account_name, u.display_name AS owner_name, t.currency, t.mrr_before,
                               t.mrr_after, s.renews_on, t.status, t.note, t.decided_at, t.decided_by, t.version,
                               s.plan_price_id = c.to_plan_price_id AS on_successor_now
                          FROM price_migration_target t
                          JOIN price_migration_campaign c ON c.id = t.campaign_id
                          JOIN subscription s ON s.id = t.subscription_id
                          JOIN account a ON a.id = t.account_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         WHERE t.campaign_id = :id
                         ORDER BY t.status = 'pending' DESC, s.renews_on NULLS LAST, a.name
                        """)
                .param("id", campaignId)
                .query(CampaignTarget.class)
                .list();
    }

    /** Records the decision for one contract; refused if someone decided since {@code expectedVersion}. */
    @Transactional
    public void decide(long campaignId, long subscriptionId, String status, String note, int expectedVersion) {
        access.require(Role.MANAGER);
        if (status == null || !STATUSES.contains(status)) {
            throw InvalidRevenueInput.of("status", "'" + status + "' is not one of pending, migrated, declined");
        }
        Campaign campaign = get(campaignId);
        if (!"open".equals(campaign.status())) {
            throw InvalidRevenueInput.of("campaign", "campaign " + campaignId + " is closed");
        }
        int updated = jdbc.sql("""
                        UPDATE price_migration_target
                           SET status = :status,
                               note = :note,
                               decided_at = CASE WHEN :status = 'pending' THEN NULL ELSE now() END,
                               decided_by = CASE WHEN :status = 'pending' THEN NULL ELSE :by END,
                               version = version + 1
                         WHERE campaign_id = :campaignId
                           AND subscription_id = :subscriptionId
                           AND version = :version
                        """)
                .param("status", status)
                .param("note", note == null || note.isBlank() ? null : note.trim())
                .param("by", access.actor().name())
                .param("campaignId", campaignId)
                .param("subscriptionId", subscriptionId)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            boolean exists = jdbc.sql("""
                            SELECT EXISTS (SELECT 1 FROM price_migration_target
                                            WHERE campaign_id = :campaignId AND subscription_id = :subscriptionId)
                            """)
                    .param("campaignId", campaignId)
                    .param("subscriptionId", subscriptionId)
                    .query(Boolean.class)
                    .single();
            if (!exists) {
                throw new NotFoundException("campaign target subscription", subscriptionId);
            }
            throw new StaleVersionException("campaign target", subscriptionId, expectedVersion);
        }
        Long accountId = jdbc.sql("SELECT account_id FROM subscription WHERE id = :id").param("id", subscriptionId)
                .query(Long.class).single();
        audit.record("decide", "price_migration_target", campaignId + "/" + subscriptionId, accountId,
                Map.of("status", status));
    }

    @Transactional
    public void close(long campaignId) {
        access.require(Role.MANAGER);
        get(campaignId);
        jdbc.sql("UPDATE price_migration_campaign SET status = 'closed' WHERE id = :id").param("id", campaignId).update();
        audit.record("close", "price_migration_campaign", campaignId, null, Map.of());
    }
}
