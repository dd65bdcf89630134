package org.bansou.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Writes every row of a kind in the columns its import reads, so an export opened in Excel, edited and
 * imported again changes only what was edited. CSV is UTF-8 with a BOM: without it Excel shows Japanese
 * names as mojibake.
 */
@Component
public class FileExport {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Kinds kinds;

    FileExport(Kinds kinds) {
        this.kinds = kinds;
    }

    /** Fails with {@link UnknownKindException} before anything is written. */
    public void writeCsv(String kind, OutputStream out) throws IOException {
        writeCsv(kinds.named(kind), out);
    }

    /** Fails with {@link UnknownKindException} before anything is written. */
    public void writeXlsx(String kind, OutputStream out) throws IOException {
        writeXlsx(kinds.named(kind), out);
    }

    private <R> void writeCsv(Kind<R> kind, OutputStream out) throws IOException {
        List<Column<R>> columns = kind.columns();
        List<R> rows = kind.allRows();
        out.write(UTF8_BOM);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT);
        csv.printRecord(columns.stream().map(Column::name).toList());
        for (R row : rows) {
            for (Column<R> column : columns) {
                csv.print(csvText(column.value().apply(row)));
            }
            csv.println();
        }
        // flushed, not closed: the stream belongs to the caller (an HTTP response, a file)
        csv.flush();
    }

    private static String csvText(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    private <R> void writeXlsx(Kind<R> kind, OutputStream out) throws IOException {
        List<Column<R>> columns = kind.columns();
        List<R> rows = kind.allRows();
        SXSSFWorkbook workbook = new SXSSFWorkbook(500);
        try {
            SXSSFSheet sheet = workbook.createSheet(kind.name());
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            Row names = sheet.createRow(0);
            for (int at = 0; at < columns.size(); at++) {
                Cell cell = names.createCell(at);
                cell.setCellValue(columns.get(at).name());
                cell.setCellStyle(header);
            }
            sheet.createFreezePane(0, 1);
            int next = 1;
            for (R row : rows) {
                Row line = sheet.createRow(next++);
                for (int at = 0; at < columns.size(); at++) {
                    Object value = columns.get(at).value().apply(row);
                    if (value != null) {
                        write(line.createCell(at), value, date);
                    }
                }
            }
            // widths set last: with column entries present, POI looks each new cell's column style up the slow way
            for (int at = 0; at < columns.size(); at++) {
                sheet.setColumnWidth(at, 20 * 256);
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    // typed cells, so Excel sorts and sums numbers and dates instead of text that looks like them
    private static void write(Cell cell, Object value, CellStyle date) {
        if (value instanceof LocalDate day) {
            cell.setCellValue(day);
            cell.setCellStyle(date);
        } else if (value instanceof Boolean flag) {
            cell.setCellValue(flag);
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else {
            cell.setCellValue(value.toString());
        }
    }
}
