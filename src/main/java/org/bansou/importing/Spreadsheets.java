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
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The readers and writers behind imports and exports, for a capability that checks its own lines: the same
 * CSV (UTF-8 or Excel's Shift_JIS) and XLSX reading as every import, with the line numbers Excel shows.
 */
public final class Spreadsheets {

    /** One row of a file as read: its line number (the header is line 1) and its cells. */
    public record SheetLine(int line, List<String> cells) {

        /** The trimmed cell under {@code column} (its index in {@code columns}), or null when absent or blank. */
        public String cell(java.util.Map<String, Integer> columns, String column) {
            Integer at = columns.get(column);
            if (at == null || at >= cells.size() || cells.get(at) == null) {
                return null;
            }
            String value = cells.get(at).strip();
            return value.isEmpty() ? null : value;
        }
    }

    /** The file cannot be read as a table at all; {@code line} is where reading stopped, when known. */
    public static final class Unreadable extends Exception {

        private final Integer line;

        Unreadable(Integer line, String message) {
            super(message);
            this.line = line;
        }

        public Integer line() {
            return line;
        }
    }

    private Spreadsheets() {
    }

    /** Every row of the file's first sheet, blank lines included so numbers stay as Excel shows them. */
    public static List<SheetLine> read(ImportFile file) throws Unreadable {
        List<SheetLine> lines = new ArrayList<>();
        RowSink sink = (line, cells) -> lines.add(new SheetLine(line, List.copyOf(cells)));
        try {
            switch (file.format()) {
                case XLSX -> XlsxTable.read(file, sink);
                case XLS -> throw new Unreadable(null, "old Excel files (.xls) are not read: save as .xlsx or CSV");
                case CSV -> CsvTable.read(file, sink);
            }
        } catch (UnreadableFileException unreadable) {
            throw new Unreadable(unreadable.line(), unreadable.problem()
                    + (unreadable.getMessage() == null ? "" : ": " + unreadable.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
        return lines;
    }

    /** A table as CSV, UTF-8 with a BOM so Excel in Japan opens it with the Japanese intact. */
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

    /** A table as an XLSX workbook of one sheet; numbers stay numbers so Excel can add them up. */
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
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
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
