package org.bansou.renewal;

import java.time.LocalDate;

import org.bansou.BansouTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Kobayashi Dental and Mori Clinic pay monthly from 2025-01-01; Kobayashi, scored poor in January 2026, leaves
 * effective 2026-04-01; Mori, scored good, stays.
 */
@BansouTest
class ChurnTrendsTests {

    @Autowired RenewalWorld world;
    @Autowired ChurnTrends trends;

    @BeforeEach
    void twoClinics() {
        world.catalog();
        long kobayashi = world.account("kobayashi", "Kobayashi Dental", null);
        long mori = world.account("mori", "Mori Clinic", null);
        world.monthly("kobayashi-1", "kobayashi", 10, LocalDate.of(2025, 1, 1), null);
        world.monthly("mori-1", "mori", 10, LocalDate.of(2025, 1, 1), null);
        world.cancel("kobayashi-1", LocalDate.of(2026, 4, 1));
        world.healthBand(kobayashi, LocalDate.of(2026, 1, 1), "poor");
        world.healthBand(mori, LocalDate.of(2026, 1, 1), "good");
    }

    @Test
    void churn_rate_by_health_band_90_days_before_and_by_tenure() {
        var rows = trends.trends(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30));

        assertThat(rows).filteredOn(r -> r.dimension().equals("health_90d"))
                .extracting(ChurnTrends.TrendRow::bucket, ChurnTrends.TrendRow::accounts, ChurnTrends.TrendRow::churned)
                .containsExactlyInAnyOrder(tuple("good", 1L, 0L), tuple("poor", 1L, 1L));
        assertThat(rows).filteredOn(r -> r.dimension().equals("tenure"))
                .extracting(ChurnTrends.TrendRow::bucket, ChurnTrends.TrendRow::churned)
                .containsExactly(tuple("4: 12–23 months", 1L));
        assertThat(rows).filteredOn(r -> r.dimension().equals("industry"))
                .extracting(ChurnTrends.TrendRow::churnRate).containsExactly(0.5);
    }
}
