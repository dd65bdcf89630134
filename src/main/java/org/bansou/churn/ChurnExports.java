package org.bansou.churn;

import java.util.ArrayList;
import java.util.List;

import org.bansou.importing.Spreadsheets;

/**
 * The KPI validation table as CSV (UTF-8 with BOM, so spreadsheet tools read it) or XLSX: one row per metric
 * with its verdict, AUC and interval, point-biserial and churn rate of each quintile.
 */
final class ChurnExports {

    static final List<String> KPI_HEADERS = List.of("metric", "verdict", "churned", "renewed", "auc", "auc_lower_95",
            "auc_upper_95", "auc_method", "higher_or_lower_means_churn", "point_biserial", "churned_mean",
            "renewed_mean", "q1_churn_rate", "q2_churn_rate", "q3_churn_rate", "q4_churn_rate", "q5_churn_rate",
            "lead_days", "as_of");

    private ChurnExports() {
    }

    static List<List<Object>> kpiRows(KpiValidation.KpiReport report) {
        List<List<Object>> rows = new ArrayList<>();
        for (KpiValidation.KpiResult r : report.results()) {
            List<Object> row = new ArrayList<>(List.of(r.metric(), r.verdict().code(), r.churned(), r.renewed(),
                    r.auc().value(), r.auc().lower(), r.auc().upper(), "Hanley-McNeil", r.direction(), r.pointBiserial(),
                    r.churnedMean(), r.renewedMean()));
            for (int q = 0; q < 5; q++) {
                row.add(q < r.quintiles().size() ? r.quintiles().get(q).churnRate() : null);
            }
            row.add(report.leadDays());
            row.add(report.asOf().toString());
            rows.add(row);
        }
        return rows;
    }

    static byte[] csv(List<String> headers, List<List<Object>> rows) {
        return Spreadsheets.csv(headers, rows);
    }

    static byte[] xlsx(String sheetName, List<String> headers, List<List<Object>> rows) {
        return Spreadsheets.xlsx(sheetName, headers, rows);
    }
}
