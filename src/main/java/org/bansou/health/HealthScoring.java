package org.bansou.health;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores every customer account in bulk: daily, on demand, or for past days (a backfill). When several
 * models' segment filters match an account, the most specific one (most of touch tier, plan and industry
 * named) wins; among equally specific ones the higher priority, then the older model.
 * <p>
 * Band changes of a run for one day are published as {@link HealthBandChanged}, one per account, inside the
 * scoring transaction, when there are at most {@code bansou.health.max-events} of them (default 1,000): a
 * listener takes each event in a transaction of its own, and a first run over a million accounts changes every
 * band. Above that the changes are published in parts of {@link HealthBandsChangedInBulk#PART}, each a
 * {@link HealthBandsChangedInBulk} a listener takes in one statement. Backfills (history, not news) publish nothing.
 */
@Component
public class HealthScoring {

    private static final Logger log = LoggerFactory.getLogger(HealthScoring.class);
    private static final long SCORING_LOCK = 0x6865616c_74687363L; // "healthsc": one scoring run at a time

    /** What one run did. */
    public record Run(LocalDate day, long scored, int bandChanges, boolean published) {
    }

    private final HealthModels models;
    private final HealthScores scores;
    private final ApplicationEventPublisher events;
    private final AccessRules access;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxEvents;

    HealthScoring(HealthModels models, HealthScores scores, ApplicationEventPublisher events, AccessRules access,
                  AuditLog audit, JdbcClient jdbc, Clock clock,
                  @Value("${bansou.health.max-events:1000}") int maxEvents) {
        this.models = models;
        this.scores = scores;
        this.events = events;
        this.access = access;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxEvents = maxEvents;
    }

    /** The scheduled daily run: today in the workspace time zone. */
    @Transactional
    public Run scoreToday() {
        return score(LocalDate.now(clock));
    }

    /** Scores every customer account on {@code day} now, asked by a manager or admin. */
    @Transactional
    public Run scoreOnDemand(LocalDate day) {
        access.require(Role.MANAGER);
        if (day.isAfter(LocalDate.now(clock))) {
            throw new org.bansou.web.InvalidFieldException("day", "is in the future; only days that have happened can be scored");
        }
        Run run = score(day);
        audit.record("score", "health_score", day, null, Map.of("day", day.toString(), "scored", run.scored(),
                "bandChanges", run.bandChanges()));
        return run;
    }

    /** Scores past days from the data each day had (no look-ahead), publishing nothing; returns the scores. */
    @Transactional
    public int backfill(List<LocalDate> days) {
        if (days.isEmpty()) {
            return 0;
        }
        List<HealthModel> order = winningOrder();
        if (order.isEmpty()) {
            return 0;
        }
        oneRunAtATime();
        return scores.scoreDays(order, days);
    }

    private Run score(LocalDate day) {
        List<HealthModel> order = winningOrder();
        if (order.isEmpty()) {
            return new Run(day, 0, 0, false);
        }
        oneRunAtATime();
        HealthScores.DayScored scored = scores.scoreDay(order, day);
        List<HealthBandChanged> changes = scored.bandChanges();
        boolean publish = changes.size() <= maxEvents;
        if (publish) {
            changes.forEach(events::publishEvent);
        } else {
            log.info("Health scores of {}: {} band changes, more than {}, announced in parts of {}", day,
                    changes.size(), maxEvents, HealthBandsChangedInBulk.PART);
            for (int from = 0; from < changes.size(); from += HealthBandsChangedInBulk.PART) {
                events.publishEvent(new HealthBandsChangedInBulk(day,
                        changes.subList(from, Math.min(changes.size(), from + HealthBandsChangedInBulk.PART))));
            }
        }
        return new Run(day, scored.scored(), changes.size(), publish);
    }

    private void oneRunAtATime() {
        jdbc.sql("SELECT true FROM pg_advisory_xact_lock(:lock)").param("lock", SCORING_LOCK)
                .query(Boolean.class).single();
    }

    List<HealthModel> winningOrder() {
        return models.scoring().stream()
                .sorted(Comparator.comparingInt(HealthModel::specificity).reversed()
                        .thenComparing(Comparator.comparingInt(HealthModel::priority).reversed())
                        .thenComparingLong(HealthModel::id))
                .toList();
    }
}
