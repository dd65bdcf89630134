package org.bansou.usage;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Reads daily usage aggregates from CSV, for companies that keep only daily figures. Columns:
 * {@code account_external_id, day, active_users} (required), {@code events, active_users_7d,
 * active_users_28d, seats} (optional), and {@code event:<name>} per feature, e.g. {@code event:Report Exported}.
 * A file with one bad row imports nothing and names every bad row with its line.
 */
@Component
public class DailyUsageCsv {

    /** The rows read, or the problems found, each naming its line; rows are imported only without problems. */
    public record Reading(List<DailyUsageRow> rows, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    static final List<String> REQUIRED = List.of("account_external_id", "day", "active_users");
    private static final String EVENT_PREFIX = "event:";

    private final UsageDaily daily;

    DailyUsageCsv(UsageDaily daily) {
        this.daily = daily;
    }

    /** Reads and, when every row is good, imports; returns what was read and any problems. */
    public Reading importFrom(Reader csv) throws IOException {
        Reading reading = read(csv);
        if (reading.ok()) {
            daily.importAll(reading.rows());
        }
        return reading;
    }

    Reading read(Reader csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<DailyUsageRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<String> headers = parser.getHeaderNames();
            for (String required : REQUIRED) {
                if (!headers.contains(required)) {
                    problems.add("the header has no column \"" + required + "\" (needed: "
                            + String.join(", ", REQUIRED) + ")");
                }
            }
            if (!problems.isEmpty()) {
                return new Reading(List.of(), problems);
            }
            Set<String> seen = new HashSet<>();
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                List<String> rowProblems = new ArrayList<>();
                String account = record.get("account_external_id");
                if (account.isEmpty()) {
                    rowProblems.add("account_external_id is empty");
                }
                LocalDate day = null;
                try {
                    day = LocalDate.parse(record.get("day"));
                } catch (DateTimeParseException e) {
                    rowProblems.add("day \"" + record.get("day") + "\" is not a date like 2026-11-24");
                }
                Long active = count(record, "active_users", true, rowProblems);
                Long events = count(record, "events", false, rowProblems);
                Long active7d = count(record, "active_users_7d", false, rowProblems);
                Long active28d = count(record, "active_users_28d", false, rowProblems);
                Long seats = count(record, "seats", false, rowProblems);
                Map<String, Long> eventCounts = new LinkedHashMap<>();
                for (String header : headers) {
                    if (header.startsWith(EVENT_PREFIX) && header.length() > EVENT_PREFIX.length()) {
                        Long times = count(record, header, false, rowProblems);
                        if (times != null && times > 0) {
                            eventCounts.put(header.substring(EVENT_PREFIX.length()), times);
                        }
                    }
                }
                if (day != null && !account.isEmpty() && !seen.add(account + " " + day)) {
                    rowProblems.add("account " + account + " on " + day + " is given twice");
                }
                if (rowProblems.isEmpty()) {
                    long total = events != null ? events : eventCounts.values().stream().mapToLong(Long::longValue).sum();
                    rows.add(new DailyUsageRow(account, day, Math.toIntExact(active), toInt(active7d), toInt(active28d),
                            total, toInt(seats), eventCounts));
                } else {
                    problems.add("line " + line + ": " + String.join("; ", rowProblems));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            problems.add("the file is not readable as CSV: " + e.getMessage());
        }
        return new Reading(problems.isEmpty() ? rows : List.of(), problems);
    }

    private static Long count(CSVRecord record, String column, boolean required, List<String> problems) {
        String text = record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
        if (text.isEmpty()) {
            if (required) {
                problems.add(column + " is empty");
            }
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > Integer.MAX_VALUE && !column.equals("events") && !column.startsWith(EVENT_PREFIX)) {
                problems.add(column + " " + text + " is out of range");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(column + " \"" + text + "\" is not a whole number");
            return null;
        }
    }

    private static Integer toInt(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }
}
