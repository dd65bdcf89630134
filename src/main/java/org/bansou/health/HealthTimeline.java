package org.bansou.health;

import java.util.List;

import org.bansou.account.TimelineFact;
import org.bansou.account.TimelineSource;
import org.springframework.stereotype.Component;

/** Puts every health band change on the account's timeline, read from the score history itself. */
@Component
class HealthTimeline implements TimelineSource {

    private final HealthScores scores;

    HealthTimeline(HealthScores scores) {
        this.scores = scores;
    }

    @Override
    public List<TimelineFact> factsFor(long accountId) {
        return scores.bandChanges(accountId).stream()
                .map(change -> new TimelineFact(change.day(), null, "health.timeline.kind",
                        "health.timeline.bandChanged." + change.from().code() + "." + change.to().code(),
                        List.of(change.modelVersion())))
                .toList();
    }
}
