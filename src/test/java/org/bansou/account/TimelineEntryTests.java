package org.bansou.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.bansou.security.AuditLog;
import org.bansou.subscription.SubscriptionChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineEntryTests {

    ZoneId tokyo = ZoneId.of("Asia/Tokyo");

    @Test
    void the_timeline_merges_every_kind_of_fact_newest_first_by_the_workspace_day() {
        // 2026-03-31 23:30 UTC is already 1 April in Tokyo
        var movedToAdoption = new StageChanges.StageChange(1, 7, "onboarding", "adoption",
                Instant.parse("2026-03-31T23:30:00Z"), "sato");
        var budgetCut = new EnvironmentEvent(2, 7, "budget_cut", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 20),
                "meeting", null, "来期予算 20% 削減", Instant.parse("2026-02-20T01:00:00Z"));
        var upgrade = new SubscriptionChange(3, 11, 7, "SC-3", LocalDate.of(2026, 3, 15), "upgrade", 1L, 2L, 10, 10,
                "JPY", 30_000, 50_000, "Pro へ", Instant.parse("2026-03-10T00:00:00Z"));
        var profileEdit = new AuditLog.Entry(4, Instant.parse("2026-04-01T02:00:00Z"), "sato", "account.profile.update",
                "account", "7", 7L, "{}");
        // told by another capability through a TimelineSource
        var movedToPoor = new TimelineFact(LocalDate.of(2026, 3, 20), null, "health.timeline.kind",
                "health.timeline.bandChanged", List.of("neutral", "poor"));

        List<TimelineEntry> timeline = TimelineEntry.merge(List.of(movedToAdoption), List.of(budgetCut),
                List.of(upgrade), List.of(profileEdit), List.of(movedToPoor), tokyo);

        assertThat(timeline).extracting(TimelineEntry::kind).containsExactly(TimelineEntry.Kind.AUDIT,
                TimelineEntry.Kind.STAGE, TimelineEntry.Kind.FACT, TimelineEntry.Kind.SUBSCRIPTION,
                TimelineEntry.Kind.ENVIRONMENT);
        assertThat(timeline.get(1).day()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(timeline.get(4).day()).as("placed when it happened, not when we heard of it")
                .isEqualTo(LocalDate.of(2026, 2, 1));
    }
}
