package org.bansou.revenue;

import java.util.List;

import org.bansou.importing.Spreadsheets;

/** Writes a revenue table as CSV (UTF-8 with BOM, so spreadsheet tools read Japanese) or XLSX. */
final class RevenueExports {

    private RevenueExports() {
    }

    static byte[] csv(List<String> headers, List<List<Object>> rows) {
        return Spreadsheets.csv(headers, rows);
    }

    static byte[] xlsx(String sheetName, List<String> headers, List<List<Object>> rows) {
        return Spreadsheets.xlsx(sheetName, headers, rows);
    }
}
