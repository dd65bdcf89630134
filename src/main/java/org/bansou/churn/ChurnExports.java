package org.bansou.churn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            writer.write('\uFEFF');
            printer.printRecord(headers);
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(v -> v == null || v instanceof Double d && d.isNaN() ? "" : v).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] xlsx(String sheetName, List<String> headers, List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null && !(value instanceof Number)) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
