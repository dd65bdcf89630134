package org.bansou.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TriageMatrixTests {

    @Test
    void mrr_lost_in_yen_and_in_dollars_is_never_added_up() {
        var tooExpensiveYen = new ChurnRecords.TriageCell(1, "高すぎる", "cs_gap", "all", 3, "JPY", 90_000);
        var tooExpensiveDollars = new ChurnRecords.TriageCell(1, "高すぎる", "cs_gap", "all", 1, "USD", 50_000);
        var productLacksYen = new ChurnRecords.TriageCell(2, "機能不足", "product_gap", "all", 2, "JPY", 40_000);

        TriageMatrix matrix = TriageMatrix.of(List.of(tooExpensiveYen, tooExpensiveDollars, productLacksYen));

        assertThat(matrix.lines()).extracting(TriageMatrix.Line::reason, TriageMatrix.Line::currency,
                        TriageMatrix.Line::mrrLost)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("高すぎる", "JPY", 90_000L),
                        org.assertj.core.groups.Tuple.tuple("高すぎる", "USD", 50_000L),
                        org.assertj.core.groups.Tuple.tuple("機能不足", "JPY", 40_000L));
        assertThat(matrix.churns()).isEqualTo(6);
        assertThat(matrix.mrrLostByCurrency()).isEqualTo(Map.of("JPY", 130_000L, "USD", 50_000L));
    }
}
