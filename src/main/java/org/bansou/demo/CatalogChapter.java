package org.bansou.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.springframework.stereotype.Component;

/**
 * The price book of the cloud invoicing service: ライト, スタンダード and エンタープライズ per seat, monthly or
 * yearly (a year costs ten months). About 14 months ago スタンダード went up; the old prices were retired for
 * new contracts that day, while existing contracts kept them until they moved, and many never did.
 */
@Component
class CatalogChapter implements DemoChapter {

    static final String CURRENCY = "JPY";
    private static final String[][] PLANS = {
            {"lite", "ライト"}, {"standard", "スタンダード"}, {"enterprise", "エンタープライズ"}};
    private static final long[] MONTHLY_PER_SEAT = {980, 1_980, 3_980};
    private static final long STANDARD_REVISED_MONTHLY = 2_480;

    private final Plans plans;
    private final PlanPrices planPrices;

    CatalogChapter(Plans plans, PlanPrices planPrices) {
        this.plans = plans;
        this.planPrices = planPrices;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public void write(DemoWorld world) {
        DemoCatalog catalog = catalogFor(world.historyStartsOn(), world.today());
        plans.upsertAll(List.of(PLANS).stream()
                .map(plan -> new PlanRow(planId(plan[0]), plan[1], false, null))
                .toList());
        planPrices.upsertAll(catalog.prices().stream()
                .map(price -> new PlanPriceRow(price.externalId(), price.planExternalId(), price.priceVersion(),
                        CURRENCY, price.amount(), price.billingInterval(), 1, price.validFrom(), price.retiredOn()))
                .toList());
        world.catalog(catalog);
    }

    static DemoCatalog catalogFor(LocalDate launchedOn, LocalDate today) {
        LocalDate revisedOn = today.minusMonths(14).withDayOfMonth(1);
        List<DemoPrice> prices = new ArrayList<>();
        for (int rank = 0; rank < PLANS.length; rank++) {
            String plan = PLANS[rank][0];
            boolean revised = rank == 1;
            for (String interval : List.of("month", "year")) {
                int months = interval.equals("year") ? 10 : 1;
                prices.add(price(plan, rank, 1, MONTHLY_PER_SEAT[rank] * months, interval, launchedOn,
                        revised ? revisedOn : null));
                if (revised) {
                    prices.add(price(plan, rank, 2, STANDARD_REVISED_MONTHLY * months, interval, revisedOn, null));
                }
            }
        }
        return new DemoCatalog(CURRENCY, List.copyOf(prices), revisedOn);
    }

    private static DemoPrice price(String plan, int rank, int version, long amount, String interval,
                                   LocalDate validFrom, LocalDate retiredOn) {
        return new DemoPrice("price-" + plan + "-" + interval + "-v" + version, planId(plan), PLANS[rank][1], rank,
                version, amount, interval, validFrom, retiredOn);
    }

    private static String planId(String plan) {
        return "plan-" + plan;
    }
}
