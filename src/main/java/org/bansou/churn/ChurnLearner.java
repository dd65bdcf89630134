package org.bansou.churn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * The two kinds of churn-risk model bansou trains side by side on the same cut-offs (issue 5: logistic
 * regression, and a tree ensemble if it helps); the one that ranks the held-out accounts better scores them.
 */
enum ChurnLearner {

    // Tribuo's LogisticRegressionTrainer is this objective with AdaGrad at rate 1.0 for 5 epochs; a smaller rate
    // over more epochs settles instead of jumping between the last examples seen (telco AUC 0.833 -> see test)
    LOGISTIC_REGRESSION("logistic_regression", "tribuo LinearSGDTrainer(LogMulticlass, AdaGrad(0.1, 0.1), "
            + ChurnLearner.EPOCHS + " epochs, minibatch 1)") {
        @Override
        Model<Label> train(MutableDataset<Label> dataset) {
            // a trainer of its own each time: Tribuo's trainers move their seed on with every call
            return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS, 1_000_000, 1, SEED)
                    .train(dataset);
        }
    },

    // kept small on purpose: a few thousand accounts at a handful of cut-offs, retrained weekly on a shared
    // 2-core server; shallow trees with a slow rate and row/feature subsampling resist fitting the noise
    BOOSTED_TREES("boosted_trees", "tribuo XGBoostClassificationTrainer(gbtree, hist, " + ChurnLearner.TREES
            + " trees, eta 0.1, max depth 3, min child weight 5, subsample 0.8, column subsample 0.8, 1 thread)") {
        @Override
        Model<Label> train(MutableDataset<Label> dataset) {
            return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                    TREES, 0.1, 0, 3, 5, 0.8, 0.8, 1, 0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, SEED)
                    .train(dataset);
        }
    };

    static final int EPOCHS = 20;
    static final int TREES = 100;
    static final long SEED = 20261201L;

    private final String code;
    private final String trainer;

    ChurnLearner(String code, String trainer) {
        this.code = code;
        this.trainer = trainer;
    }

    /** The stable name stored with a model ({@code churn_scoring_model.learner}) and written in its report. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The trainer and its settings, as shown on the model page. */
    public String trainer() {
        return trainer;
    }

    abstract Model<Label> train(MutableDataset<Label> dataset);

    @JsonCreator
    static ChurnLearner ofCode(String code) {
        for (ChurnLearner learner : values()) {
            if (learner.code.equals(code)) {
                return learner;
            }
        }
        throw new IllegalArgumentException("unknown churn learner " + code);
    }
}
