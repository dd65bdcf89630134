package org.bansou.renewal.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bansou.importing.ImportError;
import org.bansou.importing.ImportFile;
import org.bansou.importing.Spreadsheets;

/**
 * Reads churn plan lines from the form or a CSV/XLSX file (columns period, segment, planned_churn_mrr,
 * planned_churn_logos, note), checking every line first: any bad line rejects the whole file, naming each.
 */
public final class PlanLines {

    public static final List<String> COLUMNS = List.of("period", "segment", "planned_churn_mrr",
            "planned_churn_logos", "note");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEGMENT = Pattern.compile("all|(touch_tier|employee_band|industry|plan):.+");

    private PlanLines() {
    }

    /** The lines read, or every problem found; never both. */
    public record Reading(List<ChurnForecasts.PlanLine> lines, List<ImportError> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Reading read(ImportFile file) {
        List<Spreadsheets.SheetLine> rows;
        try {
            rows = Spreadsheets.read(file);
        } catch (Spreadsheets.Unreadable unreadable) {
            return new Reading(List.of(), List.of(new ImportError(unreadable.line(), null,
                    "the file is not a readable table (" + unreadable.getMessage() + ")")));
        }
        List<ImportError> problems = new ArrayList<>();
        if (rows.isEmpty()) {
            return new Reading(List.of(), List.of(new ImportError(1, null, "the file is empty; the header is "
                    + String.join(",", COLUMNS))));
        }
        Map<String, Integer> at = new HashMap<>();
        List<String> header = rows.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                if (!COLUMNS.contains(name)) {
                    problems.add(new ImportError(1, name, "unknown column; the columns are " + String.join(", ", COLUMNS)));
                }
                at.put(name, i);
            }
        }
        for (String needed : List.of("period", "planned_churn_mrr", "planned_churn_logos")) {
            if (!at.containsKey(needed)) {
                problems.add(new ImportError(1, needed, "column missing"));
            }
        }
        if (!problems.isEmpty()) {
            return new Reading(List.of(), problems);
        }
        List<ChurnForecasts.PlanLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Spreadsheets.SheetLine row : rows.subList(1, rows.size())) {
            if (row.cells().stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            ChurnForecasts.PlanLine line = line(row.line(), cell(row, at.get("period")), cell(row, at.get("segment")),
                    cell(row, at.get("planned_churn_mrr")), cell(row, at.get("planned_churn_logos")),
                    cell(row, at.get("note")), problems);
            if (line != null && !seen.add(line.period() + line.periodKind() + line.segment())) {
                problems.add(new ImportError(row.line(), "period", "the same period and segment appear on an earlier line"));
            } else if (line != null) {
                lines.add(line);
            }
        }
        return problems.isEmpty() ? new Reading(lines, List.of()) : new Reading(List.of(), problems);
    }

    /** One line from its texts; adds its problems (naming {@code lineNumber}) and returns null when bad. */
    public static ChurnForecasts.PlanLine line(Integer lineNumber, String period, String segment, String mrr,
                                               String logos, String note, List<ImportError> problems) {
        int before = problems.size();
        LocalDate start = null;
        String kind = null;
        String p = period == null ? "" : period.strip();
        Matcher quarter = QUARTER.matcher(p);
        if (quarter.matches()) {
            start = LocalDate.of(Integer.parseInt(quarter.group(1)), (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1, 1);
            kind = "quarter";
        } else {
            try {
                start = YearMonth.parse(p).atDay(1);
                kind = "month";
            } catch (DateTimeParseException e) {
                problems.add(new ImportError(lineNumber, "period", "'" + p + "' is not a month (2026-04) or a quarter (2026-Q2)"));
            }
        }
        String seg = segment == null || segment.isBlank() ? "all" : segment.strip();
        if (!SEGMENT.matcher(seg).matches()) {
            problems.add(new ImportError(lineNumber, "segment", "'" + seg
                    + "' is not all, touch_tier:…, employee_band:…, industry:… or plan:<id>"));
        } else if (seg.startsWith("plan:") && !seg.substring(5).matches("\\d+")) {
            problems.add(new ImportError(lineNumber, "segment", "plan segments name the plan id, e.g. plan:3"));
        }
        Long amount = whole(lineNumber, "planned_churn_mrr", mrr, problems);
        Long count = whole(lineNumber, "planned_churn_logos", logos, problems);
        if (count != null && count > Integer.MAX_VALUE) {
            problems.add(new ImportError(lineNumber, "planned_churn_logos", "is too large"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new ChurnForecasts.PlanLine(start, kind, seg, amount, count.intValue(),
                note == null || note.isBlank() ? null : note.strip());
    }

    private static Long whole(Integer line, String column, String text, List<ImportError> problems) {
        String t = text == null ? "" : text.strip().replace(",", "");
        if (t.endsWith(".0")) {
            t = t.substring(0, t.length() - 2); // XLSX numbers arrive as 1200.0
        }
        try {
            long value = Long.parseLong(t);
            if (value < 0) {
                problems.add(new ImportError(line, column, "must not be negative"));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(new ImportError(line, column, "'" + t + "' is not a whole number (minor units)"));
            return null;
        }
    }

    private static String cell(Spreadsheets.SheetLine row, Integer index) {
        return index == null || index >= row.cells().size() ? null : row.cells().get(index);
    }
}
