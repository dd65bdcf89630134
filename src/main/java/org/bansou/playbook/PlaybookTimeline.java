package org.bansou.playbook;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bansou.account.TimelineFact;
import org.bansou.account.TimelineSource;
import org.springframework.stereotype.Component;

/** Puts playbook starts and completions and rule firings on the account's timeline. */
@Component
class PlaybookTimeline implements TimelineSource {

    private final PlaybookRuns runs;
    private final TouchRules rules;
    private final Clock clock;

    PlaybookTimeline(PlaybookRuns runs, TouchRules rules, Clock clock) {
        this.runs = runs;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public List<TimelineFact> factsFor(long accountId) {
        List<TimelineFact> facts = new ArrayList<>();
        for (PlaybookRun run : runs.forAccount(accountId, LocalDate.now(clock))) {
            facts.add(new TimelineFact(run.startedOn(), null, "playbook.timeline.kind", "playbook.timeline.started",
                    List.of(run.templateName(), run.templateVersion())));
            if (run.completedOn() != null) {
                facts.add(new TimelineFact(run.completedOn(), null, "playbook.timeline.kind",
                        "playbook.timeline.completed", List.of(run.templateName(), run.templateVersion())));
            }
        }
        for (TouchRules.Firing firing : rules.firingsForAccount(accountId, 50)) {
            facts.add(new TimelineFact(firing.firedOn(), firing.firedAt(), "playbook.timeline.ruleKind",
                    "playbook.timeline.fired", List.of(firing.ruleName(), firing.outcome())));
        }
        return facts;
    }
}
