package org.bansou.success;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bansou.importing.Spreadsheets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A knowledge table as CSV (UTF-8 with BOM, so Excel reads Japanese) or XLSX, e.g. themes for the product team. */
final class KnowledgeExports {

    private KnowledgeExports() {
    }

    static ResponseEntity<byte[]> file(String name, String format, List<String> headers, List<List<Object>> rows) {
        boolean xlsx = "xlsx".equals(format);
        byte[] body = xlsx ? xlsx(name, headers, rows) : csv(headers, rows);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "." + (xlsx ? "xlsx" : "csv") + "\"")
                .contentType(xlsx ? MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                        : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    static byte[] csv(List<String> headers, List<List<Object>> rows) {
        return Spreadsheets.csv(headers, rows);
    }

    static byte[] xlsx(String sheetName, List<String> headers, List<List<Object>> rows) {
        return Spreadsheets.xlsx(sheetName, headers, rows);
    }
}
