package org.bansou.renewal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bansou.health.AccountHealth;
import org.bansou.health.HealthBands;
import org.bansou.revenue.Movement;
import org.bansou.revenue.MrrMovements;
import org.bansou.revenue.ReportQuery;
import org.bansou.revenue.RevenueFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Churn-trend analysis: of the accounts paying in a window, how many churned in it, by tenure, plan, industry,
 * size, touch tier, time spent in onboarding and health band 90 days before. Churns and payers come from the
 * revenue engine's movements, so the rates agree with the revenue dashboard.
 */
@Component
public class ChurnTrends {

    public static final List<String> DIMENSIONS = List.of("tenure", "plan", "industry", "employee_band",
            "touch_tier", "onboarding", "health_90d");
    private static final int ALL = Integer.MAX_VALUE;

    private final MrrMovements movements;
    private final HealthBands health;
    private final JdbcClient jdbc;

    ChurnTrends(MrrMovements movements, HealthBands health, JdbcClient jdbc) {
        this.movements = movements;
        this.health = health;
        this.jdbc = jdbc;
    }

    /** One bucket of one dimension: accounts exposed in the window, how many churned, and the rate. */
    public record TrendRow(String dimension, String bucket, long accounts, long churned, Double churnRate) {
    }

    private record Profile(long accountId, String plan, String industry, String employeeBand, String touchTier,
                           LocalDate firstPaidOn, Integer onboardingDays) {
    }

    public List<TrendRow> trends(LocalDate from, LocalDate to) {
        YearMonth before = YearMonth.from(from).minusMonths(1);
        Set<Long> exposed = new HashSet<>();
        movements.payingAt(ReportQuery.months(before, before), before, null, ALL)
                .forEach(m -> exposed.add(m.accountId()));
        Map<Long, LocalDate> churnedOn = new HashMap<>();
        for (Movement m : movements.between(from, to, RevenueFilter.none(), ALL)) {
            if (m.kind().equals("new_business") || m.kind().equals("reactivation")) {
                exposed.add(m.accountId());
            } else if (m.kind().equals("churn")) {
                exposed.add(m.accountId());
                churnedOn.putIfAbsent(m.accountId(), m.movementOn());
            }
        }
        if (exposed.isEmpty()) {
            return List.of();
        }
        List<Profile> profiles = jdbc.sql("""
                        SELECT a.id AS account_id,
                               (SELECT pl.name
                                  FROM subscription s
                                  JOIN plan_price pp ON pp.id = s.plan_price_id
                                  JOIN plan pl ON pl.id = pp.plan_id
                                 WHERE s.account_id = a.id
                                 ORDER BY s.started_on DESC, s.id DESC
                                 LIMIT 1) AS plan,
                               a.industry, a.employee_band, a.touch_tier,
                               (SELECT min(c.effective_on)
                                  FROM subscription_change c
                                 WHERE c.account_id = a.id AND c.mrr_after > 0) AS first_paid_on,
                               (SELECT extract(day FROM min(l.changed_at) - min(e.changed_at))::int
                                  FROM stage_change e
                                  LEFT JOIN stage_change l
                                    ON l.account_id = e.account_id AND l.from_stage = 'onboarding'
                                   AND l.changed_at > e.changed_at
                                 WHERE e.account_id = a.id AND e.to_stage = 'onboarding') AS onboarding_days
                          FROM account a
                         WHERE a.id = ANY(:ids)
                        """)
                .param("ids", exposed.toArray(Long[]::new))
                .query(Profile.class)
                .list();
        Map<Long, LocalDate> healthDay = new HashMap<>();
        for (Profile p : profiles) {
            healthDay.put(p.accountId(), churnedOn.getOrDefault(p.accountId(), to).minusDays(90));
        }
        Map<Long, AccountHealth> bands = health.asOf(healthDay);
        Map<String, Map<String, long[]>> counts = new LinkedHashMap<>();
        DIMENSIONS.forEach(d -> counts.put(d, new TreeMap<>()));
        for (Profile p : profiles) {
            boolean churned = churnedOn.containsKey(p.accountId());
            LocalDate reference = churned ? churnedOn.get(p.accountId()) : to;
            AccountHealth band = bands.get(p.accountId());
            count(counts, "tenure", tenure(p.firstPaidOn(), reference), churned);
            count(counts, "plan", p.plan(), churned);
            count(counts, "industry", p.industry(), churned);
            count(counts, "employee_band", p.employeeBand(), churned);
            count(counts, "touch_tier", p.touchTier(), churned);
            count(counts, "onboarding", onboarding(p.onboardingDays()), churned);
            count(counts, "health_90d", band == null ? "unscored" : band.band().name().toLowerCase(), churned);
        }
        List<TrendRow> rows = new ArrayList<>();
        counts.forEach((dimension, buckets) -> buckets.forEach((bucket, c) -> rows.add(new TrendRow(dimension, bucket,
                c[0], c[1], c[0] == 0 ? null : (double) c[1] / c[0]))));
        return rows;
    }

    private static void count(Map<String, Map<String, long[]>> counts, String dimension, String bucket,
                              boolean churned) {
        long[] c = counts.get(dimension).computeIfAbsent(bucket == null || bucket.isBlank() ? "—" : bucket,
                b -> new long[2]);
        c[0]++;
        if (churned) {
            c[1]++;
        }
    }

    // buckets sort as text, so they carry a leading order digit
    static String tenure(LocalDate firstPaidOn, LocalDate reference) {
        if (firstPaidOn == null) {
            return null;
        }
        long months = ChronoUnit.MONTHS.between(firstPaidOn, reference);
        if (months < 3) {
            return "1: 0–2 months";
        }
        if (months < 6) {
            return "2: 3–5 months";
        }
        if (months < 12) {
            return "3: 6–11 months";
        }
        return months < 24 ? "4: 12–23 months" : "5: 24+ months";
    }

    static String onboarding(Integer days) {
        if (days == null) {
            return "5: not finished / unknown";
        }
        if (days < 30) {
            return "1: under 30 days";
        }
        if (days < 60) {
            return "2: 30–59 days";
        }
        return days < 90 ? "3: 60–89 days" : "4: 90+ days";
    }
}
