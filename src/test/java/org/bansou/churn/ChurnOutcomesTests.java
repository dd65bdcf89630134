package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.bansou.churn.ChurnOutcomes.Decision;
import org.bansou.churn.ChurnOutcomes.Labelled;
import org.bansou.revenue.MrrMovements.PayingSpell;
import org.junit.jupiter.api.Test;

class ChurnOutcomesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    // Kobayashi Dental pays since 2024-03-01 and still pays; Sato Logistics paid 2025-01-10 to 2026-09-30;
    // Suzuki Trading started 2026-10-01 (no renewal yet); Tanaka Foods churned after 19 days, too early to judge
    static final List<PayingSpell> SPELLS = List.of(
            new PayingSpell(1, LocalDate.of(2024, 3, 1), null),
            new PayingSpell(2, LocalDate.of(2025, 1, 10), LocalDate.of(2026, 9, 30)),
            new PayingSpell(3, LocalDate.of(2026, 10, 1), null),
            new PayingSpell(4, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 20)));

    @Test
    void a_renewal_is_the_latest_anniversary_passed_while_paying_and_a_churn_the_day_mrr_went_to_zero() {
        List<Decision> decisions = ChurnOutcomes.decisions(SPELLS, 30, TODAY);

        assertThat(decisions).containsExactly(
                new Decision(1, LocalDate.of(2026, 3, 1), false, LocalDate.of(2026, 1, 30)),
                new Decision(2, LocalDate.of(2026, 9, 30), true, LocalDate.of(2026, 8, 31)));
        // Sato's 2026-01-10 anniversary was a renewal, but the churn is what its story ends with; Suzuki has not
        // reached a renewal; Tanaka churned 19 days in, so 30 days before it was not a paying customer yet
    }

    @Test
    void an_account_that_came_back_is_judged_by_its_latest_churn() {
        List<PayingSpell> spells = List.of(new PayingSpell(5, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 6, 1)),
                new PayingSpell(5, LocalDate.of(2024, 9, 1), LocalDate.of(2026, 2, 1)));

        assertThat(ChurnOutcomes.decisions(spells, 90, TODAY)).extracting(Decision::decidedOn)
                .containsExactly(LocalDate.of(2026, 2, 1));
    }

    @Test
    void the_outcome_at_a_cut_off_is_churn_within_the_horizon_and_unknown_while_the_window_is_open() {
        List<Labelled> atJuly = ChurnOutcomes.payingAt(SPELLS, LocalDate.of(2026, 7, 15), 90, TODAY);
        assertThat(atJuly).containsExactly(new Labelled(1, LocalDate.of(2026, 7, 15), false),
                new Labelled(2, LocalDate.of(2026, 7, 15), true));

        List<Labelled> today = ChurnOutcomes.payingAt(SPELLS, TODAY, 90, TODAY);
        assertThat(today).extracting(Labelled::accountId).containsExactly(1L, 3L);
        assertThat(today).extracting(Labelled::churned).containsOnlyNulls();
    }
}
