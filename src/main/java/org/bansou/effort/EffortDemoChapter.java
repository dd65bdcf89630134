package org.bansou.effort;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.demo.DemoAccount;
import org.bansou.demo.DemoChapter;
import org.bansou.demo.DemoStageMove;
import org.bansou.demo.DemoUser;
import org.bansou.demo.DemoWorld;
import org.bansou.security.AppUsers;
import org.springframework.stereotype.Component;

/**
 * The demo team's CS time over the last six months, consistent with the rest of the world: onboarding takes
 * the most hours, high-touch accounts many more than low- or tech-touch ones, renewal negotiations come in the
 * renewal stage, and {@code csm2} (鈴木) runs onboarding sessions visibly faster than the others. Also hourly
 * costs per role (and one senior CSM's own), a capacity target and one touch-tier rule set, left unapplied so
 * its preview has something to show.
 */
@Component
class EffortDemoChapter implements DemoChapter {

    private static final int WEEKS = 26;
    private static final String FAST_ONBOARDER = "csm2";

    private final EffortEntries entries;
    private final TaskKinds kinds;
    private final HourlyCosts hourlyCosts;
    private final CapacityTargets targets;
    private final TierRuleSets ruleSets;
    private final Accounts accounts;
    private final AppUsers users;

    EffortDemoChapter(EffortEntries entries, TaskKinds kinds, HourlyCosts hourlyCosts, CapacityTargets targets, TierRuleSets ruleSets,
                      Accounts accounts, AppUsers users) {
        this.entries = entries;
        this.kinds = kinds;
        this.hourlyCosts = hourlyCosts;
        this.targets = targets;
        this.ruleSets = ruleSets;
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public int order() {
        return 850;
    }

    @Override
    public String name() {
        return "effort";
    }

    @Override
    public void write(DemoWorld world) {
        SplittableRandom random = world.random(name());
        kinds.addMissingStandard();
        Map<String, Long> userIds = new HashMap<>();
        for (DemoUser user : world.team()) {
            users.findByUsername(user.username()).ifPresent(found -> userIds.put(user.username(), found.id()));
        }
        Map<String, Long> accountIds = new HashMap<>();
        for (Account account : accounts.byExternalIds(world.accounts().stream().map(DemoAccount::externalId).toList())) {
            accountIds.put(account.externalId(), account.id());
        }
        LocalDate today = world.today();
        LocalDate firstMonday = EffortEntries.weekOf(today).minusWeeks(WEEKS - 1L);
        Long manager = userIds.get("manager");
        List<NewEntry> rows = new ArrayList<>();
        for (DemoAccount account : world.accounts()) {
            Long accountId = accountIds.get(account.externalId());
            Long owner = userIds.get(account.ownerUsername());
            if (accountId == null || owner == null) {
                continue;
            }
            boolean fast = FAST_ONBOARDER.equals(account.ownerUsername());
            for (LocalDate monday = firstMonday; !monday.isAfter(today); monday = monday.plusWeeks(1)) {
                LocalDate day = monday.plusDays(random.nextInt(5));
                if (day.isAfter(today) || !servedOn(account, day)) {
                    continue;
                }
                String stage = stageOn(account.stageHistory(), day, world.zone());
                double touches = touchesPerWeek(account.touchTier(), stage);
                int count = (int) Math.floor(touches + random.nextDouble());
                for (int i = 0; i < count; i++) {
                    LocalDate on = monday.plusDays(random.nextInt(5));
                    if (on.isAfter(today)) {
                        on = today;
                    }
                    String kind = kindFor(stage, random);
                    rows.add(new NewEntry(accountId, owner, on, minutes(kind, fast, random), kind, stage));
                    if (manager != null && kind.equals("qbr") && "high".equals(account.touchTier())
                            && random.nextDouble() < 0.3) {
                        rows.add(new NewEntry(accountId, manager, on, minutes(kind, false, random), kind, stage));
                    }
                }
            }
        }
        world.writeInSlices("effort entries", rows, slice -> entries.appendAll(slice, "demo", "demo"));
        hourlyCosts.save("csm", null, "JPY", 5_000, null, "demo");
        hourlyCosts.save("manager", null, "JPY", 8_000, null, "demo");
        hourlyCosts.save("admin", null, "JPY", 6_000, null, "demo");
        Long senior = userIds.get("csm1");
        if (senior != null) {
            hourlyCosts.save(null, senior, "JPY", 6_500, null, "demo");
        }
        CapacityTarget target = targets.current();
        targets.save(new CapacityTarget(25, 120, 800, 6_000_000, "JPY", target.version()), target.version(), "demo");
        ruleSets.create("ARPA bands (MRR ¥100,000 / ¥20,000)", "tech", List.of(
                new TierRule(1, "high", 100_000L, null, null, null, null),
                new TierRule(2, "high", 50_000L, null, "1000+", null, null),
                new TierRule(3, "low", 20_000L, 100_000L, null, null, null)), "demo");
    }

    // served while paying, and through a trial: no one logs time on a customer who has left
    private static boolean servedOn(DemoAccount account, LocalDate day) {
        return account.mrrOn(day) > 0 || (!day.isBefore(account.signedUpOn()) && day.isBefore(account.signedUpOn().plusDays(30)));
    }

    private static String stageOn(List<DemoStageMove> history, LocalDate day, ZoneId zone) {
        String stage = "onboarding";
        for (DemoStageMove move : history) {
            if (move.at().atZone(zone).toLocalDate().isAfter(day)) {
                break;
            }
            stage = move.toStage();
        }
        return stage;
    }

    private static double touchesPerWeek(String tier, String stage) {
        boolean onboarding = stage.equals("onboarding");
        return switch (tier) {
            case "high" -> onboarding ? 2.2 : stage.equals("renewal") ? 1.0 : 0.6;
            case "low" -> onboarding ? 0.9 : stage.equals("renewal") ? 0.35 : 0.15;
            default -> onboarding ? 0.25 : 0.03;
        };
    }

    private static String kindFor(String stage, SplittableRandom random) {
        double r = random.nextDouble();
        return switch (stage) {
            case "onboarding" -> r < 0.65 ? "onboarding_session" : r < 0.85 ? "training" : "internal_prep";
            case "renewal" -> r < 0.45 ? "renewal_negotiation" : r < 0.65 ? "qbr" : r < 0.85 ? "support" : "internal_prep";
            default -> r < 0.2 ? "qbr" : r < 0.6 ? "support" : r < 0.8 ? "training" : "internal_prep";
        };
    }

    private static int minutes(String kind, boolean fastOnboarder, SplittableRandom random) {
        int base = switch (kind) {
            case "onboarding_session" -> fastOnboarder ? 45 : 75;
            case "training", "qbr" -> 60;
            case "renewal_negotiation" -> 45;
            default -> 30;
        };
        double noisy = base * (0.7 + 0.6 * random.nextDouble());
        return Math.max(5, (int) Math.round(noisy / 5) * 5);
    }

}
