package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bansou.effort.EffortCosts;
import org.bansou.subscription.SubscriptionChange;
import org.bansou.subscription.SubscriptionChanges;
import org.springframework.stereotype.Component;

/**
 * An account's value over time against its total cost of ownership, month by month and in one currency, and
 * whether its actual value lags the value estimated at sale by more than the set margin. The cost is the
 * subscription, the running cost entered, and the onboarding and training effort: logged in bansou (effort's
 * minutes × cost per hour) plus any entered as money for effort spent outside bansou.
 */
@Component
public class AccountValue {

    /**
     * The account's value story in {@code currency}: its months, its current figures (amounts converted), the lag
     * flag, and the currencies left out for want of an exchange rate (empty when every figure was converted).
     */
    public record Summary(long accountId, String currency, List<ValueMonth> months, ValueRecord theoretical,
                          ValueRecord actual, ValueRecord expected, Long theoreticalAmount, Long actualAmount,
                          Long expectedAmount, Double lagPercent, int marginPercent, boolean flagged,
                          List<ValueRecord> records, List<OwnershipCost> costs, Effort effort,
                          List<String> missingRates) {

        public boolean converted() {
            return records.stream().anyMatch(r -> !r.currency().equals(currency))
                    || costs.stream().anyMatch(c -> !c.currency().equals(currency));
        }
    }

    /**
     * Onboarding and training effort in the cost: minutes logged in bansou and their cost (effort's hourly costs,
     * converted), and the effort entered as money for work not logged here.
     */
    public record Effort(long loggedMinutes, long loggedCost, long enteredCost) {

        public long total() {
            return loggedCost + enteredCost;
        }
    }

    static final int MAX_MONTHS = 24;

    private record Dated(String kind, long amount, LocalDate on) {
    }

    private final ValueRecords values;
    private final OwnershipCosts costs;
    private final SubscriptionChanges changes;
    private final EffortCosts effortCosts;
    private final CurrencyConversion conversion;
    private final KnowledgeSettings settings;
    private final Clock clock;

    AccountValue(ValueRecords values, OwnershipCosts costs, SubscriptionChanges changes, EffortCosts effortCosts,
                 CurrencyConversion conversion, KnowledgeSettings settings, Clock clock) {
        this.values = values;
        this.costs = costs;
        this.changes = changes;
        this.effortCosts = effortCosts;
        this.conversion = conversion;
        this.settings = settings;
        this.clock = clock;
    }

    /** In the one currency all its figures share, else in the reporting currency. */
    public Summary of(long accountId) {
        return of(accountId, null);
    }

    /** In {@code wantedCurrency} (null: the one currency all figures share, else the reporting currency). */
    public Summary of(long accountId, String wantedCurrency) {
        List<ValueRecord> records = values.forAccount(accountId);
        List<OwnershipCost> costList = costs.forAccount(accountId);
        List<SubscriptionChange> mrrChanges = changes.forAccount(accountId).stream()
                .filter(c -> c.currency() != null)
                .sorted(Comparator.comparing(SubscriptionChange::effectiveOn))
                .toList();
        List<EffortCosts.MonthEffort> effort = effortCosts.onboardingAndTraining(accountId);
        String effortCurrency = effortCosts.currency();
        CurrencyConversion.Rates rates = conversion.rates();

        Set<String> currencies = new LinkedHashSet<>();
        records.forEach(r -> currencies.add(r.currency()));
        costList.forEach(c -> currencies.add(c.currency()));
        mrrChanges.forEach(c -> currencies.add(c.currency()));
        if (effort.stream().anyMatch(e -> e.cost() > 0)) {
            currencies.add(effortCurrency);
        }
        String currency = wantedCurrency != null ? wantedCurrency
                : currencies.size() == 1 ? currencies.iterator().next() : rates.reporting();
        List<String> missing = rates.missing(currencies, currency);
        // a figure is used only if it converts; the others are named in missingRates, never mixed in unconverted
        java.util.function.Predicate<String> usable = c -> c.equals(currency)
                || !missing.contains(c) && !missing.contains(currency);

        List<Dated> figures = records.stream().filter(r -> usable.test(r.currency()))
                .map(r -> new Dated(r.kind(), rates.convert(r.amount(), r.currency(), currency, r.recordedOn()),
                        r.recordedOn()))
                .toList();
        List<Dated> costFigures = new ArrayList<>(costList.stream().filter(c -> usable.test(c.currency()))
                .map(c -> new Dated(c.kind(), rates.convert(c.amount(), c.currency(), currency, c.recordedOn()),
                        c.recordedOn()))
                .toList());
        long loggedMinutes = effort.stream().mapToLong(EffortCosts.MonthEffort::minutes).sum();
        long loggedCost = 0;
        if (usable.test(effortCurrency)) {
            for (EffortCosts.MonthEffort month : effort) {
                LocalDate end = month.month().atEndOfMonth();
                long cost = rates.convert(month.cost(), effortCurrency, currency, end);
                loggedCost += cost;
                costFigures.add(new Dated("logged_effort", cost, month.month().atDay(1)));
            }
        }
        long enteredCost = costFigures.stream().filter(c -> c.kind().equals("onboarding_effort"))
                .mapToLong(Dated::amount).sum();
        List<SubscriptionChange> paying = mrrChanges.stream().filter(c -> usable.test(c.currency())).toList();

        YearMonth last = YearMonth.now(clock);
        YearMonth first = last.minusMonths(MAX_MONTHS - 1L);
        LocalDate earliest = earliest(figures, costFigures, paying);
        if (earliest != null && YearMonth.from(earliest).isAfter(first)) {
            first = YearMonth.from(earliest);
        }
        List<ValueMonth> months = new ArrayList<>();
        long cumulative = 0;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            LocalDate start = month.atDay(1);
            LocalDate end = month.atEndOfMonth();
            Long theoretical = latest(figures, "theoretical", end);
            Long actual = latest(figures, "actual", end);
            Long expected = latest(figures, "expected", end);
            long subscription = mrrOn(paying, currency, rates, end);
            long running = costFigures.stream()
                    .filter(c -> c.kind().equals("running_monthly") && !c.on().isAfter(end))
                    .reduce((a, b) -> b).map(Dated::amount).orElse(0L);
            // one-time effort is booked in its month; effort before the window is booked in its first month
            boolean firstMonth = month.equals(first);
            long onboarding = costFigures.stream()
                    .filter(c -> c.kind().equals("onboarding_effort") || c.kind().equals("logged_effort"))
                    .filter(c -> !c.on().isAfter(end) && (firstMonth || !c.on().isBefore(start)))
                    .mapToLong(Dated::amount).sum();
            cumulative += (actual == null ? 0 : actual) - subscription - running - onboarding;
            months.add(new ValueMonth(month, theoretical, actual, expected, subscription, running, onboarding,
                    cumulative));
        }
        Long theoreticalNow = latest(figures, "theoretical", LocalDate.MAX);
        Long actualNow = latest(figures, "actual", LocalDate.MAX);
        int margin = settings.current().valueLagMarginPercent();
        Double lag = theoreticalNow != null && actualNow != null && theoreticalNow > 0
                ? Math.round(1000.0 * (theoreticalNow - actualNow) / theoreticalNow) / 10.0
                : null;
        boolean flagged = theoreticalNow != null && actualNow != null && theoreticalNow > 0
                && actualNow < theoreticalNow * (100 - margin) / 100.0;
        return new Summary(accountId, currency, months, latestRecord(records, "theoretical", usable),
                latestRecord(records, "actual", usable), latestRecord(records, "expected", usable), theoreticalNow,
                actualNow, latest(figures, "expected", LocalDate.MAX), lag, margin, flagged, records, costList,
                new Effort(loggedMinutes, loggedCost, enteredCost), missing);
    }

    private static LocalDate earliest(List<Dated> figures, List<Dated> costs, List<SubscriptionChange> changes) {
        LocalDate earliest = null;
        List<LocalDate> days = new ArrayList<>();
        figures.forEach(f -> days.add(f.on()));
        costs.forEach(c -> days.add(c.on()));
        changes.forEach(c -> days.add(c.effectiveOn()));
        for (LocalDate day : days) {
            earliest = earliest == null || day.isBefore(earliest) ? day : earliest;
        }
        return earliest;
    }

    // figures are in day order (records come oldest first; logged effort is added in month order)
    private static Long latest(List<Dated> figures, String kind, LocalDate onOrBefore) {
        Dated found = null;
        for (Dated figure : figures) {
            if (figure.kind().equals(kind) && !figure.on().isAfter(onOrBefore)
                    && (found == null || !figure.on().isBefore(found.on()))) {
                found = figure;
            }
        }
        return found == null ? null : found.amount();
    }

    private static ValueRecord latestRecord(List<ValueRecord> records, String kind,
                                            java.util.function.Predicate<String> usable) {
        ValueRecord found = null;
        for (ValueRecord record : records) {
            if (record.kind().equals(kind) && usable.test(record.currency())) {
                found = record;
            }
        }
        return found;
    }

    // each subscription pays its latest mrr_after dated on or before the day, converted at that change's date
    private static long mrrOn(List<SubscriptionChange> changes, String currency, CurrencyConversion.Rates rates,
                              LocalDate day) {
        Map<Long, Long> bySubscription = new HashMap<>();
        for (SubscriptionChange change : changes) {
            if (!change.effectiveOn().isAfter(day)) {
                bySubscription.put(change.subscriptionId(),
                        rates.convert(change.mrrAfter(), change.currency(), currency, change.effectiveOn()));
            }
        }
        return bySubscription.values().stream().mapToLong(Long::longValue).sum();
    }
}
