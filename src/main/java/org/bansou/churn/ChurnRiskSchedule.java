package org.bansou.churn;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every morning after the health scores (setting {@code bansou.churn.daily-cron}, default 05:00 in the workspace
 * zone; health scores at 04:30), rescores every paying account with the current churn-risk model; once the model
 * is {@code bansou.churn.retrain-every-days} old (default 7; 0 never retrains by schedule) it retrains instead,
 * which scores the accounts too. Once started it catches up on a morning the server missed (or, in a fresh
 * demo, trains the first model); the server already answers meanwhile. The server and the demo run it; tests call
 * {@link #run()} and {@link #catchUp()} when they choose.
 */
@Component
@EnableScheduling
@ConditionalOnExpression("'${bansou.command:serve}' == 'serve' or '${bansou.command:serve}' == 'demo'")
class ChurnRiskSchedule {

    private static final Logger log = LoggerFactory.getLogger(ChurnRiskSchedule.class);

    private final ChurnScoring scoring;
    private final ChurnModelTraining training;
    private final ChurnModels models;
    private final ChurnRisks risks;
    private final Clock clock;
    private final int retrainEveryDays;

    ChurnRiskSchedule(ChurnScoring scoring, ChurnModelTraining training, ChurnModels models, ChurnRisks risks,
                      Clock clock, @Value("${bansou.churn.retrain-every-days:7}") int retrainEveryDays) {
        if (retrainEveryDays < 0) {
            throw new IllegalArgumentException("bansou.churn.retrain-every-days: must be 0 (never) or more, was "
                    + retrainEveryDays);
        }
        this.scoring = scoring;
        this.training = training;
        this.models = models;
        this.risks = risks;
        this.clock = clock;
        this.retrainEveryDays = retrainEveryDays;
    }

    /** What a morning's run did: retrained (and scored), rescored with the current model, or nothing, and why. */
    record Pass(Kind kind, Long modelId, int accountsScored, long millis, String note) {

        enum Kind { RETRAINED, RESCORED, NOTHING }
    }

    @Scheduled(cron = "${bansou.churn.daily-cron:0 0 5 * * *}", zone = "${bansou.zone:Asia/Tokyo}")
    void scheduled() {
        Pass pass = run();
        log.info("churn risk: {} (model {}, {} accounts in {} ms){}", pass.kind(), pass.modelId(),
                pass.accountsScored(), pass.millis(), pass.note() == null ? "" : ": " + pass.note());
    }

    // once the start is complete: the demo's generation is an application runner, done before this event, so
    // a fresh demo's first model learns from the whole company rather than from a database still being filled
    @EventListener(ApplicationReadyEvent.class)
    void catchUpOnceStarted() {
        Pass pass = catchUp();
        log.info("churn risk catch-up: {} (model {}, {} accounts in {} ms){}", pass.kind(), pass.modelId(),
                pass.accountsScored(), pass.millis(), pass.note() == null ? "" : ": " + pass.note());
    }

    /** Runs the morning's work unless the current model has already scored the accounts today. */
    Pass catchUp() {
        LocalDate today = LocalDate.now(clock);
        Optional<ChurnModel> latest = models.latest();
        if (latest.isPresent() && risks.lastScoredOn(latest.get().id()).filter(today::equals).isPresent()) {
            return new Pass(Pass.Kind.NOTHING, latest.get().id(), 0, 0, "already scored today");
        }
        return run();
    }

    Pass run() {
        LocalDate today = LocalDate.now(clock);
        Optional<ChurnModels.Scoring> current = models.latestScoring();
        String notRetrained = null;
        if (retrainDue(current, today)) {
            try {
                ChurnModel model = training.retrain(today).model();
                return new Pass(Pass.Kind.RETRAINED, model.id(), model.accountsScored(), model.trainingMillis(), null);
            } catch (ChurnModelTraining.NotEnoughHistory e) {
                // the model there is keeps scoring: last week's model on today's usage beats no risk at all
                notRetrained = "not retrained: " + e.getMessage();
            }
        }
        try {
            ChurnScoring.Rescored rescored = scoring.rescore(today);
            return new Pass(Pass.Kind.RESCORED, rescored.modelId(), rescored.accountsScored(), rescored.millis(),
                    notRetrained);
        } catch (ChurnScoring.NoScoringModel e) {
            return new Pass(Pass.Kind.NOTHING, null, 0, 0, notRetrained == null ? e.getMessage()
                    : notRetrained + "; " + e.getMessage());
        }
    }

    private boolean retrainDue(Optional<ChurnModels.Scoring> current, LocalDate today) {
        if (retrainEveryDays == 0) {
            return false;
        }
        if (current.isEmpty() || current.get().fitted().isEmpty()) {
            return true;
        }
        return !current.get().model().asOf().plusDays(retrainEveryDays).isAfter(today);
    }
}
