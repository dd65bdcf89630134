package org.bansou.importing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV or XLSX file, for a capability that imports a table of its own (health signals) with the
 * same readers, encodings and Excel handling as the imports here.
 */
public final class SheetRows {

    /** One row as the user sees it: {@code line} 1 is the header. */
    public record Row(int line, List<String> cells) {
    }

    private SheetRows() {
    }

    /** Every row in file order; refused with {@link IllegalArgumentException} naming the line when unreadable. */
    public static List<Row> read(ImportFile file) throws IOException {
        List<Row> rows = new ArrayList<>();
        RowSink sink = (line, cells) -> rows.add(new Row(line, List.copyOf(cells)));
        try {
            switch (file.format()) {
                case XLSX -> XlsxTable.read(file, sink);
                case XLS -> throw new IllegalArgumentException(file.name() + " is an old .xls workbook; save it as .xlsx or CSV");
                case CSV -> CsvTable.read(file, sink);
            }
        } catch (UnreadableFileException unreadable) {
            throw new IllegalArgumentException((unreadable.line() == null ? "" : "line " + unreadable.line() + ": ")
                    + file.name() + " cannot be read (" + unreadable.problem()
                    + (unreadable.getMessage() == null ? "" : ": " + unreadable.getMessage()) + ")");
        }
        return rows;
    }
}
