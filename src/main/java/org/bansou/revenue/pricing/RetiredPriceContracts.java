package org.bansou.revenue.pricing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which contracts a price revision left behind: live subscriptions whose price version or plan is retired.
 * A query over the catalog and the subscriptions, never a flag someone must remember to set (STYLE.md).
 */
@Component
public class RetiredPriceContracts {

    private final JdbcClient jdbc;
    private final Clock clock;

    RetiredPriceContracts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Still on a retired price today, soonest renewal first (the next chance to move them). */
    public List<RetiredPriceContract> stillOnRetiredPrices() {
        return stillOnRetiredPrices(null);
    }

    public List<RetiredPriceContract> stillOnRetiredPrices(Long planPriceId) {
        return jdbc.sql("""
                        SELECT s.id AS subscription_id, s.external_id AS subscription_external_id, s.account_id,
                               a.name AS account_name, u.display_name AS owner_name, p.name AS plan_name,
                               pp.id AS plan_price_id, pp.external_id AS price_external_id, pp.price_version,
                               pp.retired_on AS price_retired_on, p.retired_on AS plan_retired_on, pp.currency,
                               COALESCE(now_paying.mrr_after, 0) AS mrr, s.renews_on
                          FROM subscription s
                          JOIN plan_price pp ON pp.id = s.plan_price_id
                          JOIN plan p ON p.id = pp.plan_id
                          JOIN account a ON a.id = s.account_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                          LEFT JOIN LATERAL (SELECT c.mrr_after
                                               FROM subscription_change c
                                              WHERE c.subscription_id = s.id
                                                AND c.effective_on <= :today
                                              ORDER BY c.effective_on DESC, c.id DESC
                                              LIMIT 1) now_paying ON true
                         WHERE (pp.retired_on <= :today OR p.retired_on <= :today)
                           AND s.status <> 'ended'
                           AND (s.ended_on IS NULL OR s.ended_on > :today)
                           AND (CAST(:priceId AS bigint) IS NULL OR pp.id = :priceId)
                         ORDER BY s.renews_on NULLS LAST, a.name, s.id
                        """)
                .param("today", LocalDate.now(clock))
                .param("priceId", planPriceId)
                .query(RetiredPriceContract.class)
                .list();
    }
}
