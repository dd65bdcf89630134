package org.bansou.success;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.bansou.account.Account;
import org.bansou.account.AccountCodes;
import org.bansou.account.Accounts;
import org.bansou.database.StaleVersionException;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.InvalidFieldException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge edit pages: a success story, an account's value formula, its costs of ownership, and the knowledge
 * settings. A refused save comes back to the same form with what was typed, the field named, and 400 — or 409
 * when someone saved in between, so nothing is silently overwritten.
 */
@Controller
@RequestMapping("/knowledge")
class KnowledgeEditsController {

    private final SuccessStories stories;
    private final ValueFormulas formulas;
    private final ValueMeasurement measurement;
    private final OwnershipCosts costs;
    private final AccountValue accountValue;
    private final KnowledgeSettings settings;
    private final Accounts accounts;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    KnowledgeEditsController(SuccessStories stories, ValueFormulas formulas, ValueMeasurement measurement,
                             OwnershipCosts costs, AccountValue accountValue, KnowledgeSettings settings,
                             Accounts accounts, AccessRules access, AuditLog audit, Clock clock) {
        this.stories = stories;
        this.formulas = formulas;
        this.measurement = measurement;
        this.costs = costs;
        this.accountValue = accountValue;
        this.settings = settings;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a refused form shows: the field named, 400 for a bad field, 409 for a stale version. */
    private static String refused(RuntimeException problem, Model model, HttpServletResponse response) {
        response.setStatus(problem instanceof StaleVersionException ? 409 : 400);
        model.addAttribute("problem", problem.getMessage());
        model.addAttribute("stale", problem instanceof StaleVersionException);
        return "success/edit";
    }

    // ---- success story

    @GetMapping("/stories/{id}/edit")
    String story(@PathVariable long id, Model model) {
        SuccessStory story = stories.get(id);
        Map<String, String> form = new HashMap<>();
        form.put("title", story.title());
        form.put("problem", story.problem());
        form.put("approach", story.approach());
        form.put("outcomeMetric", story.outcomeMetric());
        form.put("outcomeBefore", story.outcomeBefore().stripTrailingZeros().toPlainString());
        form.put("outcomeAfter", story.outcomeAfter().stripTrailingZeros().toPlainString());
        form.put("outcomeUnit", story.outcomeUnit());
        form.put("industry", story.industry());
        form.put("employeeBand", story.employeeBand());
        form.put("planName", story.planName());
        form.put("features", String.join(", ", story.features()));
        form.put("playbook", story.playbook());
        form.put("problemTags", String.join(", ", story.problemTags()));
        form.put("sourceAccount", story.sourceAccountId() == null ? null
                : accounts.findById(story.sourceAccountId()).map(Account::externalId).orElse(null));
        form.put("reuseOfStoryId", story.reuseOfStoryId() == null ? null : story.reuseOfStoryId().toString());
        form.put("version", Integer.toString(story.version()));
        return storyPage(story, form, model);
    }

    private String storyPage(SuccessStory story, Map<String, String> form, Model model) {
        model.addAttribute("view", "story");
        model.addAttribute("story", story);
        model.addAttribute("form", form);
        model.addAttribute("bands", AccountCodes.EMPLOYEE_BANDS);
        return "success/edit";
    }

    @PostMapping("/stories/{id}")
    String saveStory(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                     HttpServletResponse response, RedirectAttributes redirect) {
        access.require(Role.CSM);
        SuccessStory before = stories.get(id);
        try {
            StoryFields fields = Forms.story(form, id, accounts, stories);
            SuccessStory saved = stories.update(id, Forms.version(form), fields);
            audit.record("update", "success_story", id, saved.sourceAccountId(), Map.of("title", saved.title(),
                    "via", "page"));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/knowledge/stories/" + id + "/edit";
        } catch (InvalidFieldException | StaleVersionException problem) {
            storyPage(before, form, model);
            return refused(problem, model, response);
        }
    }

    // ---- value formula

    @GetMapping("/accounts/{id}/formula")
    String formula(@PathVariable long id, Model model) {
        Account account = accounts.get(id);
        Map<String, String> form = new HashMap<>();
        formulas.forAccount(id).ifPresentOrElse(f -> {
            form.put("event", f.event());
            form.put("minutesPerEvent", f.minutesPerEvent().stripTrailingZeros().toPlainString());
            form.put("hourlyCost", Long.toString(f.hourlyCost()));
            form.put("currency", f.currency());
            form.put("version", Integer.toString(f.version()));
        }, () -> {
            form.put("currency", settings.current().rankingCurrency());
            form.put("version", "0");
        });
        return formulaPage(account, form, model);
    }

    private String formulaPage(Account account, Map<String, String> form, Model model) {
        model.addAttribute("view", "formula");
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("formula", formulas.forAccount(account.id()).orElse(null));
        model.addAttribute("mayWrite", access.mayWriteAccount(account.ownerUserId()));
        model.addAttribute("lastMonth", YearMonth.now(clock).minusMonths(1));
        return "success/edit";
    }

    @PostMapping("/accounts/{id}/formula")
    String saveFormula(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        access.requireAccountWrite(account.ownerUserId());
        try {
            BigDecimal minutes = Forms.requiredNumber(form, "minutesPerEvent");
            if (minutes.signum() <= 0) {
                throw new InvalidFieldException("minutesPerEvent", "must be above 0");
            }
            long hourlyCost = Forms.amount(form, "hourlyCost");
            if (hourlyCost < 1) {
                throw new InvalidFieldException("hourlyCost", "must be 1 or more (minor units per hour)");
            }
            ValueFormula saved = formulas.set(id, Forms.version(form), Forms.required(form, "event"), minutes,
                    hourlyCost, Forms.currency(form, "currency"), access.actor().name());
            audit.record("update", "value_formula", id, id, Map.of("event", saved.event(), "via", "page"));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/knowledge/accounts/" + id + "/formula";
        } catch (InvalidFieldException | StaleVersionException problem) {
            formulaPage(account, form, model);
            return refused(problem, model, response);
        }
    }

    /** Measures a month's actual value from usage by the formula, appending it as an actual value record. */
    @PostMapping("/accounts/{id}/value-measurements")
    String measure(@PathVariable long id, @RequestParam(required = false) YearMonth month, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        access.requireAccountWrite(account.ownerUserId());
        YearMonth measured = month == null ? YearMonth.now(clock).minusMonths(1) : month;
        try {
            ValueRecord record = measurement.measure(id, measured, access.actor().name());
            audit.record("measure", "value_record", record.id(), id, Map.of("month", measured.toString()));
            redirect.addFlashAttribute("measured", record);
            return "redirect:/knowledge/accounts/" + id + "/formula";
        } catch (InvalidFieldException problem) {
            formula(id, model);
            return refused(problem, model, response);
        }
    }

    // ---- costs of ownership

    @GetMapping("/accounts/{id}/costs")
    String costs(@PathVariable long id, Model model) {
        Map<String, String> form = new HashMap<>();
        form.put("kind", "running_monthly");
        form.put("currency", settings.current().rankingCurrency());
        return costsPage(accounts.get(id), form, model);
    }

    private String costsPage(Account account, Map<String, String> form, Model model) {
        model.addAttribute("view", "costs");
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("costs", costs.forAccount(account.id()));
        model.addAttribute("value", accountValue.of(account.id()));
        model.addAttribute("kinds", OwnershipCost.KINDS);
        model.addAttribute("mayWrite", access.mayWriteAccount(account.ownerUserId()));
        return "success/edit";
    }

    /** Appends a cost; costs are history, so a new running cost replaces the earlier one from its day on. */
    @PostMapping("/accounts/{id}/costs")
    String addCost(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        access.requireAccountWrite(account.ownerUserId());
        try {
            String kind = Forms.required(form, "kind");
            if (!OwnershipCost.KINDS.contains(kind)) {
                throw new InvalidFieldException("kind", "must be one of " + String.join(", ", OwnershipCost.KINDS));
            }
            long amount = Forms.amount(form, "amount");
            String currency = Forms.currency(form, "currency");
            String note = Forms.optional(form, "note");
            if (note != null && note.length() > 2000) {
                throw new InvalidFieldException("note", "is longer than 2,000 characters");
            }
            LocalDate on = Forms.date(form, "recordedOn");
            OwnershipCost cost = costs.append(id, kind, amount, currency, note, on == null ? LocalDate.now(clock) : on,
                    access.actor().name());
            audit.record("record", "ownership_cost", cost.id(), id, Map.of("kind", kind, "via", "page"));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/knowledge/accounts/" + id + "/costs";
        } catch (InvalidFieldException problem) {
            costsPage(account, form, model);
            return refused(problem, model, response);
        }
    }

    // ---- settings

    @GetMapping("/settings")
    String settings(Model model) {
        KnowledgeSetting current = settings.current();
        Map<String, String> form = new HashMap<>();
        form.put("valueLagMarginPercent", Integer.toString(current.valueLagMarginPercent()));
        form.put("rankingCurrency", current.rankingCurrency());
        form.put("alertWindowDays", Integer.toString(current.alertWindowDays()));
        form.put("version", Integer.toString(current.version()));
        return settingsPage(current, form, model);
    }

    private String settingsPage(KnowledgeSetting current, Map<String, String> form, Model model) {
        model.addAttribute("view", "settings");
        model.addAttribute("setting", current);
        model.addAttribute("form", form);
        model.addAttribute("mayDecide", access.actor().atLeast(Role.MANAGER));
        return "success/edit";
    }

    @PostMapping("/settings")
    String saveSettings(@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        try {
            int margin = whole(form, "valueLagMarginPercent", 0, 100);
            int window = whole(form, "alertWindowDays", 0, 3650);
            KnowledgeSetting saved = settings.save(Forms.version(form), margin,
                    Forms.currency(form, "rankingCurrency"), window, access.actor().name());
            audit.record("update", "knowledge_setting", 1, null, Map.of("margin", saved.valueLagMarginPercent(),
                    "alertWindowDays", saved.alertWindowDays(), "via", "page"));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/knowledge/settings";
        } catch (InvalidFieldException | StaleVersionException problem) {
            settingsPage(settings.current(), form, model);
            return refused(problem, model, response);
        }
    }

    private static int whole(Map<String, String> form, String field, int min, int max) {
        BigDecimal value = Forms.requiredNumber(form, field);
        if (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.valueOf(min)) < 0
                || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidFieldException(field, "must be a whole number from " + min + " to " + max);
        }
        return value.intValueExact();
    }
}
