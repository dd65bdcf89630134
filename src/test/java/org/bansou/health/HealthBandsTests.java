package org.bansou.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BansouTest
class HealthBandsTests {

    @Autowired Accounts accounts;
    @Autowired HealthBands bands;
    @Autowired JdbcClient jdbc;

    @Test
    void the_band_before_a_churn_is_the_newest_score_on_or_before_that_day_not_a_later_one() {
        long kobayashi = account("kobayashi", "小林歯科");
        long tanaka = account("tanaka", "田中工務店");
        score(kobayashi, LocalDate.of(2026, 1, 5), 72.0, "good");
        score(kobayashi, LocalDate.of(2026, 2, 2), 38.5, "poor");
        score(tanaka, LocalDate.of(2026, 2, 2), 55.0, "neutral");

        Map<Long, AccountHealth> before = bands.asOf(Map.of(kobayashi, LocalDate.of(2026, 2, 1),
                tanaka, LocalDate.of(2026, 2, 1)));

        assertThat(before.get(kobayashi).band()).isEqualTo(HealthBand.GOOD);
        assertThat(before).as("tanaka had no score yet on 1 February").doesNotContainKey(tanaka);
        assertThat(bands.latest(List.of(kobayashi, tanaka)))
                .extractingFromEntries(e -> e.getValue().band())
                .containsExactlyInAnyOrder(HealthBand.POOR, HealthBand.NEUTRAL);
    }

    @Test
    void a_band_change_is_measured_against_the_previous_score_whether_it_was_the_day_before_or_weeks_earlier() {
        long kobayashi = account("kobayashi", "小林歯科");
        long tanaka = account("tanaka", "田中工務店");
        long suzuki = account("suzuki", "鈴木会計");
        LocalDate day = LocalDate.of(2026, 3, 2);
        score(kobayashi, day.minusDays(1), 72.0, "good");
        score(kobayashi, day, 38.5, "poor");
        score(tanaka, day.minusDays(20), 35.0, "poor"); // not scored the day before
        score(tanaka, day, 55.0, "neutral");
        score(suzuki, day.minusDays(20), 60.0, "neutral");
        score(suzuki, day, 61.0, "neutral");

        assertThat(bands.bandChangesBetween(day, day))
                .extracting(HealthBandChanged::accountId, HealthBandChanged::from, HealthBandChanged::to)
                .as("suzuki stayed neutral")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(kobayashi, HealthBand.GOOD, HealthBand.POOR),
                        org.assertj.core.groups.Tuple.tuple(tanaka, HealthBand.POOR, HealthBand.NEUTRAL));
    }

    private long account(String externalId, String name) {
        accounts.upsertAll(List.of(new AccountRow(externalId, name, "医療", "10-49", "top_down", null, "low",
                "adoption")));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    private void score(long accountId, LocalDate day, double score, String band) {
        jdbc.sql("""
                        INSERT INTO health_score (account_id, day, model_id, model_version, score, band,
                                                  component_values)
                        VALUES (:accountId, :day, 1, 1, :score, :band, '{}')
                        """)
                .param("accountId", accountId)
                .param("day", day)
                .param("score", score)
                .param("band", band)
                .update();
    }
}
