package org.bansou.renewal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.demo.DemoCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo company's renewals: 300 accounts, seed 7, history up to Tuesday 24 November 2026. */
@BansouTest
class RenewalDemoChapterTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired JdbcClient jdbc;
    @Autowired Renewals renewals;
    @Autowired ChurnRecords records;

    @Test
    void every_renewal_report_has_something_true_to_show_on_first_start() {
        demo.generate(7, 300, TODAY);

        Map<String, Long> renewalsByState = jdbc.sql("""
                        SELECT CASE WHEN outcome IS NOT NULL THEN outcome
                                    WHEN due_on < :today THEN 'overdue' ELSE 'open' END AS state, count(*)
                          FROM renewal GROUP BY 1
                        """).param("today", TODAY)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Object[]> triage = jdbc.sql("""
                        SELECT cr.code, c.classified_as, count(*)
                          FROM churn_record c JOIN churn_reason cr ON cr.id = c.reason_id
                         GROUP BY 1, 2 ORDER BY 1, 2
                        """).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}).list();
        triage.forEach(row -> System.out.println("triage " + java.util.Arrays.toString(row)));
        System.out.println("renewals " + renewalsByState);

        assertThat(renewalsByState).containsKeys("open", "overdue", "renewed", "churned");
        assertThat(renewalsByState.get("open")).isGreaterThan(100);
        long expensive = count(triage, "too_expensive", null);
        long expensiveNeverThere = count(triage, "too_expensive", "cs_gap");
        assertThat(expensive).isPositive();
        assertThat(expensiveNeverThere).as("most who said too expensive never reached the winning path")
                .isGreaterThan(expensive / 2);
        assertThat(count(triage, null, "product_gap")).isPositive();
        assertThat(count(triage, "bankruptcy", "external") + count(triage, "merger", "external")).isPositive();
        assertThat(jdbc.sql("SELECT count(DISTINCT period) FROM churn_forecast").query(Long.class).single())
                .isEqualTo(14);
        assertThat(jdbc.sql("SELECT count(*) FROM churn_forecast WHERE revision = 2").query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM renewal_forecast").query(Long.class).single()).isPositive();
    }

    private static long count(List<Object[]> rows, String code, String triageClass) {
        return rows.stream().filter(r -> (code == null || r[0].equals(code)) && (triageClass == null || r[1].equals(triageClass)))
                .mapToLong(r -> (Long) r[2]).sum();
    }
}
