package org.bansou.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bansou.subscription.Mrr;

/**
 * Lives one contract from its start to today, period by period: a trial that converts or not, seats added
 * mid-term, at most one change at each renewal (a move off a retired price, a first-year discount ending, an
 * upgrade, a downgrade, seats up or down), and a cancellation effective at the end of a paid period. Each
 * change is one row whose {@code mrrBefore} is the previous row's {@code mrrAfter}, priced by {@link Mrr}.
 */
final class ContractSimulation {

    /** How a contract starts and how its customer tends to behave; {@code band} indexes the employee bands. */
    record Terms(int planRank, String interval, int seats, BigDecimal discountPercent, boolean discountFirstYearOnly,
                 double monthlyChurn, double growth, int band) {
    }

    private static final double LOST_TRIALS = 0.22;
    // a customer told about the revision moves at a renewal at least this long after it, or keeps the old price
    private static final int REVISION_NOTICE_DAYS = 60;
    private static final double MOVES_TO_REVISED_PRICE = 0.45;
    // per renewal: seats up, seats down, upgrade, downgrade (a monthly renewal is every month)
    private static final double[] MONTHLY_RENEWAL = {0.035, 0.012, 0.008, 0.004};
    private static final double[] YEARLY_RENEWAL = {0.28, 0.10, 0.08, 0.04};
    private static final double MID_TERM_SEATS = 0.025;
    // small customers leave because it never took hold or the business shrank; larger ones when people change
    private static final double[][] CAUSES_BY_BAND = {
            {20, 12, 30, 18, 18, 2}, {22, 15, 25, 20, 14, 4}, {25, 22, 15, 20, 8, 10},
            {25, 25, 12, 20, 5, 13}, {25, 25, 10, 20, 5, 15}};
    private static final String[] PLAN_NAMES = {"ライト", "スタンダード", "エンタープライズ"};

    private final DemoCatalog catalog;
    private final LocalDate today;
    private final SplittableRandom random;

    ContractSimulation(DemoCatalog catalog, LocalDate today, SplittableRandom random) {
        this.catalog = catalog;
        this.today = today;
        this.random = random;
    }

    DemoSubscription simulate(String externalId, String accountExternalId, LocalDate startOn, int trialDays,
                              Terms terms, String startReason) {
        Contract contract = new Contract(externalId, accountExternalId, startOn, terms);
        DemoPrice price = catalog.listPrice(terms.planRank(), terms.interval(), startOn);
        contract.price = price;
        contract.quantity = terms.seats();
        contract.discount = terms.discountPercent();
        LocalDate paidFrom = startOn;
        if (trialDays > 0) {
            contract.record(startOn, "trial_start", null, price, null, contract.quantity, 0,
                    "無料トライアル開始（" + trialDays + "日間）", null);
            LocalDate trialEnds = startOn.plusDays(trialDays);
            if (trialEnds.isAfter(today)) {
                return contract.finish("trial", null, trialEnds);
            }
            if (Dice.chance(random, LOST_TRIALS)) {
                contract.record(trialEnds, "cancel", price, null, contract.quantity, null, 0,
                        "トライアル終了、本契約に至らず", null);
                return contract.finish("ended", trialEnds, null);
            }
            paidFrom = trialEnds;
            contract.price = catalog.listPrice(terms.planRank(), terms.interval(), paidFrom);
            contract.record(paidFrom, "start", price, contract.price, contract.quantity, contract.quantity,
                    contract.mrr(), startReason + "（トライアルから移行）", null);
        } else {
            contract.record(paidFrom, "start", null, price, null, contract.quantity, contract.mrr(), startReason, null);
        }
        return renewals(contract, paidFrom);
    }

    private DemoSubscription renewals(Contract contract, LocalDate paidFrom) {
        Terms terms = contract.terms;
        int periodMonths = contract.price.months();
        LocalDate discountEndsOn = terms.discountFirstYearOnly() && terms.discountPercent().signum() > 0
                ? paidFrom.plusMonths(12) : null;
        boolean priceSettled = false;
        for (int period = 1; ; period++) {
            LocalDate periodStart = paidFrom.plusMonths((long) (period - 1) * periodMonths);
            LocalDate renewal = paidFrom.plusMonths((long) period * periodMonths);
            if (periodMonths == 12) {
                seatsAddedMidTerm(contract, periodStart);
            }
            boolean leaves = Dice.chance(random, churnProbability(terms, period, periodMonths));
            int noticeDays = periodMonths == 12 ? Dice.between(random, 30, 90) : Dice.between(random, 3, 25);
            if (renewal.isAfter(today)) {
                // the customer has given notice: still paying until the period ends, the cancel already on record
                if (leaves && !renewal.minusDays(noticeDays).isAfter(today)) {
                    cancel(contract, renewal);
                    return contract.finish("cancelled", renewal, null);
                }
                return contract.finish("active", null, renewal);
            }
            if (leaves) {
                cancel(contract, renewal);
                return contract.finish("ended", renewal, null);
            }
            if (!priceSettled && contract.price.retiredBy(renewal)
                    && !renewal.isBefore(contract.price.retiredOn().plusDays(REVISION_NOTICE_DAYS))) {
                priceSettled = true;
                if (Dice.chance(random, MOVES_TO_REVISED_PRICE)) {
                    DemoPrice revised = catalog.listPrice(contract.price.planRank(), terms.interval(), renewal);
                    contract.move(renewal, "price_change", revised, contract.quantity, "価格改定に伴い新価格へ移行");
                    continue;
                }
            }
            if (discountEndsOn != null && !renewal.isBefore(discountEndsOn) && contract.discount.signum() > 0) {
                BigDecimal ended = contract.discount;
                contract.discount = BigDecimal.ZERO;
                contract.move(renewal, "discount", contract.price, contract.quantity,
                        "初年度割引（" + ended.stripTrailingZeros().toPlainString() + "%）終了");
                continue;
            }
            renewalChange(contract, renewal, periodMonths == 12 ? YEARLY_RENEWAL : MONTHLY_RENEWAL);
        }
    }

    private void seatsAddedMidTerm(Contract contract, LocalDate periodStart) {
        for (int month = 1; month < 12; month++) {
            LocalDate day = periodStart.plusMonths(month).plusDays(random.nextInt(20));
            if (day.isAfter(today)) {
                return;
            }
            if (Dice.chance(random, MID_TERM_SEATS * contract.terms.growth())) {
                int added = seatsChanged(contract.quantity, 0.30);
                contract.move(day, "quantity", contract.price, contract.quantity + added, "ID追加（+" + added + "）");
            }
        }
    }

    private void renewalChange(Contract contract, LocalDate renewal, double[] odds) {
        double growth = contract.terms.growth();
        double draw = random.nextDouble();
        int rank = contract.price.planRank();
        String interval = contract.price.billingInterval();
        if ((draw -= odds[0] * growth) < 0) {
            int added = seatsChanged(contract.quantity, 0.30);
            contract.move(renewal, "quantity", contract.price, contract.quantity + added, "ID追加（+" + added + "）");
        } else if ((draw -= odds[1]) < 0) {
            if (contract.quantity > 1) {
                int removed = Math.min(contract.quantity - 1, seatsChanged(contract.quantity, 0.25));
                contract.move(renewal, "quantity", contract.price, contract.quantity - removed,
                        "ID削減（−" + removed + "）");
            }
        } else if ((draw -= odds[2] * growth) < 0) {
            if (rank < 2) {
                contract.move(renewal, "upgrade", catalog.listPrice(rank + 1, interval, renewal), contract.quantity,
                        PLAN_NAMES[rank + 1] + "へアップグレード");
            }
        } else if ((draw - odds[3]) < 0 && rank > 0) {
            contract.move(renewal, "downgrade", catalog.listPrice(rank - 1, interval, renewal), contract.quantity,
                    PLAN_NAMES[rank - 1] + "へダウングレード");
        }
    }

    private void cancel(Contract contract, LocalDate effectiveOn) {
        DemoChurnCause cause = DemoChurnCause.values()[Dice.weighted(random, CAUSES_BY_BAND[contract.terms.band()])];
        contract.record(effectiveOn, "cancel", contract.price, null, contract.quantity, null, 0, cause.reason(), cause);
    }

    private double churnProbability(Terms terms, int period, int periodMonths) {
        if (periodMonths == 12) {
            // a yearly contract can end only at renewal, and customers who commit for a year stay more often
            return (1 - Math.pow(1 - terms.monthlyChurn(), 12)) * 0.75;
        }
        // most small customers who leave do so before the tool took hold
        return terms.monthlyChurn() * (period <= 3 ? 1.8 : 1.0);
    }

    private int seatsChanged(int quantity, double atMost) {
        return Math.max(1, (int) Math.round(quantity * atMost * (0.2 + 0.8 * random.nextDouble())));
    }

    /** A contract while it is being lived: its current terms and the changes so far. */
    private static final class Contract {

        final String externalId;
        final String accountExternalId;
        final LocalDate startedOn;
        final Terms terms;
        final List<DemoChange> changes = new ArrayList<>();
        DemoPrice price;
        int quantity;
        BigDecimal discount;
        long mrrNow;

        Contract(String externalId, String accountExternalId, LocalDate startedOn, Terms terms) {
            this.externalId = externalId;
            this.accountExternalId = accountExternalId;
            this.startedOn = startedOn;
            this.terms = terms;
        }

        long mrr() {
            return Mrr.of(price.amount(), price.months(), quantity, discount, 0);
        }

        /** A change of price and/or seats, repriced from the terms it leaves the contract on. */
        void move(LocalDate effectiveOn, String kind, DemoPrice to, int quantityAfter, String reason) {
            DemoPrice from = price;
            int quantityBefore = quantity;
            price = to;
            quantity = quantityAfter;
            record(effectiveOn, kind, from, to, quantityBefore, quantityAfter, mrr(), reason, null);
        }

        void record(LocalDate effectiveOn, String kind, DemoPrice from, DemoPrice to, Integer quantityBefore,
                    Integer quantityAfter, long mrrAfter, String reason, DemoChurnCause cause) {
            int sequence = changes.size() + 1;
            changes.add(new DemoChange(externalId + "-" + (sequence < 10 ? "0" : "") + sequence, effectiveOn, kind,
                    from, to, quantityBefore, quantityAfter, mrrNow, mrrAfter, reason, cause));
            mrrNow = mrrAfter;
        }

        DemoSubscription finish(String status, LocalDate endedOn, LocalDate renewsOn) {
            return new DemoSubscription(externalId, accountExternalId, price, quantity, discount, status, startedOn,
                    endedOn, renewsOn, renewsOn != null, List.copyOf(changes));
        }
    }
}
