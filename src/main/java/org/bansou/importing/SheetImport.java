package org.bansou.importing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outer part every line import of a sheet shares: reading CSV or XLSX, a header naming known columns
 * (the first {@code required} of them needed), the lines that are not blank, and dates as CS teams type them.
 * What is wrong goes to {@link Problems}, by line and column, so an import can refuse the whole file.
 */
public final class SheetImport {

    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT));

    private SheetImport() {
    }

    /** The file's columns by name and its lines after the header that hold anything. */
    public record Sheet(Map<String, Integer> columns, List<Spreadsheets.SheetLine> body) {
    }

    /** The sheet, or empty when the file is unreadable or its header is wrong (the problems say why). */
    public static Optional<Sheet> read(ImportFile file, List<String> known, int required, Problems problems) {
        List<Spreadsheets.SheetLine> lines;
        try {
            lines = Spreadsheets.read(file);
        } catch (Spreadsheets.Unreadable unreadable) {
            problems.add(unreadable.line(), null, "unreadable", unreadable.getMessage());
            return Optional.empty();
        }
        Map<String, Integer> columns = header(lines, known, required, problems);
        if (columns == null) {
            return Optional.empty();
        }
        return Optional.of(new Sheet(columns, lines.subList(1, lines.size()).stream()
                .filter(line -> line.cells().stream().anyMatch(cell -> cell != null && !cell.isBlank())).toList()));
    }

    private static Map<String, Integer> header(List<Spreadsheets.SheetLine> lines, List<String> known, int required,
                                               Problems problems) {
        if (lines.isEmpty() || lines.get(0).cells().stream().allMatch(c -> c == null || c.isBlank())) {
            problems.add(1, null, "noHeader", String.join(",", known));
            return null;
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> cells = lines.get(0).cells();
        for (int at = 0; at < cells.size(); at++) {
            String name = cells.get(at) == null ? ""
                    : cells.get(at).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!known.contains(name)) {
                problems.add(1, name, "unknownColumn", String.join(", ", known));
            } else if (columns.putIfAbsent(name, at) != null) {
                problems.add(1, name, "repeatedColumn");
            }
        }
        for (String needed : known.subList(0, required)) {
            if (!columns.containsKey(needed)) {
                problems.add(1, needed, "missingColumn");
            }
        }
        return !problems.any() ? columns : null;
    }

    /** A day that has happened, as 2026-04-01 or 2026/4/1; required. */
    public static LocalDate pastDay(Spreadsheets.SheetLine line, Map<String, Integer> columns, String column,
                                    Problems problems, LocalDate today) {
        String value = line.cell(columns, column);
        if (value == null) {
            problems.add(line.line(), column, "required");
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                LocalDate day = LocalDate.parse(value, format);
                if (day.isAfter(today)) {
                    problems.add(line.line(), column, "future", value);
                }
                return day;
            } catch (DateTimeParseException notThisFormat) {
                // try the next accepted format
            }
        }
        problems.add(line.line(), column, "date", value);
        return null;
    }
}
