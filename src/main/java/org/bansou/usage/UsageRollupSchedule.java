package org.bansou.usage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes new events into the daily rollup every second (and lets {@link UsagePartitions} make next months'
 * partitions each night). Tests (command "test") roll up when they choose, by
 * calling {@link UsageDaily#catchUp()}, so that no rollup runs while a test empties the database.
 */
@Component
@EnableScheduling
@ConditionalOnExpression("'${bansou.command:serve}' != 'test'")
class UsageRollupSchedule {

    private final UsageDaily daily;

    UsageRollupSchedule(UsageDaily daily) {
        this.daily = daily;
    }

    @Scheduled(fixedDelayString = "${bansou.usage.rollup-interval-ms:1000}",
            initialDelayString = "${bansou.usage.rollup-interval-ms:1000}")
    void catchUp() {
        daily.catchUpUnlessRunning();
    }
}
