package org.bansou.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which cut-off days a model is trained and judged on, by time: the test cut-off is the latest whose outcome
 * window ({@code horizonDays} after it) is complete; every training cut-off's window ends on or before the test
 * cut-off, so no outcome the model learns from happens in the period it is judged on.
 */
record CutOffPlan(LocalDate asOf, int horizonDays, List<LocalDate> train, LocalDate test) {

    CutOffPlan {
        train = List.copyOf(train);
        if (test.plusDays(horizonDays).isAfter(asOf)) {
            throw new IllegalArgumentException("the test window after " + test + " is not complete on " + asOf);
        }
        for (LocalDate cutOff : train) {
            if (cutOff.plusDays(horizonDays).isAfter(test)) {
                throw new IllegalArgumentException("training cut-off " + cutOff + " sees outcomes after the test cut-off "
                        + test);
            }
        }
    }

    /** {@code count} training cut-offs {@code stepDays} apart, the latest one horizon before the test cut-off. */
    static CutOffPlan of(LocalDate asOf, int horizonDays, int count, int stepDays) {
        LocalDate test = asOf.minusDays(horizonDays);
        List<LocalDate> train = new ArrayList<>();
        for (int k = count - 1; k >= 0; k--) {
            train.add(test.minusDays(horizonDays + (long) stepDays * k));
        }
        return new CutOffPlan(asOf, horizonDays, train, test);
    }

    /** Every cut-off with a complete outcome window: what the model that scores today learns from. */
    List<LocalDate> all() {
        List<LocalDate> all = new ArrayList<>(train);
        all.add(test);
        return all;
    }
}
