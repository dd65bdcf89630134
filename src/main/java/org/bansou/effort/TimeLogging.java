package org.bansou.effort;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.security.AccessRules;
import org.bansou.security.Actor;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.ApiProblem;
import org.bansou.web.InvalidFieldException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logging CS time by hand: one entry from the account page, or a week's timesheet. A csm logs its own time on
 * the accounts it may write; managers and admins may log for anyone. Every write is audited.
 */
@Component
public class TimeLogging {

    static final int MAX_MINUTES = 1440;

    private final EffortEntries entries;
    private final TaskKinds kinds;
    private final Accounts accounts;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    TimeLogging(EffortEntries entries, TaskKinds kinds, Accounts accounts, AccessRules access, AuditLog audit,
                Clock clock) {
        this.entries = entries;
        this.kinds = kinds;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Logs minutes of one kind of work on an account. The day defaults to today and the stage to the account's
     * current one; {@code userId} null means the one signed in.
     */
    @Transactional
    public NewEntry log(long accountId, Long userId, LocalDate day, Integer minutes, String taskKind, String stage) {
        Account account = accounts.get(accountId);
        access.requireAccountWrite(account.ownerUserId());
        long who = whoseTime(userId);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = day == null ? today : day;
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        if (minutes == null || minutes < 1 || minutes > MAX_MINUTES) {
            problems.add(new ApiProblem.FieldProblem("minutes", "must be a whole number from 1 to " + MAX_MINUTES));
        }
        if (taskKind == null || kinds.find(taskKind).filter(TaskKind::active).isEmpty()) {
            problems.add(new ApiProblem.FieldProblem("taskKind", "must be one of " + activeCodes()));
        }
        if (on.isAfter(today)) {
            problems.add(new ApiProblem.FieldProblem("day", "is after today (" + today + "): log time once it is spent"));
        }
        if (stage != null && !EffortReports.STAGES.contains(stage)) {
            problems.add(new ApiProblem.FieldProblem("lifecycleStage", "must be one of " + EffortReports.STAGES));
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        NewEntry entry = new NewEntry(accountId, who, on, minutes, taskKind,
                stage == null ? account.lifecycleStage() : stage);
        entries.appendAll(List.of(entry), "log", access.actor().name());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("userId", who);
        detail.put("day", on.toString());
        detail.put("minutes", minutes);
        detail.put("taskKind", taskKind);
        detail.put("lifecycleStage", entry.lifecycleStage());
        audit.record("log", "effort_entry", null, accountId, detail);
        return entry;
    }

    /** A person's week as a timesheet: a row per account and task kind that has minutes that week. */
    public Timesheet week(long userId, LocalDate anyDay) {
        LocalDate weekStart = EffortEntries.weekOf(anyDay);
        int version = entries.weekVersion(userId, weekStart);
        List<EffortEntries.CellMinutes> cells = entries.weekCells(userId, weekStart);
        Map<Long, String> names = accounts.byIds(cells.stream().map(EffortEntries.CellMinutes::accountId).toList())
                .stream().collect(Collectors.toMap(Account::id, Account::name));
        Map<String, Timesheet.Row> rows = new LinkedHashMap<>();
        for (EffortEntries.CellMinutes cell : cells) {
            Timesheet.Row row = rows.computeIfAbsent(cell.accountId() + "|" + cell.taskKind(),
                    key -> new Timesheet.Row(cell.accountId(), names.getOrDefault(cell.accountId(), ""),
                            cell.taskKind(), new int[7]));
            row.minutes()[(int) (cell.day().toEpochDay() - weekStart.toEpochDay())] += cell.minutes();
        }
        List<Timesheet.Row> sorted = new ArrayList<>(rows.values());
        sorted.sort((a, b) -> a.accountName().equals(b.accountName()) ? a.taskKind().compareTo(b.taskKind())
                : a.accountName().compareTo(b.accountName()));
        return new Timesheet(userId, weekStart, version, sorted);
    }

    /**
     * Saves the given cells of a person's week as they now read, based on the week's version; every problem is
     * named by its cell, and nothing is saved unless all cells are fine.
     */
    @Transactional
    public Timesheet saveWeek(long userId, LocalDate weekStart, int expectedVersion, List<Timesheet.Cell> cells) {
        Actor actor = access.actor();
        if (!actor.atLeast(Role.MANAGER) && !Long.valueOf(userId).equals(actor.userId())) {
            throw new AccessDeniedException("a csm saves only its own timesheet");
        }
        if (!weekStart.equals(EffortEntries.weekOf(weekStart))) {
            throw new InvalidFieldException("weekStart", weekStart + " is not a Monday");
        }
        LocalDate today = LocalDate.now(clock);
        Set<String> activeKinds = kinds.all().stream().map(TaskKind::code).collect(Collectors.toSet());
        Map<Long, Account> byId = new HashMap<>();
        accounts.byIds(cells.stream().map(Timesheet.Cell::accountId).distinct().toList())
                .forEach(account -> byId.put(account.id(), account));
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < cells.size(); i++) {
            Timesheet.Cell cell = cells.get(i);
            String at = "cells[" + i + "]";
            Account account = byId.get(cell.accountId());
            if (account == null) {
                problems.add(new ApiProblem.FieldProblem(at + ".accountId", "no account " + cell.accountId()));
            } else if (!access.mayWriteAccount(account.ownerUserId())) {
                problems.add(new ApiProblem.FieldProblem(at + ".accountId",
                        account.name() + " is not an account you may log time on"));
            }
            if (!activeKinds.contains(cell.taskKind())) {
                problems.add(new ApiProblem.FieldProblem(at + ".taskKind", "must be one of " + activeCodes()));
            }
            if (cell.day() == null || cell.day().isBefore(weekStart) || cell.day().isAfter(weekStart.plusDays(6))) {
                problems.add(new ApiProblem.FieldProblem(at + ".day", "must be in the week of " + weekStart));
            } else if (cell.minutes() > 0 && cell.day().isAfter(today)) {
                problems.add(new ApiProblem.FieldProblem(at + ".day", cell.day() + " is after today"));
            }
            if (cell.minutes() < 0 || cell.minutes() > MAX_MINUTES) {
                problems.add(new ApiProblem.FieldProblem(at + ".minutes", "must be from 0 to " + MAX_MINUTES));
            }
            if (!seen.add(cell.accountId() + "|" + cell.taskKind() + "|" + cell.day())) {
                problems.add(new ApiProblem.FieldProblem(at, "the same cell is given twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        Map<Long, String> stages = new HashMap<>();
        byId.values().forEach(account -> stages.put(account.id(), account.lifecycleStage()));
        int version = entries.replaceCells(userId, weekStart, expectedVersion, cells, stages, actor.name());
        audit.record("save", "effort_week", userId + "/" + weekStart, null,
                Map.of("cells", cells.size(), "version", version));
        return week(userId, weekStart);
    }

    private long whoseTime(Long userId) {
        Actor actor = access.actor();
        if (userId == null || userId.equals(actor.userId())) {
            if (actor.userId() == null) {
                throw new InvalidFieldException("userId", "an API key logs time for a person: say whose (userId)");
            }
            return actor.userId();
        }
        if (!actor.atLeast(Role.MANAGER)) {
            throw new AccessDeniedException("a csm logs only its own time");
        }
        return userId;
    }

    private String activeCodes() {
        return kinds.active().stream().map(TaskKind::code).collect(Collectors.joining(", "));
    }
}
