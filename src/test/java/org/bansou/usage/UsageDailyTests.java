package org.bansou.usage;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.bansou.BansouTest;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.usage.UsageWorld.track;

@BansouTest
@Import(UsageWorld.class)
class UsageDailyTests {

    @Autowired UsageWorld world;
    @Autowired UsageEvents events;
    @Autowired UsageDaily daily;
    @Autowired DailyUsageCsv csv;
    @Autowired SubscriptionChanges changes;
    @Autowired JdbcClient jdbc;

    LocalDate monday = LocalDate.of(2026, 11, 2);

    @Test
    void utilization_is_active_users_divided_by_the_seats_paid_for() {
        long kobayashi = world.accountWithSeats("A-1001", "小林歯科クリニック", 12, LocalDate.of(2026, 4, 1));

        arrive(track(kobayashi, "u-sato", "Login", monday, 9), track(kobayashi, "u-sato", "Report Exported", monday, 10),
                track(kobayashi, "u-suzuki", "Login", monday, 11), track(kobayashi, "u-tanaka", "Login", monday, 23));

        UsageDay day = daily.forAccount(kobayashi, monday, monday).get(0);
        assertThat(day.activeUsers()).isEqualTo(3);
        assertThat(day.events()).isEqualTo(4);
        assertThat(day.seats()).isEqualTo(12);
        assertThat(day.utilization()).isEqualByComparingTo(new BigDecimal("0.25"));
        assertThat(daily.topFeatures(kobayashi, monday, monday, 5))
                .containsExactly(new FeatureUse("Login", 3), new FeatureUse("Report Exported", 1));
    }

    @Test
    void a_history_loaded_in_bulk_reads_back_like_imported_days_with_seats_from_the_contracts() {
        long kobayashi = world.accountWithSeats("A-1001", "小林歯科クリニック", 12, LocalDate.of(2026, 4, 1));

        daily.importHistory(List.of(
                new DailyUsageRow("A-1001", monday, 6, null, null, 9, null,
                        java.util.Map.of("invoice_created", 5L, "login", 4L)),
                new DailyUsageRow("A-1001", monday.plusDays(1), 3, 5, 7, 3, 10, java.util.Map.of("login", 3L))));

        List<UsageDay> days = daily.forAccount(kobayashi, monday, monday.plusDays(1));
        assertThat(days).extracting(UsageDay::activeUsers, UsageDay::seats, UsageDay::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(6, 12, "import"),
                        org.assertj.core.groups.Tuple.tuple(3, 10, "import"));
        assertThat(days.get(0).utilization()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(days.get(1).activeUsers28d()).isEqualTo(7);
        assertThat(daily.topFeatures(kobayashi, monday, monday.plusDays(1), 5))
                .containsExactly(new FeatureUse("login", 7), new FeatureUse("invoice_created", 5));
    }

    @Test
    void a_day_is_a_day_in_the_workspace_time_zone_not_in_utc() {
        long kobayashi = world.account("A-1001", "小林歯科クリニック");

        // 08:00 in Tokyo is 23:00 UTC the day before: it is still Monday's usage
        arrive(track(kobayashi, "u-sato", "Login", monday, 8));

        assertThat(daily.forAccount(kobayashi, monday.minusDays(1), monday.plusDays(1)))
                .extracting(UsageDay::day).containsExactly(monday);
    }

    @Test
    void an_account_without_a_subscription_has_no_utilization_rather_than_zero() {
        long trialless = world.account("A-3003", "北村工務店");

        arrive(track(trialless, "u-kitamura", "Login", monday, 9));

        UsageDay day = daily.forAccount(trialless, monday, monday).get(0);
        assertThat(day.seats()).isNull();
        assertThat(day.utilization()).isNull();
    }

    @Test
    void utilization_follows_a_seat_change_from_the_day_it_takes_effect() {
        long kobayashi = world.accountWithSeats("A-1001", "小林歯科クリニック", 12, LocalDate.of(2026, 4, 1));
        changes.upsertAll(List.of(new SubscriptionChangeRow("C-1", "S-A-1001", monday.plusDays(1), "quantity",
                null, null, 12, 6, "JPY", 360_000, 180_000, "fewer seats")));

        arrive(track(kobayashi, "u-sato", "Login", monday, 9), track(kobayashi, "u-sato", "Login", monday.plusDays(1), 9));

        assertThat(daily.forAccount(kobayashi, monday, monday.plusDays(1)))
                .extracting(UsageDay::seats).containsExactly(12, 6);
    }

    @Test
    void seven_and_twenty_eight_day_active_users_count_each_user_once_over_the_window() {
        long kobayashi = world.account("A-1001", "小林歯科クリニック");

        arrive(track(kobayashi, "u-sato", "Login", monday, 9),
                track(kobayashi, "u-sato", "Login", monday.plusDays(4), 9),
                track(kobayashi, "u-suzuki", "Login", monday.plusDays(9), 9),
                track(kobayashi, "u-sato", "Login", monday.plusDays(30), 9));

        assertThat(daily.forAccount(kobayashi, monday, monday.plusDays(30)))
                .extracting(UsageDay::day, UsageDay::activeUsers, UsageDay::activeUsers7d, UsageDay::activeUsers28d)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(monday, 1, 1, 1),
                        org.assertj.core.groups.Tuple.tuple(monday.plusDays(4), 1, 1, 1),
                        // Sato was last seen 5 days before: still in the 7-day window
                        org.assertj.core.groups.Tuple.tuple(monday.plusDays(9), 1, 2, 2),
                        // 21 days after Suzuki: only in the 28-day window
                        org.assertj.core.groups.Tuple.tuple(monday.plusDays(30), 1, 1, 2));
    }

    @Test
    void a_late_event_raises_the_active_users_of_the_later_days_whose_window_it_falls_in() {
        long kobayashi = world.account("A-1001", "小林歯科クリニック");
        arrive(track(kobayashi, "u-sato", "Login", monday.plusDays(3), 9));

        // Suzuki's Monday event arrives only now (a client that was offline)
        arrive(track(kobayashi, "u-suzuki", "Login", monday, 9));

        assertThat(daily.forAccount(kobayashi, monday.plusDays(3), monday.plusDays(3)).get(0).activeUsers7d())
                .isEqualTo(2);
    }

    @Test
    void identify_and_group_calls_are_not_counted_as_use_of_the_product() {
        long kobayashi = world.account("A-1001", "小林歯科クリニック");
        UsageEvent login = track(kobayashi, "u-sato", "Login", monday, 9);
        UsageEvent identify = new UsageEvent(kobayashi, "u-suzuki", null, "identify", null, login.ts(), login.ts(),
                "identify-1", "{\"email\": \"suzuki@example.jp\"}");

        arrive(login, identify);

        UsageDay day = daily.forAccount(kobayashi, monday, monday).get(0);
        assertThat(day.activeUsers()).isEqualTo(1);
        assertThat(day.events()).isEqualTo(1);
    }

    @Test
    void the_rollup_kept_as_events_arrive_equals_the_rollup_rebuilt_from_the_events() {
        long kobayashi = world.accountWithSeats("A-1001", "小林歯科クリニック", 12, LocalDate.of(2026, 4, 1));
        long yamada = world.accountWithSeats("A-1002", "山田会計事務所", 5, LocalDate.of(2026, 10, 15));
        long kitamura = world.account("A-3003", "北村工務店");
        Random random = new Random(20261124);
        List<UsageEvent> history = new ArrayList<>();
        long[] accounts = {kobayashi, yamada, kitamura};
        String[] features = {"Login", "Report Exported", "Invoice Sent", "Settings Changed"};
        for (int i = 0; i < 1500; i++) {
            long account = accounts[random.nextInt(accounts.length)];
            history.add(track(account, "u-" + account + "-" + random.nextInt(8), features[random.nextInt(features.length)],
                    monday.minusDays(random.nextInt(45)), random.nextInt(24)));
        }
        Collections.shuffle(history, random); // late events, days out of order
        for (int from = 0; from < history.size(); from += 100) {
            List<UsageEvent> batch = new ArrayList<>(history.subList(from, Math.min(history.size(), from + 100)));
            batch.addAll(history.subList(0, 10)); // a client re-sending what it already sent
            arrive(batch.stream().distinct().toList());
        }
        List<String> kept = snapshot();
        List<String> keptMonths = months();

        daily.rebuild();

        assertThat(snapshot()).hasSizeGreaterThan(100).isEqualTo(kept);
        // the month rows, recounted after each arrival, are those recounted at once from the rebuilt days
        assertThat(months()).hasSizeGreaterThanOrEqualTo(6).isEqualTo(keptMonths);
    }

    @Test
    void a_month_row_holds_each_day_at_its_own_place_and_a_day_without_usage_as_none() {
        long kobayashi = world.accountWithSeats("A-1001", "小林歯科クリニック", 12, LocalDate.of(2026, 4, 1));

        daily.importAll(List.of(
                new DailyUsageRow("A-1001", monday, 6, 7, 9, 9, null, java.util.Map.of("invoice_sent", 5L, "login", 4L)),
                new DailyUsageRow("A-1001", monday.plusDays(2), 0, null, null, 0, null, java.util.Map.of())));
        arrive(track(kobayashi, "u-sato", "Invoice Sent", LocalDate.of(2026, 11, 30), 9));

        assertThat(months()).containsExactly(kobayashi + " 2026-11-01"
                // 2, 4 and 30 November are bits 1, 3 and 29; only the 2nd and the 30th had an active user
                + " " + (2 + 8 + (1 << 29)) + " " + (2 + (1 << 29))
                // a day without a row is 0, or -1 where the count is not known; utilization in ten-thousandths
                + " {0,6,0,0" + ",0".repeat(25) + ",1}"
                + " {-1,7,-1,-1" + ",-1".repeat(25) + ",1}"
                + " {-1,9,-1,-1" + ",-1".repeat(25) + ",1}"
                + " {0,5000,0,0" + ",0".repeat(25) + ",833}"
                + " {\"login\": 2, \"Invoice Sent\": " + (1 << 29) + ", \"invoice_sent\": 2}");

        daily.importAll(List.of(new DailyUsageRow("A-1001", monday, 3, null, null, 3, null, java.util.Map.of())));

        assertThat(months()).singleElement().asString().contains(" {0,3,0,0,").contains("{\"Invoice Sent\": " + (1 << 29) + "}");
    }

    @Test
    void an_import_with_one_bad_row_imports_nothing_and_names_the_row() throws Exception {
        world.account("A-1001", "小林歯科クリニック");

        DailyUsageCsv.Reading reading = csv.importFrom(new StringReader("""
                account_external_id,day,active_users,events,event:Login
                A-1001,2026-11-02,3,10,7
                A-1001,2026-11-03,three,10,7
                A-1001,2026-11-04,4,12,8
                """));

        assertThat(reading.ok()).isFalse();
        assertThat(reading.problems()).containsExactly("line 3: active_users \"three\" is not a whole number");
        assertThat(jdbc.sql("SELECT count(*) FROM usage_daily").query(Long.class).single()).isZero();
    }

    @Test
    void imported_daily_aggregates_take_the_subscription_seats_and_survive_a_rebuild() throws Exception {
        long kobayashi = world.accountWithSeats("A-1001", "小林歯科クリニック", 12, LocalDate.of(2026, 4, 1));

        DailyUsageCsv.Reading reading = csv.importFrom(new StringReader("""
                account_external_id,day,active_users,active_users_28d,event:Login,event:Report Exported
                A-1001,2026-11-02,6,9,20,4
                """));
        daily.rebuild();

        assertThat(reading.problems()).isEmpty();
        UsageDay day = daily.forAccount(kobayashi, monday, monday).get(0);
        assertThat(day.source()).isEqualTo("import");
        assertThat(day.activeUsers()).isEqualTo(6);
        assertThat(day.activeUsers28d()).isEqualTo(9);
        assertThat(day.events()).isEqualTo(24);
        assertThat(day.utilization()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(daily.topFeatures(kobayashi, monday, monday, 1)).containsExactly(new FeatureUse("Login", 20));
    }

    /** Stores a batch as the intake does, then lets the rollup take it in. */
    void arrive(UsageEvent... batch) {
        arrive(List.of(batch));
    }

    void arrive(List<UsageEvent> batch) {
        events.appendAll(batch);
        daily.catchUp();
    }

    List<String> months() {
        return jdbc.sql("""
                        SELECT concat_ws(' ', account_id, month, present_days, active_days, active_users,
                                         active_users_7d, active_users_28d, utilization, event_days)
                          FROM usage_month
                         ORDER BY account_id, month
                        """)
                .query(String.class)
                .list();
    }

    List<String> snapshot() {
        return jdbc.sql("""
                        SELECT concat_ws(' ', account_id, day, active_users, active_users_7d, active_users_28d, events,
                                         event_counts, seats, utilization, source)
                          FROM usage_daily
                         ORDER BY account_id, day
                        """)
                .query(String.class)
                .list();
    }
}
