package org.bansou.churn;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bansou.churn.ChurnPipeline.Evaluation;
import org.bansou.churn.ChurnPipeline.Fitted;
import org.bansou.churn.ChurnPipeline.Table;

/**
 * Every learner fitted on the same training rows and judged on the same held-out rows, and the one to keep: the
 * highest held-out AUC (a tie keeps the first, simpler one, the logistic regression).
 */
record ChurnComparison(List<Judged> judged) {

    ChurnComparison {
        judged = List.copyOf(judged);
    }

    /** One learner fitted on the training rows and judged on the held-out rows; unavailable says why it could not run. */
    record Judged(ChurnLearner learner, String trainer, Evaluation heldOut, long fitMillis, String unavailable) {
    }

    /** A comparison and the fitted models behind it (those that could run). */
    record Compared(ChurnComparison comparison, Map<ChurnLearner, Fitted> fitted) {
    }

    Judged chosen() {
        Judged best = null;
        for (Judged j : judged) {
            if (j.heldOut() != null && Double.isFinite(j.heldOut().auc().value())
                    && (best == null || j.heldOut().auc().value() > best.heldOut().auc().value())) {
                best = j;
            }
        }
        return best == null ? judged.get(0) : best;
    }

    Judged of(ChurnLearner learner) {
        return judged.stream().filter(j -> j.learner() == learner).findFirst().orElseThrow();
    }

    /**
     * Fits every learner on {@code train} and evaluates each on {@code test}. The tree ensemble runs on XGBoost's
     * native library; where it cannot load (a platform the jar carries no library for) the logistic regression
     * stands alone and the comparison says why.
     */
    static Compared judge(Table train, Table test) {
        List<Judged> judged = new ArrayList<>();
        Map<ChurnLearner, Fitted> fitted = new EnumMap<>(ChurnLearner.class);
        for (ChurnLearner learner : ChurnLearner.values()) {
            long started = System.nanoTime();
            try {
                Fitted model = ChurnPipeline.fit(train, learner);
                Evaluation evaluation = ChurnPipeline.evaluate(model.probabilities(test), test.churned());
                judged.add(new Judged(learner, learner.trainer(), evaluation, (System.nanoTime() - started) / 1_000_000,
                        null));
                fitted.put(learner, model);
            } catch (LinkageError | IllegalStateException e) {
                if (learner == ChurnLearner.LOGISTIC_REGRESSION) {
                    throw e;
                }
                judged.add(new Judged(learner, learner.trainer(), null, 0, e.toString()));
            }
        }
        return new Compared(new ChurnComparison(judged), fitted);
    }
}
