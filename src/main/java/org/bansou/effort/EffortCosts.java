package org.bansou.effort;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.revenue.CostToServe;
import org.bansou.revenue.RevenueFilter;
import org.bansou.revenue.RevenueSettings;
import org.springframework.stereotype.Component;

/**
 * The CS cost to serve: logged minutes at each person's hourly cost, in the reporting currency. Revenue reads it
 * through {@link CostToServe} so LTV's gross margin includes it whenever effort was logged for the period.
 */
@Component
public class EffortCosts implements CostToServe {

    private final EffortEntries entries;
    private final HourlyCosts hourlyCosts;
    private final RevenueSettings revenueSettings;
    private final Accounts accounts;

    EffortCosts(EffortEntries entries, HourlyCosts hourlyCosts, RevenueSettings revenueSettings, Accounts accounts) {
        this.entries = entries;
        this.hourlyCosts = hourlyCosts;
        this.revenueSettings = revenueSettings;
        this.accounts = accounts;
    }

    public String currency() {
        return revenueSettings.current().reportingCurrency();
    }

    /** Per account, minutes and cost of the period (minor units of the reporting currency). */
    public List<EffortEntries.AccountCost> byAccount(EffortPeriod period) {
        return entries.costByAccount(period.firstDay(), period.lastDay(), hourlyCosts.ratesByUser(currency()));
    }

    /** One month of an account's onboarding and training effort: minutes logged and their cost in {@link #currency()}. */
    public record MonthEffort(YearMonth month, long minutes, long cost) {
    }

    /**
     * An account's onboarding and training effort per month, oldest first: the minutes logged in the onboarding
     * stage or as onboarding sessions and training, at each person's hourly cost, in the reporting currency. Part
     * of the customer's total cost of ownership as the knowledge capability shows it.
     */
    public List<MonthEffort> onboardingAndTraining(long accountId) {
        return entries.onboardingAndTrainingByMonth(accountId, rates());
    }

    @Override
    public OptionalLong costMinor(YearMonth first, YearMonth last, RevenueFilter filter) {
        EffortPeriod period = new EffortPeriod(first, last);
        if (filter.planId() != null || !entries.anyBetween(period.firstDay(), period.lastDay())) {
            return OptionalLong.empty();
        }
        List<EffortEntries.AccountCost> costs = byAccount(period);
        boolean onAccounts = filter.industry() != null || filter.employeeBand() != null || filter.touchTier() != null
                || filter.ownerUserId() != null;
        if (!onAccounts) {
            return OptionalLong.of(costs.stream().mapToLong(EffortEntries.AccountCost::cost).sum());
        }
        Set<Long> matching = accounts.byIds(costs.stream().map(EffortEntries.AccountCost::accountId).toList()).stream()
                .filter(a -> matches(filter.industry(), a.industry()) && matches(filter.employeeBand(), a.employeeBand())
                        && matches(filter.touchTier(), a.touchTier())
                        && (filter.ownerUserId() == null || filter.ownerUserId().equals(a.ownerUserId())))
                .map(Account::id).collect(Collectors.toSet());
        List<EffortEntries.AccountCost> covered = costs.stream().filter(c -> matching.contains(c.accountId())).toList();
        return covered.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(covered.stream().mapToLong(EffortEntries.AccountCost::cost).sum());
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    Map<Long, Long> rates() {
        return hourlyCosts.ratesByUser(currency());
    }
}
