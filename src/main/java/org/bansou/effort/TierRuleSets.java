package org.bansou.effort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bansou.database.NotFoundException;
import org.bansou.web.ApiProblem;
import org.bansou.web.InvalidFieldException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns tables {@code touch_tier_rule_set} and {@code touch_tier_rule}: the touch-tier rules a team keeps. */
@Component
public class TierRuleSets {

    private static final List<String> BANDS = List.of("1-9", "10-49", "50-249", "250-999", "1000+");

    private final JdbcClient jdbc;

    TierRuleSets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public TierRuleSet create(String name, String defaultTier, List<TierRule> rules, String by) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new ApiProblem.FieldProblem("name", "is required"));
        }
        if (!EffortReports.TIERS.contains(defaultTier)) {
            problems.add(new ApiProblem.FieldProblem("defaultTier", "must be one of high, low, tech"));
        }
        for (int i = 0; i < rules.size(); i++) {
            TierRule rule = rules.get(i);
            String at = "rules[" + i + "]";
            if (!EffortReports.TIERS.contains(rule.tier())) {
                problems.add(new ApiProblem.FieldProblem(at + ".tier", "must be one of high, low, tech"));
            }
            if (rule.mrrFrom() != null && rule.mrrFrom() < 0) {
                problems.add(new ApiProblem.FieldProblem(at + ".mrrFrom", "must be 0 or more"));
            }
            if (rule.mrrFrom() != null && rule.mrrTo() != null && rule.mrrTo() <= rule.mrrFrom()) {
                problems.add(new ApiProblem.FieldProblem(at + ".mrrTo", "must be more than mrrFrom"));
            }
            if (rule.employeeBand() != null && !BANDS.contains(rule.employeeBand())) {
                problems.add(new ApiProblem.FieldProblem(at + ".employeeBand", "must be one of " + BANDS));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO touch_tier_rule_set (name, default_tier, created_by)
                        VALUES (:name, :defaultTier, :by)
                        RETURNING id
                        """)
                .param("name", name.strip())
                .param("defaultTier", defaultTier)
                .param("by", by)
                .query(Long.class)
                .single();
        for (int i = 0; i < rules.size(); i++) {
            TierRule rule = rules.get(i);
            jdbc.sql("""
                            INSERT INTO touch_tier_rule (rule_set_id, position, tier, mrr_from, mrr_to, employee_band,
                                                         industry, plan_id)
                            VALUES (:id, :position, :tier, :mrrFrom, :mrrTo, :band, :industry, :planId)
                            """)
                    .param("id", id)
                    .param("position", i + 1)
                    .param("tier", rule.tier())
                    .param("mrrFrom", rule.mrrFrom())
                    .param("mrrTo", rule.mrrTo())
                    .param("band", rule.employeeBand())
                    .param("industry", rule.industry() == null || rule.industry().isBlank() ? null : rule.industry().strip())
                    .param("planId", rule.planId())
                    .update();
        }
        return get(id);
    }

    public TierRuleSet get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("touch_tier_rule_set", id));
    }

    public Optional<TierRuleSet> find(long id) {
        return all().stream().filter(set -> set.id() == id).findFirst();
    }

    /** Every rule set with its rules, newest first. */
    public List<TierRuleSet> all() {
        record Head(long id, String name, String defaultTier, String createdBy, Instant createdAt) {
        }
        Map<Long, List<TierRule>> rules = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT rule_set_id, position, tier, mrr_from, mrr_to, employee_band, industry, plan_id
                          FROM touch_tier_rule
                         ORDER BY rule_set_id, position
                        """)
                .query((rs, n) -> rules.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TierRule(
                        rs.getInt(2), rs.getString(3), (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6),
                        rs.getString(7), (Long) rs.getObject(8))))
                .list();
        return jdbc.sql("""
                        SELECT id, name, default_tier, created_by, created_at
                          FROM touch_tier_rule_set
                         ORDER BY id DESC
                        """)
                .query(Head.class)
                .list()
                .stream()
                .map(h -> new TierRuleSet(h.id(), h.name(), h.defaultTier(), h.createdBy(), h.createdAt(),
                        List.copyOf(rules.getOrDefault(h.id(), List.of()))))
                .toList();
    }
}
