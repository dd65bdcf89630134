package org.bansou.importing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the first sheet of an XLSX workbook row by row with SAX, so a large sheet is never held whole. Cells
 * come as the text an import file would have: date cells as ISO dates, numbers without grouping or float
 * noise, percentages as "15%", TRUE/FALSE for booleans.
 * <p>
 * POI's own sheet handler builds an XMLBeans rich-text object for every text cell (a 200,000-row sheet spent
 * most of its time there) and keeps the furigana Japanese Excel stores with names typed through an IME
 * ("小林歯科" would arrive as "小林歯科コバヤシシカ"); this reader does neither.
 */
final class XlsxTable {

    private XlsxTable() {
    }

    static void read(ImportFile file, RowSink sink) throws UnreadableFileException {
        try (InputStream in = file.open(); OPCPackage workbook = OPCPackage.open(in)) {
            XSSFReader reader = new XSSFReader(workbook);
            WorkbookSettings settings = new WorkbookSettings();
            parse(reader.getWorkbookData(), settings);
            SharedStrings strings = new SharedStrings();
            for (PackagePart part : workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
                try (InputStream stringsXml = part.getInputStream()) {
                    parse(stringsXml, strings);
                }
            }
            NumberFormats formats = new NumberFormats(reader.getStylesTable(), settings.date1904);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (sheets.hasNext()) {
                parse(sheets.next(), new SheetRows(sink, strings.all, formats));
            }
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
                 | POIXMLException | UnsupportedFileFormatException broken) {
            throw new UnreadableFileException(null, "xlsx", broken.getMessage());
        }
    }

    private static void parse(InputStream xml, ContentHandler handler)
            throws IOException, SAXException, ParserConfigurationException {
        try (xml) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(handler);
            parser.parse(new InputSource(xml));
        }
    }

    /** The workbook's date system: Excel for Mac once counted days from 1904. */
    private static final class WorkbookSettings extends DefaultHandler {

        boolean date1904;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if ("workbookPr".equals(localName)) {
                String value = attributes.getValue("date1904");
                date1904 = "1".equals(value) || "true".equals(value);
            }
        }
    }

    /** The shared strings, in order: the text of each {@code <si>} without its phonetic runs. */
    private static final class SharedStrings extends DefaultHandler {

        final List<String> all = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private boolean inItem;
        private boolean inText;
        private boolean inPhonetic;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "si" -> {
                    inItem = true;
                    text.setLength(0);
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> inText = inItem && !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "si" -> {
                    inItem = false;
                    all.add(text.toString());
                }
                case "rPh" -> inPhonetic = false;
                case "t" -> inText = false;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] characters, int start, int length) {
            if (inText) {
                text.append(characters, start, length);
            }
        }
    }

    /** Each {@code <row>} of the sheet as cell texts by column position; Excel leaves empty cells out. */
    private static final class SheetRows extends DefaultHandler {

        private final RowSink sink;
        private final List<String> sharedStrings;
        private final NumberFormats formats;
        private final List<String> cells = new ArrayList<>();
        private final StringBuilder value = new StringBuilder();
        private int row;
        private int nextRow;
        private int column;
        private String type;
        private int style;
        private boolean inValue;
        private boolean inInlineString;
        private boolean inPhonetic;

        SheetRows(RowSink sink, List<String> sharedStrings, NumberFormats formats) {
            this.sink = sink;
            this.sharedStrings = sharedStrings;
            this.formats = formats;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String number = attributes.getValue("r");
                    row = number == null ? nextRow : Integer.parseInt(number) - 1;
                    cells.clear();
                }
                case "c" -> {
                    String reference = attributes.getValue("r");
                    column = reference == null ? cells.size() : columnOf(reference);
                    type = attributes.getValue("t");
                    String styleIndex = attributes.getValue("s");
                    style = styleIndex == null ? 0 : Integer.parseInt(styleIndex);
                    value.setLength(0);
                }
                case "v" -> inValue = true;
                case "is" -> inInlineString = true;
                case "rPh" -> inPhonetic = true;
                case "t" -> inValue = inInlineString && !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "is" -> inInlineString = false;
                case "rPh" -> inPhonetic = false;
                case "c" -> {
                    while (cells.size() <= column) {
                        cells.add(null);
                    }
                    cells.set(column, text());
                }
                case "row" -> {
                    sink.row(row + 1, new ArrayList<>(cells));
                    nextRow = row + 1;
                }
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] characters, int start, int length) {
            if (inValue) {
                value.append(characters, start, length);
            }
        }

        private String text() {
            String raw = value.toString();
            if (type == null || type.equals("n")) {
                return raw.isBlank() ? null : formats.text(Double.parseDouble(raw), style);
            }
            return switch (type) {
                case "s" -> sharedStrings.get(Integer.parseInt(raw.strip()));
                case "b" -> "1".equals(raw.strip()) ? "TRUE" : "FALSE";
                // an ISO 8601 date cell: keep the day
                case "d" -> raw.length() > 10 ? raw.substring(0, 10) : raw;
                // inlineStr, a formula's text result (str), or an error such as #N/A (e), shown as Excel shows it
                default -> raw;
            };
        }

        // "AB12" -> 27: letters are a base-26 column number
        private static int columnOf(String reference) {
            int column = 0;
            for (int at = 0; at < reference.length(); at++) {
                char letter = reference.charAt(at);
                if (letter < 'A' || letter > 'Z') {
                    break;
                }
                column = column * 26 + (letter - 'A' + 1);
            }
            return column - 1;
        }
    }

    /** Turns a number cell into import text, whatever display format its style gives it. */
    static final class NumberFormats {

        // Excel itself keeps 15 significant digits: 0.1 + 0.2 shows as 0.3, and so do we
        private static final MathContext EXCEL_PRECISION = new MathContext(15);

        private record Format(int index, String pattern) {
        }

        private final StylesTable styles;
        private final boolean date1904;
        private final Map<Integer, Format> byStyle = new HashMap<>();

        NumberFormats(StylesTable styles, boolean date1904) {
            this.styles = styles;
            this.date1904 = date1904;
        }

        String text(double value, int style) {
            Format format = byStyle.computeIfAbsent(style, this::formatOf);
            if (DateUtil.isADateFormat(format.index(), format.pattern()) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
            }
            if (format.pattern().contains("%")) {
                return plain(value * 100) + "%";
            }
            return plain(value);
        }

        private Format formatOf(int style) {
            if (styles == null || style >= styles.getNumCellStyles()) {
                return new Format(0, "General");
            }
            XSSFCellStyle cellStyle = styles.getStyleAt(style);
            String pattern = cellStyle.getDataFormatString();
            int index = cellStyle.getDataFormat();
            return new Format(index, pattern != null ? pattern
                    : BuiltinFormats.getBuiltinFormat(index) != null ? BuiltinFormats.getBuiltinFormat(index) : "General");
        }

        static String plain(double value) {
            return new BigDecimal(value, EXCEL_PRECISION).stripTrailingZeros().toPlainString();
        }
    }
}
