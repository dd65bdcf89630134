package org.bansou.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.bansou.account.AccountCodes;
import org.bansou.account.ContactRow;
import org.bansou.account.Contacts;
import org.bansou.account.EnvironmentEvents;
import org.springframework.stereotype.Component;

/**
 * Each customer's key persons and the changes in its world, set to agree with the contracts: the champion
 * leaves months before a churn whose cause is a key person leaving, a budget cut comes before a budget churn
 * or a contraction, new budget before an upgrade. How late CS learns of a departure depends on how it keeps
 * in touch: a monthly meeting, a phone call, an auto-reply, or for tech touch only the fading usage.
 */
@Component
class KeyPersonsChapter implements DemoChapter {

    private static final String[][] SMALL_ROLES = {{"代表取締役", "dm"}, {"経理担当", "champion"}, {"総務・経理 事務", ""},
            {"顧問税理士", ""}};
    private static final String[][] MID_ROLES = {{"経理部長", "dm"}, {"経理課 主任", "champion"},
            {"情報システム担当", ""}, {"営業事務リーダー", ""}};
    private static final String[][] LARGE_ROLES = {{"財務本部長（CFO）", "dm"}, {"経理課長", "champion"},
            {"情報システム部 担当", ""}, {"経理部長", ""}};
    private static final String[][] CLINIC_ROLES = {{"院長", "dm"}, {"事務長", "champion"}, {"受付・医事 担当", ""},
            {"経理担当", ""}};
    private static final String[][] HOSPITAL_ROLES = {{"理事長", "dm"}, {"事務長", "champion"}, {"医事課 担当", ""},
            {"経理課長", ""}};
    private static final String[][] OFFICE_ROLES = {{"所長", "dm"}, {"事務局長", "champion"}, {"スタッフ（経理）", ""},
            {"パートナー", ""}};
    private static final String[] CHARACTERS = {"数字に厳しく、費用対効果の説明を求める", "新しいツールに前向きで社内の推進役",
            "慎重派。稟議に時間がかかる", "返信が早く、要点だけを好む", "現場の負担が増えることを嫌う",
            "紙の請求書からの移行に強い思い入れがある", "経営層への報告資料を重視", "細かな設定まで自分で確認したいタイプ",
            "月末月初は多忙で連絡がつきにくい", "他社事例を聞くと判断が早い"};
    private static final List<String> CHANNELS = List.of("email", "phone", "chat", "meeting", "letter");
    private static final double[][] CHANNEL_SHARE = {{30, 20, 15, 35, 0}, {45, 25, 20, 10, 0}, {70, 3, 25, 0, 2}};
    private static final double YEARLY_DEPARTURES = 0.08;

    private final Contacts contacts;
    private final EnvironmentEvents events;

    KeyPersonsChapter(Contacts contacts, EnvironmentEvents events) {
        this.contacts = contacts;
        this.events = events;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public String name() {
        return "key-persons";
    }

    @Override
    public void write(DemoWorld world) {
        SplittableRandom random = world.random(name());
        for (DemoAccount account : world.accounts()) {
            new Scene(account, world.today(), random).set();
        }
        world.writeInSlices("key persons", world.accounts().stream()
                .flatMap(account -> account.keyPersons().stream())
                .map(person -> new ContactRow(person.externalId(), person.accountExternalId(), person.name(),
                        person.email(), person.role(), person.champion(), person.decisionMaker(),
                        person.characterNote(), person.channel(),
                        person.leftDetectedOn() == null ? null : person.leftOn()))
                .toList(), contacts::upsertAll);
        world.writeInSlices("environment events", world.accounts().stream()
                .flatMap(account -> account.events().stream())
                .map(event -> new EnvironmentEvents.NewEvent(event.accountExternalId(), event.kind(),
                        event.occurredOn(), event.detectedOn(), event.detectedVia(), event.contactExternalId(),
                        event.note()))
                .toList(), events::recordAll);
    }

    /** One account's people and world, drawn to fit its contracts. */
    private static final class Scene {

        private final DemoAccount account;
        private final LocalDate today;
        private final SplittableRandom random;
        private final LocalDate watchedUntil;
        private final List<DemoKeyPerson> people = new ArrayList<>();
        private final List<DemoEnvironmentEvent> happened = new ArrayList<>();
        private final Set<String> emails = new HashSet<>();

        Scene(DemoAccount account, LocalDate today, SplittableRandom random) {
            this.account = account;
            this.today = today;
            this.random = random;
            // after the last contract ends nobody at the customer tells us anything any more
            this.watchedUntil = account.subscriptions().stream()
                    .map(s -> s.endedOn() == null || s.endedOn().isAfter(today) ? today : s.endedOn())
                    .max(Comparator.naturalOrder())
                    .orElse(today);
        }

        void set() {
            int band = AccountCodes.EMPLOYEE_BANDS.indexOf(account.employeeBand());
            String[][] roles = switch (account.industry()) {
                case "医療" -> band <= 1 ? CLINIC_ROLES : HOSPITAL_ROLES;
                case "士業" -> OFFICE_ROLES;
                default -> band <= 1 ? SMALL_ROLES : band == 2 ? MID_ROLES : LARGE_ROLES;
            };
            int count = switch (band) {
                case 0 -> 2;
                case 1 -> Dice.between(random, 2, 3);
                case 2 -> 3;
                default -> Dice.between(random, 3, 4);
            };
            for (int i = 0; i < count; i++) {
                people.add(person(roles[i][0], roles[i][1], account.signedUpOn()));
            }
            scriptedByContracts();
            for (int i = 0; i < count; i++) {
                DemoKeyPerson person = people.get(i);
                if (person.leftOn() == null) {
                    double years = -Math.log(1 - random.nextDouble()) / YEARLY_DEPARTURES;
                    LocalDate leaves = person.joinedOn().plusDays((long) (years * 365));
                    if (leaves.isBefore(watchedUntil)) {
                        leave(i, leaves);
                    }
                }
            }
            if (Dice.chance(random, 0.04)) {
                LocalDate on = dayInLife();
                event("reorganization", on, Dice.between(random, 7, 45), Dice.chance(random, 0.5) ? "meeting" : "email",
                        null, "経理部と総務部が統合され、管理本部に再編");
            }
            if (band >= 2 && Dice.chance(random, 0.01)) {
                event("merger", dayInLife(), Dice.between(random, 0, 7), "news", null,
                        "同業の" + JapaneseNames.place(random) + "の会社を吸収合併すると発表");
            }
            people.forEach(account::addKeyPerson);
            happened.stream()
                    .filter(e -> !e.occurredOn().isBefore(account.signedUpOn()) && !e.detectedOn().isAfter(today))
                    .sorted(Comparator.comparing(DemoEnvironmentEvent::occurredOn))
                    .forEach(account::addEvent);
        }

        /** Causes placed before the effects the contracts already show. */
        private void scriptedByContracts() {
            for (DemoSubscription subscription : account.subscriptions()) {
                for (DemoChange change : subscription.changes()) {
                    LocalDate on = change.effectiveOn();
                    boolean contraction = change.kind().equals("downgrade")
                            || change.kind().equals("quantity") && change.mrrAfter() < change.mrrBefore();
                    if (change.churnCause() == DemoChurnCause.KEY_PERSON_LEFT) {
                        int champion = present(on.minusDays(150));
                        if (champion >= 0) {
                            leave(champion, latest(on.minusDays(Dice.between(random, 45, 150))));
                        }
                    } else if (change.churnCause() == DemoChurnCause.BUDGET_CUT
                            || contraction && Dice.chance(random, 0.3)) {
                        event("budget_cut", latest(on.minusDays(Dice.between(random, 20, 120))),
                                Dice.between(random, 3, 30), Dice.chance(random, 0.6) ? "meeting" : "email", null,
                                "来期予算の見直しでIT関連費を" + Dice.between(random, 10, 30) + "%削減");
                    } else if (change.churnCause() == DemoChurnCause.MERGED) {
                        event("merger", latest(on.minusDays(Dice.between(random, 60, 200))),
                                Dice.between(random, 0, 7), "news", null,
                                JapaneseNames.place(random) + "の同業と経営統合し、グループの基幹システムへ移行を決定");
                    } else if (change.kind().equals("upgrade") && Dice.chance(random, 0.3)) {
                        event("budget_increase", latest(on.minusDays(Dice.between(random, 20, 90))),
                                Dice.between(random, 3, 30), "meeting", null, "DX推進予算が承認され、請求業務の全面電子化へ");
                    }
                }
            }
        }

        /** Index of the champion present on {@code day}, else of the decision maker, else -1. */
        private int present(LocalDate day) {
            for (String wanted : List.of("champion", "dm")) {
                for (int i = 0; i < people.size(); i++) {
                    DemoKeyPerson p = people.get(i);
                    boolean is = wanted.equals("champion") ? p.champion() : p.decisionMaker();
                    if (is && p.leftOn() == null && !p.joinedOn().isAfter(day)) {
                        return i;
                    }
                }
            }
            return -1;
        }

        private void leave(int index, LocalDate leftOn) {
            if (leftOn.isAfter(today)) {
                return;
            }
            DemoKeyPerson person = people.get(index);
            String via = detectedVia(person.channel());
            LocalDate detected = leftOn.plusDays(detectionLag(via));
            LocalDate known = detected.isAfter(today) ? null : detected;
            people.set(index, new DemoKeyPerson(person.externalId(), person.accountExternalId(), person.name(),
                    person.email(), person.role(), person.champion(), person.decisionMaker(), person.characterNote(),
                    person.channel(), person.joinedOn(), leftOn, known));
            if (known == null) {
                return;
            }
            happened.add(new DemoEnvironmentEvent(account.externalId(), "key_person_left", leftOn, known, via,
                    person.externalId(), person.name() + "（" + person.role() + "）が退職"
                    + (person.champion() ? "。社内の推進役が不在に" : "")));
            if (person.champion() || person.decisionMaker()) {
                LocalDate joins = leftOn.plusDays(Dice.between(random, 0, 45));
                if (joins.isBefore(watchedUntil)) {
                    DemoKeyPerson successor = person(person.role(), person.decisionMaker() ? "dm" : "", joins);
                    people.add(successor);
                    if (successor.decisionMaker()) {
                        String successorVia = detectedVia(successor.channel());
                        event("new_decision_maker", joins, detectionLag(successorVia), successorVia,
                                successor.externalId(), successor.name() + "が" + successor.role() + "に着任（前任から引き継ぎ）");
                    }
                }
            }
        }

        private DemoKeyPerson person(String role, String flag, LocalDate joinedOn) {
            JapaneseNames.Person who = JapaneseNames.person(random);
            String email = who.romaji() + "@" + account.domain();
            for (int n = 2; !emails.add(email); n++) {
                email = who.romaji() + n + "@" + account.domain();
            }
            int tier = List.of("high", "low", "tech").indexOf(account.touchTier());
            return new DemoKeyPerson(account.externalId() + "-P" + (people.size() + 1), account.externalId(),
                    who.name(), email, role, flag.equals("champion"), flag.equals("dm"),
                    Dice.one(random, CHARACTERS), CHANNELS.get(Dice.weighted(random, CHANNEL_SHARE[tier])), joinedOn,
                    null, null);
        }

        /** How CS hears of it: through the person's channel, or for tech touch only through fading usage. */
        private String detectedVia(String channel) {
            if (account.touchTier().equals("tech")) {
                return "usage_signal";
            }
            return switch (channel) {
                case "meeting" -> "meeting";
                case "phone" -> "phone";
                case "email" -> "email";
                default -> "other";
            };
        }

        private int detectionLag(String via) {
            return switch (via) {
                case "email" -> Dice.between(random, 1, 14);   // an auto-reply or a bounce
                case "phone" -> Dice.between(random, 3, 20);
                case "meeting" -> Dice.between(random, 5, 35);  // at the next regular meeting
                case "usage_signal" -> Dice.between(random, 20, 90);
                default -> Dice.between(random, 7, 60);
            };
        }

        private void event(String kind, LocalDate occurredOn, int lagDays, String via, String contact, String note) {
            happened.add(new DemoEnvironmentEvent(account.externalId(), kind, occurredOn, occurredOn.plusDays(lagDays),
                    via, contact, note));
        }

        private LocalDate dayInLife() {
            long days = Math.max(1, ChronoUnit.DAYS.between(account.signedUpOn(), watchedUntil));
            return account.signedUpOn().plusDays(random.nextLong(days));
        }

        /** Never before the customer signed up. */
        private LocalDate latest(LocalDate day) {
            return day.isBefore(account.signedUpOn()) ? account.signedUpOn() : day;
        }
    }
}
