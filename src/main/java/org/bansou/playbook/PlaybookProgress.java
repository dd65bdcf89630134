package org.bansou.playbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.subscription.Subscriptions;
import org.bansou.usage.UsageDaily;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves playbooks along: starts them (by hand, or when a customer's first subscription starts), ticks tasks
 * off when their completion check sees the usage event, closes runs whose tasks are all done and then moves
 * the account on to the template's next stage (onboarding done -> adoption).
 */
@Component
class PlaybookProgress {

    private final PlaybookTemplates templates;
    private final PlaybookRuns runs;
    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final UsageDaily usage;
    private final AccessRules access;
    private final AuditLog audit;

    PlaybookProgress(PlaybookTemplates templates, PlaybookRuns runs, Accounts accounts, Subscriptions subscriptions,
                     UsageDaily usage, AccessRules access, AuditLog audit) {
        this.templates = templates;
        this.runs = runs;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.usage = usage;
        this.access = access;
        this.audit = audit;
    }

    /** Starts the current version of a template for one account, by hand; a csm only for its own accounts. */
    @Transactional
    PlaybookRun startByHand(long templateId, long accountId, LocalDate startedOn, LocalDate today) {
        Account account = accounts.get(accountId);
        access.requireAccountWrite(account.ownerUserId());
        PlaybookTemplate template = templates.get(templateId);
        if (!template.current()) {
            throw new org.bansou.web.InvalidFieldException("templateId", "version " + template.version()
                    + " of " + template.code() + " is superseded; start the current version");
        }
        long runId = runs.start(List.of(new PlaybookRuns.RunStart(accountId, templateId, startedOn)), "manual",
                access.actor().name()).get(0);
        audit.record("start", "playbook_run", runId, accountId, Map.of("template", template.code(),
                "version", template.version(), "startedOn", startedOn.toString()));
        return runs.get(runId, today);
    }

    /** Ticks a task off by hand; a csm only on its own accounts, viewers never. */
    @Transactional
    PlaybookTask markDone(long taskId, LocalDate doneOn) {
        PlaybookTask task = runs.task(taskId);
        access.requireAccountWrite(accounts.get(task.accountId()).ownerUserId());
        PlaybookTask done = runs.markDone(taskId, doneOn, access.actor().name());
        audit.record("done", "playbook_task", taskId, task.accountId(), Map.of("doneOn", doneOn.toString()));
        return done;
    }

    /**
     * One pass of the periodic work, each step one set-based statement (plus one usage question for all
     * checked tasks): auto-starts, completion checks, finished runs, stage moves.
     */
    @Transactional
    Pass catchUp(LocalDate today) {
        int started = startOnNewSubscriptions();
        int checked = applyCompletionChecks();
        List<PlaybookRuns.Finished> finished = runs.completeFinishedRuns();
        int moved = moveFinishedOn(finished);
        return new Pass(started, checked, finished.size(), moved);
    }

    record Pass(int runsStarted, int tasksDoneByCheck, int runsCompleted, int accountsMovedOn) {
    }

    /**
     * Subscription publishes no event when a contract starts, so this asks for accounts whose first subscription
     * started since the template was written and that never ran it; history before the template is left alone.
     */
    int startOnNewSubscriptions() {
        int started = 0;
        for (PlaybookTemplate template : templates.startingOnSubscription()) {
            LocalDate since = template.createdAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1);
            Map<Long, LocalDate> firstStarts = subscriptions.accountsFirstStartedSince(since);
            if (firstStarts.isEmpty()) {
                continue;
            }
            List<Long> ran = runs.accountsThatRan(template.code(), List.copyOf(firstStarts.keySet()));
            List<PlaybookRuns.RunStart> starts = new ArrayList<>();
            firstStarts.forEach((accountId, on) -> {
                if (!ran.contains(accountId)) {
                    starts.add(new PlaybookRuns.RunStart(accountId, template.id(), on));
                }
            });
            started += runs.start(starts, "subscription", "system").size();
        }
        return started;
    }

    int applyCompletionChecks() {
        List<PlaybookRuns.CheckQuestion> questions = runs.openCheckedTasks();
        if (questions.isEmpty()) {
            return 0;
        }
        Map<UsageDaily.EventSince, LocalDate> seen = usage.firstSeen(questions.stream()
                .map(q -> new UsageDaily.EventSince(q.accountId(), q.checkEvent(), q.startedOn()))
                .distinct().toList());
        Map<Long, LocalDate> doneOn = new HashMap<>();
        for (PlaybookRuns.CheckQuestion q : questions) {
            LocalDate day = seen.get(new UsageDaily.EventSince(q.accountId(), q.checkEvent(), q.startedOn()));
            if (day != null) {
                doneOn.put(q.taskId(), day);
            }
        }
        return runs.markCheckedDone(doneOn);
    }

    private int moveFinishedOn(List<PlaybookRuns.Finished> finished) {
        int moved = 0;
        Map<Long, List<Long>> accountsByTemplate = finished.stream().collect(Collectors.groupingBy(
                PlaybookRuns.Finished::templateId, Collectors.mapping(PlaybookRuns.Finished::accountId,
                        Collectors.toList())));
        for (var entry : accountsByTemplate.entrySet()) {
            PlaybookTemplate template = templates.get(entry.getKey());
            if (template.nextStage() != null && !template.nextStage().equals(template.stage())) {
                moved += accounts.advanceStage(entry.getValue(), template.stage(), template.nextStage(),
                        "playbook:" + template.code()).size();
            }
        }
        return moved;
    }
}
