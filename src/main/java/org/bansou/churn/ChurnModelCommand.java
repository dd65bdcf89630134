package org.bansou.churn;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar bansou.jar churn-model}: retrains the churn-risk model on the database's history (both
 * learners, the better kept), scores every paying account, prints each learner's held-out evaluation and where
 * the report was written.
 */
@Component
@ConditionalOnProperty(name = "bansou.command", havingValue = "churn-model")
class ChurnModelCommand implements ApplicationRunner, ExitCodeGenerator {

    static final int NOT_ENOUGH_HISTORY = 1;

    private final ChurnModelTraining training;
    private final Clock clock;
    private int exitCode;

    ChurnModelCommand(ChurnModelTraining training, Clock clock) {
        this.training = training;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ChurnModelTraining.Retrained retrained = training.retrain(LocalDate.now(clock));
            ChurnModel model = retrained.model();
            ChurnPipeline.Evaluation heldOut = model.report().heldOut();
            System.out.printf("churn model %d: trained on %d rows (%d churned) at cut-offs %s%n", model.id(),
                    model.trainRows(), model.trainChurned(), model.trainCutOffs());
            System.out.printf("held out %s: %d accounts, %d churned within %d days, AUC %.3f [%.3f, %.3f],"
                            + " top decile precision %.3f recall %.3f%n", model.testCutOff(), model.testRows(),
                    model.testChurned(), model.horizonDays(), heldOut.auc().value(), heldOut.auc().lower(),
                    heldOut.auc().upper(), heldOut.topDecilePrecision(), heldOut.topDecileRecall());
            for (ChurnComparison.Judged judged : model.report().compared()) {
                ChurnPipeline.Evaluation e = judged.heldOut();
                System.out.println(e == null ? "  " + judged.learner().code() + ": could not run: " + judged.unavailable()
                        : String.format("  %s: AUC %.3f [%.3f, %.3f], top decile precision %.3f recall %.3f, %d ms%s",
                        judged.learner().code(), e.auc().value(), e.auc().lower(), e.auc().upper(),
                        e.topDecilePrecision(), e.topDecileRecall(), judged.fitMillis(),
                        judged.learner().code().equals(model.report().learner()) ? " (kept)" : ""));
            }
            System.out.printf("scored %d accounts in %d ms; report: %s%n", model.accountsScored(),
                    model.trainingMillis(), retrained.report().toAbsolutePath());
            exitCode = 0;
        } catch (ChurnModelTraining.NotEnoughHistory e) {
            System.err.println("churn-model: " + e.getMessage());
            exitCode = NOT_ENOUGH_HISTORY;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
