package org.bansou.renewal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The triage report as a table: one line per bucket and stated reason, with churns and MRR lost per triage
 * class, so "too expensive" can be read against how many of those never reached the winning path.
 */
record TriageMatrix(List<Line> lines, long churns, Map<String, Long> mrrLostByCurrency) {

    // amounts in different currencies are never added up: a line per currency, a total per currency
    record Line(String bucket, String reason, String currency, long productGap, long csGap, long external,
                long churns, long mrrLost, long productGapMrr, long csGapMrr, long externalMrr) {

        /** Share of this reason's churns that never reached the winning path. */
        public Double csGapShare() {
            long judged = productGap + csGap;
            return judged == 0 ? null : (double) csGap / judged;
        }
    }

    static TriageMatrix of(List<ChurnRecords.TriageCell> cells) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        for (ChurnRecords.TriageCell cell : cells) {
            String key = cell.bucket() + "\u0000" + cell.reasonId() + "\u0000" + cell.currency();
            names.putIfAbsent(key, new String[] {cell.bucket(), cell.reasonLabel(), cell.currency()});
            long[] s = sums.computeIfAbsent(key, k -> new long[8]);
            int at = switch (cell.classifiedAs()) {
                case "product_gap" -> 0;
                case "cs_gap" -> 1;
                default -> 2;
            };
            s[at] += cell.churns();
            s[at + 3] += cell.mrrLost();
            s[6] += cell.churns();
            s[7] += cell.mrrLost();
        }
        List<Line> lines = new ArrayList<>();
        long churns = 0;
        Map<String, Long> mrr = new TreeMap<>();
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            long[] s = e.getValue();
            String[] n = names.get(e.getKey());
            lines.add(new Line(n[0], n[1], n[2], s[0], s[1], s[2], s[6], s[7], s[3], s[4], s[5]));
            churns += s[6];
            mrr.merge(n[2], s[7], Long::sum);
        }
        return new TriageMatrix(lines, churns, mrr);
    }
}
