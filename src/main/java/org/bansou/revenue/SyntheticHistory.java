package org.bansou.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A synthetic company's subscription history for the MRR benchmark and the identity tests: plans with
 * monthly, yearly and dollar prices, two subscriptions per account on average, trials, seat changes,
 * upgrades, cancellations and returns over {@code months} months.
 * <p>
 * Written with set-based SQL straight into the history tables: a million contracts through the import path
 * would measure the import (which has its own benchmark), not the revenue engine.
 */
@Component
class SyntheticHistory {

    static final List<String> INDUSTRIES = List.of("医療", "製造", "小売", "IT", "建設", "教育", "物流", "金融");
    static final List<String> BANDS = List.of("1-9", "10-49", "50-249", "250-999", "1000+");

    private final JdbcClient jdbc;
    private final AppUsers users;
    private final ExchangeRates rates;
    private final TransactionTemplate transaction;

    SyntheticHistory(JdbcClient jdbc, AppUsers users, ExchangeRates rates, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.users = users;
        this.rates = rates;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What was generated. */
    record Generated(long accounts, long subscriptions, long changes) {
    }

    Generated generate(int subscriptions, int months, LocalDate firstDay, double seed) {
        int accounts = Math.max(1, subscriptions / 2);
        List<Long> owners = owners();
        dollarRates(firstDay, months);
        return transaction.execute(status -> {
            // every reference below is drawn from rows just written, so the row-by-row foreign-key checks and
            // stale marks (most of the time of a million contracts) are skipped where the role may, and the
            // accounts are marked stale in one statement instead
            boolean bulk = jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                    .query(Boolean.class).single();
            if (bulk) {
                jdbc.sql("SET LOCAL session_replication_role = replica").update();
            }
            jdbc.sql("SELECT setseed(:seed)").param("seed", seed).query(Object.class).single();
            catalog();
            jdbc.sql("""
                            INSERT INTO account (external_id, name, industry, employee_band, owner_user_id, touch_tier,
                                                 lifecycle_stage)
                            SELECT 'syn-a-' || n, 'Synthetic ' || n,
                                   (CAST(:industries AS text[]))[1 + n % 8],
                                   (CAST(:bands AS text[]))[1 + (n * 7) % 5],
                                   (CAST(:owners AS bigint[]))[1 + (n * 3) % cardinality(CAST(:owners AS bigint[]))],
                                   CASE WHEN (n * 7) % 5 >= 3 THEN 'high' WHEN (n * 7) % 5 >= 1 THEN 'low' ELSE 'tech' END,
                                   'retention'
                              FROM generate_series(1, :accounts) n
                            """)
                    .param("industries", INDUSTRIES.toArray(String[]::new))
                    .param("bands", BANDS.toArray(String[]::new))
                    .param("owners", owners.toArray(Long[]::new))
                    .param("accounts", accounts)
                    .update();
            jdbc.sql("""
                            CREATE TEMP TABLE syn_sub ON COMMIT DROP AS
                            WITH drawn AS (
                                SELECT n, 1 + (n % :accounts) AS account_no,
                                       floor(random() * 4)::int AS plan_no,
                                       CASE WHEN random() < 0.1 THEN 'usd' WHEN random() < 0.2 THEN 'yearly'
                                            ELSE 'monthly' END AS price_kind,
                                       1 + floor(random() * 30)::int AS seats,
                                       CAST(:first AS date) + floor(random() * :days)::int AS started_on,
                                       random() AS r_trial, random() AS r_change, random() AS r_cancel,
                                       random() AS r_when
                                  FROM generate_series(1, :subscriptions) n
                            )
                            SELECT d.*, a.id AS account_id, p1.id AS price_id, p1.currency,
                                   p1.amount * d.seats / p1.months AS mrr,
                                   CASE WHEN d.r_change < 0.3 THEN 'quantity_up'
                                        WHEN d.r_change < 0.45 THEN 'quantity_down'
                                        WHEN d.r_change < 0.6 AND d.plan_no < 3 THEN 'upgrade' END AS change_kind,
                                   d.started_on + 30 + floor(d.r_when * 330)::int AS change_on,
                                   d.started_on + 60 + floor(d.r_cancel * 1500)::int AS cancel_on,
                                   p2.id AS upgrade_price_id, p2.amount * d.seats / p2.months AS upgrade_mrr,
                                   p1.amount * (d.seats + 5) / p1.months AS more_seats_mrr,
                                   p1.amount * GREATEST(1, d.seats / 2) / p1.months AS fewer_seats_mrr
                              FROM drawn d
                              JOIN account a ON a.external_id = 'syn-a-' || d.account_no
                              JOIN syn_price p1 ON p1.plan_no = d.plan_no AND p1.kind = d.price_kind
                              LEFT JOIN syn_price p2 ON p2.plan_no = d.plan_no + 1 AND p2.kind = d.price_kind
                            """)
                    .param("accounts", accounts)
                    .param("first", firstDay)
                    .param("days", months * 30)
                    .param("subscriptions", subscriptions)
                    .update();
            LocalDate end = firstDay.plusMonths(months);
            jdbc.sql("""
                            INSERT INTO subscription (account_id, external_id, plan_price_id, quantity, status,
                                                      started_on, ended_on)
                            SELECT account_id, 'syn-s-' || n, price_id, seats,
                                   CASE WHEN r_cancel < 0.3 AND cancel_on < :end THEN 'ended' ELSE 'active' END,
                                   started_on,
                                   CASE WHEN r_cancel < 0.3 AND cancel_on < :end THEN cancel_on END
                              FROM syn_sub
                            """)
                    .param("end", end)
                    .update();
            jdbc.sql("""
                            INSERT INTO subscription_change (subscription_id, account_id, external_id, effective_on, kind,
                                                             from_plan_price_id, to_plan_price_id, currency,
                                                             mrr_before, mrr_after)
                            SELECT s.id, x.account_id, 'syn-c-' || x.n || '-' || e.step, e.effective_on, e.kind,
                                   e.from_price, e.to_price, x.currency, e.mrr_before, e.mrr_after
                              FROM syn_sub x
                              JOIN subscription s ON s.external_id = 'syn-s-' || x.n
                             CROSS JOIN LATERAL (VALUES
                                   (1, x.started_on - 14, 'trial_start', NULL::bigint, x.price_id, 0::bigint, 0::bigint,
                                    x.r_trial < 0.2),
                                   (2, x.started_on, 'start', NULL, x.price_id, 0, x.mrr, true),
                                   (3, x.change_on,
                                    CASE x.change_kind WHEN 'upgrade' THEN 'upgrade' ELSE 'quantity' END,
                                    x.price_id,
                                    CASE x.change_kind WHEN 'upgrade' THEN x.upgrade_price_id ELSE x.price_id END,
                                    x.mrr,
                                    CASE x.change_kind WHEN 'upgrade' THEN x.upgrade_mrr
                                                       WHEN 'quantity_up' THEN x.more_seats_mrr
                                                       ELSE x.fewer_seats_mrr END,
                                    x.change_kind IS NOT NULL AND x.change_on < x.cancel_on),
                                   (4, x.cancel_on, 'cancel',
                                    CASE WHEN x.change_kind = 'upgrade' AND x.change_on < x.cancel_on
                                         THEN x.upgrade_price_id ELSE x.price_id END,
                                    NULL,
                                    CASE WHEN x.change_kind IS NOT NULL AND x.change_on < x.cancel_on
                                         THEN CASE x.change_kind WHEN 'upgrade' THEN x.upgrade_mrr
                                                                 WHEN 'quantity_up' THEN x.more_seats_mrr
                                                                 ELSE x.fewer_seats_mrr END
                                         ELSE x.mrr END,
                                    0, x.r_cancel < 0.3)
                             ) AS e(step, effective_on, kind, from_price, to_price, mrr_before, mrr_after, happens)
                             WHERE e.happens
                               AND e.effective_on < :end
                            """)
                    .param("end", end)
                    .update();
            if (bulk) {
                jdbc.sql("SET LOCAL session_replication_role = origin").update();
                jdbc.sql("""
                        INSERT INTO mrr_stale_account (account_id)
                        SELECT DISTINCT account_id FROM syn_sub
                        ON CONFLICT DO NOTHING
                        """).update();
            }
            long changes = jdbc.sql("SELECT count(*) FROM subscription_change WHERE external_id LIKE 'syn-c-%'")
                    .query(Long.class).single();
            return new Generated(accounts, subscriptions, changes);
        });
    }

    private void catalog() {
        jdbc.sql("""
                INSERT INTO plan (external_id, name)
                VALUES ('syn-starter', 'Starter'), ('syn-standard', 'Standard'), ('syn-pro', 'Pro'),
                       ('syn-enterprise', 'Enterprise')
                ON CONFLICT (external_id) DO NOTHING
                """).update();
        jdbc.sql("""
                INSERT INTO plan_price (plan_id, external_id, price_version, currency, amount, billing_interval,
                                        valid_from)
                SELECT p.id, p.external_id || '-' || k.kind, 1, k.currency, k.amount * t.factor, k.billing_interval,
                       DATE '2015-01-01'
                  FROM plan p
                  JOIN (VALUES ('syn-starter', 1), ('syn-standard', 3), ('syn-pro', 8), ('syn-enterprise', 20))
                       AS t(external_id, factor) ON t.external_id = p.external_id
                 CROSS JOIN (VALUES ('monthly', 'JPY', 1000, 'month'), ('yearly', 'JPY', 10000, 'year'),
                                    ('usd', 'USD', 900, 'month')) AS k(kind, currency, amount, billing_interval)
                ON CONFLICT (external_id) DO NOTHING
                """).update();
        jdbc.sql("""
                CREATE TEMP TABLE syn_price ON COMMIT DROP AS
                SELECT pp.id, pp.currency, pp.amount,
                       CASE pp.billing_interval WHEN 'year' THEN 12 ELSE 1 END AS months,
                       (ARRAY['syn-starter', 'syn-standard', 'syn-pro', 'syn-enterprise'])
                           ::text[] @> ARRAY[p.external_id] AS known,
                       array_position(ARRAY['syn-starter', 'syn-standard', 'syn-pro', 'syn-enterprise'],
                                      p.external_id) - 1 AS plan_no,
                       split_part(pp.external_id, '-', 3) AS kind
                  FROM plan_price pp
                  JOIN plan p ON p.id = pp.plan_id
                 WHERE pp.external_id LIKE 'syn-%'
                """).update();
    }

    private List<Long> owners() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String username = "syn-csm-" + i;
            ids.add(users.findByUsername(username)
                    .orElseGet(() -> users.create(username, "CSM " + username.substring(8), null, Role.CSM,
                            java.util.UUID.randomUUID().toString()))
                    .id());
        }
        return ids;
    }

    private void dollarRates(LocalDate firstDay, int months) {
        List<ExchangeRate> monthly = new ArrayList<>();
        for (int m = -1; m <= months + 60; m++) {
            double yen = 145 + 10 * Math.sin(m / 5.0);
            monthly.add(new ExchangeRate("USD", firstDay.withDayOfMonth(1).plusMonths(m),
                    BigDecimal.valueOf(Math.round(yen * 100) / 100.0)));
        }
        rates.saveAll(monthly);
    }
}
