package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bansou.subscription.SubscriptionChange;
import org.bansou.subscription.SubscriptionChanges;
import org.springframework.stereotype.Component;

/**
 * An account's value over time against its total cost of ownership, month by month, and whether its actual
 * value lags the value estimated at sale by more than the set margin.
 */
@Component
public class AccountValue {

    /** The account's value story: its months, its current figures, and the lag flag. */
    public record Summary(long accountId, String currency, List<ValueMonth> months, ValueRecord theoretical,
                          ValueRecord actual, ValueRecord expected, Double lagPercent, int marginPercent,
                          boolean flagged, List<ValueRecord> records, List<OwnershipCost> costs) {
    }

    static final int MAX_MONTHS = 24;

    private final ValueRecords values;
    private final OwnershipCosts costs;
    private final SubscriptionChanges changes;
    private final KnowledgeSettings settings;
    private final Clock clock;

    AccountValue(ValueRecords values, OwnershipCosts costs, SubscriptionChanges changes, KnowledgeSettings settings,
                 Clock clock) {
        this.values = values;
        this.costs = costs;
        this.changes = changes;
        this.settings = settings;
        this.clock = clock;
    }

    public Summary of(long accountId) {
        List<ValueRecord> records = values.forAccount(accountId);
        List<OwnershipCost> costList = costs.forAccount(accountId);
        List<SubscriptionChange> mrrChanges = changes.forAccount(accountId);
        // value and cost are compared in the currency the value was recorded in; figures in others are left out
        String currency = !records.isEmpty() ? records.get(0).currency()
                : !mrrChanges.isEmpty() ? mrrChanges.get(0).currency() : "JPY";
        List<ValueRecord> inCurrency = records.stream().filter(r -> r.currency().equals(currency)).toList();
        List<OwnershipCost> costsInCurrency = costList.stream().filter(c -> c.currency().equals(currency)).toList();
        List<SubscriptionChange> changesInCurrency = mrrChanges.stream()
                .filter(c -> currency.equals(c.currency()))
                .sorted((a, b) -> a.effectiveOn().compareTo(b.effectiveOn()))
                .toList();

        YearMonth last = YearMonth.now(clock);
        YearMonth first = last.minusMonths(MAX_MONTHS - 1L);
        LocalDate earliest = earliest(inCurrency, costsInCurrency, changesInCurrency);
        if (earliest != null && YearMonth.from(earliest).isAfter(first)) {
            first = YearMonth.from(earliest);
        }
        List<ValueMonth> months = new ArrayList<>();
        long cumulative = 0;
        long oneTimeCounted = 0;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            LocalDate end = month.atEndOfMonth();
            Long theoretical = latest(inCurrency, "theoretical", end);
            Long actual = latest(inCurrency, "actual", end);
            Long expected = latest(inCurrency, "expected", end);
            long subscription = mrrOn(changesInCurrency, end);
            long running = costsInCurrency.stream()
                    .filter(c -> c.kind().equals("running_monthly") && !c.recordedOn().isAfter(end))
                    .reduce((a, b) -> b).map(OwnershipCost::amount).orElse(0L);
            long oneTime = costsInCurrency.stream()
                    .filter(c -> c.kind().equals("onboarding_effort") && !c.recordedOn().isAfter(end))
                    .mapToLong(OwnershipCost::amount).sum();
            cumulative += (actual == null ? 0 : actual) - subscription - running - (oneTime - oneTimeCounted);
            oneTimeCounted = oneTime;
            months.add(new ValueMonth(month, theoretical, actual, expected, subscription, running, cumulative));
        }
        ValueRecord theoretical = latestRecord(inCurrency, "theoretical");
        ValueRecord actual = latestRecord(inCurrency, "actual");
        int margin = settings.current().valueLagMarginPercent();
        Double lag = theoretical != null && actual != null && theoretical.amount() > 0
                ? Math.round(1000.0 * (theoretical.amount() - actual.amount()) / theoretical.amount()) / 10.0
                : null;
        boolean flagged = theoretical != null && actual != null && theoretical.amount() > 0
                && actual.amount() < theoretical.amount() * (100 - margin) / 100.0;
        return new Summary(accountId, currency, months, theoretical, actual, latestRecord(inCurrency, "expected"),
                lag, margin, flagged, records, costList);
    }

    private static LocalDate earliest(List<ValueRecord> records, List<OwnershipCost> costs,
                                      List<SubscriptionChange> changes) {
        LocalDate earliest = null;
        for (LocalDate day : concat(records.stream().map(ValueRecord::recordedOn).toList(),
                costs.stream().map(OwnershipCost::recordedOn).toList(),
                changes.stream().map(SubscriptionChange::effectiveOn).toList())) {
            earliest = earliest == null || day.isBefore(earliest) ? day : earliest;
        }
        return earliest;
    }

    @SafeVarargs
    private static List<LocalDate> concat(List<LocalDate>... lists) {
        List<LocalDate> all = new ArrayList<>();
        for (List<LocalDate> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static Long latest(List<ValueRecord> records, String kind, LocalDate onOrBefore) {
        Long found = null;
        for (ValueRecord record : records) {
            if (record.kind().equals(kind) && !record.recordedOn().isAfter(onOrBefore)) {
                found = record.amount();
            }
        }
        return found;
    }

    private static ValueRecord latestRecord(List<ValueRecord> records, String kind) {
        ValueRecord found = null;
        for (ValueRecord record : records) {
            if (record.kind().equals(kind)) {
                found = record;
            }
        }
        return found;
    }

    // each subscription pays its latest mrr_after dated on or before the day
    private static long mrrOn(List<SubscriptionChange> changes, LocalDate day) {
        Map<Long, Long> bySubscription = new HashMap<>();
        for (SubscriptionChange change : changes) {
            if (!change.effectiveOn().isAfter(day)) {
                bySubscription.put(change.subscriptionId(), change.mrrAfter());
            }
        }
        return bySubscription.values().stream().mapToLong(Long::longValue).sum();
    }
}
