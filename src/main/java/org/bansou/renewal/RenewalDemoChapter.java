package org.bansou.renewal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.bansou.account.Accounts;
import org.bansou.demo.DemoAccount;
import org.bansou.demo.DemoChange;
import org.bansou.demo.DemoChapter;
import org.bansou.demo.DemoChurnCause;
import org.bansou.demo.DemoSubscription;
import org.bansou.demo.DemoWorld;
import org.bansou.renewal.forecast.ChurnForecasts;
import org.springframework.stereotype.Component;

/**
 * The demo company's renewals: every past yearly renewal with its outcome and the forecast set before it, each
 * contract's next renewal with a forecast, the churns of the last three weeks still waiting for their reason
 * (overdue), a reason taxonomy, a winning path, and the churns heard and triaged. Stated reasons mislead as in
 * life: many say "too expensive", but most of those never reached the winning path. A churn plan per month
 * sits close to, not on, what happened, with a few mid-month revisions kept beside the first plan.
 */
@Component
class RenewalDemoChapter implements DemoChapter {

    private static final int WAITING_DAYS = 21;

    private final Renewals renewals;
    private final ChurnReasons reasons;
    private final WinningPath path;
    private final ChurnTriage triage;
    private final ChurnForecasts forecasts;
    private final Accounts accounts;

    RenewalDemoChapter(Renewals renewals, ChurnReasons reasons, WinningPath path, ChurnTriage triage,
                       ChurnForecasts forecasts, Accounts accounts) {
        this.renewals = renewals;
        this.reasons = reasons;
        this.path = path;
        this.triage = triage;
        this.forecasts = forecasts;
        this.accounts = accounts;
    }

    @Override
    public int order() {
        return 700;
    }

    @Override
    public String name() {
        return "renewals";
    }

    @Override
    public void write(DemoWorld world) {
        SplittableRandom random = world.random(name());
        LocalDate today = world.today();
        Instant start = world.historyStartsOn().atStartOfDay(world.zone()).toInstant();
        Map<String, ChurnReason> taxonomy = taxonomy(world.historyStartsOn(), start);
        path.define("utilization_60_8w", "利用率60%以上を8週間継続", "utilization", new BigDecimal("0.6"), 8, null);
        path.define("invoices_sent", "製品から請求書を送付", "event", null, null, "invoice_sent");
        Criterion trained = path.define("key_person_trained", "推進担当者がトレーニングを修了", "confirmed", null, null, null);

        List<DemoAccount> all = world.accounts();
        Map<String, Long> accountIds = accounts.ensureUnmapped(all.stream().map(DemoAccount::externalId).toList());
        Map<String, Long> subscriptionIds = renewals.subscriptionIds(all.stream()
                .flatMap(a -> a.subscriptions().stream()).map(DemoSubscription::externalId).toList());
        List<Renewals.PastRenewal> rows = new ArrayList<>();
        List<Long> trainedAccounts = new ArrayList<>();
        List<LocalDate> trainedOn = new ArrayList<>();
        List<ChurnTriage.HeardChurn> churns = new ArrayList<>();
        for (DemoAccount account : all) {
            long accountId = accountIds.get(account.externalId());
            DemoChurnCause lastCause = null;
            for (DemoSubscription subscription : account.subscriptions()) {
                renewalsOf(account, subscription, accountId, subscriptionIds.get(subscription.externalId()), today,
                        random, world.zone(), rows);
                DemoChange cancel = subscription.cancellation();
                if (cancel != null && cancel.churnCause() != null) {
                    lastCause = cancel.churnCause();
                }
            }
            LocalDate paidFrom = account.firstPaidOn();
            boolean adopted = lastCause != DemoChurnCause.NOT_ADOPTED && lastCause != DemoChurnCause.KEY_PERSON_LEFT;
            if (paidFrom != null && random.nextDouble() < (adopted ? 0.65 : 0.2)) {
                LocalDate on = paidFrom.plusDays(30 + random.nextInt(60));
                if (!on.isAfter(today)) {
                    trainedAccounts.add(accountId);
                    trainedOn.add(on);
                }
            }
            for (LocalDate churnedOn : account.churnedOn()) {
                // the last three weeks' churns have no reason on record yet: their renewals show overdue
                if (churnedOn.isAfter(today.minusDays(WAITING_DAYS))) {
                    continue;
                }
                DemoChurnCause cause = causeOn(account, churnedOn);
                churns.add(heard(account, accountId, churnedOn, cause, taxonomy, random, world));
            }
        }
        renewals.importHistory(rows);
        path.confirmAll(trainedAccounts, trained.id(), trainedOn, "demo");
        triage.recordAll(churns);
        renewals.refresh(today);
        churnPlan(world, random);
    }

    private Map<String, ChurnReason> taxonomy(LocalDate from, Instant at) {
        Map<String, ChurnReason> byCode = new HashMap<>();
        String[][] entries = {
                {"too_expensive", "価格が高い", "false"}, {"missing_feature", "必要な機能がない", "false"},
                {"sales_promise", "営業の説明と違った", "false"}, {"not_used", "社内で使われなかった", "false"},
                {"champion_left", "担当者が異動・退職した", "false"}, {"competitor", "他社サービスに移行", "false"},
                {"budget_cut", "予算がなくなった", "false"}, {"bankruptcy", "倒産・廃業", "true"},
                {"merger", "合併・グループ統合", "true"}};
        for (String[] e : entries) {
            byCode.put(e[0], reasons.add(e[0], e[1], Boolean.parseBoolean(e[2]), from, "demo", at));
        }
        return byCode;
    }

    /**
     * A contract's renewals: each past yearly renewal with its outcome, the churn of a monthly one, and the
     * next one ahead; recent churns stay open (no outcome) so the pipeline shows them overdue.
     */
    private static void renewalsOf(DemoAccount account, DemoSubscription subscription, long accountId,
                                   Long subscriptionId, LocalDate today, SplittableRandom random,
                                   java.time.ZoneId zone, List<Renewals.PastRenewal> rows) {
        LocalDate paidFrom = subscription.paidFrom();
        if (paidFrom == null || subscriptionId == null) {
            return;
        }
        int months = subscription.price().months();
        DemoChange cancel = subscription.cancellation();
        String interval = subscription.price().billingInterval();
        String owner = account.ownerUsername();
        List<LocalDate> dues = new ArrayList<>();
        if (months == 12) {
            for (LocalDate due = paidFrom.plusMonths(12); !due.isAfter(today); due = due.plusMonths(12)) {
                dues.add(due);
                if (cancel != null && !due.isBefore(cancel.effectiveOn())) {
                    break;
                }
            }
        } else if (cancel != null && !cancel.effectiveOn().isAfter(today)) {
            dues.add(cancel.effectiveOn());
        }
        for (LocalDate due : dues) {
            long before = subscription.mrrOn(due.minusDays(1));
            long after = subscription.mrrOn(due);
            if (before == 0) {
                continue;
            }
            RenewalOutcome outcome = RenewalOutcome.shownBy(before, after);
            boolean waiting = outcome == RenewalOutcome.CHURNED && due.isAfter(today.minusDays(WAITING_DAYS));
            ForecastOutcome truth = switch (outcome) {
                case RENEWED -> ForecastOutcome.RENEW;
                case EXPANDED -> ForecastOutcome.EXPAND;
                case DOWNGRADED -> ForecastOutcome.DOWNGRADE;
                case CHURNED -> ForecastOutcome.CHURN;
            };
            // CSMs call most renewals right, a churn less often than the rest
            double right = outcome == RenewalOutcome.CHURNED ? 0.55 : 0.8;
            ForecastOutcome forecast = random.nextDouble() < right ? truth
                    : ForecastOutcome.values()[random.nextInt(ForecastOutcome.values().length)];
            Instant setAt = due.minusDays(20 + random.nextInt(50)).atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
            String closedBy = outcome == RenewalOutcome.CHURNED ? owner : "auto";
            rows.add(new Renewals.PastRenewal(accountId, subscriptionId, due, interval, "JPY", before, after,
                    waiting ? null : outcome, forecast, owner, setAt, waiting ? null : closedBy));
        }
        LocalDate next = subscription.renewsOn() != null ? subscription.renewsOn()
                : "cancelled".equals(subscription.status()) ? subscription.endedOn() : null;
        if (next != null && next.isAfter(today) && subscription.mrrOn(today) > 0) {
            ForecastOutcome forecast = "cancelled".equals(subscription.status()) ? ForecastOutcome.CHURN
                    : pick(random);
            boolean set = forecast == ForecastOutcome.CHURN || random.nextDouble() < 0.7;
            Instant setAt = today.minusDays(1 + random.nextInt(30)).atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
            rows.add(new Renewals.PastRenewal(accountId, subscriptionId, next, interval, "JPY",
                    subscription.mrrOn(today), subscription.mrrOn(today), null, set ? forecast : ForecastOutcome.UNKNOWN,
                    set ? owner : null, set ? setAt : null, null));
        }
    }

    private static ForecastOutcome pick(SplittableRandom random) {
        double r = random.nextDouble();
        if (r < 0.72) {
            return ForecastOutcome.RENEW;
        }
        if (r < 0.85) {
            return ForecastOutcome.EXPAND;
        }
        return r < 0.93 ? ForecastOutcome.DOWNGRADE : ForecastOutcome.CHURN;
    }

    private static DemoChurnCause causeOn(DemoAccount account, LocalDate churnedOn) {
        for (DemoSubscription subscription : account.subscriptions()) {
            DemoChange cancel = subscription.cancellation();
            if (cancel != null && cancel.effectiveOn().equals(churnedOn) && cancel.churnCause() != null) {
                return cancel.churnCause();
            }
        }
        return DemoChurnCause.NOT_ADOPTED;
    }

    // what the customer says is not always why they left: most of those who never took to the product say price
    private static ChurnTriage.HeardChurn heard(DemoAccount account, long accountId, LocalDate churnedOn,
                                                DemoChurnCause cause, Map<String, ChurnReason> taxonomy,
                                                SplittableRandom random, DemoWorld world) {
        double r = random.nextDouble();
        String code = switch (cause) {
            case BUDGET_CUT -> r < 0.65 ? "too_expensive" : "budget_cut";
            case NOT_ADOPTED -> r < 0.5 ? "too_expensive" : r < 0.7 ? "not_used" : r < 0.85 ? "missing_feature"
                    : "sales_promise";
            case KEY_PERSON_LEFT -> r < 0.35 ? "too_expensive" : r < 0.8 ? "champion_left" : "not_used";
            case COMPETITOR -> r < 0.45 ? "competitor" : r < 0.75 ? "missing_feature" : "too_expensive";
            case BUSINESS_CLOSED -> "bankruptcy";
            case MERGED -> "merger";
        };
        boolean interview = "high".equals(account.touchTier()) ? r < 0.8 : random.nextDouble() < 0.25;
        String help = switch (cause) {
            case NOT_ADOPTED -> "導入後の定着支援（利用部門への説明会）";
            case KEY_PERSON_LEFT -> "後任者への引き継ぎとトレーニング";
            default -> null;
        };
        ChurnForm form = new ChurnForm(taxonomy.get(code).id(), cause.reason(), interview ? "interview" : "survey",
                account.ownerUsername(), help);
        Instant heardAt = churnedOn.plusDays(1 + random.nextInt(10)).atTime(LocalTime.of(15, 0))
                .atZone(world.zone()).toInstant();
        return new ChurnTriage.HeardChurn(accountId, null, churnedOn, "JPY", account.mrrOn(churnedOn.minusDays(1)),
                form, account.ownerUsername() == null ? "demo" : account.ownerUsername(), heardAt);
    }

    /** A monthly churn plan near the average of the months before, with a few mid-month revisions. */
    private void churnPlan(DemoWorld world, SplittableRandom random) {
        YearMonth now = YearMonth.from(world.today());
        TreeMap<YearMonth, long[]> actual = new TreeMap<>();
        for (DemoAccount account : world.accounts()) {
            for (LocalDate churned : account.churnedOn()) {
                long[] month = actual.computeIfAbsent(YearMonth.from(churned), m -> new long[2]);
                month[0] += account.mrrOn(churned.minusDays(1));
                month[1]++;
            }
        }
        List<ChurnForecasts.PlanLine> first = new ArrayList<>();
        List<ChurnForecasts.PlanLine> revised = new ArrayList<>();
        for (YearMonth m = now.minusMonths(11); !m.isAfter(now.plusMonths(2)); m = m.plusMonths(1)) {
            long mrr = 0;
            long logos = 0;
            int seen = 0;
            for (YearMonth back = m.minusMonths(6); back.isBefore(m.minusMonths(1)); back = back.plusMonths(1)) {
                long[] a = actual.get(back);
                mrr += a == null ? 0 : a[0];
                logos += a == null ? 0 : a[1];
                seen++;
            }
            long planned = round(mrr / Math.max(1, seen) * (0.85 + random.nextDouble() * 0.3));
            int plannedLogos = (int) Math.round(logos / (double) Math.max(1, seen));
            first.add(new ChurnForecasts.PlanLine(m.atDay(1), "month", "all", planned, plannedLogos, "期初計画"));
            if (m.isBefore(now) && random.nextDouble() < 0.25) {
                revised.add(new ChurnForecasts.PlanLine(m.atDay(1), "month", "all", round(planned * 1.15),
                        plannedLogos + 1, "月中見直し"));
            }
        }
        Instant firstAt = now.minusMonths(12).atDay(1).atStartOfDay(world.zone()).toInstant();
        forecasts.planAll(first, "JPY", "manager", firstAt);
        forecasts.planAll(revised, "JPY", "manager", now.atDay(1).atStartOfDay(world.zone()).toInstant()
                .minusSeconds(86_400L * 15));
    }

    private static long round(double amount) {
        return Math.round(amount / 10_000) * 10_000;
    }
}
