package org.bansou.effort;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.importing.ImportFile;
import org.bansou.importing.ImportOutcome;
import org.bansou.importing.Problems;
import org.bansou.importing.SheetImport;
import org.bansou.importing.Spreadsheets;
import org.bansou.security.AccessRules;
import org.bansou.security.Actor;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports logged time from CSV or XLSX (teams that keep their hours in Excel), all or nothing: every line is
 * checked, every bad cell is named by line and column, and one bad line imports nothing. A csm may import only
 * its own time on accounts it may write.
 */
@Component
public class EffortImport {

    static final List<String> COLUMNS = List.of("account", "user", "day", "minutes", "task_kind", "lifecycle_stage");
    private static final int REQUIRED_COLUMNS = 5;

    private final EffortEntries entries;
    private final TaskKinds kinds;
    private final Accounts accounts;
    private final AppUsers users;
    private final AccessRules access;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    EffortImport(EffortEntries entries, TaskKinds kinds, Accounts accounts, AppUsers users, AccessRules access,
                 AuditLog audit, MessageSource messages, Clock clock) {
        this.entries = entries;
        this.kinds = kinds;
        this.accounts = accounts;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public ImportOutcome importFile(ImportFile file, Locale locale) {
        access.require(Role.CSM);
        Problems problems = new Problems(messages, locale, "effort.import.error.");
        Optional<SheetImport.Sheet> sheet = SheetImport.read(file, COLUMNS, REQUIRED_COLUMNS, problems);
        if (sheet.isEmpty()) {
            return ImportOutcome.rejected("effort", problems.inFileOrder());
        }
        Map<String, Integer> columns = sheet.get().columns();
        List<Spreadsheets.SheetLine> body = sheet.get().body();
        Map<String, Account> accountsById = accounts.byExternalIds(body.stream()
                        .map(line -> line.cell(columns, "account")).filter(id -> id != null).toList())
                .stream().collect(Collectors.toMap(Account::externalId, a -> a));
        Map<String, AppUser> usersByName = users.all().stream().collect(Collectors.toMap(AppUser::username, u -> u));
        Set<String> kindCodes = kinds.active().stream().map(TaskKind::code).collect(Collectors.toSet());
        Actor actor = access.actor();
        LocalDate today = LocalDate.now(clock);
        List<NewEntry> rows = new ArrayList<>();
        for (Spreadsheets.SheetLine line : body) {
            int n = line.line();
            int before = problems.count();
            Account account = null;
            String accountId = line.cell(columns, "account");
            if (accountId == null) {
                problems.add(n, "account", "required");
            } else if ((account = accountsById.get(accountId)) == null) {
                problems.add(n, "account", "noAccount", accountId);
            } else if (!access.mayWriteAccount(account.ownerUserId())) {
                problems.add(n, "account", "notYours", accountId);
            }
            AppUser user = null;
            String username = line.cell(columns, "user");
            if (username == null) {
                problems.add(n, "user", "required");
            } else if ((user = usersByName.get(username)) == null) {
                problems.add(n, "user", "noUser", username);
            } else if (!actor.atLeast(Role.MANAGER) && !Long.valueOf(user.id()).equals(actor.userId())) {
                problems.add(n, "user", "notYou", username);
            }
            LocalDate day = SheetImport.pastDay(line, columns, "day", problems, today);
            Integer minutes = null;
            String minutesText = line.cell(columns, "minutes");
            if (minutesText == null) {
                problems.add(n, "minutes", "required");
            } else {
                try {
                    minutes = Integer.parseInt(minutesText);
                    if (minutes < 1 || minutes > TimeLogging.MAX_MINUTES) {
                        problems.add(n, "minutes", "minutes", minutesText);
                    }
                } catch (NumberFormatException e) {
                    problems.add(n, "minutes", "minutes", minutesText);
                }
            }
            String kind = line.cell(columns, "task_kind");
            if (kind == null) {
                problems.add(n, "task_kind", "required");
            } else if (!kindCodes.contains(kind)) {
                problems.add(n, "task_kind", "taskKind", kind, String.join(", ", kindCodes.stream().sorted().toList()));
            }
            String stage = line.cell(columns, "lifecycle_stage");
            if (stage != null && !EffortReports.STAGES.contains(stage)) {
                problems.add(n, "lifecycle_stage", "stage", stage, String.join(", ", EffortReports.STAGES));
            }
            if (problems.count() == before) {
                rows.add(new NewEntry(account.id(), user.id(), day, minutes, kind,
                        stage == null ? account.lifecycleStage() : stage));
            }
        }
        if (!!problems.any()) {
            return ImportOutcome.rejected("effort", problems.inFileOrder());
        }
        int inserted = entries.appendAll(rows, "import", actor.name());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("file", file.name());
        detail.put("rows", inserted);
        audit.record("import", "effort_entry", null, null, detail);
        return new ImportOutcome("effort", inserted, 0, 0, List.of());
    }
}
