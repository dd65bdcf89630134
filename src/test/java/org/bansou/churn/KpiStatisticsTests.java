package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class KpiStatisticsTests {

    // five churned and five renewed accounts by utilization: of the 25 churned-renewed pairs the churned one
    // is higher in 4 (0.40 > 0.35; 0.70 > 0.35, 0.50, 0.60), so lower utilization goes with churn, AUC 21 / 25
    static final double[] UTILIZATION = {0.10, 0.20, 0.30, 0.40, 0.70, 0.35, 0.50, 0.60, 0.80, 0.90};
    static final boolean[] CHURNED = {true, true, true, true, true, false, false, false, false, false};

    @Test
    void the_auc_is_the_share_of_churned_renewed_pairs_the_metric_orders_rightly_ties_counting_half() {
        Auc higherMeansChurn = KpiStatistics.auc(new double[] {1, 2, 2, 3}, new boolean[] {false, true, false, true});
        // pairs (churned 2, 3) vs (renewed 1, 2): 2>1, 2=2 half, 3>1, 3>2 -> 3.5 of 4
        assertThat(higherMeansChurn.value()).isEqualTo(0.875);

        Auc utilization = KpiStatistics.auc(UTILIZATION, CHURNED);
        assertThat(utilization.value()).isCloseTo(4 / 25.0, within(1e-12));
        assertThat(utilization.flipped().value()).isCloseTo(21 / 25.0, within(1e-12));
        assertThat(utilization.churned()).isEqualTo(5);
        assertThat(utilization.renewed()).isEqualTo(5);
    }

    @Test
    void the_auc_interval_is_hanley_mcneil_and_narrows_with_more_accounts() {
        // Hanley & McNeil (1982): A = 0.8 with 50 and 50 cases, Q1 = 2/3, Q2 = 0.64 / 0.9
        double q1 = 0.8 / 1.2;
        double q2 = 2 * 0.64 / 1.8;
        double expected = Math.sqrt((0.8 * 0.2 + 49 * (q1 - 0.64) + 49 * (q2 - 0.64)) / 2500);
        assertThat(KpiStatistics.hanleyMcNeil(0.8, 50, 50)).isCloseTo(expected, within(1e-12)).isCloseTo(0.0445, within(5e-4));
        assertThat(KpiStatistics.hanleyMcNeil(0.8, 500, 500)).isLessThan(KpiStatistics.hanleyMcNeil(0.8, 50, 50));

        Auc auc = KpiStatistics.auc(UTILIZATION, CHURNED).flipped();
        double se = KpiStatistics.hanleyMcNeil(auc.value(), 5, 5);
        assertThat(auc.lower()).isCloseTo(auc.value() - 1.959964 * se, within(1e-9));
        assertThat(auc.upper()).isEqualTo(1.0); // capped: an AUC cannot pass 1
    }

    @Test
    void quintiles_split_the_accounts_by_value_and_show_each_fifths_churn_rate() {
        List<KpiStatistics.Quantile> quintiles = KpiStatistics.quantiles(UTILIZATION, CHURNED, 5);

        assertThat(quintiles).extracting(KpiStatistics.Quantile::accounts).containsExactly(2, 2, 2, 2, 2);
        assertThat(quintiles).extracting(KpiStatistics.Quantile::churnRate).containsExactly(1.0, 0.5, 0.5, 0.5, 0.0);
        assertThat(quintiles.get(0).from()).isEqualTo(0.10);
        assertThat(quintiles.get(4).to()).isEqualTo(0.90);
        // eleven accounts: the first fifth takes the one left over
        assertThat(KpiStatistics.quantiles(new double[11], new boolean[11], 5))
                .extracting(KpiStatistics.Quantile::accounts).containsExactly(3, 2, 2, 2, 2);
    }

    @Test
    void the_point_biserial_correlation_is_pearson_with_the_churn_flag() {
        double[] values = {1, 2, 3, 4};
        boolean[] churned = {false, false, true, true};
        // mean 2.5, population sd sqrt(1.25), means 3.5 and 1.5, p = q = 0.5
        assertThat(KpiStatistics.pointBiserial(values, churned)).isCloseTo(2 / Math.sqrt(1.25) * 0.5, within(1e-12));
        assertThat(KpiStatistics.pointBiserial(new double[] {5, 5, 5}, new boolean[] {true, false, false}))
                .as("a metric that does not vary").isZero();
    }

    @Test
    void a_metric_is_predictive_only_when_its_interval_excludes_chance_and_it_is_a_tenth_away_from_it() {
        assertThat(KpiVerdict.of(new Auc(0.75, 0.03, 0.69, 0.81, 60, 60))).isEqualTo(KpiVerdict.PREDICTIVE);
        assertThat(KpiVerdict.of(new Auc(0.60, 0.02, 0.56, 0.64, 300, 300))).isEqualTo(KpiVerdict.PREDICTIVE);
        assertThat(KpiVerdict.of(new Auc(0.57, 0.02, 0.53, 0.61, 300, 300)))
                .as("real but small").isEqualTo(KpiVerdict.WEAK);
        assertThat(KpiVerdict.of(new Auc(0.65, 0.09, 0.47, 0.83, 12, 12)))
                .as("large but uncertain").isEqualTo(KpiVerdict.NOT_PREDICTIVE);
        assertThat(KpiVerdict.of(new Auc(0.52, 0.03, 0.46, 0.58, 140, 258))).isEqualTo(KpiVerdict.NOT_PREDICTIVE);
        assertThat(KpiVerdict.of(new Auc(0.95, 0.05, 0.85, 1.0, 9, 100)))
                .as("fewer than 10 churned").isEqualTo(KpiVerdict.TOO_FEW);
    }

    @Test
    void a_metric_where_low_values_go_with_churn_is_judged_in_that_direction() {
        KpiValidation.KpiResult result = KpiValidation.judge("utilization_28d", UTILIZATION, CHURNED);

        assertThat(result.direction()).isEqualTo("lower");
        assertThat(result.auc().value()).isCloseTo(0.84, within(1e-12));
        assertThat(result.pointBiserial()).isNegative();
        assertThat(result.churnedMean()).isCloseTo(0.34, within(1e-12));
        assertThat(result.verdict()).as("five of each are too few").isEqualTo(KpiVerdict.TOO_FEW);
    }
}
