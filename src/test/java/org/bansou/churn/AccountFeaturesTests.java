package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.usage.DailyUsageRow;
import org.bansou.usage.UsageDaily;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BansouTest
class AccountFeaturesTests {

    static final LocalDate CUT_OFF = LocalDate.of(2026, 6, 30);

    @Autowired Accounts accounts;
    @Autowired UsageDaily daily;
    @Autowired AccountFeatures features;

    @Test
    void each_accounts_metrics_are_measured_over_the_28_days_up_to_its_own_cut_off_in_one_statement() {
        accounts.upsertAll(List.of(
                new AccountRow("kobayashi", "小林歯科", "医療", "10-49", "top_down", null, "low", "adoption"),
                new AccountRow("sato", "佐藤物流", "物流", "50-249", "bottom_up", null, "low", "adoption")));
        long kobayashi = accounts.findByExternalId("kobayashi").orElseThrow().id();
        long sato = accounts.findByExternalId("sato").orElseThrow().id();
        // Kobayashi Dental, 10 seats: 4 users on every weekday of the first two weeks of the window, 6 on every
        // weekday of the last two, 3 invoices sent a day; nothing on the cut-off day itself and after the 26th
        List<DailyUsageRow> rows = new ArrayList<>();
        for (LocalDate day = CUT_OFF.minusDays(27); !day.isAfter(CUT_OFF); day = day.plusDays(1)) {
            boolean weekday = day.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue();
            int users = !weekday || day.isAfter(LocalDate.of(2026, 6, 26)) ? 0 : day.isAfter(CUT_OFF.minusDays(14)) ? 6 : 4;
            rows.add(new DailyUsageRow("kobayashi", day, users, null, null, users * 5L, 10,
                    users == 0 ? Map.of() : Map.of("invoice_sent", 3L, "login", (long) users)));
        }
        // a day after the cut-off must not count
        rows.add(new DailyUsageRow("kobayashi", CUT_OFF.plusDays(1), 10, null, null, 100, 10, Map.of("invoice_sent", 50L)));
        daily.importHistory(rows);

        List<KpiCandidate> candidates = KpiCandidate.all(features.eventNames(CUT_OFF.plusDays(1), 365));
        Map<AccountCutOff, Double[]> values = features.at(List.of(new AccountCutOff(kobayashi, CUT_OFF),
                new AccountCutOff(sato, CUT_OFF), new AccountCutOff(kobayashi, CUT_OFF.minusDays(60))), candidates);

        Double[] k = values.get(new AccountCutOff(kobayashi, CUT_OFF));
        // the window 2026-06-03..06-30 holds 10 weekdays in each half; 06-29 and 06-30 are empty:
        // (10 × 4 + 8 × 6) / (20 × 10)
        assertThat(value(k, candidates, "utilization_28d")).isCloseTo((10 * 4 + 8 * 6) / 200.0, within(1e-9));
        assertThat(value(k, candidates, "active_users_7d")).isEqualTo(6.0);
        assertThat(value(k, candidates, "active_users_trend_4w")).isCloseTo(48.0 / 40 - 1, within(1e-9));
        assertThat(value(k, candidates, "days_since_last_activity")).isEqualTo(4.0);
        assertThat(value(k, candidates, "events_per_active_user")).isEqualTo(5.0);
        assertThat(value(k, candidates, "invoice_sent_per_seat_day")).isCloseTo(18 * 3 / 280.0, within(1e-9));
        assertThat(value(k, candidates, KpiCandidate.HEALTH_SCORE)).as("no health score yet").isNull();

        Double[] s = values.get(new AccountCutOff(sato, CUT_OFF));
        assertThat(value(s, candidates, "utilization_28d")).as("no usage at all is no use").isZero();
        assertThat(value(s, candidates, "invoice_sent_per_seat_day")).as("without seats there is no rate").isNull();
        assertThat(value(values.get(new AccountCutOff(kobayashi, CUT_OFF.minusDays(60))), candidates,
                "days_since_last_activity")).isEqualTo(28.0);
    }

    private static Double value(Double[] row, List<KpiCandidate> candidates, String name) {
        for (int c = 0; c < candidates.size(); c++) {
            if (candidates.get(c).name().equals(name)) {
                return row[c];
            }
        }
        throw new AssertionError("no candidate " + name);
    }
}
