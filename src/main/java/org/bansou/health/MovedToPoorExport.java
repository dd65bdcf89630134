package org.bansou.health;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The "moved to poor" list as CSV (UTF-8 with a BOM, for Excel) or XLSX, in the viewer's language. */
@Component
class MovedToPoorExport {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<String> COLUMNS = List.of("account", "accountId", "owner", "day", "from", "score",
            "model", "version");

    private final MessageSource messages;

    MovedToPoorExport(MessageSource messages) {
        this.messages = messages;
    }

    void csv(List<HealthScores.MovedToPoor> rows, Map<Long, String> owners, Locale locale, OutputStream out)
            throws IOException {
        out.write(UTF8_BOM);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT);
        csv.printRecord(COLUMNS.stream().map(c -> messages.getMessage("health.moved.col." + c, null, locale)).toList());
        for (HealthScores.MovedToPoor row : rows) {
            csv.printRecord(row.accountName(), row.accountId(), owner(owners, row), row.day(),
                    band(row.fromBand(), locale), row.score().toPlainString(), row.modelId(), row.modelVersion());
        }
        csv.flush();
    }

    void xlsx(List<HealthScores.MovedToPoor> rows, Map<Long, String> owners, Locale locale, OutputStream out)
            throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(500);
        try {
            SXSSFSheet sheet = workbook.createSheet("moved-to-poor");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(messages.getMessage("health.moved.col." + COLUMNS.get(i), null, locale));
            }
            int next = 1;
            for (HealthScores.MovedToPoor row : rows) {
                Row line = sheet.createRow(next++);
                line.createCell(0).setCellValue(row.accountName());
                line.createCell(1).setCellValue(row.accountId());
                line.createCell(2).setCellValue(owner(owners, row));
                line.createCell(3).setCellValue(row.day());
                line.getCell(3).setCellStyle(date);
                line.createCell(4).setCellValue(band(row.fromBand(), locale));
                line.createCell(5).setCellValue(row.score().doubleValue());
                line.createCell(6).setCellValue(row.modelId());
                line.createCell(7).setCellValue(row.modelVersion());
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static String owner(Map<Long, String> owners, HealthScores.MovedToPoor row) {
        return row.ownerUserId() == null ? "" : owners.getOrDefault(row.ownerUserId(), "");
    }

    private String band(String code, Locale locale) {
        return messages.getMessage("health.band." + code, null, locale);
    }
}
