package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bansou.account.Account;
import org.bansou.account.AccountSegment;
import org.bansou.account.Accounts;
import org.bansou.account.Contacts;
import org.bansou.account.EnvironmentEvents;
import org.bansou.database.ContainsSearch;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.bansou.database.StaleVersionException;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The knowledge pages: search, lagging value, the story library and its reports, feedback and its themes, how late
 * changes are detected, a CSM's alerts, and the account page's knowledge fragment.
 */
@Controller
@RequestMapping("/knowledge")
class KnowledgeController {

    private static final int PAGE = 50;

    private final KnowledgeSearch search;
    private final AccountValue accountValue;
    private final ValueRecords values;
    private final StoryRelevance relevance;
    private final SuccessStories stories;
    private final StoryUses uses;
    private final StoryReports reports;
    private final FeedbackEntries entries;
    private final FeedbackThemes themes;
    private final ProductFeedback feedback;
    private final KnowledgeAlerts alerts;
    private final KnowledgeSettings settings;
    private final Accounts accounts;
    private final Contacts contacts;
    private final EnvironmentEvents events;
    private final EnvironmentEventImport imports;
    private final org.bansou.renewal.ChurnRecords churns;
    private final ValueFormulas formulas;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    KnowledgeController(KnowledgeSearch search, AccountValue accountValue, ValueRecords values,
                        StoryRelevance relevance, SuccessStories stories, StoryUses uses, StoryReports reports,
                        FeedbackEntries entries, FeedbackThemes themes, ProductFeedback feedback,
                        KnowledgeAlerts alerts, KnowledgeSettings settings, Accounts accounts, Contacts contacts,
                        EnvironmentEvents events, EnvironmentEventImport imports,
                        org.bansou.renewal.ChurnRecords churns, ValueFormulas formulas, AccessRules access,
                        AuditLog audit, Clock clock) {
        this.search = search;
        this.accountValue = accountValue;
        this.values = values;
        this.relevance = relevance;
        this.stories = stories;
        this.uses = uses;
        this.reports = reports;
        this.entries = entries;
        this.themes = themes;
        this.feedback = feedback;
        this.alerts = alerts;
        this.settings = settings;
        this.accounts = accounts;
        this.contacts = contacts;
        this.events = events;
        this.imports = imports;
        this.churns = churns;
        this.formulas = formulas;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String overview(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("view", "overview");
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            if (ContainsSearch.searchable(q)) {
                model.addAttribute("found", search.search(q, 20));
            } else {
                model.addAttribute("tooShort", true);
            }
        }
        Long me = access.actor().userId();
        model.addAttribute("newAlerts", me == null ? 0 : alerts.countNew(me));
        return "success/knowledge";
    }

    /** The account page's knowledge slot: value over time, the stories that fit, roles over time. */
    @GetMapping("/accounts/{id}")
    String account(@PathVariable long id, @RequestParam(required = false) String tags, Locale locale,
                   @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Account account = accounts.get(id);
        AccountValue.Summary value = accountValue.of(id);
        model.addAttribute("account", account);
        model.addAttribute("value", value);
        model.addAttribute("chart", Map.of(
                "months", value.months().stream().map(m -> m.month().toString()).toList(),
                "theoretical", value.months().stream().map(ValueMonth::theoretical).toList(),
                "actual", value.months().stream().map(ValueMonth::actual).toList(),
                "expected", value.months().stream().map(ValueMonth::expected).toList(),
                "cost", value.months().stream().map(ValueMonth::totalCost).toList(),
                "net", value.months().stream().map(ValueMonth::cumulativeNet).toList()));
        model.addAttribute("tags", tags);
        model.addAttribute("offered", relevance.forAccount(account, StoryFields.tags(tags), 5, locale));
        model.addAttribute("told", uses.forAccount(id).stream().map(StoryUses.StoryUse::storyId).distinct().toList());
        model.addAttribute("roles", contacts.rolesHeld(id));
        List<org.bansou.renewal.ChurnRecord> churned = churns.forAccount(id);
        model.addAttribute("churns", churned);
        model.addAttribute("heard", entries.countsByChurnRecord(churned.stream()
                .map(org.bansou.renewal.ChurnRecord::id).toList()));
        model.addAttribute("formula", formulas.forAccount(id).orElse(null));
        model.addAttribute("mayWrite", access.mayWriteAccount(account.ownerUserId()));
        return htmx != null ? "success/account :: knowledge" : "success/account-page";
    }

    @PostMapping("/accounts/{id}/stories/{storyId}/use")
    String useStory(@PathVariable long id, @PathVariable long storyId) {
        access.requireAccountWrite(accounts.get(id).ownerUserId());
        stories.get(storyId);
        StoryUses.StoryUse use = uses.record(storyId, id, LocalDate.now(clock), access.actor().name(), null);
        audit.record("use", "success_story", storyId, id, Map.of("use", use.id()));
        return "redirect:/accounts/" + id;
    }

    @GetMapping("/value")
    String lagging(@RequestParam(defaultValue = "1") int page, Model model) {
        int margin = settings.current().valueLagMarginPercent();
        int pageNumber = Math.max(1, page);
        List<ValueFlag> flags = values.lagging(margin, PAGE, (long) (pageNumber - 1) * PAGE);
        model.addAttribute("view", "value");
        model.addAttribute("flags", flags);
        model.addAttribute("names", names(flags.stream().map(ValueFlag::accountId).toList()));
        model.addAttribute("margin", margin);
        model.addAttribute("total", values.countLagging(margin));
        model.addAttribute("notComparable", values.countNotComparable());
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, (values.countLagging(margin) + PAGE - 1) / PAGE));
        return "success/knowledge";
    }

    @GetMapping("/value.{format:csv|xlsx}")
    ResponseEntity<byte[]> laggingExport(@PathVariable String format) {
        int margin = settings.current().valueLagMarginPercent();
        List<ValueFlag> flags = values.lagging(margin, Integer.MAX_VALUE, 0);
        Map<Long, String> names = names(flags.stream().map(ValueFlag::accountId).toList());
        return KnowledgeExports.file("value-lagging", format,
                List.of("account_id", "account", "currency", "theoretical", "actual", "lag_percent", "measured_on"),
                flags.stream().map(f -> List.<Object>of(f.accountId(), names.getOrDefault(f.accountId(), ""),
                        f.currency(), f.theoretical(), f.actual(), f.lagPercent(), f.measuredOn().toString())).toList());
    }

    @GetMapping("/stories")
    String stories(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
                   Model model) {
        return storiesPage(q, page, Map.of(), Map.of(), model);
    }

    /** The story library with the new-story form, holding what was typed and each refused field's problem. */
    private String storiesPage(String q, int page, Map<String, String> form, Map<String, String> fieldProblems,
                               Model model) {
        ContainsSearch term = ContainsSearch.searchable(q) ? new ContainsSearch(q) : null;
        int pageNumber = Math.max(1, page);
        List<SuccessStory> list = stories.page(term, PAGE, (long) (pageNumber - 1) * PAGE);
        long total = stories.count(term);
        model.addAttribute("view", "stories");
        model.addAttribute("q", q);
        model.addAttribute("stories", list);
        model.addAttribute("names", names(list.stream().map(SuccessStory::sourceAccountId)
                .filter(java.util.Objects::nonNull).toList()));
        model.addAttribute("total", total);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, (total + PAGE - 1) / PAGE));
        model.addAttribute("form", form);
        model.addAttribute("fieldProblems", fieldProblems);
        return "success/knowledge";
    }

    @GetMapping("/stories.{format:csv|xlsx}")
    ResponseEntity<byte[]> storiesExport(@PathVariable String format) {
        List<SuccessStory> all = stories.page(null, Integer.MAX_VALUE, 0);
        return KnowledgeExports.file("success-stories", format,
                List.of("id", "title", "problem", "approach", "outcome_metric", "before", "after", "unit", "industry",
                        "employee_band", "plan", "features", "playbook", "problem_tags", "source_account_id",
                        "reuse_of_story_id", "created_on"),
                all.stream().map(s -> java.util.Arrays.<Object>asList(s.id(), s.title(), s.problem(), s.approach(),
                        s.outcomeMetric(), s.outcomeBefore(), s.outcomeAfter(), s.outcomeUnit(), s.industry(),
                        s.employeeBand(), s.planName(), String.join(",", s.features()), s.playbook(),
                        String.join(",", s.problemTags()), s.sourceAccountId(), s.reuseOfStoryId(),
                        s.createdOn().toString())).toList());
    }

    @GetMapping("/stories/report")
    String storyReport(Model model) {
        model.addAttribute("view", "report");
        model.addAttribute("perQuarter", reports.perQuarter());
        model.addAttribute("usage", reports.usage());
        model.addAttribute("retention", reports.retention());
        return "success/knowledge";
    }

    @GetMapping("/feedback")
    String feedback(@RequestParam(required = false) Long theme, @RequestParam(defaultValue = "false") boolean unassigned,
                    @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, Model model) {
        ContainsSearch term = ContainsSearch.searchable(q) ? new ContainsSearch(q) : null;
        int pageNumber = Math.max(1, page);
        FeedbackEntries.Page found = entries.page(null, theme, unassigned, term, PAGE, (long) (pageNumber - 1) * PAGE);
        model.addAttribute("view", "feedback");
        model.addAttribute("q", q);
        model.addAttribute("theme", theme);
        model.addAttribute("unassigned", unassigned);
        model.addAttribute("entries", found.entries());
        model.addAttribute("names", names(found.entries().stream().map(FeedbackEntry::accountId).toList()));
        model.addAttribute("themeTitles", themes.all().stream()
                .collect(Collectors.toMap(FeedbackTheme::id, FeedbackTheme::title)));
        model.addAttribute("total", found.total());
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE - 1) / PAGE));
        return "success/knowledge";
    }

    @GetMapping("/feedback/{id}/suggestions")
    String suggestions(@PathVariable long id, Model model) {
        model.addAttribute("entry", entries.get(id));
        model.addAttribute("suggestions", themes.suggestionsFor(entries.get(id).body(), 5));
        return "success/parts :: suggestions";
    }

    @PostMapping("/feedback/{id}/theme")
    String assign(@PathVariable long id, @RequestParam long themeId, @RequestParam int version) {
        FeedbackEntry entry = entries.get(id);
        access.requireAccountWrite(accounts.get(entry.accountId()).ownerUserId());
        themes.get(themeId);
        entries.assignTheme(id, version, themeId);
        audit.record("assign", "feedback", id, entry.accountId(), Map.of("theme", themeId));
        return "redirect:/knowledge/feedback?unassigned=true";
    }

    @GetMapping("/themes")
    String themes(Model model) {
        model.addAttribute("view", "themes");
        model.addAttribute("ranks", themes.ranking(settings.current().rankingCurrency(), List.of()));
        model.addAttribute("mayDecide", access.actor().atLeast(Role.MANAGER));
        model.addAttribute("statuses", FeedbackTheme.STATUSES);
        return "success/knowledge";
    }

    @GetMapping("/themes.{format:csv|xlsx}")
    ResponseEntity<byte[]> themesExport(@PathVariable String format) {
        List<ThemeRank> ranks = themes.ranking(settings.current().rankingCurrency(), List.of());
        return KnowledgeExports.file("feedback-themes", format,
                List.of("theme_id", "title", "status", "shipped_in", "entries", "accounts", "asking_mrr",
                        "churned_mrr", "churns", "currency"),
                ranks.stream().map(r -> java.util.Arrays.<Object>asList(r.theme().id(), r.theme().title(),
                        r.theme().status(), r.theme().shippedIn(), r.entries(), r.accounts(), r.askingMrr(),
                        r.churnedMrr(), r.churns(), r.currency())).toList());
    }

    @PostMapping("/themes/{id}/status")
    String setStatus(@PathVariable long id, @RequestParam String status, @RequestParam(required = false) String shippedIn,
                     @RequestParam int version) {
        access.require(Role.MANAGER);
        if (!FeedbackTheme.STATUSES.contains(status)) {
            throw new org.bansou.web.InvalidFieldException("status", "must be one of " + FeedbackTheme.STATUSES);
        }
        feedback.setStatus(id, version, status, shippedIn == null || shippedIn.isBlank() ? null : shippedIn,
                access.actor().name());
        audit.record("status", "feedback_theme", id, null, Map.of("status", status));
        return "redirect:/knowledge/themes";
    }

    @GetMapping("/detection")
    String detection(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                     Model model) {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusYears(1) : from;
        detectionPage(since, until, model);
        return "success/knowledge";
    }

    private void detectionPage(LocalDate since, LocalDate until, Model model) {
        model.addAttribute("view", "detection");
        model.addAttribute("from", since);
        model.addAttribute("to", until);
        model.addAttribute("lags", events.detectionLags(since, until));
        List<EnvironmentEvents.KindChannelLag> cells = events.detectionLagsByKindAndChannel(since, until);
        model.addAttribute("matrixKinds", cells.stream().map(EnvironmentEvents.KindChannelLag::kind).distinct()
                .sorted().toList());
        model.addAttribute("matrixChannels", cells.stream().map(EnvironmentEvents.KindChannelLag::channel)
                .distinct().sorted().toList());
        model.addAttribute("matrix", cells.stream().collect(Collectors.toMap(c -> c.kind() + "|" + c.channel(),
                Function.identity())));
        model.addAttribute("importColumns", String.join(",", EnvironmentEventImport.COLUMNS));
        model.addAttribute("alertWindow", settings.current().alertWindowDays());
    }

    /** Imports changes from a spreadsheet; a rejected file shows every problem by line and column, with 400. */
    @PostMapping("/detection/import")
    String importEvents(@RequestParam("file") org.springframework.web.multipart.MultipartFile file, Locale locale,
                        Model model, jakarta.servlet.http.HttpServletResponse response,
                        org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        org.bansou.importing.ImportOutcome outcome = imports.importFile(org.bansou.importing.ImportFile.of(
                file.getOriginalFilename(), file::getInputStream), locale);
        if (outcome.imported()) {
            redirect.addFlashAttribute("imported", outcome.inserted());
            return "redirect:/knowledge/detection";
        }
        response.setStatus(400);
        model.addAttribute("outcome", outcome);
        LocalDate today = LocalDate.now(clock);
        detectionPage(today.minusYears(1), today, model);
        return "success/knowledge";
    }

    @GetMapping("/alerts")
    String myAlerts(Model model) {
        Long me = access.actor().userId();
        model.addAttribute("view", "alerts");
        model.addAttribute("alerts", me == null ? List.of() : alerts.forUser(me, 100));
        if (me != null) {
            alerts.looked(me);
        }
        return "success/knowledge";
    }

    /**
     * A CSM writes down a success story from the form. A bad field answers 400 with the form again, as the edit
     * pages do: what was typed kept and the problem beside the field, rather than a redirect that loses the input.
     */
    @PostMapping("/stories")
    String createStory(@RequestParam Map<String, String> form, Model model,
                       jakarta.servlet.http.HttpServletResponse response) {
        access.require(Role.CSM);
        try {
            SuccessStory story = stories.create(Forms.story(form, null, accounts, stories), LocalDate.now(clock),
                    access.actor().name());
            audit.record("create", "success_story", story.id(), story.sourceAccountId(),
                    Map.of("title", story.title()));
            return "redirect:/knowledge/stories";
        } catch (InvalidFieldException problem) {
            response.setStatus(400);
            model.addAttribute("problem", problem.getMessage());
            return storiesPage(null, 1, form, problem.problems().stream().collect(Collectors.toMap(
                    org.bansou.web.ApiProblem.FieldProblem::field, org.bansou.web.ApiProblem.FieldProblem::message,
                    (first, second) -> first)), model);
        }
    }

    /** Logs a request or complaint heard from an account (named by its external id). */
    @PostMapping("/feedback")
    String logFeedback(@RequestParam Map<String, String> form) {
        Account account = accounts.findByExternalId(required(form, "account"))
                .orElseThrow(() -> new InvalidFieldException("account", "is not an account's external id"));
        access.requireAccountWrite(account.ownerUserId());
        String kind = required(form, "kind");
        if (!FeedbackEntry.KINDS.contains(kind)) {
            throw new InvalidFieldException("kind", "must be one of " + FeedbackEntry.KINDS);
        }
        String source = required(form, "source");
        if (!FeedbackEntry.SOURCES.contains(source)) {
            throw new InvalidFieldException("source", "must be one of " + FeedbackEntry.SOURCES);
        }
        java.math.BigDecimal churnedMrr = number(form, "churnedMrr");
        FeedbackEntry entry = feedback.record(new FeedbackEntries.NewFeedback(account.id(), kind, source,
                required(form, "body"), null, date(form, "churnedOn"), null, null,
                churnedMrr == null ? null : churnedMrr.longValueExact(),
                churnedMrr == null ? null : settings.current().rankingCurrency(), LocalDate.now(clock),
                access.actor().name()));
        audit.record("record", "feedback", entry.id(), account.id(), Map.of("kind", kind));
        return "redirect:/knowledge/feedback?unassigned=true";
    }

    /** Appends a value figure to an account from its knowledge page. */
    @PostMapping("/accounts/{id}/value")
    String recordValue(@PathVariable long id, @RequestParam Map<String, String> form) {
        access.requireAccountWrite(accounts.get(id).ownerUserId());
        String kind = required(form, "kind");
        if (!ValueRecord.KINDS.contains(kind)) {
            throw new InvalidFieldException("kind", "must be one of " + ValueRecord.KINDS);
        }
        java.math.BigDecimal amount = requiredNumber(form, "amount");
        if (amount.signum() < 0) {
            throw new InvalidFieldException("amount", "must not be negative");
        }
        String currency = form.getOrDefault("currency", "JPY").strip();
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidFieldException("currency", "must be an ISO 4217 code such as JPY");
        }
        ValueRecord record = values.append(new ValueRecords.NewValue(id, kind, amount.longValueExact(), currency,
                required(form, "basis"), blank(form.get("evidence")), LocalDate.now(clock), access.actor().name()));
        audit.record("record", "value_record", record.id(), id, Map.of("kind", kind));
        return "redirect:/knowledge/accounts/" + id;
    }

    /** A stale edit or a bad field on a form goes back to the page it came from, saying what was refused. */
    @ExceptionHandler({StaleVersionException.class, InvalidFieldException.class})
    String refused(RuntimeException problem, HttpServletRequest request) {
        RequestContextUtils.getOutputFlashMap(request).put("problem", problem.getMessage());
        String back = request.getHeader("Referer");
        return "redirect:" + (back != null && back.contains("/knowledge") ? back : "/knowledge");
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String required(Map<String, String> form, String field) {
        String value = blank(form.get(field));
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    private static java.math.BigDecimal number(Map<String, String> form, String field) {
        String value = blank(form.get(field));
        if (value == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(value.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a number");
        }
    }

    private static java.math.BigDecimal requiredNumber(Map<String, String> form, String field) {
        required(form, field);
        return number(form, field);
    }

    private static LocalDate date(Map<String, String> form, String field) {
        String value = blank(form.get(field));
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date like 2026-06-30");
        }
    }

    private Map<Long, String> names(List<Long> accountIds) {
        return accountIds.isEmpty() ? Map.of() : accounts.segmentsOf(accountIds.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(AccountSegment::id, AccountSegment::name, (a, b) -> a, LinkedHashMap::new));
    }
}
