package org.bansou.importing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the first sheet of an XLSX workbook row by row (SAX, so a large sheet is never held whole). Cells
 * come as the text an import file would have: date cells as ISO dates, numbers without grouping or
 * Excel's float noise, percentages as "15%", TRUE/FALSE for booleans.
 */
final class XlsxTable {

    private XlsxTable() {
    }

    static void read(ImportFile file, RowSink sink) throws UnreadableFileException {
        try (InputStream in = file.open(); OPCPackage workbook = OPCPackage.open(in)) {
            XSSFReader reader = new XSSFReader(workbook);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                return;
            }
            try (InputStream firstSheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(sink),
                        new CellText(), false));
                parser.parse(new InputSource(firstSheet));
            }
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
                 | POIXMLException | UnsupportedFileFormatException broken) {
            throw new UnreadableFileException(null, "xlsx", broken.getMessage());
        }
    }

    /** Collects one row's cells by column position; Excel leaves empty cells out of the file. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final RowSink sink;
        private final List<String> cells = new ArrayList<>();

        Rows(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            sink.row(rowNum + 1, new ArrayList<>(cells));
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add(null);
            }
            if (column < cells.size()) {
                cells.set(column, value);
            } else {
                cells.add(value);
            }
        }
    }

    /** Turns a numeric cell into import text whatever display format the sheet gave it. */
    static final class CellText extends DataFormatter {

        // Excel itself keeps 15 significant digits: 0.1 + 0.2 shows as 0.3, and so do we
        private static final MathContext EXCEL_PRECISION = new MathContext(15);

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            if (formatString != null && formatString.contains("%")) {
                return plain(value * 100) + "%";
            }
            return plain(value);
        }

        private static String plain(double value) {
            return new BigDecimal(value, EXCEL_PRECISION).stripTrailingZeros().toPlainString();
        }
    }
}
