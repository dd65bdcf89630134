package org.bansou.playbook;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every 15 minutes (setting {@code bansou.playbook.interval-ms}): moves playbooks along, then runs the enabled
 * tech-touch rules. Tests (command "test") call the same work when they choose.
 */
@Component
@EnableScheduling
@ConditionalOnExpression("'${bansou.command:serve}' == 'serve' or '${bansou.command:serve}' == 'demo'")
class PlaybookSchedule {

    private static final Logger log = LoggerFactory.getLogger(PlaybookSchedule.class);

    private final PlaybookProgress progress;
    private final TouchRules rules;
    private final TechTouch techTouch;
    private final Clock clock;

    PlaybookSchedule(PlaybookProgress progress, TouchRules rules, TechTouch techTouch, Clock clock) {
        this.progress = progress;
        this.rules = rules;
        this.techTouch = techTouch;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${bansou.playbook.interval-ms:900000}", initialDelayString = "60000")
    void run() {
        LocalDate today = LocalDate.now(clock);
        PlaybookProgress.Pass pass = progress.catchUp(today);
        int fired = 0;
        // each rule in its own transaction: one rule failing (a template deleted, SMTP down) leaves the others
        for (TouchRule rule : rules.enabled()) {
            try {
                fired += techTouch.run(rule, today).fired().size();
            } catch (RuntimeException e) {
                log.warn("rule {} ({}) did not run: {}", rule.id(), rule.name(), e.getMessage());
            }
        }
        log.info("playbooks: {}; rules fired for {} accounts", pass, fired);
    }
}
