package org.bansou.health;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bansou.importing.ImportFile;
import org.bansou.importing.SheetRows;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns table {@code health_signal}: what bansou does not measure itself but a health model may weigh (NPS,
 * open support issues, onboarding progress), per account, day and metric. Other capabilities write through
 * {@link #record}; CS teams import files of them, all or nothing.
 */
@Component
public class HealthSignals {

    /** One value of one metric for one account on one day; a second value for the same day replaces it. */
    public record Signal(long accountId, LocalDate day, String metric, BigDecimal value) {
    }

    /** What an import did: signals stored, or the problems (then nothing was stored). */
    public record Imported(int signals, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    static final List<String> COLUMNS = List.of("account_external_id", "day", "metric", "value");

    private final JdbcClient jdbc;
    private final AccessRules access;
    private final AuditLog audit;
    private final MessageSource messages;

    HealthSignals(JdbcClient jdbc, AccessRules access, AuditLog audit, MessageSource messages) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
    }

    /**
     * Stores signals from another capability (the playbooks push onboarding progress), named by {@code source}.
     * A metric is lower-case letters, digits and underscores.
     */
    @Transactional
    public int record(List<Signal> signals, String source) {
        for (Signal signal : signals) {
            if (signal.metric() == null || !signal.metric().matches("[a-z][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("signal metric '" + signal.metric() + "' is not a-z, 0-9 and _");
            }
        }
        if (signals.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO health_signal (account_id, day, metric, value, source)
                        SELECT account_id, day, metric, value, :source
                          FROM unnest(CAST(:accountIds AS bigint[]), CAST(:days AS date[]), CAST(:metrics AS text[]),
                                      CAST(:values AS numeric[])) AS s (account_id, day, metric, value)
                        ON CONFLICT (account_id, metric, day) DO UPDATE
                           SET value = EXCLUDED.value,
                               source = EXCLUDED.source,
                               recorded_at = now()
                        """)
                .param("accountIds", signals.stream().map(Signal::accountId).toArray(Long[]::new))
                .param("days", signals.stream().map(s -> s.day().toString()).toArray(String[]::new))
                .param("metrics", signals.stream().map(Signal::metric).toArray(String[]::new))
                .param("values", signals.stream().map(Signal::value).toArray(BigDecimal[]::new))
                .param("source", source)
                .update();
    }

    /** The latest values of one account, newest first, for its health page. */
    List<Signal> latestFor(long accountId, int limit) {
        return jdbc.sql("""
                        SELECT account_id, day, metric, value
                          FROM health_signal
                         WHERE account_id = :accountId
                         ORDER BY day DESC, metric
                         LIMIT :limit
                        """)
                .param("accountId", accountId)
                .param("limit", limit)
                .query(Signal.class)
                .list();
    }

    /**
     * Imports a CSV or XLSX file with columns account_external_id, day, metric, value. Every line is checked
     * first; one bad line stores nothing and is named with its problem. Needs a manager or admin.
     */
    @Transactional
    public Imported importFile(ImportFile file, Locale locale) throws IOException {
        access.require(Role.MANAGER);
        List<String> problems = new ArrayList<>();
        List<SheetRows.Row> rows;
        try {
            rows = SheetRows.read(file);
        } catch (IllegalArgumentException unreadable) {
            return new Imported(0, List.of(unreadable.getMessage()));
        }
        if (rows.isEmpty()) {
            return new Imported(0, List.of(text(locale, "health.signals.empty", String.join(",", COLUMNS))));
        }
        Map<String, Integer> at = new HashMap<>();
        List<String> header = rows.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                at.put(name, i);
            }
        }
        for (String column : COLUMNS) {
            if (!at.containsKey(column)) {
                problems.add(text(locale, "health.signals.missingColumn", 1, column));
            }
        }
        if (!problems.isEmpty()) {
            return new Imported(0, problems);
        }
        record Read(int line, String externalId, LocalDate day, String metric, BigDecimal value) {
        }
        List<Read> read = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SheetRows.Row row : rows.subList(1, rows.size())) {
            String externalId = cell(row, at.get("account_external_id"));
            String day = cell(row, at.get("day"));
            String metric = cell(row, at.get("metric"));
            String value = cell(row, at.get("value"));
            if (externalId.isEmpty() && day.isEmpty() && metric.isEmpty() && value.isEmpty()) {
                continue;
            }
            int before = problems.size();
            LocalDate parsedDay = null;
            BigDecimal parsedValue = null;
            if (externalId.isEmpty()) {
                problems.add(text(locale, "health.signals.required", row.line(), "account_external_id"));
            }
            try {
                parsedDay = LocalDate.parse(day.length() > 10 ? day.substring(0, 10) : day);
            } catch (DateTimeParseException e) {
                problems.add(text(locale, "health.signals.badDay", row.line(), day));
            }
            if (!metric.matches("[a-z][a-z0-9_]{0,62}")) {
                problems.add(text(locale, "health.signals.badMetric", row.line(), metric));
            }
            try {
                parsedValue = new BigDecimal(value);
            } catch (NumberFormatException e) {
                problems.add(text(locale, "health.signals.badValue", row.line(), value));
            }
            if (problems.size() == before) {
                if (!seen.add(externalId + "|" + parsedDay + "|" + metric)) {
                    problems.add(text(locale, "health.signals.repeated", row.line(), externalId, parsedDay, metric));
                } else {
                    read.add(new Read(row.line(), externalId, parsedDay, metric, parsedValue));
                }
            }
        }
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("SELECT external_id, id FROM account WHERE external_id = ANY(:ids)")
                .param("ids", read.stream().map(Read::externalId).distinct().toArray(String[]::new))
                .query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2)))
                .list();
        for (Read r : read) {
            if (!ids.containsKey(r.externalId())) {
                problems.add(text(locale, "health.signals.unknownAccount", r.line(), r.externalId()));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(HealthSignals::lineOf));
            return new Imported(0, problems);
        }
        int stored = record(read.stream().map(r -> new Signal(ids.get(r.externalId()), r.day(), r.metric(), r.value()))
                .toList(), "import");
        audit.record("import", "health_signal", null, null, Map.of("file", file.name(), "signals", stored));
        return new Imported(stored, List.of());
    }

    // problems read "line N: ..." in both languages, so they sort by the number after "line"
    private static int lineOf(String problem) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(problem);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String cell(SheetRows.Row row, int at) {
        return at < row.cells().size() && row.cells().get(at) != null ? row.cells().get(at).strip() : "";
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
