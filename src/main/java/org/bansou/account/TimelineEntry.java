package org.bansou.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bansou.security.AuditLog;
import org.bansou.subscription.SubscriptionChange;

/**
 * One dated fact on an account's timeline: a stage change, a change in the customer's world, a change of what
 * a subscription pays, or a person's edit from the audit log. {@code at} is set when the exact moment is known.
 */
record TimelineEntry(LocalDate day, Instant at, Kind kind, Object fact) {

    enum Kind { STAGE, ENVIRONMENT, SUBSCRIPTION, AUDIT, FACT }

    /** Newest first; on the same day, facts with a known moment by that moment. */
    static List<TimelineEntry> merge(List<StageChanges.StageChange> stages, List<EnvironmentEvent> events,
                                     List<SubscriptionChange> subscriptionChanges, List<AuditLog.Entry> audit,
                                     List<TimelineFact> others, ZoneId zone) {
        List<TimelineEntry> entries = new ArrayList<>();
        stages.forEach(s -> entries.add(new TimelineEntry(dayIn(s.changedAt(), zone), s.changedAt(), Kind.STAGE, s)));
        // a change in the customer's world is placed on the day it happened, not the day we heard of it
        events.forEach(e -> entries.add(new TimelineEntry(e.occurredOn(), null, Kind.ENVIRONMENT, e)));
        subscriptionChanges.forEach(c -> entries.add(new TimelineEntry(c.effectiveOn(), null, Kind.SUBSCRIPTION, c)));
        audit.forEach(a -> entries.add(new TimelineEntry(dayIn(a.at(), zone), a.at(), Kind.AUDIT, a)));
        others.forEach(f -> entries.add(new TimelineEntry(f.day(), f.at(), Kind.FACT, f)));
        entries.sort(Comparator.<TimelineEntry, LocalDate>comparing(TimelineEntry::day)
                .thenComparing(TimelineEntry::at, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(TimelineEntry::kind)
                .reversed());
        return entries;
    }

    private static LocalDate dayIn(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }
}
