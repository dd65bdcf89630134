package org.bansou.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bansou.account.AccountCodes;

/**
 * Who the customers of a Japanese cloud invoicing service are and how each one's story goes: sign-ups that
 * grow month by month and peak before the fiscal year starts in April, company size setting seats, plan and
 * billing, trials, first-year discounts, a reactivation now and then, a second department signing its own
 * contract.
 */
final class CustomerStories {

    static final List<String> INDUSTRIES = List.of("製造業", "小売", "医療", "IT", "建設", "不動産", "士業", "飲食", "物流",
            "教育");
    private static final double[] INDUSTRY_SHARE = {18, 12, 9, 14, 11, 7, 10, 7, 7, 5};
    // small shops and restaurants leave more; clinics and tax offices, once set up, rarely do
    private static final double[] INDUSTRY_RISK = {0.9, 1.2, 0.8, 1.0, 1.0, 1.0, 0.8, 1.5, 1.0, 1.1};
    // per employee band (AccountCodes.EMPLOYEE_BANDS): 1-9, 10-49, 50-249, 250-999, 1000+
    private static final double[] BAND_SHARE = {22, 36, 26, 11, 5};
    // tax offices and restaurants are mostly small, manufacturers and logistics firms larger
    private static final double[][] BAND_BY_INDUSTRY = {{0.6, 0.9, 1.3, 1.5, 1.6}, {1.1, 1.0, 0.9, 0.9, 1.0},
            {1.2, 1.2, 0.9, 0.5, 0.3}, {1.0, 1.0, 1.0, 1.0, 0.9}, {1.0, 1.1, 1.0, 0.8, 0.6},
            {1.2, 1.1, 0.9, 0.7, 0.4}, {1.8, 1.4, 0.5, 0.1, 0.05}, {1.4, 1.2, 0.8, 0.4, 0.3},
            {0.8, 1.0, 1.2, 1.1, 0.9}, {1.2, 1.1, 0.9, 0.6, 0.4}};
    // the Japanese fiscal year starts in April: invoicing tools are chosen in March and April, less in August
    private static final double[] SIGN_UPS_BY_MONTH = {1.0, 1.0, 1.3, 1.25, 1.0, 1.0, 1.0, 0.75, 1.1, 1.1, 1.0, 0.85};
    private static final double[] TOP_DOWN = {0.85, 0.70, 0.55, 0.45, 0.35};
    // seats are the people who issue, approve or receive invoices, not every employee
    private static final int[] SEATS_LOW = {1, 2, 5, 15, 40};
    private static final int[] SEATS_HIGH = {3, 10, 40, 120, 400};
    private static final double[][] PLAN_SHARE = {{80, 20, 0}, {45, 50, 5}, {10, 65, 25}, {0, 45, 55}, {0, 20, 80}};
    private static final double[] YEARLY = {0.15, 0.30, 0.45, 0.60, 0.75};
    private static final double[] TRIAL = {0.50, 0.45, 0.35, 0.25, 0.15};
    private static final double[] GROWTH = {0.6, 1.0, 1.3, 1.5, 1.6};
    private static final BigDecimal[] DISCOUNTS = {new BigDecimal("10"), new BigDecimal("15"), new BigDecimal("20"),
            new BigDecimal("30")};
    // ARPA per month that earns a customer a named CSM (high) or a pooled one (low); below: tech touch
    static final long HIGH_TOUCH_MRR = 100_000;
    static final long LOW_TOUCH_MRR = 20_000;
    private static final double SIGN_UP_GROWTH = 1.3;

    private final DemoWorld world;
    private final SplittableRandom random;
    private final ContractSimulation contracts;
    private final JapaneseNames names = new JapaneseNames();

    CustomerStories(DemoWorld world, SplittableRandom random) {
        this.world = world;
        this.random = random;
        this.contracts = new ContractSimulation(world.catalog(), world.today(), random);
    }

    List<DemoAccount> tell() {
        List<DemoAccount> accounts = new ArrayList<>(world.accountCount());
        for (LocalDate signedUpOn : signUps()) {
            accounts.add(story(String.format("C%06d", accounts.size() + 1), signedUpOn));
        }
        return accounts;
    }

    /** Sign-up days over the 36 months, more each month as the service grows (density ∝ e^{1.3 t}). */
    private List<LocalDate> signUps() {
        LocalDate launch = world.historyStartsOn();
        long days = ChronoUnit.DAYS.between(launch, world.today());
        long[] offsets = new long[world.accountCount()];
        for (int i = 0; i < offsets.length; i++) {
            long offset;
            do {
                double share = Math.log(1 + random.nextDouble() * Math.expm1(SIGN_UP_GROWTH)) / SIGN_UP_GROWTH;
                offset = (long) (share * days);
            } while (random.nextDouble() * 1.3 > SIGN_UPS_BY_MONTH[launch.plusDays(offset).getMonthValue() - 1]);
            offsets[i] = offset;
        }
        Arrays.sort(offsets);
        return Arrays.stream(offsets).mapToObj(launch::plusDays).toList();
    }

    private DemoAccount story(String id, LocalDate signedUpOn) {
        int industry = Dice.weighted(random, INDUSTRY_SHARE);
        double[] bandShare = new double[BAND_SHARE.length];
        for (int i = 0; i < bandShare.length; i++) {
            bandShare[i] = BAND_SHARE[i] * BAND_BY_INDUSTRY[industry][i];
        }
        int band = Dice.weighted(random, bandShare);
        String name = names.company(random, INDUSTRIES.get(industry), band <= 1);
        String decisionStyle = Dice.chance(random, TOP_DOWN[band]) ? "top_down" : "bottom_up";
        int seats = Dice.between(random, SEATS_LOW[band], SEATS_HIGH[band]);
        int rank = Dice.weighted(random, PLAN_SHARE[band]);
        String interval = Dice.chance(random, YEARLY[band]) ? "year" : "month";
        int trialDays = Dice.chance(random, TRIAL[band]) ? (Dice.chance(random, 0.6) ? 14 : 30) : 0;
        BigDecimal discount = Dice.chance(random, 0.12) ? DISCOUNTS[random.nextInt(DISCOUNTS.length)] : BigDecimal.ZERO;
        boolean firstYearOnly = Dice.chance(random, 0.6);
        long listMrr = world.catalog().listPrice(rank, "month", signedUpOn).amount() * seats;
        double churn = (listMrr < LOW_TOUCH_MRR ? 0.028 : listMrr < HIGH_TOUCH_MRR ? 0.013 : 0.006)
                * INDUSTRY_RISK[industry];
        ContractSimulation.Terms terms = new ContractSimulation.Terms(rank, interval, seats, discount, firstYearOnly,
                churn, GROWTH[band], band);

        List<DemoSubscription> subscriptions = new ArrayList<>();
        DemoSubscription first = contracts.simulate(id + "-S1", id, signedUpOn, trialDays, terms, "新規契約");
        subscriptions.add(first);
        DemoChange cancel = first.cancellation();
        if (cancel != null && !cancel.effectiveOn().isAfter(world.today())
                && cancel.churnCause() != DemoChurnCause.BUSINESS_CLOSED && Dice.chance(random, 0.18)) {
            LocalDate back = cancel.effectiveOn().plusDays(Dice.between(random, 45, 420));
            if (back.isBefore(world.today())) {
                ContractSimulation.Terms again = new ContractSimulation.Terms(rank, "month", seats, BigDecimal.ZERO,
                        false, churn * 0.8, GROWTH[band], band);
                subscriptions.add(contracts.simulate(id + "-S2", id, back, 0, again,
                        "再契約（" + cancel.effectiveOn() + " の解約から復帰）"));
            }
        }
        LocalDate paidFrom = first.paidFrom();
        if (band >= 2 && paidFrom != null && Dice.chance(random, 0.07)) {
            LocalDate added = paidFrom.plusDays(Dice.between(random, 90, 540));
            if (added.isBefore(world.today()) && first.mrrOn(added) > 0) {
                ContractSimulation.Terms department = new ContractSimulation.Terms(Math.min(rank, 1), "month",
                        Dice.between(random, 3, 20), BigDecimal.ZERO, false, churn, GROWTH[band], band);
                subscriptions.add(contracts.simulate(id + "-S" + (subscriptions.size() + 1), id, added, 0,
                        department, "別部署で追加契約"));
            }
        }

        long arpa = arpa(subscriptions);
        String tier = arpa >= HIGH_TOUCH_MRR ? "high" : arpa >= LOW_TOUCH_MRR ? "low" : "tech";
        String owner = owner(tier);
        List<DemoStageMove> stages = LifecycleHistory.of(subscriptions, world.today(),
                tier.equals("tech") ? "system" : owner, world.zone(), random);
        return new DemoAccount(id, name, INDUSTRIES.get(industry), AccountCodes.EMPLOYEE_BANDS.get(band),
                decisionStyle, owner, tier, signedUpOn, id.toLowerCase() + ".example.jp", subscriptions, stages);
    }

    /** What the account pays a month now, or paid at its peak if it left: the basis of its touch tier. */
    private long arpa(List<DemoSubscription> subscriptions) {
        LocalDate today = world.today();
        long now = subscriptions.stream().mapToLong(s -> s.mrrOn(today)).sum();
        if (now > 0) {
            return now;
        }
        return subscriptions.stream()
                .flatMap(s -> s.changes().stream())
                .mapToLong(DemoChange::mrrAfter)
                .max()
                .orElse(0);
    }

    /** Named CSMs carry the large accounts; the digital pool (csm4, csm5) carries tech touch. */
    private String owner(String tier) {
        return switch (tier) {
            case "high" -> "csm" + Dice.between(random, 1, 3);
            case "low" -> "csm" + Dice.between(random, 2, 5);
            default -> "csm" + Dice.between(random, 4, 5);
        };
    }
}
