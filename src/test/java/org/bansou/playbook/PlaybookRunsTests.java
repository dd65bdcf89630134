package org.bansou.playbook;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.account.Accounts;
import org.bansou.account.StageChanges;
import org.bansou.database.StaleVersionException;
import org.bansou.security.AppUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BansouTest
@Import(PlaybookWorld.class)
class PlaybookRunsTests {

    @Autowired PlaybookWorld world;
    @Autowired PlaybookTemplates templates;
    @Autowired PlaybookRuns runs;
    @Autowired PlaybookProgress progress;
    @Autowired Accounts accounts;
    @Autowired StageChanges stageChanges;

    LocalDate start = LocalDate.of(2026, 11, 2);

    @Test
    void tasks_are_due_their_offset_after_the_start_and_cs_tasks_belong_to_the_accounts_csm() {
        AppUser sato = world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        PlaybookTemplate standard = world.standardOnboarding();

        long runId = runs.start(List.of(new PlaybookRuns.RunStart(kobayashi, standard.id(), start)), "manual",
                "sato").get(0);

        List<PlaybookTask> tasks = runs.tasksOf(runId);
        assertThat(tasks).extracting(PlaybookTask::dueOn)
                .containsExactly(start.plusDays(3), start.plusDays(7), start.plusDays(14));
        assertThat(tasks).extracting(PlaybookTask::owner).containsExactly("customer", "cs", "customer");
        // the CS task is the owner CSM's; customer tasks belong to no one in bansou
        assertThat(tasks).extracting(PlaybookTask::ownerUserId).containsExactly(null, sato.id(), null);
        assertThat(tasks).extracting(PlaybookTask::howTo).first().isEqualTo("設定 → ユーザー から招待します");
        assertThat(runs.get(runId, start).shareToken()).matches("[0-9a-f]{64}");
    }

    @Test
    void a_task_past_its_due_day_is_flagged_overdue_for_the_customer_and_for_cs() {
        AppUser sato = world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        PlaybookTemplate standard = world.standardOnboarding();
        long runId = runs.start(List.of(new PlaybookRuns.RunStart(kobayashi, standard.id(), start)), "manual",
                "sato").get(0);
        LocalDate today = start.plusDays(10); // invite (day 3) and kickoff (day 7) are past due, invoice (14) is not

        List<PlaybookTask> open = runs.openTasksFor(sato.id(), true, today, 0, 50);

        assertThat(open).extracting(PlaybookTask::titleEn).containsExactly("Invite the admins", "Kickoff meeting");
        assertThat(open).extracting(PlaybookTask::owner).containsExactly("customer", "cs");
        assertThat(open).allMatch(task -> task.overdueOn(today));
        assertThat(open.get(0).daysLateOn(today)).isEqualTo(7);
        assertThat(runs.get(runId, today).tasksOverdue()).isEqualTo(2);
        PlaybookTask invoice = runs.tasksOf(runId).get(2);
        assertThat(invoice.overdueOn(today)).isFalse();
    }

    @Test
    void a_task_with_a_completion_check_is_done_when_its_usage_event_is_seen_after_the_run_started() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        long yamada = world.account("A-1002", "山田会計事務所", "sato", "low", "onboarding");
        PlaybookTemplate standard = world.standardOnboarding();
        List<Long> ids = runs.start(List.of(new PlaybookRuns.RunStart(kobayashi, standard.id(), start),
                new PlaybookRuns.RunStart(yamada, standard.id(), start)), "manual", "sato");
        world.used("A-1001", start.plusDays(5), Map.of("invoice_sent", 1L, "login", 3L));
        // Yamada sent an invoice during the trial, before the run: that is not this onboarding's first invoice
        world.used("A-1002", start.minusDays(1), Map.of("invoice_sent", 2L));

        progress.catchUp(start.plusDays(6));

        PlaybookTask kobayashiInvoice = runs.tasksOf(ids.get(0)).get(2);
        assertThat(kobayashiInvoice.doneOn()).isEqualTo(start.plusDays(5));
        assertThat(kobayashiInvoice.doneVia()).isEqualTo("check");
        assertThat(runs.tasksOf(ids.get(1)).get(2).doneOn()).isNull();
        // the tasks without a check stay open
        assertThat(runs.tasksOf(ids.get(0)).get(0).doneOn()).isNull();
    }

    @Test
    void onboarding_is_done_when_its_playbook_completes_and_the_account_moves_on_to_adoption() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        long yamada = world.account("A-1002", "山田会計事務所", "sato", "low", "onboarding");
        PlaybookTemplate standard = world.standardOnboarding();
        List<Long> ids = runs.start(List.of(new PlaybookRuns.RunStart(kobayashi, standard.id(), start),
                new PlaybookRuns.RunStart(yamada, standard.id(), start)), "manual", "sato");
        runs.tasksOf(ids.get(0)).forEach(task -> runs.markDone(task.id(), start.plusDays(task.position() * 4), "sato"));
        runs.markDone(runs.tasksOf(ids.get(1)).get(0).id(), start.plusDays(2), "sato");

        PlaybookProgress.Pass pass = progress.catchUp(start.plusDays(20));

        assertThat(pass.runsCompleted()).isEqualTo(1);
        assertThat(runs.get(ids.get(0), start).completedOn()).isEqualTo(start.plusDays(12));
        assertThat(accounts.get(kobayashi).lifecycleStage()).isEqualTo("adoption");
        assertThat(stageChanges.forAccount(kobayashi)).last()
                .satisfies(move -> assertThat(move.changedBy()).isEqualTo("playbook:standard-onboarding"));
        // Yamada still has open tasks: still onboarding
        assertThat(runs.get(ids.get(1), start).completedOn()).isNull();
        assertThat(accounts.get(yamada).lifecycleStage()).isEqualTo("onboarding");
    }

    @Test
    void a_template_edit_makes_a_new_version_and_running_playbooks_keep_theirs() {
        world.csm("sato", "佐藤 翔");
        long kobayashi = world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        PlaybookTemplate v1 = world.standardOnboarding();
        long running = runs.start(List.of(new PlaybookRuns.RunStart(kobayashi, v1.id(), start)), "manual", "sato")
                .get(0);
        TemplateForm shorter = new TemplateForm("standard-onboarding", "標準オンボーディング", "v2: 2 tasks",
                "onboarding", "adoption", false, List.of(
                new PlaybookTemplate.TaskTemplate(0, "キックオフ会議", "Kickoff meeting", "cs", 5, null, null),
                new PlaybookTemplate.TaskTemplate(0, "初期設定", "Initial setup", "customer", 10, null, null)))
                .validated();

        PlaybookTemplate v2 = templates.revise("standard-onboarding", 1, shorter, "tanaka", PlaybookWorld.WRITTEN);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.id()).isNotEqualTo(v1.id());
        assertThat(templates.currentByCode("standard-onboarding").orElseThrow().id()).isEqualTo(v2.id());
        assertThat(templates.get(v1.id()).current()).isFalse();
        assertThat(templates.get(v1.id()).tasks()).hasSize(3);
        assertThat(runs.get(running, start).templateVersion()).isEqualTo(1);
        assertThat(runs.tasksOf(running)).hasSize(3);
        // a second manager still editing version 1 is refused rather than overwriting version 2
        assertThatThrownBy(() -> templates.revise("standard-onboarding", 1, shorter, "suzuki", PlaybookWorld.WRITTEN))
                .isInstanceOf(StaleVersionException.class);
        assertThat(templates.versions("standard-onboarding")).hasSize(2);
    }

    @Test
    void a_new_customers_first_subscription_starts_the_onboarding_playbook_once() {
        world.csm("sato", "佐藤 翔");
        world.account("A-1001", "小林歯科クリニック", "sato", "low", "onboarding");
        world.account("A-1002", "山田会計事務所", "sato", "low", "retention");
        PlaybookTemplate auto = templates.create(new TemplateForm("auto-onboarding", "自動オンボーディング", null,
                "onboarding", "adoption", true, List.of(new PlaybookTemplate.TaskTemplate(0, "キックオフ", "Kickoff",
                "cs", 7, null, null))).validated(), "tanaka", PlaybookWorld.WRITTEN);
        world.subscribes("A-1001", 5, LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1));
        // a customer since long before the template was written gets no onboarding now
        world.subscribes("A-1002", 5, LocalDate.of(2024, 4, 1), LocalDate.of(2027, 4, 1));

        progress.catchUp(start);
        progress.catchUp(start.plusDays(1));

        List<PlaybookRun> started = runs.page("all", null, start, 0, 50);
        assertThat(started).extracting(PlaybookRun::accountName).containsExactly("小林歯科クリニック");
        assertThat(started.get(0).templateId()).isEqualTo(auto.id());
        assertThat(started.get(0).startedOn()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(started.get(0).origin()).isEqualTo("subscription");
    }
}
