package org.bansou.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bansou.account.Accounts;
import org.bansou.demo.DemoAccount;
import org.bansou.demo.DemoChapter;
import org.bansou.demo.DemoWorld;
import org.springframework.stereotype.Component;

import static org.bansou.health.HealthComponent.Direction.HIGHER_IS_BETTER;
import static org.bansou.health.HealthComponent.Direction.LOWER_IS_BETTER;

/**
 * The demo company's health: a default model for every customer (utilization, active-user trend, invoices
 * sent, days since last activity, key-person changes; not the planted {@code report_viewed}, which predicts
 * nothing), a high-touch model that also weighs NPS, quarterly NPS answers from some high-touch customers,
 * and score history made by the scoring statement itself: weekly over the last twelve months and daily over
 * the last 30 days, so scores exist before the past churns.
 */
@Component
class HealthDemoChapter implements DemoChapter {

    private final HealthModels models;
    private final HealthScoring scoring;
    private final HealthSignals signals;
    private final Accounts accounts;

    HealthDemoChapter(HealthModels models, HealthScoring scoring, HealthSignals signals, Accounts accounts) {
        this.models = models;
        this.scoring = scoring;
        this.signals = signals;
        this.accounts = accounts;
    }

    @Override
    public int order() {
        return 600;
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public void write(DemoWorld world) {
        SplittableRandom random = world.random(name());
        HealthComponent utilization = component(HealthMetric.UTILIZATION, null, null, null, HIGHER_IS_BETTER, 20, 70, 30);
        HealthComponent trend = component(HealthMetric.ACTIVE_USERS_TREND, null, null, 4, HIGHER_IS_BETTER, -40, 0, 25);
        HealthComponent invoices = component(HealthMetric.FEATURE_DAYS, "invoice_sent", null, null, HIGHER_IS_BETTER,
                30, 80, 20);
        HealthComponent recency = component(HealthMetric.DAYS_SINCE_LAST_ACTIVITY, null, null, null, LOWER_IS_BETTER,
                14, 2, 15);
        HealthComponent keyPerson = component(HealthMetric.KEY_PERSON_CHANGES, null, null, null, LOWER_IS_BETTER,
                1, 0, 10);
        models.create(new HealthModelForm("標準モデル", null, null, null, 0, BigDecimal.valueOf(70),
                BigDecimal.valueOf(40), List.of(utilization, trend, invoices, recency, keyPerson), false, null));
        HealthComponent breadth = component(HealthMetric.DISTINCT_FEATURES, null,
                List.of("invoice_created", "invoice_sent", "payment_matched", "csv_exported"), null,
                HIGHER_IS_BETTER, 1, 4, 15);
        HealthComponent nps = new HealthComponent(HealthMetric.SIGNAL, null, null, null, null, "nps", HIGHER_IS_BETTER,
                BigDecimal.valueOf(5), BigDecimal.valueOf(9), BigDecimal.valueOf(15));
        models.create(new HealthModelForm("ハイタッチ", "high", null, null, 0, BigDecimal.valueOf(70),
                BigDecimal.valueOf(40), List.of(utilization, trend, breadth, recency, keyPerson, nps), false, null));

        writeNps(world, random);

        LocalDate today = world.today();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = today.minusDays(364); day.isBefore(today.minusDays(29)); day = day.plusDays(7)) {
            days.add(day);
        }
        for (LocalDate day = today.minusDays(29); !day.isAfter(today); day = day.plusDays(1)) {
            days.add(day);
        }
        scoring.backfill(days);
    }

    // high-touch customers answer a quarterly survey, less happily in the months before they leave
    private void writeNps(DemoWorld world, SplittableRandom random) {
        List<DemoAccount> highTouch = world.accounts().stream().filter(a -> "high".equals(a.touchTier())).toList();
        if (highTouch.isEmpty()) {
            return;
        }
        Map<String, Long> ids = accounts.ensureUnmapped(highTouch.stream().map(DemoAccount::externalId).toList());
        List<HealthSignals.Signal> answers = new ArrayList<>();
        LocalDate first = world.today().minusDays(364);
        for (DemoAccount account : highTouch) {
            for (LocalDate day = first.plusDays(random.nextInt(90)); !day.isAfter(world.today()); day = day.plusDays(91)) {
                if (account.mrrOn(day) == 0 || random.nextDouble() < 0.3) {
                    continue; // not a customer then, or did not answer
                }
                LocalDate asked = day;
                boolean leaving = account.churnedOn().stream()
                        .anyMatch(churn -> !churn.isBefore(asked) && churn.isBefore(asked.plusDays(150)));
                int score = leaving ? random.nextInt(0, 8) : random.nextInt(5, 11);
                answers.add(new HealthSignals.Signal(ids.get(account.externalId()), day, "nps", BigDecimal.valueOf(score)));
            }
        }
        signals.record(answers, "demo");
    }

    private static HealthComponent component(HealthMetric metric, String event, List<String> events, Integer weeks,
                                             HealthComponent.Direction direction, double poor, double good,
                                             double weight) {
        return new HealthComponent(metric, event, events, weeks, null, null, direction, BigDecimal.valueOf(poor),
                BigDecimal.valueOf(good), BigDecimal.valueOf(weight));
    }
}
