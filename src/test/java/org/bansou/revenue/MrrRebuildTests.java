package org.bansou.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BansouTest
class MrrRebuildTests {

    @Autowired SyntheticHistory history;
    @Autowired RevenueWorld world;
    @Autowired MrrRebuild rebuild;
    @Autowired RevenueFigures figures;
    @Autowired SubscriptionChanges changes;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void reset() {
        world.reset();
    }

    List<Map<String, Object>> derivedRows() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.sql("""
                SELECT 'movement' AS t, account_id, movement_on AS d, kind, amount, changes, paying_after::text AS x,
                       first_paid_on::text AS y, previous_churn_on::text AS z, NULL AS w
                  FROM mrr_movement
                 ORDER BY account_id, movement_on
                """).query().listOfRows());
        rows.addAll(jdbc.sql("""
                SELECT 'month' AS t, account_id, month AS d, plan_id || '/' || currency AS kind, amount, native_change,
                       account_kind || account_logo || coalesce(account_paying_since::text, '-') || new_and_churned AS x,
                       plan_kind || plan_logo || coalesce(plan_paying_since::text, '-') AS y,
                       coalesce(cohort_month::text, '-') || movement_on AS z, NULL AS w
                  FROM mrr_segment_month
                 ORDER BY account_id, month, plan_id, currency
                """).query().listOfRows());
        return rows;
    }

    @Test
    void movements_caught_up_for_the_changed_accounts_equal_a_full_rebuild() {
        history.generate(300, 24, LocalDate.of(2024, 1, 1), 0.7);
        rebuild.rebuildAll();
        List<Map<String, Object>> before = derivedRows();
        // history edited and imported late: a past downgrade, a corrected amount, and a removed change
        List<Map<String, Object>> picked = jdbc.sql("""
                SELECT s.external_id, c.external_id AS change_id, c.effective_on, c.currency, c.mrr_after
                  FROM subscription_change c
                  JOIN subscription s ON s.id = c.subscription_id
                 WHERE c.kind = 'start' AND c.mrr_after > 1000
                 ORDER BY c.id
                 LIMIT 3
                """).query().listOfRows();
        Map<String, Object> first = picked.get(0);
        changes.upsertAll(List.of(new SubscriptionChangeRow("late-1", (String) first.get("external_id"),
                ((java.sql.Date) first.get("effective_on")).toLocalDate().plusDays(20), "quantity", null, null, null,
                null, (String) first.get("currency"), (Long) first.get("mrr_after"), 1000, "imported late")));
        jdbc.sql("UPDATE subscription_change SET mrr_after = mrr_after * 2 WHERE external_id = :id")
                .param("id", picked.get(1).get("change_id")).update();
        jdbc.sql("DELETE FROM subscription_change WHERE external_id = :id")
                .param("id", picked.get(2).get("change_id")).update();
        assertThat(rebuild.staleAccounts()).isBetween(1L, 3L);

        rebuild.catchUp();
        List<Map<String, Object>> caughtUp = derivedRows();
        rebuild.rebuildAll();
        List<Map<String, Object>> full = derivedRows();

        assertThat(caughtUp).isNotEqualTo(before);
        assertThat(caughtUp).isEqualTo(full);
        assertThat(rebuild.anyStale()).isFalse();
    }

    /** The roll-up per key; a rebuild in parts may write a key once per part. */
    List<Map<String, Object>> rollupRows() {
        return jdbc.sql("""
                SELECT basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind, since,
                       SUM(native_change) AS native_change, SUM(amount) AS amount, SUM(logos) AS logos,
                       SUM(new_and_churned) AS new_and_churned, SUM(base_rows) AS base_rows
                  FROM mrr_rollup_month
                 GROUP BY basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind, since
                 ORDER BY basis, month, plan_id, currency, industry, employee_band, touch_tier, owner_user_id, kind, since
                """).query().listOfRows();
    }

    @Test
    void the_monthly_rollup_caught_up_after_an_edit_and_a_change_of_csm_and_industry_equals_a_full_rebuild() {
        history.generate(300, 24, LocalDate.of(2024, 1, 1), 0.5);
        rebuild.rebuildAll();
        List<Map<String, Object>> before = rollupRows();
        jdbc.sql("""
                UPDATE subscription_change SET mrr_after = mrr_after * 2
                 WHERE id = (SELECT MIN(id) FROM subscription_change WHERE kind = 'start' AND mrr_after > 0)
                """).update();
        long handedOver = jdbc.sql("SELECT MAX(account_id) FROM mrr_segment_month").query(Long.class).single();
        jdbc.sql("""
                UPDATE account
                   SET industry = '造船',
                       owner_user_id = (SELECT MIN(owner_user_id) FROM account
                                         WHERE owner_user_id <> (SELECT owner_user_id FROM account WHERE id = :id))
                 WHERE id = :id
                """).param("id", handedOver).update();
        // a field no report is keyed by leaves the roll-up alone
        jdbc.sql("UPDATE account SET name = name || ' KK' WHERE id <> :id").param("id", handedOver).update();
        assertThat(rebuild.staleAccounts()).isEqualTo(2);

        rebuild.catchUp();
        List<Map<String, Object>> caughtUp = rollupRows();
        rebuild.rebuildAll();
        List<Map<String, Object>> full = rollupRows();

        assertThat(caughtUp).isNotEqualTo(before);
        assertThat(caughtUp).isEqualTo(full);
        assertThat(caughtUp).anyMatch(row -> "造船".equals(row.get("industry")));
        assertThat(jdbc.sql("SELECT count(*) FROM mrr_rollup_month WHERE base_rows <= 0").query(Long.class).single())
                .isZero();
    }

    @Test
    void a_history_built_in_parts_side_by_side_equals_one_built_whole() {
        history.generate(300, 24, LocalDate.of(2024, 1, 1), 0.3);
        rebuild.rebuildAll(1);
        List<Map<String, Object>> whole = derivedRows();

        MrrRebuild.Result inParts = rebuild.rebuildAll(3);

        assertThat(derivedRows()).isEqualTo(whole);
        assertThat(inParts.movements()).isEqualTo(jdbc.sql("SELECT count(*) FROM mrr_movement").query(Long.class).single());
    }

    @Test
    void a_full_rebuild_cut_off_midway_is_done_again_by_the_next_catch_up() {
        history.generate(300, 24, LocalDate.of(2024, 1, 1), 0.3);
        rebuild.rebuildAll();
        List<Map<String, Object>> full = derivedRows();
        // what a process ended while its parts were writing leaves: keys dropped, some accounts written, none stale
        jdbc.sql("ALTER TABLE mrr_movement DROP CONSTRAINT mrr_movement_pkey").update();
        jdbc.sql("ALTER TABLE mrr_segment_month DROP CONSTRAINT mrr_segment_month_pkey").update();
        jdbc.sql("DELETE FROM mrr_movement WHERE account_id % 2 = 1").update();
        jdbc.sql("DELETE FROM mrr_segment_month WHERE account_id % 2 = 1").update();
        assertThat(rebuild.anyStale()).isFalse();

        boolean rebuilt = rebuild.catchUp();

        assertThat(rebuilt).isTrue();
        assertThat(derivedRows()).isEqualTo(full);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM pg_constraint
                 WHERE conrelid IN ('mrr_movement'::regclass, 'mrr_segment_month'::regclass) AND contype = 'p'
                """).query(Long.class).single()).isEqualTo(2);
        assertThat(rebuild.catchUp()).as("nothing left to catch up").isFalse();
    }

    @Test
    void history_imported_late_is_in_the_next_report_without_a_manual_rebuild() {
        world.plan("standard", "Standard");
        world.price("standard-monthly", "standard", "JPY", 3_000, "month");
        world.account("kobayashi", "Kobayashi Dental");
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 12, LocalDate.of(2026, 1, 1));
        YearMonth march = YearMonth.of(2026, 3);
        assertThat(figures.report(ReportQuery.months(march, march)).total().periods().get(0).closingMrr()).isEqualTo(36_000);

        // a seat reduction of February, imported in April
        world.change("kobayashi-1", LocalDate.of(2026, 2, 1), "quantity", "standard-monthly", 8, BigDecimal.ZERO);

        PeriodFigures after = figures.report(ReportQuery.months(YearMonth.of(2026, 2), march)).total().periods().get(0);
        assertThat(after.contraction()).isEqualTo(-12_000);
        assertThat(after.closingMrr()).isEqualTo(24_000);
    }

    @Test
    void revenue_in_a_currency_without_any_rate_is_refused_naming_the_currency() {
        world.plan("standard", "Standard");
        world.price("standard-eur", "standard", 1, "EUR", 5_000, "month", LocalDate.of(2020, 1, 1), null);
        world.account("berlin", "Berlin Praxis");
        world.subscribe("berlin-1", "berlin", "standard-eur", 2, LocalDate.of(2026, 1, 1));

        assertThatThrownBy(() -> rebuild.rebuildAll())
                .isInstanceOf(MissingExchangeRate.class)
                .hasMessageContaining("EUR");
    }
}
