package org.bansou.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The import readers and export writers for other capabilities' own files (a churn plan, a report): rows of
 * a CSV (UTF-8 or Excel's Shift_JIS) or XLSX file with the line numbers Excel shows, and tables written as
 * CSV (UTF-8 with BOM) or XLSX. Checking the rows, all or nothing, is the caller's part.
 */
public final class TableRows {

    private TableRows() {
    }

    /** One row of a file; {@code line} is the row number the user sees, the header being line 1. */
    public record FileRow(int line, List<String> cells) {
    }

    /** The file cannot be read as a table at all; {@code line} is where reading stopped, if known. */
    public static final class UnreadableTable extends Exception {

        private final Integer line;

        UnreadableTable(Integer line, String message) {
            super(message);
            this.line = line;
        }

        public Integer line() {
            return line;
        }
    }

    /** Every row of the file, header included, in file order. */
    public static List<FileRow> read(ImportFile file) throws IOException, UnreadableTable {
        List<FileRow> rows = new ArrayList<>();
        try {
            switch (file.format()) {
                case XLSX -> XlsxTable.read(file, (line, cells) -> rows.add(new FileRow(line, List.copyOf(cells))));
                case XLS -> throw new UnreadableFileException(null, "xls", "save it as .xlsx or CSV");
                case CSV -> CsvTable.read(file, (line, cells) -> rows.add(new FileRow(line, List.copyOf(cells))));
            }
        } catch (UnreadableFileException unreadable) {
            throw new UnreadableTable(unreadable.line(), unreadable.problem()
                    + (unreadable.getMessage() == null ? "" : ": " + unreadable.getMessage()));
        }
        return rows;
    }

    public static byte[] csv(List<String> headers, List<List<Object>> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            writer.write('\uFEFF');
            printer.printRecord(headers);
            for (List<Object> row : rows) {
                printer.printRecord(row.stream()
                        .map(v -> v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] xlsx(String sheetName, List<String> headers, List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName.length() > 31 ? sheetName.substring(0, 31) : sheetName);
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    Cell cell = row.createCell(c);
                    if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else if (value != null) {
                        cell.setCellValue(value.toString());
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
