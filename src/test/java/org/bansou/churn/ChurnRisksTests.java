package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BansouTest
class ChurnRisksTests {

    @Autowired Accounts accounts;
    @Autowired ChurnRisks risks;
    @Autowired JdbcClient jdbc;

    @Test
    void an_account_shows_its_newest_risk_with_the_drivers_that_raised_it() {
        accounts.upsertAll(List.of(new AccountRow("kobayashi", "小林歯科", "医療", "10-49", "top_down", null, "low",
                "adoption")));
        long kobayashi = accounts.findByExternalId("kobayashi").orElseThrow().id();
        risk(kobayashi, LocalDate.of(2026, 1, 5), 0.12, "{}");
        risk(kobayashi, LocalDate.of(2026, 2, 2), 0.61, "{utilization_28d,active_users_trend_4w}");

        AccountRisk newest = risks.latest(List.of(kobayashi)).get(kobayashi);

        assertThat(newest.scoredOn()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(newest.probability()).isEqualTo(0.61);
        assertThat(newest.topDrivers()).containsExactly("utilization_28d", "active_users_trend_4w");
        assertThat(risks.latest(List.of())).isEmpty();
    }

    private void risk(long accountId, LocalDate day, double probability, String drivers) {
        jdbc.sql("""
                        INSERT INTO churn_risk (account_id, scored_on, model_id, horizon_days, probability, top_drivers)
                        VALUES (:accountId, :day, 1, 90, :probability, CAST(:drivers AS text[]))
                        """)
                .param("accountId", accountId)
                .param("day", day)
                .param("probability", probability)
                .param("drivers", drivers)
                .update();
    }
}
