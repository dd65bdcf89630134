package org.bansou.effort;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.catalog.Plans;
import org.bansou.importing.ImportFile;
import org.bansou.importing.ImportOutcome;
import org.bansou.importing.Spreadsheets;
import org.bansou.security.AccessRules;
import org.bansou.security.Actor;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.InvalidFieldException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages under {@code /effort}: the log form the account page includes with htmx, a CSM's weekly timesheet,
 * the import of hours kept in Excel, the reports (with CSV/XLSX export), settings (task kinds, hourly costs,
 * capacity target) and touch-tier rules with preview, apply and undo.
 */
@Controller
@RequestMapping("/effort")
class EffortController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int PAGE_SIZE = 50;

    private final TimeLogging logging;
    private final EffortEntries entries;
    private final TaskKinds kinds;
    private final EffortImport imports;
    private final EffortReports reports;
    private final EffortTables tables;
    private final HourlyCosts hourlyCosts;
    private final CapacityTargets targets;
    private final TierRuleSets ruleSets;
    private final TouchTierChanges changes;
    private final EffortCosts costs;
    private final Accounts accounts;
    private final AppUsers users;
    private final Plans plans;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    EffortController(TimeLogging logging, EffortEntries entries, TaskKinds kinds, EffortImport imports,
                     EffortReports reports, EffortTables tables, HourlyCosts hourlyCosts, CapacityTargets targets,
                     TierRuleSets ruleSets, TouchTierChanges changes, EffortCosts costs, Accounts accounts,
                     AppUsers users, Plans plans, AccessRules access, AuditLog audit, Clock clock) {
        this.logging = logging;
        this.entries = entries;
        this.kinds = kinds;
        this.imports = imports;
        this.reports = reports;
        this.tables = tables;
        this.hourlyCosts = hourlyCosts;
        this.targets = targets;
        this.ruleSets = ruleSets;
        this.changes = changes;
        this.costs = costs;
        this.accounts = accounts;
        this.users = users;
        this.plans = plans;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String start() {
        return "redirect:/effort/timesheet";
    }

    /** The two-field log form and the account's recent time; the fragment alone when htmx asks for it. */
    @GetMapping("/accounts/{id}")
    String accountEffort(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                         Model model) {
        accountModel(accounts.get(id), model);
        return htmx != null ? "effort/account-effort :: effort" : "effort/account";
    }

    @PostMapping("/accounts/{id}/entries")
    String log(@PathVariable long id, @RequestParam(required = false) String minutes,
               @RequestParam(required = false) String taskKind,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
               @RequestParam(required = false) String lifecycleStage,
               @RequestHeader(name = "HX-Request", required = false) String htmx,
               Model model, HttpServletResponse response) {
        Account account = accounts.get(id);
        try {
            Integer parsed = minutes == null || minutes.isBlank() ? null : parseMinutes(minutes);
            logging.log(id, null, day, parsed, taskKind, lifecycleStage == null || lifecycleStage.isBlank() ? null
                    : lifecycleStage);
            model.addAttribute("logged", true);
        } catch (InvalidFieldException invalid) {
            response.setStatus(400);
            model.addAttribute("problems", invalid.problems());
        }
        accountModel(account, model);
        return htmx != null ? "effort/account-effort :: effort" : "effort/account";
    }

    private static Integer parseMinutes(String minutes) {
        try {
            return Integer.valueOf(minutes.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("minutes", "'" + minutes + "' is not a whole number of minutes");
        }
    }

    private void accountModel(Account account, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("kinds", kinds.active());
        model.addAttribute("kindLabels", kindLabels());
        model.addAttribute("stages", EffortReports.STAGES);
        model.addAttribute("recent", entries.recentForAccount(account.id(), 10));
        model.addAttribute("byStage", entries.minutesByStage(account.id()));
        model.addAttribute("mayLog", access.mayWriteAccount(account.ownerUserId()) && access.actor().userId() != null);
        model.addAttribute("userNames", users.all().stream().collect(Collectors.toMap(AppUser::id, AppUser::displayName)));
        model.addAttribute("today", LocalDate.now(clock));
    }

    @GetMapping("/timesheet")
    String timesheet(@RequestParam(required = false) Long user,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
                     Model model) {
        Actor actor = access.actor();
        long userId = user != null ? user : actor.userId() != null ? actor.userId()
                : users.accountOwners().stream().findFirst().map(AppUser::id).orElse(0L);
        Timesheet sheet = logging.week(userId, week == null ? LocalDate.now(clock) : week);
        model.addAttribute("sheet", sheet);
        model.addAttribute("person", users.findById(userId).orElse(null));
        model.addAttribute("people", users.accountOwners());
        model.addAttribute("kinds", kinds.active());
        model.addAttribute("kindLabels", kindLabels());
        model.addAttribute("mayEdit", actor.atLeast(Role.MANAGER) || Long.valueOf(userId).equals(actor.userId()));
        model.addAttribute("ownAccounts", accounts.live().stream()
                .filter(a -> a.ownerUserId() != null && a.ownerUserId() == userId).limit(500).toList());
        model.addAttribute("importColumns", String.join(", ", EffortImport.COLUMNS));
        return "effort/timesheet";
    }

    /** Cells arrive as {@code m_<accountId>_<taskKind>_<yyyy-MM-dd>}; a new row as {@code new_account}, {@code new_kind}, {@code new_<day>}. */
    @PostMapping("/timesheet")
    String saveTimesheet(@RequestParam long user, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
                         @RequestParam int version, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        List<Timesheet.Cell> cells = new ArrayList<>();
        List<org.bansou.web.ApiProblem.FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> shown = new LinkedHashMap<>();
        for (Timesheet.Row row : logging.week(user, week).rows()) {
            for (int d = 0; d < 7; d++) {
                shown.put(row.accountId() + "_" + row.taskKind() + "_" + week.plusDays(d), row.minutes()[d]);
            }
        }
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (!field.getKey().startsWith("m_")) {
                continue;
            }
            String[] parts = field.getKey().substring(2).split("_(?=\\d{4}-\\d{2}-\\d{2}$)");
            int cut = parts[0].indexOf('_');
            if (parts.length != 2 || cut < 0) {
                problems.add(new org.bansou.web.ApiProblem.FieldProblem(field.getKey(), "is not a timesheet cell"));
                continue;
            }
            Integer minutes = cellMinutes(field.getKey(), field.getValue(), problems);
            String key = field.getKey().substring(2);
            if (minutes != null && !minutes.equals(shown.getOrDefault(key, 0))) {
                cells.add(new Timesheet.Cell(Long.parseLong(parts[0].substring(0, cut)), parts[0].substring(cut + 1),
                        LocalDate.parse(parts[1]), minutes));
            }
        }
        String newAccount = form.get("new_account");
        String newKind = form.get("new_kind");
        if (newAccount != null && !newAccount.isBlank() && newKind != null && !newKind.isBlank()) {
            for (int d = 0; d < 7; d++) {
                LocalDate day = week.plusDays(d);
                Integer minutes = cellMinutes("new_" + day, form.get("new_" + day), problems);
                if (minutes != null && minutes > 0) {
                    cells.add(new Timesheet.Cell(Long.parseLong(newAccount), newKind, day, minutes));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        logging.saveWeek(user, week, version, cells);
        redirect.addFlashAttribute("saved", cells.size());
        return "redirect:/effort/timesheet?user=" + user + "&week=" + week;
    }

    private static Integer cellMinutes(String field, String value, List<org.bansou.web.ApiProblem.FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(new org.bansou.web.ApiProblem.FieldProblem(field, "'" + value + "' is not a whole number of minutes"));
            return null;
        }
    }

    @PostMapping("/import")
    String importHours(@RequestParam("file") MultipartFile file, Locale locale, Model model, RedirectAttributes redirect,
                       HttpServletResponse response) {
        ImportOutcome outcome = imports.importFile(ImportFile.of(file.getOriginalFilename(), file::getInputStream), locale);
        if (outcome.imported()) {
            redirect.addFlashAttribute("imported", outcome.inserted());
            return "redirect:/effort/timesheet";
        }
        response.setStatus(400);
        model.addAttribute("outcome", outcome);
        model.addAttribute("columns", EffortImport.COLUMNS);
        return "effort/import-problems";
    }

    @GetMapping("/reports")
    String reports(@RequestParam(defaultValue = "stage") String report, @RequestParam(required = false) YearMonth from,
                   @RequestParam(required = false) YearMonth to, @RequestParam(required = false) String tier,
                   @RequestParam(required = false) Long owner, @RequestParam(required = false) String taskKind,
                   @RequestParam(defaultValue = "0") int page, Model model) {
        EffortPeriod period = period(from, to);
        String shownTier = tier == null || tier.isBlank() ? null : tier;
        model.addAttribute("report", report);
        model.addAttribute("period", period);
        model.addAttribute("tier", shownTier);
        model.addAttribute("owner", owner);
        model.addAttribute("taskKind", taskKind == null || taskKind.isBlank() ? null : taskKind);
        model.addAttribute("kinds", kinds.all());
        model.addAttribute("kindLabels", kindLabels());
        model.addAttribute("people", users.accountOwners());
        model.addAttribute("currency", costs.currency());
        switch (report) {
            case "stage" -> {
                model.addAttribute("stageTotals", reports.stageTotals(period));
                model.addAttribute("rows", reports.hoursByStage(period, owner, shownTier, Math.max(0, page), PAGE_SIZE));
            }
            case "csm" -> model.addAttribute("csmRows", reports.byCsmAndKind(period,
                    taskKind == null || taskKind.isBlank() ? null : taskKind));
            case "cost" -> model.addAttribute("cost", reports.costToServe(period, shownTier, Math.max(0, page), PAGE_SIZE));
            case "capacity" -> model.addAttribute("capacity", reports.capacity(period));
            default -> throw new InvalidFieldException("report", "must be stage, csm, cost or capacity");
        }
        return "effort/reports";
    }

    @GetMapping("/reports/{report}.{format}")
    void export(@PathVariable String report, @PathVariable String format, @RequestParam(required = false) YearMonth from,
                @RequestParam(required = false) YearMonth to, Locale locale, HttpServletResponse response) throws IOException {
        EffortTables.Table table = tables.table(report, period(from, to), locale);
        byte[] bytes = switch (format) {
            case "csv" -> Spreadsheets.csv(table.headers(), table.rows());
            case "xlsx" -> Spreadsheets.xlsx(report, table.headers(), table.rows());
            default -> throw new InvalidFieldException("format", "must be csv or xlsx");
        };
        response.setContentType(format.equals("csv") ? "text/csv;charset=UTF-8" : XLSX);
        response.setHeader("Content-Disposition", "attachment; filename=\"effort-" + report + "." + format + "\"");
        response.getOutputStream().write(bytes);
    }

    @GetMapping("/settings")
    String settings(Model model) {
        model.addAttribute("kinds", kinds.all());
        model.addAttribute("costs", hourlyCosts.all());
        model.addAttribute("target", targets.current());
        model.addAttribute("currency", costs.currency());
        model.addAttribute("people", users.all());
        model.addAttribute("userNames", users.all().stream().collect(Collectors.toMap(AppUser::id, AppUser::displayName)));
        return "effort/settings";
    }

    @PostMapping("/settings/task-kinds")
    String saveTaskKind(@RequestParam String code, @RequestParam String labelJa, @RequestParam String labelEn,
                        @RequestParam(defaultValue = "100") int position, @RequestParam(defaultValue = "false") boolean retired) {
        access.require(Role.MANAGER);
        kinds.save(code == null ? null : code.strip(), labelJa, labelEn, position, retired);
        audit.record("save", "effort_task_kind", code, null, Map.of("labelEn", labelEn));
        return "redirect:/effort/settings";
    }

    @PostMapping("/settings/hourly-costs")
    String saveHourlyCost(@RequestParam(required = false) String role, @RequestParam(required = false) Long userId,
                          @RequestParam long amount, @RequestParam(required = false) Integer version) {
        access.require(Role.MANAGER);
        HourlyCost saved = hourlyCosts.save(role == null || role.isBlank() ? null : role, userId, costs.currency(), amount,
                version, access.actor().name());
        audit.record("save", "effort_hourly_cost", saved.id(), null, Map.of("amount", amount));
        return "redirect:/effort/settings";
    }

    @PostMapping("/settings/capacity")
    String saveCapacity(@RequestParam int highAccounts, @RequestParam int lowAccounts, @RequestParam int techAccounts,
                        @RequestParam long mrrPerCsm, @RequestParam int version) {
        access.require(Role.MANAGER);
        targets.save(new CapacityTarget(highAccounts, lowAccounts, techAccounts, mrrPerCsm, costs.currency(), version),
                version, access.actor().name());
        audit.record("save", "effort_capacity_target", 1, null, Map.of("version", version + 1));
        return "redirect:/effort/settings";
    }

    @GetMapping("/tiers")
    String tiers(Model model) {
        model.addAttribute("ruleSets", ruleSets.all());
        model.addAttribute("changes", changes.all());
        model.addAttribute("plans", plans.all());
        model.addAttribute("currency", costs.currency());
        return "effort/tiers";
    }

    /** A rule set from the form's rows {@code tier_i}, {@code mrrFrom_i}, {@code mrrTo_i}, {@code band_i}, {@code industry_i}, {@code plan_i}. */
    @PostMapping("/tiers")
    String createRuleSet(@RequestParam String name, @RequestParam String defaultTier,
                         @RequestParam Map<String, String> form) {
        access.require(Role.MANAGER);
        List<TierRule> rules = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String tier = form.get("tier_" + i);
            if (tier == null || tier.isBlank()) {
                continue;
            }
            rules.add(new TierRule(rules.size() + 1, tier, amount(form, "mrrFrom_" + i), amount(form, "mrrTo_" + i),
                    blank(form.get("band_" + i)), blank(form.get("industry_" + i)), amount(form, "plan_" + i)));
        }
        TierRuleSet set = ruleSets.create(name, defaultTier, rules, access.actor().name());
        audit.record("create", "touch_tier_rule_set", set.id(), null, Map.of("rules", rules.size()));
        return "redirect:/effort/tiers/" + set.id() + "/preview";
    }

    @GetMapping("/tiers/{id}/preview")
    String preview(@PathVariable long id, Model model) {
        model.addAttribute("ruleSet", ruleSets.get(id));
        model.addAttribute("preview", changes.preview(id));
        model.addAttribute("plans", plans.all());
        return "effort/preview";
    }

    @PostMapping("/tiers/{id}/apply")
    String apply(@PathVariable long id, RedirectAttributes redirect) {
        TierChange change = changes.apply(id);
        redirect.addFlashAttribute("applied", change);
        return "redirect:/effort/tiers";
    }

    @PostMapping("/tier-changes/{id}/undo")
    String undo(@PathVariable long id, RedirectAttributes redirect) {
        TierChange change = changes.undo(id);
        redirect.addFlashAttribute("undone", change);
        return "redirect:/effort/tiers";
    }

    private static Long amount(Map<String, String> form, String field) {
        String value = blank(form.get(field));
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not a whole number");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Map<String, String> kindLabels() {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Map<String, String> labels = new LinkedHashMap<>();
        kinds.all().forEach(kind -> labels.put(kind.code(), kind.label(locale)));
        return labels;
    }

    private EffortPeriod period(YearMonth from, YearMonth to) {
        EffortPeriod standard = EffortPeriod.lastThreeMonths(LocalDate.now(clock));
        return new EffortPeriod(from == null ? standard.from() : from, to == null ? standard.to() : to);
    }
}
