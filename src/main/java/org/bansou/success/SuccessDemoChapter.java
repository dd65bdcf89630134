package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bansou.account.Accounts;
import org.bansou.account.Contacts;
import org.bansou.demo.DemoAccount;
import org.bansou.demo.DemoChapter;
import org.bansou.demo.DemoKeyPerson;
import org.bansou.demo.DemoWorld;
import org.bansou.renewal.ChurnRecord;
import org.bansou.renewal.ChurnRecords;
import org.springframework.stereotype.Component;

/**
 * The demo company's knowledge: success stories in Japanese about cloud invoicing (new patterns and reuses), who
 * was told which, value estimated at sale and measured later (some lagging well behind), feedback themes with
 * entries from calls, surveys and the churn interviews of churned accounts (linked to renewal's churn records), and
 * key persons promoted over time. Owners' alerts of recent changes come from the key-persons chapter's events.
 */
@Component
class SuccessDemoChapter implements DemoChapter {

    private record Story(String title, String problem, String approach, String metric, int before, int after,
                         String unit, String industry, String band, String plan, List<String> features,
                         String playbook, List<String> tags, int reuseOf) {
    }

    private static final List<Story> STORIES = List.of(
            new Story("月末の請求書発行を2日から半日に", "月末に請求書をExcelで作成し、印刷・封入に2日かかっていた",
                    "テンプレートと一括送信を設定し、郵送は代行に切り替えた", "請求書発行にかかる時間", 16, 4, "時間/月",
                    "建設", "10-49", "スタンダード", List.of("invoice_created", "invoice_sent"), "オンボーディング標準",
                    List.of("請求", "月末", "郵送"), -1),
            new Story("入金消込の自動化で経理1名分を削減", "入金確認と消込を手作業で行い、毎月ミスが出ていた",
                    "銀行口座連携と自動消込を有効化し、例外だけを確認する運用に", "消込作業時間", 30, 5, "時間/月",
                    "製造業", "50-249", "エンタープライズ", List.of("payment_matched"), "消込定着",
                    List.of("入金", "消込", "ミス"), -1),
            new Story("承認フローで請求漏れをゼロに", "営業が請求依頼を忘れ、請求漏れが月に数件あった",
                    "受注から請求書下書きを作り、上長承認を必須にした", "請求漏れ件数", 5, 0, "件/月",
                    "IT", "10-49", "スタンダード", List.of("invoice_created", "user_invited"), "承認フロー導入",
                    List.of("請求", "承認", "漏れ"), -1),
            new Story("小売チェーンの店舗別請求を一本化", "店舗ごとに請求書の書式が違い、本部で集計し直していた",
                    "取引先マスタと店舗タグで一括作成、CSVで会計ソフトへ", "集計作業時間", 20, 3, "時間/月",
                    "小売", "50-249", "スタンダード", List.of("invoice_created", "csv_exported"), "オンボーディング標準",
                    List.of("請求", "集計", "会計連携"), -1),
            new Story("医院の自費診療請求を電子化", "自費診療の請求書を手書きし、控えの保管に困っていた",
                    "テンプレートとPDF保存を設定、電子帳簿保存法に沿って保管", "請求書作成時間", 8, 2, "時間/月",
                    "医療", "1-9", "ライト", List.of("invoice_created"), "小規模向け伴走",
                    List.of("請求", "電子帳簿保存法"), -1),
            new Story("建設業の出来高請求に横展開", "工事ごとの出来高請求で計算ミスが多かった",
                    "「月末の請求書発行」の手順を出来高テンプレートに応用", "請求書の差し戻し", 6, 1, "件/月",
                    "建設", "50-249", "エンタープライズ", List.of("invoice_created", "invoice_sent"), "オンボーディング標準",
                    List.of("請求", "出来高", "ミス"), 0),
            new Story("士業事務所の顧問料請求を自動化", "毎月同じ顧問料請求を手で作っていた",
                    "定期請求を設定し、送付も自動にした", "請求作業時間", 6, 1, "時間/月",
                    "士業", "1-9", "ライト", List.of("invoice_sent"), "小規模向け伴走",
                    List.of("請求", "定期"), -1),
            new Story("物流会社の運賃請求と消込を連動", "運賃の請求と入金の突合に毎月3日かかっていた",
                    "自動消込の手順を運賃請求に応用し、差額だけ確認", "突合作業時間", 24, 6, "時間/月",
                    "物流", "250-999", "エンタープライズ", List.of("payment_matched", "csv_exported"), "消込定着",
                    List.of("入金", "消込", "突合"), 1),
            new Story("飲食チェーンの仕入先への請求確認を短縮", "店舗からの請求書確認が本部に集中していた",
                    "店舗責任者を招待し一次確認を分散", "本部の確認時間", 12, 4, "時間/月",
                    "飲食", "50-249", "スタンダード", List.of("user_invited", "invoice_created"), "承認フロー導入",
                    List.of("承認", "店舗"), 2),
            new Story("不動産管理の家賃請求をまとめて送付", "家賃請求を物件ごとに送っていた",
                    "一括作成と一括送信で月初の作業を1日に集約", "請求送付にかかる日数", 4, 1, "日/月",
                    "不動産", "10-49", "スタンダード", List.of("invoice_sent"), "オンボーディング標準",
                    List.of("請求", "一括送信"), 0));

    private record Theme(String title, String description, String status, List<String> voices) {
    }

    private static final List<Theme> THEMES = List.of(
            new Theme("会計ソフト連携（freee・弥生）", "仕訳の二重入力をなくしたい", "planned",
                    List.of("freeeに請求データを連携したい", "弥生会計への仕訳出力がほしい", "会計ソフトに二重入力している")),
            new Theme("承認ワークフロー", "請求書を送る前に上長の承認を挟みたい", "shipped",
                    List.of("請求書の承認フローがほしい", "承認なしで送れてしまうのが不安", "多段階の承認がほしい")),
            new Theme("インボイス制度対応の強化", "適格請求書の記載事項チェック", "open",
                    List.of("登録番号のチェックをしてほしい", "インボイス制度の記載漏れが心配")),
            new Theme("郵送代行の料金", "郵送代行が高い", "declined",
                    List.of("郵送代行の料金が高い", "郵送の単価を下げてほしい")),
            new Theme("スマホから請求書を確認", "外出先で確認したい", "open",
                    List.of("スマホで請求書を見たい", "外出先から承認したい")),
            new Theme("動作が遅い", "一覧の表示が遅い", "open",
                    List.of("請求書一覧の表示が遅い", "月末に画面が重い", "検索が遅くて使いにくい")));

    private static final List<String> PROMOTED_FROM = List.of("経理担当", "経理課長", "総務課長", "主任");

    private final Accounts accounts;
    private final Contacts contacts;
    private final SuccessStories stories;
    private final StoryUses uses;
    private final ValueRecords values;
    private final FeedbackThemes themes;
    private final FeedbackEntries entries;
    private final ProductFeedback feedback;
    private final ChurnRecords churns;

    SuccessDemoChapter(Accounts accounts, Contacts contacts, SuccessStories stories, StoryUses uses,
                       ValueRecords values, FeedbackThemes themes, FeedbackEntries entries, ProductFeedback feedback,
                       ChurnRecords churns) {
        this.churns = churns;
        this.accounts = accounts;
        this.contacts = contacts;
        this.stories = stories;
        this.uses = uses;
        this.values = values;
        this.themes = themes;
        this.entries = entries;
        this.feedback = feedback;
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public String name() {
        return "knowledge";
    }

    @Override
    public void write(DemoWorld world) {
        SplittableRandom random = world.random(name());
        LocalDate today = world.today();
        List<DemoAccount> all = world.accounts();
        Map<String, Long> ids = accounts.ensureUnmapped(all.stream().map(DemoAccount::externalId).toList());
        String csm = world.csms().isEmpty() ? "demo" : world.csms().get(0).username();

        List<Long> storyIds = writeStories(all, ids, today, random, csm);
        writeUses(all, ids, storyIds, today, random);
        writeValue(all, ids, today, random);
        writeFeedback(all, ids, today, world.historyStartsOn(), random, csm);
        writeRoleHistory(all, world.zone(), random);
    }

    private List<Long> writeStories(List<DemoAccount> all, Map<String, Long> ids, LocalDate today,
                                    SplittableRandom random, String csm) {
        List<Long> storyIds = new ArrayList<>();
        for (int i = 0; i < STORIES.size(); i++) {
            Story s = STORIES.get(i);
            Long source = all.stream().filter(a -> a.industry().equals(s.industry()) && a.mrrOn(today) > 0)
                    .skip(random.nextInt(3)).findFirst().map(a -> ids.get(a.externalId())).orElse(null);
            LocalDate created = today.minusDays(700L - i * 65L + random.nextInt(20));
            storyIds.add(stories.create(new StoryFields(s.title(), s.problem(), s.approach(), s.metric(),
                    BigDecimal.valueOf(s.before()), BigDecimal.valueOf(s.after()), s.unit(), s.industry(), s.band(),
                    s.plan(), s.features(), s.playbook(), s.tags(), source,
                    s.reuseOf() < 0 ? null : storyIds.get(s.reuseOf())), created, csm).id());
        }
        return storyIds;
    }

    private void writeUses(List<DemoAccount> all, Map<String, Long> ids, List<Long> storyIds, LocalDate today,
                           SplittableRandom random) {
        List<StoryUses.StoryUse> told = new ArrayList<>();
        for (DemoAccount account : all) {
            if (account.firstPaidOn() == null || account.ownerUsername() == null || random.nextInt(100) >= 15) {
                continue;
            }
            for (int i = 0; i < STORIES.size(); i++) {
                if (STORIES.get(i).industry().equals(account.industry())) {
                    LocalDate on = account.firstPaidOn().plusDays(30 + random.nextInt(60));
                    if (on.isBefore(today)) {
                        told.add(new StoryUses.StoryUse(0, storyIds.get(i), ids.get(account.externalId()), on,
                                account.ownerUsername(), null));
                    }
                    break;
                }
            }
        }
        uses.recordAll(told);
    }

    /**
     * At sale every paying account gets an estimate of hours saved × ¥3,000; three months after its first payment
     * most get a measured figure, a fifth of them far below the estimate, and some say what they expect next.
     */
    private void writeValue(List<DemoAccount> all, Map<String, Long> ids, LocalDate today, SplittableRandom random) {
        List<ValueRecords.NewValue> figures = new ArrayList<>();
        for (DemoAccount account : all) {
            LocalDate paid = account.firstPaidOn();
            if (paid == null) {
                continue;
            }
            long id = ids.get(account.externalId());
            long mrr = Math.max(account.mrrOn(paid), 3_000);
            int hours = (int) Math.max(2, mrr * (3 + random.nextInt(4)) / 3_000);
            long theoretical = hours * 3_000L;
            figures.add(new ValueRecords.NewValue(id, "theoretical", theoretical, "JPY",
                    "導入時試算: 請求・消込作業 " + hours + " 時間/月 × ¥3,000", "商談時のROIシート", paid,
                    account.ownerUsername() == null ? "demo" : account.ownerUsername()));
            LocalDate measured = paid.plusMonths(3);
            if (measured.isBefore(today) && random.nextInt(100) < 85) {
                double ratio = random.nextInt(100) < 20 ? 0.3 + random.nextDouble() * 0.3 : 0.8 + random.nextDouble() * 0.5;
                long actual = Math.round(theoretical * ratio);
                figures.add(new ValueRecords.NewValue(id, "actual", actual, "JPY",
                        "利用実績: invoice_sent × 12 分 × ¥3,000/時", "導入3か月後の利用データ", measured,
                        account.ownerUsername() == null ? "demo" : account.ownerUsername()));
                if (random.nextInt(100) < 40) {
                    figures.add(new ValueRecords.NewValue(id, "expected", Math.round(actual * 1.3), "JPY",
                            "次の期待: 承認フローと会計連携で更に削減", "定例会でのヒアリング", measured.plusDays(14),
                            account.ownerUsername() == null ? "demo" : account.ownerUsername()));
                }
            }
        }
        values.appendAll(figures);
    }

    private void writeFeedback(List<DemoAccount> all, Map<String, Long> ids, LocalDate today,
                               LocalDate historyStart, SplittableRandom random, String csm) {
        List<Long> themeIds = new ArrayList<>();
        for (Theme theme : THEMES) {
            long id = themes.create(theme.title(), theme.description(), csm).id();
            themeIds.add(id);
        }
        // renewal's chapter recorded the churns as heard; an interview is linked to its churn record when there is
        // one (the last weeks' churns have none yet and are named by their date)
        Map<String, ChurnRecord> recorded = new HashMap<>();
        for (ChurnRecord churn : churns.between(historyStart, today, null, 0, Integer.MAX_VALUE)) {
            recorded.put(churn.accountId() + "|" + churn.churnedOn(), churn);
        }
        List<FeedbackEntries.NewFeedback> heard = new ArrayList<>();
        for (DemoAccount account : all) {
            long id = ids.get(account.externalId());
            String by = account.ownerUsername() == null ? csm : account.ownerUsername();
            for (LocalDate churned : account.churnedOn()) {
                if (churned.isAfter(today) || random.nextInt(100) >= 60) {
                    continue;
                }
                int theme = random.nextInt(100) < 45 ? 0 : random.nextInt(THEMES.size());
                ChurnRecord churn = recorded.get(id + "|" + churned);
                heard.add(new FeedbackEntries.NewFeedback(id, "complaint", "churn_interview",
                        pick(THEMES.get(theme).voices(), random), random.nextInt(100) < 80 ? themeIds.get(theme) : null,
                        churned, null, churn == null ? null : churn.id(),
                        churn == null ? account.mrrOn(churned.minusDays(1)) : churn.mrrLost(),
                        churn == null ? "JPY" : churn.currency(), churned.plusDays(random.nextInt(14)), by));
            }
            if (account.mrrOn(today) > 0 && random.nextInt(100) < 12) {
                int theme = random.nextInt(THEMES.size());
                LocalDate on = today.minusDays(random.nextInt(365));
                heard.add(new FeedbackEntries.NewFeedback(id, "request", random.nextBoolean() ? "call" : "survey",
                        pick(THEMES.get(theme).voices(), random), random.nextInt(100) < 70 ? themeIds.get(theme) : null,
                        null, null, null, null, null, on.isBefore(account.signedUpOn()) ? account.signedUpOn() : on, by));
            }
        }
        entries.recordAll(heard);
        // statuses set after the entries, as the product team would: shipping alerts the asking accounts' owners
        for (int i = 0; i < THEMES.size(); i++) {
            String status = THEMES.get(i).status();
            if (!status.equals("open")) {
                feedback.setStatus(themeIds.get(i), 0, status, status.equals("shipped") ? "v3.2" : null, "manager");
            }
        }
    }

    /** A tenth of key persons were promoted: they held a junior role from joining until the promotion. */
    private void writeRoleHistory(List<DemoAccount> all, ZoneId zone, SplittableRandom random) {
        List<Contacts.PastRole> past = new ArrayList<>();
        for (DemoAccount account : all) {
            for (DemoKeyPerson person : account.keyPersons()) {
                if (random.nextInt(100) >= 10) {
                    continue;
                }
                past.add(new Contacts.PastRole(person.externalId(), pick(PROMOTED_FROM, random), false,
                        person.champion(), person.joinedOn().atStartOfDay(zone).toInstant()));
                past.add(new Contacts.PastRole(person.externalId(), person.role(), person.decisionMaker(),
                        person.champion(), person.joinedOn().plusDays(120 + random.nextInt(400)).atStartOfDay(zone)
                                .toInstant()));
            }
        }
        contacts.recordPastRoles(past);
    }

    private static String pick(List<String> from, SplittableRandom random) {
        return from.get(random.nextInt(from.size()));
    }
}
