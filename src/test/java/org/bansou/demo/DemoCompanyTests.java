package org.bansou.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.account.StageChanges;
import org.bansou.subscription.Subscription;
import org.bansou.subscription.SubscriptionChange;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A small demo company: 200 accounts, seed 7, history up to 24 November 2026. */
@BansouTest
class DemoCompanyTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;
    @Autowired Subscriptions subscriptions;
    @Autowired SubscriptionChanges changes;
    @Autowired StageChanges stageChanges;

    @Test
    void the_same_seed_and_day_give_the_same_company_and_another_seed_another_company() {
        demo.generate(7, 200, TODAY);
        List<String> first = DemoDatabase.fingerprint(jdbc);
        DemoDatabase.empty(jdbc);
        demo.generate(7, 200, TODAY);
        List<String> again = DemoDatabase.fingerprint(jdbc);
        DemoDatabase.empty(jdbc);
        demo.generate(8, 200, TODAY);
        List<String> otherSeed = DemoDatabase.fingerprint(jdbc);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first.get(3)).startsWith("200:");
    }

    @Test
    void the_price_book_has_three_plans_and_a_revision_that_leaves_some_contracts_on_the_retired_price() {
        demo.generate(7, 200, TODAY);

        assertThat(count("SELECT count(*) FROM plan")).isEqualTo(3);
        // the revision: old version retired the day the new one became valid
        assertThat(jdbc.sql("""
                        SELECT p.name, old.billing_interval, old.amount, new.amount, old.retired_on = new.valid_from
                          FROM plan_price old
                          JOIN plan_price new ON new.plan_id = old.plan_id
                                             AND new.billing_interval = old.billing_interval
                                             AND new.price_version = old.price_version + 1
                          JOIN plan p ON p.id = old.plan_id
                         ORDER BY old.billing_interval
                        """)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + "→"
                        + rs.getLong(4) + " " + rs.getBoolean(5))
                .list())
                .containsExactly("スタンダード month 1980→2480 true", "スタンダード year 19800→24800 true");
        long stillOnRetired = count("""
                SELECT count(*)
                  FROM subscription s
                  JOIN plan_price pp ON pp.id = s.plan_price_id
                 WHERE pp.retired_on <= :today
                   AND s.status IN ('active', 'cancelled')
                """);
        long moved = count("SELECT count(*) FROM subscription_change WHERE kind = 'price_change'");
        long newOnRetired = count("""
                SELECT count(*)
                  FROM subscription_change sc
                  JOIN plan_price pp ON pp.id = sc.to_plan_price_id
                 WHERE sc.kind IN ('start', 'trial_start', 'upgrade', 'downgrade', 'price_change')
                   AND sc.effective_on >= pp.retired_on
                """);
        assertThat(stillOnRetired).isPositive();
        assertThat(moved).isPositive();
        assertThat(newOnRetired).as("nobody starts or moves onto a retired price").isZero();
    }

    @Test
    void some_customers_churn_and_at_least_one_comes_back_with_a_new_subscription() {
        demo.generate(7, 200, TODAY);

        long churned = count("""
                SELECT count(*)
                  FROM account a
                 WHERE EXISTS (SELECT 1 FROM subscription_change sc
                                WHERE sc.account_id = a.id AND sc.kind = 'cancel' AND sc.mrr_before > 0)
                   AND NOT EXISTS (SELECT 1 FROM subscription s
                                    WHERE s.account_id = a.id AND s.status IN ('active', 'cancelled', 'trial'))
                """);
        long reactivated = count("""
                SELECT count(DISTINCT later.account_id)
                  FROM subscription later
                  JOIN subscription earlier ON earlier.account_id = later.account_id
                                           AND earlier.ended_on < later.started_on
                 WHERE EXISTS (SELECT 1 FROM subscription_change sc
                                WHERE sc.subscription_id = earlier.id AND sc.kind = 'cancel' AND sc.mrr_before > 0)
                   AND NOT EXISTS (SELECT 1 FROM subscription other
                                    WHERE other.account_id = later.account_id AND other.id <> earlier.id
                                      AND other.started_on < later.started_on
                                      AND (other.ended_on IS NULL OR other.ended_on >= later.started_on))
                """);
        long cancelledStillPaying = count("""
                SELECT count(*) FROM subscription WHERE status = 'cancelled' AND ended_on > :today
                """);
        assertThat(churned).isGreaterThan(10);
        assertThat(reactivated).isPositive();
        assertThat(cancelledStillPaying).isPositive();
    }

    @Test
    void small_tech_touch_customers_churn_more_often_than_high_touch_ones() {
        demo.generate(7, 400, TODAY);

        Map<String, Double> churnShare = jdbc.sql("""
                        SELECT a.touch_tier,
                               avg(CASE WHEN EXISTS (SELECT 1 FROM subscription_change sc
                                                      WHERE sc.account_id = a.id AND sc.kind = 'cancel'
                                                        AND sc.mrr_before > 0)
                                        THEN 1.0 ELSE 0.0 END) AS churned
                          FROM account a
                         GROUP BY a.touch_tier
                        """)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getDouble(2)))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(churnShare.get("tech")).isGreaterThan(churnShare.get("high"));
    }

    @Test
    void every_subscription_history_is_one_unbroken_chain_ending_at_what_it_pays_today() {
        demo.generate(7, 200, TODAY);

        int checked = 0;
        for (long accountId : jdbc.sql("SELECT id FROM account ORDER BY id").query(Long.class).list()) {
            for (Subscription subscription : subscriptions.forAccount(accountId)) {
                List<SubscriptionChange> chain = changes.forSubscription(subscription.id());
                String which = subscription.externalId();
                SubscriptionChange first = chain.get(0);
                assertThat(first.kind()).as(which).isIn("start", "trial_start");
                assertThat(first.mrrBefore()).as(which).isZero();
                if (first.kind().equals("trial_start")) {
                    assertThat(first.mrrAfter()).as("a trial pays nothing: " + which).isZero();
                }
                for (int i = 1; i < chain.size(); i++) {
                    assertThat(chain.get(i).mrrBefore()).as(which + " row " + i)
                            .isEqualTo(chain.get(i - 1).mrrAfter());
                    assertThat(chain.get(i).effectiveOn()).as(which).isAfterOrEqualTo(chain.get(i - 1).effectiveOn());
                }
                List<SubscriptionChange> upToToday = chain.stream()
                        .filter(change -> !change.effectiveOn().isAfter(TODAY))
                        .toList();
                assertThat(upToToday.get(upToToday.size() - 1).mrrAfter()).as(which).isEqualTo(subscription.mrr());
                SubscriptionChange last = chain.get(chain.size() - 1);
                switch (subscription.status()) {
                    case "ended" -> {
                        assertThat(last.kind()).as(which).isEqualTo("cancel");
                        assertThat(last.mrrAfter()).as(which).isZero();
                        assertThat(last.effectiveOn()).as(which).isEqualTo(subscription.endedOn()).isBeforeOrEqualTo(TODAY);
                        assertThat(subscription.renewsOn()).as(which).isNull();
                    }
                    case "cancelled" -> {
                        // told us, pays to the end of the period: the cancel is on record, dated then
                        assertThat(last.kind()).as(which).isEqualTo("cancel");
                        assertThat(last.effectiveOn()).as(which).isEqualTo(subscription.endedOn()).isAfter(TODAY);
                        assertThat(subscription.mrr()).as(which).isPositive();
                    }
                    case "active" -> {
                        assertThat(last.kind()).as(which).isNotEqualTo("cancel");
                        assertThat(subscription.renewsOn()).as(which).isAfter(TODAY);
                        assertThat(subscription.endedOn()).as(which).isNull();
                        assertThat(subscription.mrr()).as(which).isPositive();
                    }
                    default -> {
                        assertThat(subscription.status()).isEqualTo("trial");
                        assertThat(last.kind()).as(which).isEqualTo("trial_start");
                        assertThat(subscription.renewsOn()).as(which).isAfter(TODAY);
                    }
                }
                SubscriptionChange lastPriced = chain.stream().filter(c -> c.toPlanPriceId() != null)
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(lastPriced.toPlanPriceId()).as(which).isEqualTo(subscription.planPriceId());
                assertThat(lastPriced.quantityAfter()).as(which).isEqualTo(subscription.quantity());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200);
        assertThat(count("SELECT count(DISTINCT kind) FROM subscription_change"))
                .as("start, trial, upgrades, downgrades, seats, discounts, price moves and cancels all occur")
                .isGreaterThanOrEqualTo(8);
    }

    @Test
    void five_csms_own_the_accounts_and_the_biggest_payers_get_high_touch() {
        DemoSummary summary = demo.generate(7, 200, TODAY);

        assertThat(jdbc.sql("SELECT username FROM app_user ORDER BY username").query(String.class).list())
                .containsExactly("admin", "csm1", "csm2", "csm3", "csm4", "csm5", "manager", "viewer");
        assertThat(jdbc.sql("""
                        SELECT DISTINCT u.username
                          FROM account a
                          JOIN app_user u ON u.id = a.owner_user_id
                         WHERE u.role = 'csm'
                         ORDER BY u.username
                        """).query(String.class).list())
                .containsExactly("csm1", "csm2", "csm3", "csm4", "csm5");
        long mrrToday = 0;
        for (long accountId : jdbc.sql("SELECT id FROM account").query(Long.class).list()) {
            long mrr = subscriptions.forAccount(accountId).stream().mapToLong(Subscription::mrr).sum();
            mrrToday += mrr;
            if (mrr > 0) {
                String expected = mrr >= CustomerStories.HIGH_TOUCH_MRR ? "high"
                        : mrr >= CustomerStories.LOW_TOUCH_MRR ? "low" : "tech";
                assertThat(accounts.get(accountId).touchTier()).as("account %d paying %d", accountId, mrr)
                        .isEqualTo(expected);
            }
        }
        assertThat(summary.mrrToday()).isEqualTo(mrrToday).isPositive();
        assertThat(count("SELECT count(*) FROM account WHERE touch_tier = 'high'")).isPositive();
    }

    @Test
    void a_key_person_who_left_has_a_key_person_left_event_detected_on_or_after_the_day_they_left() {
        demo.generate(7, 200, TODAY);

        List<String> unmatched = jdbc.sql("""
                        SELECT c.external_id
                          FROM contact c
                         WHERE c.left_on IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM environment_event e
                                            WHERE e.contact_id = c.id
                                              AND e.kind = 'key_person_left'
                                              AND e.occurred_on = c.left_on
                                              AND e.detected_on >= e.occurred_on
                                              AND e.detected_on <= :today)
                        """)
                .param("today", TODAY)
                .query(String.class)
                .list();
        long left = count("SELECT count(*) FROM contact WHERE left_on IS NOT NULL");
        long leftEvents = count("SELECT count(*) FROM environment_event WHERE kind = 'key_person_left'");

        assertThat(left).isGreaterThan(5);
        assertThat(unmatched).isEmpty();
        assertThat(leftEvents).isEqualTo(left);
        assertThat(count("""
                SELECT count(*) FROM (SELECT account_id FROM contact GROUP BY account_id HAVING count(*) < 2) few
                """)).as("every account has at least two key persons").isZero();
        assertThat(jdbc.sql("SELECT DISTINCT kind FROM environment_event ORDER BY kind").query(String.class).list())
                .contains("budget_cut", "key_person_left", "new_decision_maker");
    }

    @Test
    void tech_touch_customers_are_found_to_have_lost_a_key_person_later_than_those_we_email() {
        demo.generate(7, 400, TODAY);

        Map<String, Double> lag = jdbc.sql("""
                        SELECT detected_via, avg(detected_on - occurred_on)
                          FROM environment_event
                         WHERE kind = 'key_person_left'
                         GROUP BY detected_via
                        """)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getDouble(2)))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(lag.get("usage_signal")).isGreaterThan(lag.get("email"));
    }

    @Test
    void the_stage_an_account_is_in_is_where_its_back_dated_history_last_took_it() {
        demo.generate(7, 200, TODAY);

        for (long accountId : jdbc.sql("SELECT id FROM account ORDER BY id").query(Long.class).list()) {
            Account account = accounts.get(accountId);
            List<StageChanges.StageChange> history = stageChanges.forAccount(accountId);
            assertThat(history.get(0).fromStage()).as(account.externalId()).isNull();
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).fromStage()).as(account.externalId())
                        .isEqualTo(history.get(i - 1).toStage());
            }
            assertThat(history.get(history.size() - 1).toStage()).as(account.externalId())
                    .isEqualTo(account.lifecycleStage());
            assertThat(account.createdAt()).as("created when its history began").isEqualTo(history.get(0).changedAt());
            assertThat(history.get(history.size() - 1).changedAt())
                    .isBefore(TODAY.plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toInstant());
        }
        // a paying customer in onboarding is new, one in renewal has a yearly renewal coming up
        assertThat(count("""
                SELECT count(*)
                  FROM account a
                 WHERE a.lifecycle_stage = 'onboarding'
                   AND EXISTS (SELECT 1 FROM subscription s WHERE s.account_id = a.id AND s.status <> 'ended')
                   AND (SELECT max(started_on) FROM subscription s WHERE s.account_id = a.id) < :today - 60
                """)).isZero();
        assertThat(count("""
                SELECT count(*)
                  FROM account a
                 WHERE a.lifecycle_stage = 'renewal'
                   AND EXISTS (SELECT 1 FROM subscription s WHERE s.account_id = a.id AND s.status <> 'ended')
                   AND NOT EXISTS (SELECT 1 FROM subscription s
                                     JOIN plan_price pp ON pp.id = s.plan_price_id
                                    WHERE s.account_id = a.id
                                      AND pp.billing_interval = 'year'
                                      AND coalesce(s.renews_on, s.ended_on) <= :today + 90)
                """)).isZero();
        assertThat(count("SELECT count(DISTINCT lifecycle_stage) FROM account")).isEqualTo(4);
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("today", TODAY).query(Long.class).single();
    }
}
