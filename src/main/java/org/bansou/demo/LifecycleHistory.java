package org.bansou.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The stage moves an account's contracts imply: onboarding from its start, adoption after 60 days,
 * retention after 180, renewal in the 90 days before a yearly renewal and back to retention once renewed.
 * A returning customer starts again with onboarding; a churned one stays where it left.
 */
final class LifecycleHistory {

    private record Period(LocalDate start, LocalDate end, DemoSubscription opening) {
    }

    private record Step(LocalDate day, String stage) {
    }

    private LifecycleHistory() {
    }

    static List<DemoStageMove> of(List<DemoSubscription> subscriptions, LocalDate today, String by, ZoneId zone,
                                  SplittableRandom random) {
        List<DemoStageMove> moves = new ArrayList<>();
        String stage = null;
        for (Period period : periods(subscriptions, today)) {
            for (Step step : steps(period, today)) {
                if (!step.stage().equals(stage)) {
                    moves.add(new DemoStageMove(stage, step.stage(), step.day()
                            .atTime(9 + random.nextInt(9), random.nextInt(60)).atZone(zone).toInstant(), by));
                    stage = step.stage();
                }
            }
        }
        return moves;
    }

    /** Spans of time the account was a customer (in trial or paying); {@code end} is null if it still is. */
    private static List<Period> periods(List<DemoSubscription> subscriptions, LocalDate today) {
        List<DemoSubscription> byStart = subscriptions.stream()
                .sorted(Comparator.comparing(DemoSubscription::startedOn))
                .toList();
        List<Period> periods = new ArrayList<>();
        for (DemoSubscription subscription : byStart) {
            LocalDate end = subscription.endedOn() == null || subscription.endedOn().isAfter(today)
                    ? null : subscription.endedOn();
            Period last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
            if (last != null && (last.end() == null || !subscription.startedOn().isAfter(last.end()))) {
                LocalDate merged = last.end() == null || end == null ? null : end.isAfter(last.end()) ? end : last.end();
                periods.set(periods.size() - 1, new Period(last.start(), merged, last.opening()));
            } else {
                periods.add(new Period(subscription.startedOn(), end, subscription));
            }
        }
        return periods;
    }

    private static List<Step> steps(Period period, LocalDate today) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(period.start(), "onboarding"));
        LocalDate retained = period.start().plusDays(180);
        steps.add(new Step(period.start().plusDays(60), "adoption"));
        steps.add(new Step(retained, "retention"));
        DemoSubscription opening = period.opening();
        LocalDate paidFrom = opening.paidFrom();
        if (paidFrom != null && opening.price().months() == 12) {
            for (int year = 1; ; year++) {
                LocalDate renewal = paidFrom.plusYears(year);
                LocalDate due = renewal.minusDays(90);
                if (due.isAfter(today) || (opening.endedOn() != null && !due.isBefore(opening.endedOn()))) {
                    break;
                }
                if (due.isAfter(retained)) {
                    steps.add(new Step(due, "renewal"));
                }
                if (opening.endedOn() == null || renewal.isBefore(opening.endedOn())) {
                    steps.add(new Step(renewal, "retention"));
                }
            }
        }
        // the contract that opened the period ended while another carries on: the account is simply retained
        if (opening.endedOn() != null && opening.endedOn().isAfter(retained)
                && (period.end() == null || opening.endedOn().isBefore(period.end()))) {
            steps.add(new Step(opening.endedOn(), "retention"));
        }
        return steps.stream()
                .filter(step -> !step.day().isAfter(today))
                .filter(step -> period.end() == null || step.day().isBefore(period.end())
                        || step.day().equals(period.start()))
                .sorted(Comparator.comparing(Step::day))
                .toList();
    }
}
