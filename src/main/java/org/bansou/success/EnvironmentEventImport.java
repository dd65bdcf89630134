package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.AccountCodes;
import org.bansou.account.Accounts;
import org.bansou.account.Contacts;
import org.bansou.account.EnvironmentEvents;
import org.bansou.importing.ImportFile;
import org.bansou.importing.ImportOutcome;
import org.bansou.importing.Problems;
import org.bansou.importing.SheetImport;
import org.bansou.importing.Spreadsheets;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports changes in customers' worlds from CSV or XLSX (a team's spreadsheet of departures and budget news), all
 * or nothing: every bad cell is named by line and column and one bad line imports nothing. The events go through
 * {@link EnvironmentEvents#recordAll}, so owners are alerted exactly as for a change recorded by hand.
 */
@Component
class EnvironmentEventImport {

    static final List<String> COLUMNS = List.of("account", "kind", "occurred_on", "detected_on", "detected_via",
            "contact", "note");
    private static final int REQUIRED_COLUMNS = 5;

    private final EnvironmentEvents events;
    private final Accounts accounts;
    private final Contacts contacts;
    private final AccessRules access;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    EnvironmentEventImport(EnvironmentEvents events, Accounts accounts, Contacts contacts, AccessRules access,
                           AuditLog audit, MessageSource messages, Clock clock) {
        this.events = events;
        this.accounts = accounts;
        this.contacts = contacts;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public ImportOutcome importFile(ImportFile file, Locale locale) {
        access.require(Role.CSM);
        Problems problems = new Problems(messages, locale, "success.import.error.");
        Optional<SheetImport.Sheet> sheet = SheetImport.read(file, COLUMNS, REQUIRED_COLUMNS, problems);
        if (sheet.isEmpty()) {
            return ImportOutcome.rejected("environment_events", problems.inFileOrder());
        }
        Map<String, Integer> columns = sheet.get().columns();
        List<Spreadsheets.SheetLine> body = sheet.get().body();
        Map<String, Account> byExternalId = accounts.byExternalIds(body.stream()
                        .map(line -> line.cell(columns, "account")).filter(Objects::nonNull).distinct().toList())
                .stream().collect(Collectors.toMap(Account::externalId, a -> a));
        Map<String, String> contactAccounts = contacts.accountsOf(body.stream()
                .map(line -> line.cell(columns, "contact")).filter(Objects::nonNull).distinct().toList());
        LocalDate today = LocalDate.now(clock);
        List<EnvironmentEvents.NewEvent> rows = new ArrayList<>();
        for (Spreadsheets.SheetLine line : body) {
            int n = line.line();
            int before = problems.count();
            String accountId = line.cell(columns, "account");
            Account account = accountId == null ? null : byExternalId.get(accountId);
            if (accountId == null) {
                problems.add(n, "account", "required");
            } else if (account == null) {
                problems.add(n, "account", "noAccount", accountId);
            } else if (!access.mayWriteAccount(account.ownerUserId())) {
                problems.add(n, "account", "notYours", accountId);
            }
            String kind = code(line, columns, "kind", AccountCodes.ENVIRONMENT_KINDS, problems);
            LocalDate occurred = SheetImport.pastDay(line, columns, "occurred_on", problems, today);
            LocalDate detected = SheetImport.pastDay(line, columns, "detected_on", problems, today);
            if (occurred != null && detected != null && detected.isBefore(occurred)) {
                problems.add(n, "detected_on", "beforeOccurred", detected, occurred);
            }
            String via = code(line, columns, "detected_via", AccountCodes.DETECTED_VIA, problems);
            String contact = line.cell(columns, "contact");
            if (contact != null && accountId != null && !accountId.equals(contactAccounts.get(contact))) {
                problems.add(n, "contact", "noContact", contact, accountId);
            }
            String note = line.cell(columns, "note");
            if (note != null && note.length() > 4000) {
                problems.add(n, "note", "tooLong");
            }
            if (problems.count() == before) {
                rows.add(new EnvironmentEvents.NewEvent(accountId, kind, occurred, detected, via, contact, note));
            }
        }
        if (!!problems.any()) {
            return ImportOutcome.rejected("environment_events", problems.inFileOrder());
        }
        if (rows.isEmpty()) {
            problems.add(null, null, "empty");
            return ImportOutcome.rejected("environment_events", problems.inFileOrder());
        }
        int inserted = events.recordAll(rows);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("file", file.name());
        detail.put("rows", inserted);
        audit.record("import", "environment_event", null, null, detail);
        return new ImportOutcome("environment_events", inserted, 0, 0, List.of());
    }

    private static String code(Spreadsheets.SheetLine line, Map<String, Integer> columns, String column,
                               List<String> codes, Problems problems) {
        String value = line.cell(columns, column);
        if (value == null) {
            problems.add(line.line(), column, "required");
        } else if (!codes.contains(value)) {
            problems.add(line.line(), column, "code", value, String.join(", ", codes));
        }
        return value;
    }
}
