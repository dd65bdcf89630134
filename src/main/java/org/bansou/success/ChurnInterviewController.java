package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.bansou.account.Accounts;
import org.bansou.database.StaleVersionException;
import org.bansou.renewal.ChurnRecord;
import org.bansou.renewal.ChurnRecords;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
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
 * Churn interviews: renewal's churn records, which of them have feedback heard from the customer, and a form to log
 * what a churned customer said straight onto its churn record, so the theme it lands in weighs the MRR really lost.
 */
@Controller
@RequestMapping("/knowledge/churns")
class ChurnInterviewController {

    private static final int PAGE = 50;

    private final ChurnRecords churns;
    private final FeedbackEntries entries;
    private final FeedbackThemes themes;
    private final ProductFeedback feedback;
    private final Accounts accounts;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    ChurnInterviewController(ChurnRecords churns, FeedbackEntries entries, FeedbackThemes themes,
                             ProductFeedback feedback, Accounts accounts, AccessRules access, AuditLog audit,
                             Clock clock) {
        this.churns = churns;
        this.entries = entries;
        this.themes = themes;
        this.feedback = feedback;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String list(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                @RequestParam(defaultValue = "1") int page, Model model) {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusYears(1) : from;
        if (since.isAfter(until)) {
            throw new InvalidFieldException("from", "must be on or before to");
        }
        int pageNumber = Math.max(1, page);
        List<ChurnRecord> records = churns.between(since, until, null, pageNumber - 1, PAGE);
        long total = churns.countBetween(since, until, null);
        model.addAttribute("view", "churns");
        model.addAttribute("from", since);
        model.addAttribute("to", until);
        model.addAttribute("churns", records);
        model.addAttribute("heard", entries.countsByChurnRecord(records.stream().map(ChurnRecord::id).toList()));
        model.addAttribute("total", total);
        model.addAttribute("page", pageNumber);
        model.addAttribute("pages", Math.max(1, (total + PAGE - 1) / PAGE));
        return "success/knowledge";
    }

    @GetMapping("/{id}")
    String churn(@PathVariable long id, Model model) {
        return show(churns.get(id), Map.of(), model);
    }

    /** Logs what the churned customer said; a bad field is named on the page with 400, the input kept. */
    @PostMapping("/{id}/feedback")
    String logInterview(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                        HttpServletResponse response, RedirectAttributes redirect) {
        ChurnRecord churn = churns.get(id);
        access.requireAccountWrite(accounts.get(churn.accountId()).ownerUserId());
        try {
            String kind = Forms.required(form, "kind");
            if (!FeedbackEntry.KINDS.contains(kind)) {
                throw new InvalidFieldException("kind", "must be one of " + FeedbackEntry.KINDS);
            }
            Long themeId = Forms.id(form, "themeId");
            LocalDate heardOn = Forms.date(form, "heardOn");
            FeedbackEntry entry = feedback.record(new FeedbackEntries.NewFeedback(churn.accountId(), kind,
                    "churn_interview", Forms.required(form, "body"), themeId, null, null, id, null, null,
                    heardOn == null ? LocalDate.now(clock) : heardOn, access.actor().name()));
            audit.record("record", "feedback", entry.id(), churn.accountId(),
                    Map.of("kind", kind, "churnRecord", id));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/knowledge/churns/" + id;
        } catch (InvalidFieldException | StaleVersionException | org.bansou.database.NotFoundException problem) {
            response.setStatus(problem instanceof StaleVersionException ? 409 : 400);
            model.addAttribute("problem", problem.getMessage());
            return show(churn, form, model);
        }
    }

    private String show(ChurnRecord churn, Map<String, String> form, Model model) {
        model.addAttribute("view", "churn");
        model.addAttribute("churn", churn);
        model.addAttribute("form", form);
        model.addAttribute("entries", entries.page(null, null, false, churn.id(), null, 500, 0).entries());
        model.addAttribute("themes", themes.all());
        model.addAttribute("themeTitles", themes.all().stream()
                .collect(Collectors.toMap(FeedbackTheme::id, FeedbackTheme::title)));
        model.addAttribute("mayWrite", access.mayWriteAccount(accounts.get(churn.accountId()).ownerUserId()));
        return "success/knowledge";
    }
}
