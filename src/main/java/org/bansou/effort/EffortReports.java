package org.bansou.effort;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.revenue.MrrMovements;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.springframework.stereotype.Component;

/**
 * The questions effort answers: where the hours go by account and stage; who is fast at what; what each account
 * and touch tier costs to serve and what margin is left of its MRR; and how loaded each CSM is against the target.
 */
@Component
public class EffortReports {

    static final List<String> STAGES = List.of("onboarding", "adoption", "retention", "renewal");
    static final List<String> TIERS = List.of("high", "low", "tech");

    private final EffortEntries entries;
    private final EffortCosts costs;
    private final CapacityTargets targets;
    private final Accounts accounts;
    private final AppUsers users;
    private final MrrMovements mrr;

    EffortReports(EffortEntries entries, EffortCosts costs, CapacityTargets targets, Accounts accounts, AppUsers users,
                  MrrMovements mrr) {
        this.entries = entries;
        this.costs = costs;
        this.targets = targets;
        this.accounts = accounts;
        this.users = users;
        this.mrr = mrr;
    }

    /** A page of rows and how many there are in all. */
    public record Page<T>(List<T> rows, int page, int size, long total) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** An account's minutes in the period, by the stage it was in when the work was done. */
    public record StageRow(long accountId, String externalId, String accountName, String ownerName, String touchTier,
                           long onboarding, long adoption, long retention, long renewal, long total) {
    }

    public Page<StageRow> hoursByStage(EffortPeriod period, Long ownerUserId, String tier, int page, int size) {
        List<EffortEntries.StageMinutes> minutes = entries.minutesByAccountAndStage(period.firstDay(), period.lastDay());
        Map<Long, Account> byId = accountsOf(minutes.stream().map(EffortEntries.StageMinutes::accountId).toList());
        List<StageRow> rows = minutes.stream()
                .filter(m -> byId.containsKey(m.accountId()) && wanted(byId.get(m.accountId()), ownerUserId, tier))
                .map(m -> {
                    Account a = byId.get(m.accountId());
                    return new StageRow(a.id(), a.externalId(), a.name(), a.ownerName(), a.touchTier(), m.onboarding(),
                            m.adoption(), m.retention(), m.renewal(), m.total());
                })
                .sorted(Comparator.comparingLong(StageRow::total).reversed().thenComparing(StageRow::accountName))
                .toList();
        return paged(rows, page, size);
    }

    /** Minutes per stage over every account of the period: where onboarding hours pile up. */
    public Map<String, Long> stageTotals(EffortPeriod period) {
        Map<String, Long> totals = new LinkedHashMap<>();
        STAGES.forEach(stage -> totals.put(stage, 0L));
        for (EffortEntries.StageMinutes m : entries.minutesByAccountAndStage(period.firstDay(), period.lastDay())) {
            totals.merge("onboarding", m.onboarding(), Long::sum);
            totals.merge("adoption", m.adoption(), Long::sum);
            totals.merge("retention", m.retention(), Long::sum);
            totals.merge("renewal", m.renewal(), Long::sum);
        }
        return totals;
    }

    /** One person's work of one kind: how often, how long in all, and the median minutes of one session. */
    public record CsmKindRow(long userId, String userName, String taskKind, long entries, long minutes, long accounts,
                             double medianMinutes) {
    }

    public List<CsmKindRow> byCsmAndKind(EffortPeriod period, String taskKind) {
        Map<Long, String> names = users.all().stream().collect(Collectors.toMap(AppUser::id, AppUser::displayName));
        return entries.byUserAndKind(period.firstDay(), period.lastDay()).stream()
                .filter(k -> taskKind == null || taskKind.equals(k.taskKind()))
                .map(k -> new CsmKindRow(k.userId(), names.getOrDefault(k.userId(), "#" + k.userId()), k.taskKind(),
                        k.entries(), k.minutes(), k.accounts(), k.medianMinutes()))
                .sorted(Comparator.comparing(CsmKindRow::taskKind).thenComparingDouble(CsmKindRow::medianMinutes))
                .toList();
    }

    /**
     * An account's cost to serve in the period: minutes, their cost, the cost per month, the average MRR of the
     * period and the margin left after CS, (MRR − monthly CS cost) ÷ MRR (null without MRR).
     */
    public record CostRow(long accountId, String externalId, String accountName, String ownerName, String touchTier,
                          long minutes, long cost, long monthlyCost, long mrr, BigDecimal marginPercent) {
    }

    /** The same per touch tier: what serving high-touch accounts costs against what they pay. */
    public record TierCostRow(String tier, long accounts, long minutes, long cost, long monthlyCost, long mrr,
                              BigDecimal marginPercent, long costPerAccount) {
    }

    /** Cost to serve per account and per tier, with the currency amounts are in. */
    public record CostToServeReport(EffortPeriod period, String currency, List<TierCostRow> tiers, Page<CostRow> accounts,
                                    TierCostRow total) {
    }

    public CostToServeReport costToServe(EffortPeriod period, String tier, int page, int size) {
        int months = period.months();
        Map<Long, EffortEntries.AccountCost> costByAccount = costs.byAccount(period).stream()
                .collect(Collectors.toMap(EffortEntries.AccountCost::accountId, Function.identity()));
        Map<Long, Long> mrrMonths = new HashMap<>();
        for (MrrMovements.PlanMrr plan : mrr.mrrMonthsByAccountAndPlan(period.from(), period.to())) {
            mrrMonths.merge(plan.accountId(), plan.mrrMonths(), Long::sum);
        }
        List<Long> ids = new ArrayList<>(costByAccount.keySet());
        mrrMonths.keySet().stream().filter(id -> !costByAccount.containsKey(id)).forEach(ids::add);
        Map<Long, Account> byId = accountsOf(ids);
        List<CostRow> rows = new ArrayList<>();
        for (Long id : ids) {
            Account a = byId.get(id);
            if (a == null) {
                continue;
            }
            EffortEntries.AccountCost c = costByAccount.get(id);
            long cost = c == null ? 0 : c.cost();
            long monthlyCost = Math.round((double) cost / months);
            long averageMrr = Math.round((double) mrrMonths.getOrDefault(id, 0L) / months);
            rows.add(new CostRow(a.id(), a.externalId(), a.name(), a.ownerName(), a.touchTier(),
                    c == null ? 0 : c.minutes(), cost, monthlyCost, averageMrr, margin(averageMrr, monthlyCost)));
        }
        List<TierCostRow> tiers = new ArrayList<>();
        for (String t : TIERS) {
            tiers.add(tierRow(t, rows.stream().filter(r -> t.equals(r.touchTier())).toList(), months));
        }
        TierCostRow total = tierRow("all", rows, months);
        List<CostRow> shown = rows.stream().filter(r -> tier == null || tier.equals(r.touchTier()))
                .sorted(Comparator.comparing(CostRow::marginPercent, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Comparator.comparingLong(CostRow::cost).reversed()))
                .toList();
        return new CostToServeReport(period, costs.currency(), tiers, paged(shown, page, size), total);
    }

    private static TierCostRow tierRow(String tier, List<CostRow> rows, int months) {
        long cost = rows.stream().mapToLong(CostRow::cost).sum();
        long monthlyCost = Math.round((double) cost / months);
        long mrr = rows.stream().mapToLong(CostRow::mrr).sum();
        return new TierCostRow(tier, rows.size(), rows.stream().mapToLong(CostRow::minutes).sum(), cost, monthlyCost,
                mrr, margin(mrr, monthlyCost), rows.isEmpty() ? 0 : Math.round((double) monthlyCost / rows.size()));
    }

    /** (MRR − monthly CS cost) ÷ MRR in percent, two decimals; null when there is no MRR to take it from. */
    static BigDecimal margin(long mrr, long monthlyCost) {
        if (mrr <= 0) {
            return null;
        }
        return BigDecimal.valueOf(mrr - monthlyCost).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(mrr), 2, RoundingMode.HALF_UP);
    }

    /** One CSM's book against the target: accounts by tier, MRR, load (1.0 = a full CSM) and hours logged. */
    public record CapacityRow(long userId, String userName, long high, long low, long tech, long mrr, double load,
                              double mrrLoad, double hours) {
    }

    /** Every CSM's row, the target, and the CSMs the whole book needs at that target. */
    public record CapacityReport(EffortPeriod period, String currency, CapacityTarget target, List<CapacityRow> csms,
                                 double csmsNeeded, long unownedAccounts) {
    }

    public CapacityReport capacity(EffortPeriod period) {
        CapacityTarget target = targets.current();
        YearMonth month = period.to();
        Map<Long, Long> mrrNow = new HashMap<>();
        for (MrrMovements.PlanMrr plan : mrr.mrrMonthsByAccountAndPlan(month, month)) {
            mrrNow.merge(plan.accountId(), plan.mrrMonths(), Long::sum);
        }
        Map<Long, Long> minutes = entries.minutesByUser(period.firstDay(), period.lastDay());
        Map<Long, long[]> books = new LinkedHashMap<>();
        long unowned = 0;
        long[] all = new long[3];
        for (Account a : accounts.live()) {
            int tier = TIERS.indexOf(a.touchTier());
            all[tier]++;
            if (a.ownerUserId() == null) {
                unowned++;
                continue;
            }
            long[] book = books.computeIfAbsent(a.ownerUserId(), id -> new long[4]);
            book[tier]++;
            book[3] += mrrNow.getOrDefault(a.id(), 0L);
        }
        List<CapacityRow> rows = new ArrayList<>();
        for (AppUser user : users.accountOwners()) {
            long[] book = books.getOrDefault(user.id(), new long[4]);
            rows.add(new CapacityRow(user.id(), user.displayName(), book[0], book[1], book[2], book[3],
                    round2(target.csmsFor(book[0], book[1], book[2])), round2((double) book[3] / target.mrrPerCsm()),
                    round2(minutes.getOrDefault(user.id(), 0L) / 60.0)));
        }
        return new CapacityReport(period, costs.currency(), target, rows, round2(target.csmsFor(all[0], all[1], all[2])),
                unowned);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private Map<Long, Account> accountsOf(List<Long> ids) {
        return accounts.byIds(ids).stream().collect(Collectors.toMap(Account::id, Function.identity()));
    }

    private static boolean wanted(Account account, Long ownerUserId, String tier) {
        return (ownerUserId == null || ownerUserId.equals(account.ownerUserId()))
                && (tier == null || tier.equals(account.touchTier()));
    }

    private static <T> Page<T> paged(List<T> rows, int page, int size) {
        int from = Math.min(rows.size(), page * size);
        return new Page<>(rows.subList(from, Math.min(rows.size(), from + size)), page, size, rows.size());
    }
}
