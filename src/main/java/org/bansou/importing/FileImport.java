package org.bansou.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bansou.database.UpsertResult;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one file of one kind, all or nothing: every line is checked first (values, codes, dates,
 * duplicate ids, references to things bansou must already know) and any problem rejects the whole file with
 * the full list, so a CS team fixes its spreadsheet once instead of finding errors one upload at a time.
 * A clean file is upserted by external id in one transaction; importing it again changes nothing.
 */
@Component
public class FileImport {

    private static final Logger log = LoggerFactory.getLogger(FileImport.class);

    private final Kinds kinds;
    private final KnownIds knownIds;
    private final AccessRules access;
    private final AuditLog audit;
    private final MessageSource messages;
    private final TransactionTemplate transaction;

    FileImport(Kinds kinds, KnownIds knownIds, AccessRules access, AuditLog audit, MessageSource messages,
               PlatformTransactionManager transactions) {
        this.kinds = kinds;
        this.knownIds = knownIds;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
        this.transaction = new TransactionTemplate(transactions);
    }

    public List<String> kinds() {
        return kinds.names();
    }

    /**
     * Needs a manager or admin: one file touches many accounts, which the csm rule (own accounts only)
     * cannot check row by row. Problems are worded in {@code locale}.
     */
    public ImportOutcome importFile(String kind, ImportFile file, Locale locale) {
        access.require(Role.MANAGER);
        return importFile(kinds.named(kind), file, locale);
    }

    private <R> ImportOutcome importFile(Kind<R> kind, ImportFile file, Locale locale) {
        long started = System.nanoTime();
        Problems problems = new Problems(messages, locale);
        FileReading<R> reading = new FileReading<>(kind, problems);
        try {
            switch (file.format()) {
                case XLSX -> XlsxTable.read(file, reading);
                case XLS -> throw new UnreadableFileException(null, "xls", null);
                case CSV -> CsvTable.read(file, reading);
            }
            reading.finish(knownIds);
        } catch (UnreadableFileException unreadable) {
            problems.add(unreadable.line(), null, unreadable.problem(), String.valueOf(unreadable.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.name(), e);
        }
        if (problems.any()) {
            return ImportOutcome.rejected(kind.name(), problems.inFileOrder());
        }
        List<R> rows = reading.rows.stream().map(Numbered::row).toList();
        long checked = System.nanoTime();
        try {
            UpsertResult result = transaction.execute(status -> {
                UpsertResult upserted = rows.isEmpty() ? new UpsertResult(0, 0, 0) : kind.upsertAll(rows);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("file", file.name());
                detail.put("rows", rows.size());
                detail.put("inserted", upserted.inserted());
                detail.put("updated", upserted.updated());
                detail.put("unchanged", upserted.unchanged());
                audit.record("import", kind.name(), null, null, detail);
                return upserted;
            });
            log.info("Imported {} from {}: {}; checking took {} ms, writing {} ms", kind.name(), file.name(), result,
                    (checked - started) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
            return new ImportOutcome(kind.name(), result.inserted(), result.updated(), result.unchanged(), List.of());
        } catch (DataAccessException refused) {
            // the checks above mirror the table constraints; this is the net under them, still all or nothing
            problems.add(null, null, "refused", NestedExceptionUtils.getMostSpecificCause(refused).getMessage());
            return ImportOutcome.rejected(kind.name(), problems.inFileOrder());
        }
    }

    /** One pass over one file: the header first, then each line into a row or into problems. */
    private static final class FileReading<R> implements RowSink {

        private final Kind<R> kind;
        private final Problems problems;
        private final References references = new References();
        private final Map<String, Integer> columns = new HashMap<>();
        private final Line.Reading reading;
        private final List<Numbered<R>> rows = new ArrayList<>();
        private boolean headerSeen;
        private boolean headerUsable;

        FileReading(Kind<R> kind, Problems problems) {
            this.kind = kind;
            this.problems = problems;
            this.reading = new Line.Reading(columns, problems, references, new HashMap<>());
        }

        @Override
        public void row(int line, List<String> cells) {
            if (!headerSeen) {
                headerSeen = true;
                headerUsable = header(line, cells);
                return;
            }
            if (!headerUsable || blank(cells)) {
                return;
            }
            for (int at = 0; at < cells.size(); at++) {
                if (!columns.containsValue(at) && hasText(cells.get(at))) {
                    problems.add(line, null, "cellWithoutColumn", at + 1, cells.get(at).strip());
                }
            }
            R row = kind.read(new Line(line, cells, reading));
            if (row != null) {
                rows.add(new Numbered<>(line, row));
            }
        }

        private boolean header(int line, List<String> cells) {
            List<String> expected = kind.columns().stream().map(Column::name).toList();
            if (line != 1 || blank(cells)) {
                problems.add(1, null, "noHeader", String.join(",", expected));
                return false;
            }
            int before = problems.count();
            if (cells.size() == 1 && (cells.get(0).contains(";") || cells.get(0).contains("\t"))) {
                problems.add(1, null, "separator", String.join(",", expected));
                return false;
            }
            for (int at = 0; at < cells.size(); at++) {
                String name = columnName(cells.get(at));
                if (name.isEmpty()) {
                    continue;
                }
                if (columns.containsKey(name)) {
                    problems.add(1, name, "repeatedColumn");
                } else if (!expected.contains(name)) {
                    problems.add(1, name, "unknownColumn", kind.name(), String.join(", ", expected));
                } else {
                    columns.put(name, at);
                }
            }
            for (String name : expected) {
                if (!columns.containsKey(name)) {
                    problems.add(1, name, "missingColumn", kind.name());
                }
            }
            return problems.count() == before;
        }

        void finish(KnownIds knownIds) {
            if (!headerSeen) {
                problems.add(1, null, "empty",
                        String.join(",", kind.columns().stream().map(Column::name).toList()));
                return;
            }
            if (headerUsable) {
                references.check(knownIds, problems);
                kind.checkAcrossRows(rows, problems);
            }
        }

        // header cells are matched loosely: Excel users type "External_ID " as often as "external_id"
        private static String columnName(String cell) {
            return cell == null ? "" : cell.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
        }

        private static boolean blank(List<String> cells) {
            return cells.stream().noneMatch(FileReading::hasText);
        }

        private static boolean hasText(String cell) {
            return cell != null && !cell.isBlank();
        }
    }
}
