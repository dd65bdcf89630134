package org.bansou.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A demo customer company with its whole story: profile, owner, contracts with their histories, lifecycle
 * moves, and (once the key persons chapter ran) its key persons and the changes in its world. Account MRR,
 * churn and reactivation dates are derived from the contracts by the rules of DESIGN.md.
 */
public final class DemoAccount {

    private final String externalId;
    private final String name;
    private final String industry;
    private final String employeeBand;
    private final String decisionStyle;
    private final String ownerUsername;
    private final String touchTier;
    private final LocalDate signedUpOn;
    private final String domain;
    private final List<DemoSubscription> subscriptions;
    private final List<DemoStageMove> stageHistory;
    private final List<DemoKeyPerson> keyPersons = new ArrayList<>();
    private final List<DemoEnvironmentEvent> events = new ArrayList<>();
    private NavigableMap<LocalDate, Long> mrrTimeline;

    DemoAccount(String externalId, String name, String industry, String employeeBand, String decisionStyle,
                String ownerUsername, String touchTier, LocalDate signedUpOn, String domain,
                List<DemoSubscription> subscriptions, List<DemoStageMove> stageHistory) {
        this.externalId = externalId;
        this.name = name;
        this.industry = industry;
        this.employeeBand = employeeBand;
        this.decisionStyle = decisionStyle;
        this.ownerUsername = ownerUsername;
        this.touchTier = touchTier;
        this.signedUpOn = signedUpOn;
        this.domain = domain;
        this.subscriptions = List.copyOf(subscriptions);
        this.stageHistory = List.copyOf(stageHistory);
    }

    public String externalId() {
        return externalId;
    }

    public String name() {
        return name;
    }

    public String industry() {
        return industry;
    }

    public String employeeBand() {
        return employeeBand;
    }

    public String decisionStyle() {
        return decisionStyle;
    }

    public String ownerUsername() {
        return ownerUsername;
    }

    public String touchTier() {
        return touchTier;
    }

    /** The day the company first signed up (a trial or a paid start). */
    public LocalDate signedUpOn() {
        return signedUpOn;
    }

    /** The mail domain of its people, e.g. {@code c000123.example.jp} (reserved for examples). */
    public String domain() {
        return domain;
    }

    public List<DemoSubscription> subscriptions() {
        return subscriptions;
    }

    public List<DemoStageMove> stageHistory() {
        return stageHistory;
    }

    /** The stage it is in now: where its last move took it. */
    public String lifecycleStage() {
        return stageHistory.get(stageHistory.size() - 1).toStage();
    }

    public List<DemoKeyPerson> keyPersons() {
        return Collections.unmodifiableList(keyPersons);
    }

    public List<DemoEnvironmentEvent> events() {
        return Collections.unmodifiableList(events);
    }

    void addKeyPerson(DemoKeyPerson person) {
        keyPersons.add(person);
    }

    void addEvent(DemoEnvironmentEvent event) {
        events.add(event);
    }

    /** Account MRR from each day on where it changes: the sum of its subscriptions' MRR. */
    public NavigableMap<LocalDate, Long> mrrTimeline() {
        if (mrrTimeline == null) {
            TreeMap<LocalDate, Long> delta = new TreeMap<>();
            for (DemoSubscription subscription : subscriptions) {
                for (DemoChange change : subscription.changes()) {
                    delta.merge(change.effectiveOn(), change.mrrAfter() - change.mrrBefore(), Long::sum);
                }
            }
            TreeMap<LocalDate, Long> timeline = new TreeMap<>();
            long mrr = 0;
            for (Map.Entry<LocalDate, Long> step : delta.entrySet()) {
                mrr += step.getValue();
                timeline.put(step.getKey(), mrr);
            }
            mrrTimeline = Collections.unmodifiableNavigableMap(timeline);
        }
        return mrrTimeline;
    }

    public long mrrOn(LocalDate day) {
        Map.Entry<LocalDate, Long> entry = mrrTimeline().floorEntry(day);
        return entry == null ? 0 : entry.getValue();
    }

    /** The first day it paid, or null if it never did. */
    public LocalDate firstPaidOn() {
        return mrrTimeline().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** Days its MRR fell to zero from a paying state: churns, including one already announced for later. */
    public List<LocalDate> churnedOn() {
        List<LocalDate> days = new ArrayList<>();
        long before = 0;
        for (Map.Entry<LocalDate, Long> step : mrrTimeline().entrySet()) {
            if (before > 0 && step.getValue() == 0) {
                days.add(step.getKey());
            }
            before = step.getValue();
        }
        return days;
    }

    /** Days it started paying again after a churn. */
    public List<LocalDate> reactivatedOn() {
        List<LocalDate> days = new ArrayList<>();
        long before = 0;
        boolean paidBefore = false;
        for (Map.Entry<LocalDate, Long> step : mrrTimeline().entrySet()) {
            if (before == 0 && step.getValue() > 0 && paidBefore) {
                days.add(step.getKey());
            }
            paidBefore |= step.getValue() > 0;
            before = step.getValue();
        }
        return days;
    }
}
