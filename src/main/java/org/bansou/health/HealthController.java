package org.bansou.health;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.database.StaleVersionException;
import org.bansou.importing.ImportFile;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.web.InvalidFieldException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages under {@code /health}: the models and today's bands, the model designer (every save a new version),
 * the CSMs' "moved to poor" list with its exports, and an account's score, reasons and history, as a page or
 * as the fragment the account page includes with htmx.
 */
@Controller
@RequestMapping("/health")
class HealthController {

    private static final int PAGE_SIZE = 50;
    private static final int BLANK_ROWS = 3;

    private final HealthModels models;
    private final HealthScores scores;
    private final HealthScoring scoring;
    private final HealthSignals signals;
    private final HealthExplanations explanations;
    private final MovedToPoorExport export;
    private final Accounts accounts;
    private final AppUsers users;
    private final Clock clock;

    HealthController(HealthModels models, HealthScores scores, HealthScoring scoring, HealthSignals signals,
                     HealthExplanations explanations, MovedToPoorExport export, Accounts accounts, AppUsers users,
                     Clock clock) {
        this.models = models;
        this.scores = scores;
        this.scoring = scoring;
        this.signals = signals;
        this.explanations = explanations;
        this.export = export;
        this.accounts = accounts;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping
    String overview(Model model) {
        List<HealthModel> current = models.current();
        List<HealthModel> order = scoring.winningOrder();
        Map<Long, Integer> rank = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i).id(), i + 1);
        }
        model.addAttribute("models", current);
        model.addAttribute("rank", rank);
        model.addAttribute("bands", scores.bandCounts());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("signalColumns", String.join(",", HealthSignals.COLUMNS));
        return "health/overview";
    }

    @PostMapping("/scores")
    String scoreNow(@RequestParam(required = false) LocalDate day, RedirectAttributes redirect) {
        HealthScoring.Run run = scoring.scoreOnDemand(day == null ? LocalDate.now(clock) : day);
        redirect.addFlashAttribute("run", run);
        return "redirect:/health";
    }

    @PostMapping("/signals")
    String importSignals(@RequestParam("file") MultipartFile file, Locale locale, RedirectAttributes redirect)
            throws IOException {
        byte[] bytes = file.getBytes();
        HealthSignals.Imported imported = signals.importFile(ImportFile.of(file.getOriginalFilename(), bytes), locale);
        redirect.addFlashAttribute("signalsImported", imported);
        return "redirect:/health";
    }

    @GetMapping("/models/new")
    String newModel(@RequestParam(defaultValue = "" + BLANK_ROWS) int rows, Model model) {
        model.addAttribute("model", null);
        model.addAttribute("form", Map.of("name", "", "touchTier", "", "planCode", "", "industry", "",
                "priority", "0", "goodFrom", "70", "poorBelow", "40"));
        model.addAttribute("rows", DesignerRows.blank(Math.max(1, Math.min(rows, 500))));
        return designer(model);
    }

    @GetMapping("/models/{id}")
    String editModel(@PathVariable long id, @RequestParam(defaultValue = "" + BLANK_ROWS) int rows, Model model) {
        HealthModel current = models.get(id);
        model.addAttribute("model", current);
        model.addAttribute("form", formOf(current));
        model.addAttribute("rows", DesignerRows.of(current.components(), Math.max(0, Math.min(rows, 500))));
        model.addAttribute("versions", models.versions(id));
        return designer(model);
    }

    @PostMapping("/models")
    String create(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        List<Map<String, String>> rows = DesignerRows.posted(form);
        try {
            HealthModel created = models.create(DesignerRows.form(form, rows));
            return "redirect:/health/models/" + created.id();
        } catch (InvalidFieldException invalid) {
            response.setStatus(400);
            model.addAttribute("model", null);
            return again(form, rows, invalid, model);
        }
    }

    @PostMapping("/models/{id}")
    String edit(@PathVariable long id, @RequestParam int version, @RequestParam MultiValueMap<String, String> form,
                Model model, HttpServletResponse response) {
        List<Map<String, String>> rows = DesignerRows.posted(form);
        HealthModel current = models.get(id);
        model.addAttribute("model", current);
        model.addAttribute("versions", models.versions(id));
        try {
            models.edit(id, version, DesignerRows.form(form, rows));
            return "redirect:/health/models/" + id;
        } catch (InvalidFieldException invalid) {
            response.setStatus(400);
            return again(form, rows, invalid, model);
        } catch (StaleVersionException stale) {
            response.setStatus(409);
            model.addAttribute("stale", stale.currentVersion());
            return again(form, rows, null, model);
        }
    }

    private String again(MultiValueMap<String, String> form, List<Map<String, String>> rows,
                         InvalidFieldException invalid, Model model) {
        model.addAttribute("form", form.toSingleValueMap());
        rows.addAll(DesignerRows.blank(1));
        model.addAttribute("rows", rows);
        model.addAttribute("problems", invalid == null ? List.of() : invalid.problems());
        return designer(model);
    }

    private String designer(Model model) {
        model.addAttribute("metrics", HealthMetric.values());
        model.addAttribute("directions", HealthComponent.Direction.values());
        model.addAttribute("industries", accounts.industries());
        return "health/designer";
    }

    private static Map<String, String> formOf(HealthModel m) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", m.name());
        form.put("touchTier", m.touchTier() == null ? "" : m.touchTier());
        form.put("planCode", m.planCode() == null ? "" : m.planCode());
        form.put("industry", m.industry() == null ? "" : m.industry());
        form.put("priority", Integer.toString(m.priority()));
        form.put("goodFrom", m.goodFrom().stripTrailingZeros().toPlainString());
        form.put("poorBelow", m.poorBelow().stripTrailingZeros().toPlainString());
        form.put("archived", Boolean.toString(m.archived()));
        return form;
    }

    /** The accounts that moved into poor, by default in the last 7 days, for one owner or all. */
    @GetMapping("/moved-to-poor")
    String movedToPoor(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                       @RequestParam(required = false) Long owner, @RequestParam(defaultValue = "0") int page,
                       Model model) {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusDays(6) : from;
        HealthScores.MovedPage moved = scores.movedToPoor(since, until, owner, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("moved", moved);
        model.addAttribute("from", since);
        model.addAttribute("to", until);
        model.addAttribute("owner", owner);
        model.addAttribute("owners", users.accountOwners());
        model.addAttribute("ownerNames", ownerNames());
        return "health/moved";
    }

    @GetMapping("/moved-to-poor.csv")
    void movedToPoorCsv(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                        @RequestParam(required = false) Long owner, Locale locale, HttpServletResponse response)
            throws IOException {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusDays(6) : from;
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"moved-to-poor-" + until + ".csv\"");
        export.csv(scores.movedToPoor(since, until, owner, 0, 0).rows(), ownerNames(), locale,
                response.getOutputStream());
    }

    @GetMapping("/moved-to-poor.xlsx")
    void movedToPoorXlsx(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                         @RequestParam(required = false) Long owner, Locale locale, HttpServletResponse response)
            throws IOException {
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusDays(6) : from;
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"moved-to-poor-" + until + ".xlsx\"");
        export.xlsx(scores.movedToPoor(since, until, owner, 0, 0).rows(), ownerNames(), locale,
                response.getOutputStream());
    }

    private Map<Long, String> ownerNames() {
        return users.all().stream().collect(Collectors.toMap(AppUser::id, AppUser::displayName, (a, b) -> a));
    }

    /** An account's health; the fragment alone when htmx asks for it (the account page includes it). */
    @GetMapping("/accounts/{id}")
    String accountHealth(@PathVariable long id, @RequestParam(defaultValue = "365") int days,
                         @RequestHeader(name = "HX-Request", required = false) String htmx, Locale locale,
                         Model model) {
        Account account = accounts.get(id);
        LocalDate to = LocalDate.now(clock);
        int span = Math.max(30, Math.min(days, 1100));
        List<HealthScores.ScorePoint> history = scores.history(id, to.minusDays(span - 1L), to);
        model.addAttribute("account", account);
        model.addAttribute("days", span);
        model.addAttribute("explained", scores.latest(id).map(s -> explanations.explain(s, locale)).orElse(null));
        model.addAttribute("modelNames", models.current().stream()
                .collect(Collectors.toMap(HealthModel::id, HealthModel::name, (a, b) -> a)));
        model.addAttribute("signals", signals.latestFor(id, 10));
        model.addAttribute("chart", Map.of(
                "days", history.stream().map(p -> p.day().toString()).toList(),
                "scores", history.stream().map(HealthScores.ScorePoint::score).map(BigDecimal::doubleValue).toList(),
                "bands", history.stream().map(HealthScores.ScorePoint::band).toList()));
        return htmx != null ? "health/account-health :: health" : "health/account";
    }

}
