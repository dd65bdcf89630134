package org.bansou.revenue;

import java.time.YearMonth;
import java.util.List;

/**
 * Retention by start month: for each cohort (the accounts that first paid in {@code start}), how many still
 * pay and their MRR at the end of each month since, index 0 being the end of the start month. Reactivated
 * accounts come back into the cohort they started in.
 */
public record CohortTable(YearMonth from, YearMonth to, String currency, List<Cohort> cohorts) {

    public record Cohort(YearMonth start, List<Long> logos, List<Long> mrr) {

        public long startingLogos() {
            return logos.isEmpty() ? 0 : logos.get(0);
        }

        public long startingMrr() {
            return mrr.isEmpty() ? 0 : mrr.get(0);
        }
    }

    /** The longest row: how many months the oldest cohort has been followed. */
    public int width() {
        return cohorts.stream().mapToInt(c -> c.logos().size()).max().orElse(0);
    }
}
