package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.database.StaleVersionException;
import org.bansou.revenue.Movement;
import org.bansou.revenue.MrrMovements;
import org.bansou.web.InvalidFieldException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kobayashi Dental and Mori Clinic, 10 seats each on Standard yearly (¥30,000 a seat a month), renewing 2026-04-01. */
@BansouTest
class RenewalsTests {

    static final LocalDate RENEWAL = LocalDate.of(2026, 4, 1);
    static final LocalDate TEN_DAYS_LATER = LocalDate.of(2026, 4, 10);

    @Autowired RenewalWorld world;
    @Autowired Renewals renewals;
    @Autowired MrrMovements movements;

    long kobayashi;
    long mori;

    @BeforeEach
    void twoYearlyContracts() {
        world.catalog();
        kobayashi = world.account("kobayashi", "Kobayashi Dental", null);
        mori = world.account("mori", "Mori Clinic", null);
        world.yearly("kobayashi-1", "kobayashi", 10, RENEWAL.minusYears(1), RENEWAL, false);
        world.yearly("mori-1", "mori", 10, RENEWAL.minusYears(1), RENEWAL, true);
    }

    @Test
    void every_paid_contract_gets_its_upcoming_renewal_with_what_it_pays() {
        Renewals.Refreshed refreshed = renewals.refresh(RENEWAL.minusDays(20));

        Renewals.PipelinePage thisMonth = renewals.pipeline(PipelineView.OPEN, null, null, RENEWAL.minusDays(20), 0, 50);
        assertThat(refreshed.generated()).isEqualTo(2);
        assertThat(thisMonth.rows()).extracting(PipelineRow::accountName, PipelineRow::mrr, PipelineRow::daysToRenewal,
                        PipelineRow::forecastOutcome, PipelineRow::overdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Kobayashi Dental", 300_000L, 20, "unknown", false),
                        org.assertj.core.groups.Tuple.tuple("Mori Clinic", 300_000L, 20, "unknown", false));
        assertThat(renewals.refresh(RENEWAL.minusDays(19)).generated()).as("a second refresh adds nothing").isZero();
    }

    @Test
    void an_overdue_renewal_is_flagged() {
        renewals.refresh(RENEWAL.minusDays(20));

        // ten days after the renewal date: Mori renewed itself, Kobayashi (no auto-renewal) has no outcome
        world.renewsNext("mori-1", "mori", 10, RENEWAL.minusYears(1), RENEWAL.plusYears(1), true);
        renewals.refresh(TEN_DAYS_LATER);
        Renewals.PipelinePage overdue = renewals.pipeline(PipelineView.OVERDUE, null, null, TEN_DAYS_LATER, 0, 50);

        assertThat(overdue.rows()).extracting(PipelineRow::accountName).containsExactly("Kobayashi Dental");
        assertThat(overdue.rows().get(0).overdue()).isTrue();
        assertThat(overdue.rows().get(0).daysToRenewal()).isEqualTo(-9);
        assertThat(renewals.get(overdue.rows().get(0).id()).outcome()).as("nobody decided for the CSM").isNull();
        assertThat(renewals.pipeline(PipelineView.OPEN, null, null, TEN_DAYS_LATER, 0, 50).rows())
                .filteredOn(row -> row.accountName().equals("Mori Clinic"))
                .extracting(PipelineRow::dueOn, PipelineRow::overdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RENEWAL.plusYears(1), false));
    }

    @Test
    void an_auto_renewed_subscription_closes_itself() {
        renewals.refresh(RENEWAL.minusDays(20));
        // the billing system renewed Mori for a year with two more seats; Kobayashi's date passed too
        world.seats("mori-1", RENEWAL, 12);
        world.renewsNext("mori-1", "mori", 12, RENEWAL.minusYears(1), RENEWAL.plusYears(1), true);

        Renewals.Refreshed refreshed = renewals.refresh(TEN_DAYS_LATER);

        List<Renewal> moris = renewals.forAccount(mori);
        assertThat(refreshed.closedAutomatically()).isEqualTo(1);
        assertThat(moris).extracting(Renewal::dueOn, Renewal::outcome, Renewal::closedBy, Renewal::mrrBefore,
                        Renewal::mrrAfter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RENEWAL.plusYears(1), null, null, null, null),
                        org.assertj.core.groups.Tuple.tuple(RENEWAL, "expanded", "auto", 300_000L, 360_000L));
        assertThat(renewals.forAccount(kobayashi)).extracting(Renewal::outcome)
                .as("a contract without auto-renewal waits for a person").containsExactly((String) null);
    }

    @Test
    void outcome_mrr_agrees_with_revenue_movements() {
        renewals.refresh(RENEWAL.minusDays(20));
        long id = renewals.forAccount(kobayashi).get(0).id();
        // Kobayashi renews with 6 seats instead of 10
        world.seats("kobayashi-1", RENEWAL, 6);

        Renewal closed = renewals.recordOutcome(id, 0, RenewalOutcome.DOWNGRADED, null, "sato", Instant.now());

        Movement booked = movements.forAccount(kobayashi).stream()
                .filter(m -> m.movementOn().equals(RENEWAL)).findFirst().orElseThrow();
        assertThat(booked.kind()).isEqualTo("contraction");
        assertThat(closed.mrrAfter() - closed.mrrBefore()).isEqualTo(booked.amount()).isEqualTo(-120_000);
    }

    @Test
    void an_outcome_the_subscription_history_does_not_show_is_refused() {
        renewals.refresh(RENEWAL.minusDays(20));
        long id = renewals.forAccount(kobayashi).get(0).id();

        assertThatThrownBy(() -> renewals.recordOutcome(id, 0, RenewalOutcome.EXPANDED, null, "sato", Instant.now()))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("shows renewed");
        assertThat(renewals.get(id).outcome()).isNull();
    }

    @Test
    void a_forecast_edit_keeps_the_earlier_value_for_plan_vs_actual() {
        renewals.refresh(RENEWAL.minusDays(60));
        long id = renewals.forAccount(kobayashi).get(0).id();
        Instant february = Instant.parse("2026-02-01T01:00:00Z");
        Instant march = Instant.parse("2026-03-15T01:00:00Z");

        renewals.setForecast(id, 0, ForecastOutcome.RENEW, "happy", "sato", february);
        renewals.setForecast(id, 1, ForecastOutcome.CHURN, "champion left", "sato", march);

        assertThat(renewals.get(id).forecastOutcome()).isEqualTo("churn");
        assertThat(renewals.forecastAsOf(id, Instant.parse("2026-03-01T00:00:00Z"))).isEqualTo("renew");
        assertThat(renewals.forecastAsOf(id, Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("unknown");
        assertThat(renewals.forecastHistory(id)).extracting(Renewals.ForecastEntry::forecastOutcome,
                Renewals.ForecastEntry::setBy).containsExactly(
                org.assertj.core.groups.Tuple.tuple("renew", "sato"), org.assertj.core.groups.Tuple.tuple("churn", "sato"));
    }

    @Test
    void a_forecast_based_on_a_stale_version_is_refused() {
        renewals.refresh(RENEWAL.minusDays(60));
        long id = renewals.forAccount(kobayashi).get(0).id();
        renewals.setForecast(id, 0, ForecastOutcome.RENEW, null, "sato", Instant.now());

        assertThatThrownBy(() -> renewals.setForecast(id, 0, ForecastOutcome.CHURN, null, "suzuki", Instant.now()))
                .isInstanceOf(StaleVersionException.class);
        assertThat(renewals.get(id).forecastOutcome()).isEqualTo("renew");
        assertThat(renewals.forecastHistory(id)).hasSize(1);
    }
}
