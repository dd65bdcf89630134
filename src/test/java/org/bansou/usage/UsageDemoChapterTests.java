package org.bansou.usage;

import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.demo.DemoCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo company's usage: 200 accounts, seed 7, history up to Tuesday 24 November 2026. */
@BansouTest
class UsageDemoChapterTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired JdbcClient jdbc;

    @Test
    void customers_use_the_product_on_weekdays_far_more_than_at_weekends() {
        demo.generate(7, 200, TODAY);

        List<Double> weekdayAndWeekend = jdbc.sql("""
                        SELECT avg(active_users) FILTER (WHERE extract(isodow FROM day) < 6),
                               avg(active_users) FILTER (WHERE extract(isodow FROM day) >= 6)
                          FROM usage_daily
                        """)
                .query((rs, n) -> List.of(rs.getDouble(1), rs.getDouble(2)))
                .single();

        assertThat(weekdayAndWeekend.get(1)).isPositive().isLessThan(weekdayAndWeekend.get(0) * 0.3);
    }

    @Test
    void new_year_and_golden_week_are_quiet_like_a_weekend() {
        demo.generate(7, 200, TODAY);

        // Thursday 1 January 2026 against Thursday 8 January; Tuesday 5 May (こどもの日) against Tuesday 12 May
        assertThat(activeUsersOn(LocalDate.of(2026, 1, 1))).isLessThan(activeUsersOn(LocalDate.of(2026, 1, 8)) * 0.3);
        assertThat(activeUsersOn(LocalDate.of(2026, 5, 5))).isLessThan(activeUsersOn(LocalDate.of(2026, 5, 12)) * 0.3);
    }

    @Test
    void customers_who_left_for_lack_of_adoption_faded_before_churn_but_not_every_churner_did() {
        demo.generate(7, 200, TODAY);

        // per churn: weekday active users per seat in the 30 days before it, and 90–120 days before it
        List<double[]> churns = jdbc.sql("""
                        WITH churn AS (
                            SELECT s.account_id, sc.effective_on, sc.reason
                              FROM subscription_change sc
                              JOIN subscription s ON s.id = sc.subscription_id
                             WHERE sc.kind = 'cancel'
                               AND sc.mrr_before > 0
                               AND sc.effective_on <= :today
                        )
                        SELECT CASE WHEN c.reason IN (:fading) THEN 1 ELSE 0 END AS fading,
                               avg(d.active_users::numeric / d.seats)
                                   FILTER (WHERE d.day >= c.effective_on - 30) AS late,
                               avg(d.active_users::numeric / d.seats)
                                   FILTER (WHERE d.day BETWEEN c.effective_on - 120 AND c.effective_on - 90) AS early
                          FROM churn c
                          JOIN usage_daily d
                            ON d.account_id = c.account_id
                           AND d.day BETWEEN c.effective_on - 120 AND c.effective_on - 1
                         WHERE extract(isodow FROM d.day) < 6
                           AND d.seats > 0
                         GROUP BY c.account_id, c.effective_on, c.reason
                        HAVING count(*) FILTER (WHERE d.day BETWEEN c.effective_on - 120 AND c.effective_on - 90) > 10
                           AND count(*) FILTER (WHERE d.day >= c.effective_on - 30) > 10
                        """)
                .param("today", TODAY)
                .param("fading", List.of("社内で利用が定着しなかった", "他社の請求書サービスへ乗り換え",
                        "推進担当者の退職後、後任に引き継がれず"))
                .query((rs, n) -> new double[] {rs.getInt(1), rs.getDouble(2), rs.getDouble(3)})
                .list();
        List<double[]> fading = churns.stream().filter(c -> c[0] == 1).toList();

        assertThat(fading).hasSizeGreaterThan(10);
        assertThat(fading.stream().mapToDouble(c -> c[1]).average().orElseThrow())
                .isLessThan(0.7 * fading.stream().mapToDouble(c -> c[2]).average().orElseThrow());
        assertThat(churns).as("some churners use the product fully to the end")
                .anySatisfy(c -> assertThat(c[1]).isGreaterThanOrEqualTo(0.9 * c[2]));
    }

    @Test
    void report_views_per_seat_look_alike_for_churners_and_renewers_while_active_users_per_seat_do_not() {
        demo.generate(7, 200, TODAY);

        // per account, over the 90 days before its churn or, for one paying today without a churn, before today
        List<double[]> accounts = jdbc.sql("""
                        WITH churn AS (
                            SELECT s.account_id, min(sc.effective_on) AS ends_on
                              FROM subscription_change sc
                              JOIN subscription s ON s.id = sc.subscription_id
                             WHERE sc.kind = 'cancel'
                               AND sc.mrr_before > 0
                               AND sc.effective_on <= :today
                             GROUP BY s.account_id
                        ), window_end AS (
                            SELECT a.id AS account_id, COALESCE(c.ends_on, :today + 1) AS ends_on,
                                   c.account_id IS NOT NULL AS churned
                              FROM account a
                              LEFT JOIN churn c ON c.account_id = a.id
                        )
                        SELECT CASE WHEN w.churned THEN 1 ELSE 0 END,
                               sum(COALESCE(CAST(d.event_counts ->> 'report_viewed' AS numeric), 0)) / sum(d.seats),
                               sum(d.active_users)::numeric / sum(d.seats)
                          FROM window_end w
                          JOIN usage_daily d
                            ON d.account_id = w.account_id
                           AND d.day BETWEEN w.ends_on - 90 AND w.ends_on - 1
                         WHERE d.seats > 0
                         GROUP BY w.account_id, w.churned
                        HAVING count(*) >= 80
                        """)
                .param("today", TODAY)
                .query((rs, n) -> new double[] {rs.getInt(1), rs.getDouble(2), rs.getDouble(3)})
                .list();
        List<double[]> churners = accounts.stream().filter(a -> a[0] == 1).toList();
        List<double[]> renewers = accounts.stream().filter(a -> a[0] == 0).toList();
        double churnerReports = mean(churners, 1);
        double renewerReports = mean(renewers, 1);

        assertThat(churners).hasSizeGreaterThan(20);
        assertThat(renewers).hasSizeGreaterThan(50);
        // the per-seat rate is uniform 0.1–0.6 per account: with these group sizes the standard error of the
        // difference in means is about 8% of the mean, so 20% is 2.5 standard errors, not a fit to this seed
        assertThat(churnerReports).isBetween(0.8 * renewerReports, 1.2 * renewerReports);
        assertThat(mean(churners, 2)).isLessThan(0.85 * mean(renewers, 2));
    }

    @Test
    void no_account_has_usage_on_a_day_no_trial_or_paid_subscription_covered() {
        demo.generate(7, 200, TODAY);

        long outside = jdbc.sql("""
                        SELECT count(*)
                          FROM usage_daily d
                         WHERE NOT EXISTS (SELECT 1
                                             FROM subscription s
                                            WHERE s.account_id = d.account_id
                                              AND s.started_on <= d.day
                                              AND (s.ended_on IS NULL OR d.day < s.ended_on))
                        """)
                .query(Long.class).single();
        long afterChurn = jdbc.sql("""
                        SELECT count(*)
                          FROM subscription_change sc
                          JOIN subscription s ON s.id = sc.subscription_id
                          JOIN usage_daily d ON d.account_id = s.account_id AND d.day >= sc.effective_on
                         WHERE sc.kind = 'cancel'
                           AND sc.mrr_before > 0
                           AND NOT EXISTS (SELECT 1
                                             FROM subscription later
                                            WHERE later.account_id = s.account_id
                                              AND later.id <> s.id
                                              AND (later.ended_on IS NULL OR later.ended_on > sc.effective_on))
                        """)
                .query(Long.class).single();
        long churnedWithUsage = jdbc.sql("""
                        SELECT count(DISTINCT s.account_id)
                          FROM subscription_change sc
                          JOIN subscription s ON s.id = sc.subscription_id
                          JOIN usage_daily d ON d.account_id = s.account_id AND d.day < sc.effective_on
                         WHERE sc.kind = 'cancel'
                           AND sc.mrr_before > 0
                           AND sc.effective_on <= :today
                        """)
                .param("today", TODAY)
                .query(Long.class).single();

        assertThat(churnedWithUsage).isPositive();
        assertThat(outside).isZero();
        assertThat(afterChurn).isZero();
    }

    @Test
    void raw_events_exist_only_for_the_last_two_weeks() {
        demo.generate(7, 200, TODAY);

        assertThat(jdbc.sql("SELECT count(*) FROM usage_event").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT min(ts) FROM usage_event").query(java.time.OffsetDateTime.class).single()
                .toLocalDate()).isAfterOrEqualTo(TODAY.minusDays(14));
    }

    @Test
    void the_same_seed_gives_the_same_usage() {
        demo.generate(7, 200, TODAY);
        List<String> first = usageFingerprint();
        emptyDatabase();
        demo.generate(7, 200, TODAY);

        assertThat(usageFingerprint()).isEqualTo(first);
        assertThat(first.get(0)).doesNotStartWith("0:");
    }

    private List<String> usageFingerprint() {
        return List.of("""
                SELECT a.external_id, day, active_users, events, event_counts::text, seats
                  FROM usage_daily d JOIN account a ON a.id = d.account_id
                """, """
                SELECT a.external_id, user_id, event, ts, message_id
                  FROM usage_event e JOIN account a ON a.id = e.account_id
                """).stream()
                .map(rows -> jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '')"
                                + " FROM (" + rows + ") r")
                        .query(String.class)
                        .single())
                .toList();
    }

    private void emptyDatabase() {
        List<String> tables = jdbc.sql("""
                        SELECT quote_ident(tablename)
                          FROM pg_tables
                         WHERE schemaname = 'public'
                           AND tablename <> 'flyway_schema_history'
                        """)
                .query(String.class)
                .list();
        jdbc.sql("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE").update();
    }

    private double activeUsersOn(LocalDate day) {
        return jdbc.sql("SELECT avg(active_users) FROM usage_daily WHERE day = :day")
                .param("day", day).query(Double.class).single();
    }

    private static double mean(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(row -> row[column]).average().orElseThrow();
    }
}
