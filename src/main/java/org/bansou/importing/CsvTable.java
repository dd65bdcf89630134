package org.bansou.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file row by row. UTF-8 with or without BOM; when the bytes are not UTF-8 they are read as
 * Windows-31J, which is what Excel in Japan writes when it saves "CSV (comma delimited)".
 */
final class CsvTable {

    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    // empty lines are kept as rows so line numbers stay the row numbers Excel shows
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();

    private CsvTable() {
    }

    static void read(ImportFile file, RowSink sink) throws IOException, UnreadableFileException {
        if (isUtf16(file)) {
            throw new UnreadableFileException(null, "utf16", null);
        }
        Charset charset = isUtf8(file) ? StandardCharsets.UTF_8 : WINDOWS_31J;
        long lastLine = 0;
        try (Reader reader = new BufferedReader(new InputStreamReader(file.open(), charset), 1 << 16);
             CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            for (CSVRecord record : parser) {
                lastLine = record.getRecordNumber();
                sink.row(Math.toIntExact(lastLine), record.toList());
            }
        } catch (UncheckedIOException | IllegalStateException broken) {
            throw new UnreadableFileException(Math.toIntExact(lastLine + 1), "csv", broken.getMessage());
        }
    }

    // Excel's "Unicode text" is UTF-16 with tabs; read as Windows-31J it would be noise, so say what it is
    private static boolean isUtf16(ImportFile file) throws IOException {
        try (var in = file.open()) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && ((start[0] == (byte) 0xFF && start[1] == (byte) 0xFE)
                    || (start[0] == (byte) 0xFE && start[1] == (byte) 0xFF));
        }
    }

    /** One streaming pass that decodes strictly and keeps nothing. */
    static boolean isUtf8(ImportFile file) throws IOException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(file.open(), strict)) {
            char[] buffer = new char[1 << 14];
            while (reader.read(buffer) >= 0) {
                // decoding is the check
            }
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
