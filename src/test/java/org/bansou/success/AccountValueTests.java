package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bansou.BansouTest;
import org.bansou.effort.EffortEntries;
import org.bansou.effort.HourlyCosts;
import org.bansou.effort.NewEntry;
import org.bansou.effort.TaskKinds;
import org.bansou.revenue.ExchangeRate;
import org.bansou.revenue.ExchangeRates;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Value against the cost of ownership in one currency, the reporting currency JPY. USD is worth ¥150 from
 * 2026-01-01 and ¥160 from 2026-06-01; EUR has no rate. ito (csm) costs ¥6,000 an hour.
 */
@BansouTest
@AutoConfigureMockMvc
@Import(KnowledgeWorld.class)
class AccountValueTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired KnowledgeWorld world;
    @Autowired ValueRecords values;
    @Autowired OwnershipCosts costs;
    @Autowired AccountValue accountValue;
    @Autowired ExchangeRates rates;
    @Autowired HourlyCosts hourlyCosts;
    @Autowired TaskKinds taskKinds;
    @Autowired EffortEntries effort;
    @Autowired ObjectMapper json;

    AppUser ito;

    @BeforeEach
    void theWorld() {
        ito = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        rates.saveAll(List.of(new ExchangeRate("USD", LocalDate.of(2026, 1, 1), BigDecimal.valueOf(150)),
                new ExchangeRate("USD", LocalDate.of(2026, 6, 1), BigDecimal.valueOf(160))));
    }

    void figure(long account, String kind, long amount, String currency, LocalDate on) {
        values.append(new ValueRecords.NewValue(account, kind, amount, currency, "試算", null, on, "ito"));
    }

    @Test
    void an_estimate_in_yen_and_a_measurement_in_dollars_are_compared_in_yen_at_the_rate_of_each_figures_day()
            throws Exception {
        long daiwa = world.account("A-1", "大和物流", "物流", "250-999", "ito");
        figure(daiwa, "theoretical", 120_000, "JPY", LocalDate.of(2026, 1, 10));
        figure(daiwa, "actual", 50_000, "USD", LocalDate.of(2026, 6, 30)); // $500.00 at ¥160 = ¥80,000

        mvc.perform(get("/api/v1/accounts/" + daiwa + "/value").with(as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("JPY"))
                .andExpect(jsonPath("$.theoreticalAmount").value(120_000))
                .andExpect(jsonPath("$.actualAmount").value(80_000))
                .andExpect(jsonPath("$.lagPercent").value(33.3))
                .andExpect(jsonPath("$.flagged").value(true))
                .andExpect(jsonPath("$.missingRates").isEmpty());
        List<ValueFlag> flags = values.lagging(20, 10, 0);
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.currency()).isEqualTo("JPY");
            assertThat(flag.actual()).isEqualTo(80_000);
            assertThat(flag.lagPercent()).isEqualByComparingTo("33.3");
        });
        // the same account asked for in dollars: ¥120,000 at ¥150 = $800.00
        mvc.perform(get("/api/v1/accounts/" + daiwa + "/value?currency=USD").with(as(ito)))
                .andExpect(jsonPath("$.theoreticalAmount").value(80_000))
                .andExpect(jsonPath("$.actualAmount").value(50_000));
    }

    @Test
    void a_figure_in_a_currency_without_a_rate_is_refused_with_400_naming_it_and_never_mixed_in() throws Exception {
        long berlin = world.account("A-2", "ベルリン精工", "製造業", "50-249", "ito");
        figure(berlin, "theoretical", 100_000, "EUR", LocalDate.of(2026, 1, 10));
        figure(berlin, "actual", 40_000, "JPY", LocalDate.of(2026, 6, 30));

        mvc.perform(get("/api/v1/accounts/" + berlin + "/value").with(as(ito)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("currency"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("EUR")));
        AccountValue.Summary summary = accountValue.of(berlin);
        assertThat(summary.missingRates()).containsExactly("EUR");
        assertThat(summary.theoreticalAmount()).isNull(); // left out, not counted as ¥100,000
        assertThat(summary.flagged()).isFalse();
        assertThat(values.lagging(0, 10, 0)).isEmpty();
        assertThat(values.countNotComparable()).isEqualTo(1);
        mvc.perform(get("/api/v1/value-flags").with(as(ito)))
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.notComparable").value(1));
        mvc.perform(get("/knowledge/accounts/" + berlin).with(as(ito)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("figures in EUR are left out")));
    }

    @Test
    void onboarding_and_training_time_logged_in_bansou_is_costed_at_the_hourly_cost_and_adds_to_money_entered()
            throws Exception {
        long yamada = world.account("A-3", "山田建設", "建設業", "10-49", "ito");
        taskKinds.addMissingStandard();
        hourlyCosts.save("csm", null, "JPY", 6_000, null, "kato");
        effort.appendAll(List.of(
                new NewEntry(yamada, ito.id(), LocalDate.of(2026, 5, 10), 90, "onboarding_session", "onboarding"),
                new NewEntry(yamada, ito.id(), LocalDate.of(2026, 6, 2), 30, "training", "adoption"),
                new NewEntry(yamada, ito.id(), LocalDate.of(2026, 6, 5), 60, "qbr", "retention")), "log", "ito");
        costs.append(yamada, "onboarding_effort", 5_000, "JPY", "社内研修（bansou 外）", LocalDate.of(2026, 6, 15), "ito");
        figure(yamada, "actual", 30_000, "JPY", LocalDate.of(2026, 5, 31));

        AccountValue.Summary summary = accountValue.of(yamada);

        assertThat(summary.effort().loggedMinutes()).isEqualTo(120); // the QBR is not onboarding or training
        assertThat(summary.effort().loggedCost()).isEqualTo(12_000);
        assertThat(summary.effort().enteredCost()).isEqualTo(5_000);
        ValueMonth may = month(summary, YearMonth.of(2026, 5));
        ValueMonth june = month(summary, YearMonth.of(2026, 6));
        assertThat(may.onboardingCost()).isEqualTo(9_000);
        assertThat(june.onboardingCost()).isEqualTo(3_000 + 5_000);
        assertThat(june.cumulativeNet()).isEqualTo(30_000 - 9_000 + 30_000 - 8_000);
        mvc.perform(get("/knowledge/accounts/" + yamada + "/costs").with(as(ito)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2.0 h")))
                .andExpect(content().string(containsString("12,000")));
    }

    private static ValueMonth month(AccountValue.Summary summary, YearMonth month) {
        return summary.months().stream().filter(m -> m.month().equals(month)).findFirst().orElseThrow();
    }
}
