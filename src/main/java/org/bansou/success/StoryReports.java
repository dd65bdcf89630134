package org.bansou.success;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bansou.account.AccountSegment;
import org.bansou.account.Accounts;
import org.bansou.subscription.AccountMrr;
import org.bansou.subscription.Subscriptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the story library does for retention: stories created per quarter (new patterns and reuses), how often each
 * is told, and whether accounts told a story still pay more often than similar accounts (same industry and size)
 * that were not. Retained = paying now (current MRR above zero).
 */
@Component
public class StoryReports {

    /** Stories created in one quarter. */
    public record QuarterCount(String quarter, long created, long newPatterns, long reuses) {
    }

    /** Accounts that followed a story vs similar accounts that did not, and how many of each still pay. */
    public record Retention(long followers, long followersRetained, long peers, long peersRetained) {

        public Double followerRate() {
            return followers == 0 ? null : Math.round(1000.0 * followersRetained / followers) / 10.0;
        }

        public Double peerRate() {
            return peers == 0 ? null : Math.round(1000.0 * peersRetained / peers) / 10.0;
        }
    }

    private final JdbcClient jdbc;
    private final StoryUses uses;
    private final Accounts accounts;
    private final Subscriptions subscriptions;

    StoryReports(JdbcClient jdbc, StoryUses uses, Accounts accounts, Subscriptions subscriptions) {
        this.jdbc = jdbc;
        this.uses = uses;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
    }

    public List<QuarterCount> perQuarter() {
        return jdbc.sql("""
                        SELECT to_char(created_on, 'YYYY-"Q"Q') AS quarter,
                               count(*) AS created,
                               count(*) FILTER (WHERE reuse_of_story_id IS NULL) AS new_patterns,
                               count(*) FILTER (WHERE reuse_of_story_id IS NOT NULL) AS reuses
                          FROM success_story
                         GROUP BY 1
                         ORDER BY 1
                        """)
                .query(QuarterCount.class)
                .list();
    }

    public List<StoryUses.StoryUsage> usage() {
        return uses.usage();
    }

    public Retention retention() {
        List<Long> followerIds = uses.followers();
        if (followerIds.isEmpty()) {
            return new Retention(0, 0, 0, 0);
        }
        Set<Long> followers = new HashSet<>(followerIds);
        Set<String> segments = accounts.segmentsOf(followerIds).stream()
                .filter(a -> a.industry() != null && a.employeeBand() != null)
                .map(a -> a.industry() + "|" + a.employeeBand())
                .collect(Collectors.toSet());
        List<Long> peers = accounts.liveInSegments(segments).stream().map(AccountSegment::id)
                .filter(id -> !followers.contains(id)).toList();
        Set<Long> paying = paying(followerIds, peers);
        return new Retention(followers.size(), followers.stream().filter(paying::contains).count(), peers.size(),
                peers.stream().filter(paying::contains).count());
    }

    private Set<Long> paying(List<Long> followers, List<Long> peers) {
        List<Long> all = new java.util.ArrayList<>(followers);
        all.addAll(peers);
        Map<Long, Long> mrr = subscriptions.currentMrrOf(all).stream()
                .collect(Collectors.groupingBy(AccountMrr::accountId, Collectors.summingLong(AccountMrr::mrr)));
        return mrr.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
