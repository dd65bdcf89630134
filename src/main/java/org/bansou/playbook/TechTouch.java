package org.bansou.playbook;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bansou.subscription.AccountMrr;
import org.bansou.subscription.Subscriptions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs tech-touch rules: finds every account for which a rule's condition holds (one statement), ends the
 * episodes of accounts where it stopped holding, opens one for each new account and acts once for it - a
 * task for the owner, a playbook, or an email. A preview answers the same question without acting.
 */
@Component
class TechTouch {

    /** What a rule would do now: accounts matching, those it would fire for (no open episode), their MRR. */
    record Preview(long ruleId, int matching, List<Long> wouldFire, Map<String, Long> wouldFireMrrByCurrency) {
    }

    record RunResult(long ruleId, int matching, List<Long> fired, int episodesEnded) {
    }

    private final TouchRules rules;
    private final PlaybookRuns runs;
    private final PlaybookTemplates templates;
    private final Subscriptions subscriptions;
    private final RuleMail mail;
    private final Clock clock;

    TechTouch(TouchRules rules, PlaybookRuns runs, PlaybookTemplates templates, Subscriptions subscriptions,
              RuleMail mail, Clock clock) {
        this.rules = rules;
        this.runs = runs;
        this.templates = templates;
        this.subscriptions = subscriptions;
        this.mail = mail;
        this.clock = clock;
    }

    Preview preview(TouchRule rule, LocalDate today) {
        List<Long> matching = rules.matching(rule, today);
        List<Long> wouldFire = matching.isEmpty() ? List.of() : rules.withoutOpenEpisode(rule.id(), matching);
        return new Preview(rule.id(), matching.size(), wouldFire, mrrOf(wouldFire));
    }

    @Transactional
    RunResult run(TouchRule rule, LocalDate today) {
        List<Long> matching = rules.matching(rule, today);
        int ended = rules.endEpisodes(rule.id(), matching, today);
        List<Long> fired = rules.openEpisodes(rule.id(), matching, clock.instant(), today);
        if (!fired.isEmpty()) {
            rules.recordOutcomes(rule.id(), act(rule, fired, today));
        }
        return new RunResult(rule.id(), matching.size(), fired, ended);
    }

    private Map<Long, String> act(TouchRule rule, List<Long> fired, LocalDate today) {
        Map<Long, String> outcomes = new HashMap<>();
        switch (rule.action()) {
            case "task" -> {
                runs.createRuleTasks(rule.id(), fired, rule.taskTitle(), today, rule.taskDueDays());
                fired.forEach(id -> outcomes.put(id, "task"));
            }
            case "playbook" -> {
                var template = templates.currentByCode(rule.templateCode()).orElse(null);
                if (template == null) {
                    fired.forEach(id -> outcomes.put(id, "no template " + rule.templateCode()));
                } else {
                    runs.start(fired.stream().map(id -> new PlaybookRuns.RunStart(id, template.id(), today)).toList(),
                            "rule", "rule:" + rule.id());
                    fired.forEach(id -> outcomes.put(id, "playbook " + template.code() + " v" + template.version()));
                }
            }
            default -> outcomes.putAll(mail.send(rule, fired));
        }
        return outcomes;
    }

    private Map<String, Long> mrrOf(List<Long> accountIds) {
        Map<String, Long> byCurrency = new TreeMap<>();
        for (AccountMrr mrr : subscriptions.currentMrrOf(accountIds)) {
            byCurrency.merge(mrr.currency(), mrr.mrr(), Long::sum);
        }
        return byCurrency;
    }
}
