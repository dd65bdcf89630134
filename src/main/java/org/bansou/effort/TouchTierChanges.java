package org.bansou.effort;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.account.TouchTierMove;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.revenue.MrrMovements;
import org.bansou.security.AccessRules;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owns tables {@code touch_tier_change} and {@code touch_tier_change_account}: previews a rule set, applies it
 * as one set-based change of {@code account.touch_tier} (through {@link Accounts#moveTouchTiers}) recorded
 * account by account, and undoes it. Never a silent mass change of accounts (DESIGN.md).
 */
@Component
public class TouchTierChanges {

    private static final int LARGEST = 20;

    private final JdbcClient jdbc;
    private final TierRuleSets ruleSets;
    private final Accounts accounts;
    private final MrrMovements mrr;
    private final CapacityTargets targets;
    private final AppUsers users;
    private final EffortCosts costs;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    TouchTierChanges(JdbcClient jdbc, TierRuleSets ruleSets, Accounts accounts, MrrMovements mrr,
                     CapacityTargets targets, AppUsers users, EffortCosts costs, AccessRules access, AuditLog audit,
                     Clock clock, PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.ruleSets = ruleSets;
        this.accounts = accounts;
        this.mrr = mrr;
        this.targets = targets;
        this.users = users;
        this.costs = costs;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** The book as a rule set sees it: every live account with its MRR this month and its plans. */
    private record Book(List<Account> accounts, Map<Long, Long> mrr, Map<Long, Set<Long>> plans) {
    }

    private Book book() {
        YearMonth month = YearMonth.from(LocalDate.now(clock));
        Map<Long, Long> mrrNow = new HashMap<>();
        Map<Long, Set<Long>> plans = new HashMap<>();
        for (MrrMovements.PlanMrr plan : mrr.mrrMonthsByAccountAndPlan(month, month)) {
            mrrNow.merge(plan.accountId(), plan.mrrMonths(), Long::sum);
            plans.computeIfAbsent(plan.accountId(), id -> new HashSet<>()).add(plan.planId());
        }
        return new Book(accounts.live(), mrrNow, plans);
    }

    /** The tier each account would get: the one function both preview and apply use. */
    static String tierOf(TierRuleSet set, long accountMrr, Account account, Set<Long> plans) {
        for (TierRule rule : set.rules()) {
            if (rule.matches(accountMrr, account.employeeBand(), account.industry(), plans)) {
                return rule.tier();
            }
        }
        return set.defaultTier();
    }

    private static List<TouchTierMove> moves(TierRuleSet set, Book book) {
        List<TouchTierMove> moves = new ArrayList<>();
        for (Account account : book.accounts()) {
            String tier = tierOf(set, book.mrr().getOrDefault(account.id(), 0L), account,
                    book.plans().getOrDefault(account.id(), Set.of()));
            if (!tier.equals(account.touchTier())) {
                moves.add(new TouchTierMove(account.id(), account.touchTier(), tier));
            }
        }
        return moves;
    }

    public TierPreview preview(long ruleSetId) {
        TierRuleSet set = ruleSets.get(ruleSetId);
        Book book = book();
        List<TouchTierMove> moves = moves(set, book);
        Map<Long, String> after = new HashMap<>();
        moves.forEach(move -> after.put(move.accountId(), move.toTier()));
        Map<String, long[]> shares = new LinkedHashMap<>();
        EffortReports.TIERS.forEach(tier -> shares.put(tier, new long[4]));
        Map<Long, Account> byId = new HashMap<>();
        for (Account account : book.accounts()) {
            byId.put(account.id(), account);
            long accountMrr = book.mrr().getOrDefault(account.id(), 0L);
            long[] before = shares.get(account.touchTier());
            before[0]++;
            before[1] += accountMrr;
            long[] then = shares.get(after.getOrDefault(account.id(), account.touchTier()));
            then[2]++;
            then[3] += accountMrr;
        }
        List<TierPreview.TierShare> tiers = new ArrayList<>();
        shares.forEach((tier, s) -> tiers.add(new TierPreview.TierShare(tier, s[0], s[1], s[2], s[3])));
        Map<String, Long> paths = new LinkedHashMap<>();
        long movedMrr = 0;
        List<TierPreview.MovedAccount> moved = new ArrayList<>();
        for (TouchTierMove move : moves) {
            paths.merge(move.fromTier() + "→" + move.toTier(), 1L, Long::sum);
            long accountMrr = book.mrr().getOrDefault(move.accountId(), 0L);
            movedMrr += accountMrr;
            Account account = byId.get(move.accountId());
            moved.add(new TierPreview.MovedAccount(account.id(), account.externalId(), account.name(), accountMrr,
                    move.fromTier(), move.toTier()));
        }
        moved.sort(Comparator.comparingLong(TierPreview.MovedAccount::mrr).reversed());
        CapacityTarget target = targets.current();
        double needBefore = target.csmsFor(shares.get("high")[0], shares.get("low")[0], shares.get("tech")[0]);
        double needAfter = target.csmsFor(shares.get("high")[2], shares.get("low")[2], shares.get("tech")[2]);
        return new TierPreview(set.id(), set.name(), costs.currency(), tiers, moves.size(), movedMrr, paths,
                Math.round(needBefore * 100) / 100.0, Math.round(needAfter * 100) / 100.0,
                users.accountOwners().size(), moved.subList(0, Math.min(LARGEST, moved.size())));
    }

    /**
     * Applies the rule set as one change: the same moves the preview shows, recorded so they can be undone. The
     * book is read before the write's transaction opens: reading MRR may first rebuild the revenue tables, in
     * transactions of its own that must not wait behind this one.
     */
    public TierChange apply(long ruleSetId) {
        access.require(Role.MANAGER);
        TierRuleSet set = ruleSets.get(ruleSetId);
        Book book = book();
        long id = transaction.execute(status -> record(set, book));
        return get(id);
    }

    private long record(TierRuleSet set, Book book) {
        long ruleSetId = set.id();
        List<TouchTierMove> made = accounts.moveTouchTiers(moves(set, book));
        long movedMrr = made.stream().mapToLong(move -> book.mrr().getOrDefault(move.accountId(), 0L)).sum();
        long id = jdbc.sql("""
                        INSERT INTO touch_tier_change (rule_set_id, applied_by, moved, moved_mrr)
                        VALUES (:ruleSetId, :by, :moved, :movedMrr)
                        RETURNING id
                        """)
                .param("ruleSetId", ruleSetId)
                .param("by", access.actor().name())
                .param("moved", made.size())
                .param("movedMrr", movedMrr)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO touch_tier_change_account (change_id, account_id, from_tier, to_tier)
                        SELECT :id, m.account_id, m.from_tier, m.to_tier
                          FROM unnest(CAST(:ids AS bigint[]), CAST(:fromTiers AS text[]), CAST(:toTiers AS text[]))
                               AS m(account_id, from_tier, to_tier)
                        """)
                .param("id", id)
                .param("ids", made.stream().map(TouchTierMove::accountId).toArray(Long[]::new))
                .param("fromTiers", made.stream().map(TouchTierMove::fromTier).toArray(String[]::new))
                .param("toTiers", made.stream().map(TouchTierMove::toTier).toArray(String[]::new))
                .update();
        audit.record("apply", "touch_tier_change", id, null,
                Map.of("ruleSet", set.name(), "moved", made.size(), "movedMrr", movedMrr));
        return id;
    }

    /**
     * Moves every account of the change back to the tier it had, except one whose tier was changed again since
     * (it is left as it is now, and not counted as restored). A change is undone once.
     */
    @Transactional
    public TierChange undo(long changeId) {
        access.require(Role.MANAGER);
        TierChange change = get(changeId);
        if (change.undone()) {
            throw new StaleVersionException("touch_tier_change", changeId, 0, 1);
        }
        List<TouchTierMove> back = jdbc.sql("""
                        SELECT account_id, to_tier, from_tier
                          FROM touch_tier_change_account
                         WHERE change_id = :id
                        """)
                .param("id", changeId)
                .query((rs, n) -> new TouchTierMove(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        List<TouchTierMove> restored = accounts.moveTouchTiers(back);
        int updated = jdbc.sql("""
                        UPDATE touch_tier_change
                           SET undone_by = :by,
                               undone_at = now(),
                               restored = :restored
                         WHERE id = :id
                           AND undone_at IS NULL
                        """)
                .param("by", access.actor().name())
                .param("restored", restored.size())
                .param("id", changeId)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("touch_tier_change", changeId, 0, 1);
        }
        audit.record("undo", "touch_tier_change", changeId, null,
                Map.of("restored", restored.size(), "leftAsChanged", back.size() - restored.size()));
        return get(changeId);
    }

    public TierChange get(long id) {
        return all().stream().filter(change -> change.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("touch_tier_change", id));
    }

    /** Every change, newest first. */
    public List<TierChange> all() {
        return jdbc.sql("""
                        SELECT c.id, c.rule_set_id, s.name AS rule_set_name, c.applied_by, c.applied_at, c.moved,
                               c.moved_mrr, c.undone_by, c.undone_at, c.restored
                          FROM touch_tier_change c
                          JOIN touch_tier_rule_set s ON s.id = c.rule_set_id
                         ORDER BY c.id DESC
                        """)
                .query(TierChange.class)
                .list();
    }
}
