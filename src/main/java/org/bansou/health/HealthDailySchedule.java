package org.bansou.health;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scores every customer account once a day, early in the workspace's morning so CSMs start the day with
 * fresh bands. Tests (command "test") score when they choose.
 */
@Component
@EnableScheduling
@ConditionalOnExpression("'${bansou.command:serve}' != 'test'")
class HealthDailySchedule {

    private final HealthScoring scoring;

    HealthDailySchedule(HealthScoring scoring) {
        this.scoring = scoring;
    }

    @Scheduled(cron = "${bansou.health.daily-cron:0 30 4 * * *}", zone = "${bansou.zone:Asia/Tokyo}")
    void scoreToday() {
        scoring.scoreToday();
    }
}
