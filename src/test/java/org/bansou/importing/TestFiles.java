package org.bansou.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Small import files built inside a test, as a spreadsheet user would save them. */
final class TestFiles {

    private TestFiles() {
    }

    static String csvText(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static byte[] csvBytes(String... lines) {
        return csvText(lines).getBytes(StandardCharsets.UTF_8);
    }

    static ImportFile csv(String... lines) {
        return ImportFile.of("test.csv", csvBytes(lines));
    }

    static ImportFile csv(Charset charset, String... lines) {
        return ImportFile.of("test.csv", csvText(lines).getBytes(charset));
    }

    /**
     * A workbook whose first sheet holds {@code rows}: numbers as number cells, dates as real date cells in
     * the Japanese display format (2026/4/1), booleans as TRUE/FALSE cells, a trailing "%" string as a
     * percentage cell.
     */
    static byte[] xlsxBytes(Object[]... rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("data");
            CellStyle japaneseDate = workbook.createCellStyle();
            japaneseDate.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d"));
            CellStyle percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object value = rows[r][c];
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (value instanceof LocalDate day) {
                        cell.setCellValue(day);
                        cell.setCellStyle(japaneseDate);
                    } else if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else if (value instanceof Boolean flag) {
                        cell.setCellValue(flag);
                    } else if (value instanceof String text && text.endsWith("%") && text.length() > 1) {
                        cell.setCellValue(Double.parseDouble(text.substring(0, text.length() - 1)) / 100);
                        cell.setCellStyle(percent);
                    } else {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImportFile xlsx(Object[]... rows) {
        return ImportFile.of("test.xlsx", xlsxBytes(rows));
    }

    static Object[] row(Object... cells) {
        return cells;
    }

    /**
     * The workbook of {@code rows} as Japanese Excel saves a text typed through an IME: {@code text} is followed
     * in the shared strings by its reading ({@code <rPh>}, furigana).
     */
    static byte[] withFurigana(byte[] xlsx, String text, String reading) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/sharedStrings.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    String plain = "<t>" + text + "</t>";
                    if (!xml.contains(plain)) {
                        throw new IllegalArgumentException(text + " is not a shared string");
                    }
                    content = xml.replace(plain, plain + "<rPh sb=\"0\" eb=\"" + text.length() + "\"><t>" + reading
                            + "</t></rPh>").getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
