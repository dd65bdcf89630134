package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CutOffPlanTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void the_model_is_judged_on_the_latest_complete_window_and_never_trains_on_outcomes_inside_it() {
        CutOffPlan plan = CutOffPlan.of(TODAY, 90, 6, 30);

        assertThat(plan.test()).isEqualTo(LocalDate.of(2026, 8, 26));
        assertThat(plan.train()).hasSize(6).last().isEqualTo(LocalDate.of(2026, 5, 28));
        assertThat(plan.train()).allSatisfy(cutOff -> assertThat(cutOff.plusDays(90)).isBeforeOrEqualTo(plan.test()));
        assertThat(plan.train()).isSorted().doesNotContain(plan.test());
        assertThat(plan.all()).endsWith(plan.test());
    }

    @Test
    void a_plan_whose_training_window_reaches_into_the_test_period_is_refused() {
        assertThatThrownBy(() -> new CutOffPlan(TODAY, 90, List.of(LocalDate.of(2026, 6, 1)), LocalDate.of(2026, 8, 26)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-06-01");
        assertThatThrownBy(() -> new CutOffPlan(TODAY, 90, List.of(), LocalDate.of(2026, 9, 1)))
                .as("the test window must be complete").isInstanceOf(IllegalArgumentException.class);
    }
}
