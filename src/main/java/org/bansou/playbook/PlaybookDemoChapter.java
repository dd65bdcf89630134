package org.bansou.playbook;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bansou.account.Accounts;
import org.bansou.demo.DemoAccount;
import org.bansou.demo.DemoChapter;
import org.bansou.demo.DemoEnvironmentEvent;
import org.bansou.demo.DemoUser;
import org.bansou.demo.DemoWorld;
import org.springframework.stereotype.Component;

/**
 * The demo company's playbooks: 標準オンボーディング v1 (written 18 months ago) and v2 (9 months ago, shorter,
 * with a completion check on the first invoice), a renewal-preparation template, an onboarding run for every
 * account that signed up in the last 18 months with its task history (some CSMs and some tasks slip more, and
 * accounts that later churn onboard more slowly), light- and deep-success milestones, and three rules with
 * their firing history. Each table is written with one set-based statement.
 */
@Component
class PlaybookDemoChapter implements DemoChapter {

    private final PlaybookTemplates templates;
    private final PlaybookRuns runs;
    private final Lifecycle lifecycle;
    private final TouchRules rules;
    private final Accounts accounts;

    PlaybookDemoChapter(PlaybookTemplates templates, PlaybookRuns runs, Lifecycle lifecycle, TouchRules rules,
                        Accounts accounts) {
        this.templates = templates;
        this.runs = runs;
        this.lifecycle = lifecycle;
        this.rules = rules;
        this.accounts = accounts;
    }

    @Override
    public int order() {
        return 800;
    }

    @Override
    public String name() {
        return "playbooks";
    }

    static final List<PlaybookTemplate.TaskTemplate> V1 = List.of(
            task("キックオフ会議を開く", "Hold the kickoff meeting", "cs", 3, "目的・成功の定義・体制を合意し議事録を共有する", null),
            task("管理者とメンバーを招待する", "Invite the admins and members", "customer", 7, "設定 → ユーザー → 招待。CSV で一括招待も可", null),
            task("既存データを移行する", "Migrate existing data", "customer", 21, "移行テンプレート (Excel) に記入してインポート", null),
            task("初期設定をレビューする", "Review the initial setup", "cs", 28, "チェックシートで設定を確認し、不足をお客様に伝える", null),
            task("最初の請求書を送る", "Send the first invoice", "customer", 35, "請求書作成 → 送信。送信すると自動で完了します", "invoice_sent"),
            task("利用定着の振り返り", "Adoption review", "cs", 60, "利用状況を見ながら次の目標を決める", null));

    static final List<PlaybookTemplate.TaskTemplate> V2 = List.of(
            task("キックオフ会議を開く", "Hold the kickoff meeting", "cs", 2, "目的・成功の定義・体制を合意し議事録を共有する", null),
            task("管理者とメンバーを招待する", "Invite the admins and members", "customer", 5, "設定 → ユーザー → 招待。CSV で一括招待も可", null),
            task("既存データを移行する", "Migrate existing data", "customer", 14, "移行テンプレート (Excel) に記入してインポート。CS が同席します", null),
            task("最初の請求書を送る", "Send the first invoice", "customer", 21, "請求書作成 → 送信。送信すると自動で完了します", "invoice_sent"),
            task("利用定着の振り返り", "Adoption review", "cs", 45, "利用状況を見ながら次の目標を決める", null));

    private static PlaybookTemplate.TaskTemplate task(String ja, String en, String owner, int days, String howTo,
                                                      String check) {
        return new PlaybookTemplate.TaskTemplate(0, ja, en, owner, days, howTo, check);
    }

    @Override
    public void write(DemoWorld world) {
        SplittableRandom random = world.random(name());
        LocalDate today = world.today();
        Instant v1At = atNine(today.minusMonths(18).minusDays(3));
        Instant v2At = atNine(today.minusMonths(9));
        LocalDate v2On = today.minusMonths(9);
        TemplateForm v1 = new TemplateForm("standard-onboarding", "標準オンボーディング",
                "新しいお客様が最初の請求書を送り、チームで使い始めるまで", "onboarding", "adoption", false, V1);
        long v1Id = templates.insertVersion(v1, 1, "manager1", v1At, v2At);
        TemplateForm v2 = new TemplateForm("standard-onboarding", "標準オンボーディング",
                "v2: 初期設定レビューをキックオフに統合し、期限を短縮", "onboarding", "adoption", true, V2);
        long v2Id = templates.insertVersion(v2, 2, "manager1", v2At, null);
        templates.insertVersion(new TemplateForm("renewal-prep", "更新準備", "更新の 60 日前からの準備", "renewal",
                null, false, List.of(
                task("利用状況レポートを作る", "Prepare the usage report", "cs", 7, "利用状況ページの CSV を使う", null),
                task("更新の意思を確認する", "Confirm the renewal intent", "customer", 21, "決裁者に更新の予定を確認", null),
                task("更新提案の打ち合わせ", "Renewal proposal meeting", "cs", 30, "成果と次年度の目標を提案", null))),
                1, "manager1", v1At, null);

        List<DemoAccount> recent = world.accounts().stream()
                .filter(a -> !a.signedUpOn().isBefore(today.minusMonths(18))).toList();
        Map<String, Long> ids = accounts.idsByExternalId(world.accounts().stream().map(DemoAccount::externalId)
                .toList());
        Map<String, Double> pace = csmPace(world.csms(), random);

        List<PlaybookRuns.RunStart> starts = new ArrayList<>();
        List<PlaybookRuns.TaskDone> done = new ArrayList<>();
        List<Lifecycle.Milestone> milestones = new ArrayList<>();
        for (DemoAccount account : recent) {
            long id = ids.get(account.externalId());
            LocalDate start = account.signedUpOn();
            boolean second = !start.isBefore(v2On);
            long templateId = second ? v2Id : v1Id;
            starts.add(new PlaybookRuns.RunStart(id, templateId, start));
            LocalDate churn = account.churnedOn().isEmpty() ? null : account.churnedOn().get(0);
            double slow = pace.getOrDefault(account.ownerUsername(), 1.0) * (churn == null ? 1.0 : 1.8);
            LocalDate previous = start;
            LocalDate lastDone = null;
            List<PlaybookTemplate.TaskTemplate> tasks = second ? V2 : V1;
            for (int i = 0; i < tasks.size(); i++) {
                PlaybookTemplate.TaskTemplate t = tasks.get(i);
                LocalDate due = start.plusDays(t.dueOffsetDays());
                // data migration is the customer task that slips most; CS tasks slip less
                double slipChance = (i == 2 ? 0.45 : "cs".equals(t.owner()) ? 0.08 : 0.2) * slow;
                int late = random.nextDouble() < slipChance ? 1 + (int) (random.nextDouble() * 18 * slow) : 0;
                int early = late == 0 ? random.nextInt(Math.max(1, t.dueOffsetDays() / 2 + 1)) : 0;
                LocalDate doneOn = due.plusDays(late - early);
                if (doneOn.isBefore(previous)) {
                    doneOn = previous;
                }
                if (doneOn.isAfter(today) || churn != null && doneOn.isAfter(churn)) {
                    break; // still open today, or the customer left before getting there
                }
                done.add(new PlaybookRuns.TaskDone(id, templateId, i + 1, doneOn,
                        "cs".equals(t.owner()) ? account.ownerUsername() : "customer"));
                previous = doneOn;
                lastDone = doneOn;
            }
            LocalDate lightTarget = start.plusDays(30);
            LocalDate light = lastDone == null ? null : start.plusDays(14 + (long) (random.nextDouble() * 30 * slow));
            milestones.add(new Lifecycle.Milestone(id, "light", lightTarget,
                    light == null || light.isAfter(today) ? null : light, null, account.ownerUsername(),
                    atNine(start), 0));
            LocalDate deepTarget = start.plusDays(120);
            LocalDate deep = churn != null || light == null ? null
                    : start.plusDays(60 + (long) (random.nextDouble() * 120 * slow));
            milestones.add(new Lifecycle.Milestone(id, "deep", deepTarget,
                    deep == null || deep.isAfter(today) ? null : deep, null, account.ownerUsername(),
                    atNine(start), 0));
        }
        runs.start(starts, "import", "demo");
        runs.recordDone(done);
        runs.completeFinishedRuns();
        lifecycle.recordAll(milestones);
        writeRules(world, ids, random);
    }

    /** Each CSM's own pace: 1.0 is the team's, above it their customers' tasks slip more. */
    private static Map<String, Double> csmPace(List<DemoUser> csms, SplittableRandom random) {
        Map<String, Double> pace = new HashMap<>();
        for (DemoUser csm : csms) {
            pace.put(csm.username(), 0.6 + random.nextDouble() * 0.9);
        }
        return pace;
    }

    private void writeRules(DemoWorld world, Map<String, Long> ids, SplittableRandom random) {
        LocalDate today = world.today();
        Instant written = atNine(today.minusMonths(12));
        TouchRule renewal = rules.create(new RuleForm("更新ステージ・更新 60 日前: 担当 CSM に準備タスク", "renewal", null, "renewal_due",
                60, "task", "更新準備: 利用状況を確認して更新提案を用意する", 7, null, "ja", null, null).validated(),
                "manager1", written);
        rules.setEnabled(renewal.id(), renewal.version(), true);
        TouchRule quiet = rules.create(new RuleForm("テックタッチ: 30 日間利用なし", null, "tech", "inactive", 30, "email",
                null, 3, null, "ja", "{account} 様: その後いかがでしょうか",
                "{contact} 様\n\nいつもご利用ありがとうございます。最近ログインがないようでしたので、お困りのことがないか"
                + "ご連絡しました。\n操作ガイド: https://help.example/ja\n\n担当 {owner}").validated(), "manager1", written);
        rules.create(new RuleForm("キーパーソン離任: 更新準備プレイブック", null, null, "key_person_left", 30, "playbook",
                null, 3, "renewal-prep", "ja", null, null).validated(), "manager1", written);
        long keyPersonRule = rules.all().stream().filter(r -> "playbook".equals(r.action())).findFirst()
                .orElseThrow().id();

        List<TouchRules.Firing> firings = new ArrayList<>();
        LocalDate since = today.minusMonths(12);
        for (DemoAccount account : world.accounts()) {
            Long id = ids.get(account.externalId());
            LocalDate paid = account.firstPaidOn();
            LocalDate churn = account.churnedOn().isEmpty() ? null : account.churnedOn().get(0);
            if (paid != null && "renewal".equals(account.lifecycleStage())) {
                // accounts in the renewal stage whose contract renews within 60 days: one open episode each
                account.subscriptions().stream()
                        .filter(sub -> "active".equals(sub.status()) && sub.renewsOn() != null
                                       && sub.renewsOn().isAfter(today) && !sub.renewsOn().isAfter(today.plusDays(60)))
                        .findFirst()
                        .ifPresent(sub -> firings.add(firing(renewal.id(), id,
                                max(sub.renewsOn().minusDays(60), today.minusDays(random.nextInt(20))), null, "task")));
                // and an earlier, finished episode for some of them
                if (random.nextDouble() < 0.5) {
                    LocalDate fired = since.plusDays(random.nextInt(200));
                    if (!fired.isBefore(paid)) {
                        firings.add(firing(renewal.id(), id, fired, fired.plusDays(20 + random.nextInt(40)), "task"));
                    }
                }
            }
            if (paid != null) {
                if ("tech".equals(account.touchTier()) && random.nextDouble() < 0.12) {
                    LocalDate fired = since.plusDays(random.nextInt(365));
                    if (!fired.isBefore(paid) && (churn == null || fired.isBefore(churn))) {
                        firings.add(firing(quiet.id(), id, fired, fired.plusDays(5 + random.nextInt(40)),
                                "email sent"));
                    }
                }
            }
            for (DemoEnvironmentEvent event : account.events()) {
                if ("key_person_left".equals(event.kind()) && !event.detectedOn().isBefore(since)
                        && !event.detectedOn().isAfter(today.minusDays(30))) {
                    firings.add(firing(keyPersonRule, id, event.detectedOn(), event.detectedOn().plusDays(30),
                            "playbook renewal-prep v1"));
                }
            }
        }
        rules.recordPastFirings(firings);
    }

    private static TouchRules.Firing firing(long ruleId, long accountId, LocalDate on, LocalDate ended,
                                            String outcome) {
        return new TouchRules.Firing(0, ruleId, null, accountId, null, atNine(on), on,
                ended == null || ended.isBefore(on) ? null : ended, outcome);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant atNine(LocalDate day) {
        return day.atTime(0, 0).toInstant(ZoneOffset.UTC);
    }

}
