package org.bansou.importing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line of an import file, read cell by cell. Each reader returns the value or records why it cannot,
 * naming this line and the column, so one pass finds every problem on the line.
 */
final class Line {

    enum Need { REQUIRED, OPTIONAL }

    static final Need REQUIRED = Need.REQUIRED;
    static final Need OPTIONAL = Need.OPTIONAL;

    // ISO first; Excel in Japan re-saves dates as 2026/4/1 when a CSV is opened and saved again
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT));
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final int number;
    private final List<String> cells;
    private final Reading reading;
    private final int problemsBefore;

    Line(int number, List<String> cells, Reading reading) {
        this.number = number;
        this.cells = cells;
        this.reading = reading;
        this.problemsBefore = reading.problems().count();
    }

    /** True while nothing on this line was found wrong. */
    boolean clean() {
        return reading.problems().count() == problemsBefore;
    }

    /** The cell's text, trimmed; null when empty. */
    String text(String column) {
        Integer at = reading.columns().get(column);
        if (at == null || at >= cells.size() || cells.get(at) == null) {
            return null;
        }
        String value = cells.get(at).strip();
        return value.isEmpty() ? null : value;
    }

    String text(String column, Need need) {
        String value = text(column);
        if (value == null && need == REQUIRED) {
            problem(column, "required");
        }
        return value;
    }

    /** The row's own external id: required, and once per file so no row silently overrides another. */
    String externalId(String column) {
        String id = text(column, REQUIRED);
        if (id != null) {
            Integer first = reading.externalIds().putIfAbsent(id, number);
            if (first != null) {
                problem(column, "duplicate", id, first);
            }
        }
        return id;
    }

    /** An id of something that must already exist; checked for the whole file once it is read. */
    String reference(String column, Reference to, Need need) {
        String id = text(column, need);
        if (id != null) {
            reading.references().mention(number, column, to, id);
        }
        return id;
    }

    /** One of {@code codes}, in any letter case; returned as the code is written in the list. */
    String code(String column, List<String> codes, Need need) {
        String value = text(column, need);
        if (value == null) {
            return null;
        }
        for (String code : codes) {
            if (code.equalsIgnoreCase(value)) {
                return code;
            }
        }
        problem(column, "code", value, String.join(", ", codes));
        return null;
    }

    boolean flag(String column, boolean whenEmpty) {
        String value = text(column);
        if (value == null) {
            return whenEmpty;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> {
                return true;
            }
            case "false", "0", "no" -> {
                return false;
            }
            default -> {
                problem(column, "flag", value);
                return whenEmpty;
            }
        }
    }

    LocalDate date(String column, Need need) {
        String value = text(column, need);
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException notThisFormat) {
                // try the next accepted format
            }
        }
        problem(column, "date", value);
        return null;
    }

    /** A whole number of at least {@code atLeast}. */
    Integer count(String column, Need need, int atLeast) {
        String value = text(column, need);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < atLeast) {
                problem(column, "atLeast", value, atLeast);
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problem(column, "whole", value);
            return null;
        }
    }

    /** Money in minor units of its currency (yen, cents): a whole number, never negative. */
    Long money(String column, Need need) {
        String value = text(column, need);
        if (value == null) {
            return null;
        }
        try {
            long amount = Long.parseLong(value);
            if (amount < 0) {
                problem(column, "atLeast", value, 0);
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            problem(column, "money", value);
            return null;
        }
    }

    /** A percentage from 0 to 100 with at most two decimals; "15%" and "15" mean the same. */
    BigDecimal percent(String column, Need need) {
        String value = text(column, need);
        if (value == null) {
            return null;
        }
        String digits = value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value;
        try {
            BigDecimal percent = new BigDecimal(digits);
            if (percent.signum() >= 0 && percent.compareTo(HUNDRED) <= 0 && percent.stripTrailingZeros().scale() <= 2) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range value
        }
        problem(column, "percent", value);
        return null;
    }

    /** An ISO 4217 code such as JPY or USD. */
    String currency(String column, Need need) {
        String value = text(column, need);
        if (value != null && !CURRENCY.matcher(value).matches()) {
            problem(column, "currency", value);
            return null;
        }
        return value;
    }

    /** Records a problem unless both dates are known and {@code later} is on or after {@code earlier}. */
    void notBefore(String laterColumn, LocalDate later, String earlierColumn, LocalDate earlier) {
        if (later != null && earlier != null && later.isBefore(earlier)) {
            problem(laterColumn, "before", later, earlierColumn, earlier);
        }
    }

    void problem(String column, String key, Object... arguments) {
        reading.problems().add(number, column, key, arguments);
    }

    /** The state shared by every line of one file. */
    record Reading(Map<String, Integer> columns, Problems problems, References references,
                   Map<String, Integer> externalIds) {
    }
}
