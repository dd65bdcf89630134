package org.bansou.playbook;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages under {@code /playbooks/rules}: the tech-touch rules with how often each fired and what followed, a
 * rule's preview (accounts and MRR it would act on) before it is enabled, its firings, and "run now".
 */
@Controller
@RequestMapping("/playbooks/rules")
class RuleController {

    private final TouchRules rules;
    private final TechTouch techTouch;
    private final PlaybookTemplates templates;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    RuleController(TouchRules rules, TechTouch techTouch, PlaybookTemplates templates, AccessRules access,
                   AuditLog audit, Clock clock) {
        this.rules = rules;
        this.techTouch = techTouch;
        this.templates = templates;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String rules(Model model) {
        model.addAttribute("rules", rules.all());
        model.addAttribute("outcomes", rules.outcomes(LocalDate.now(clock)));
        model.addAttribute("templates", templates.current());
        return "playbook/rules";
    }

    @PostMapping
    String create(@ModelAttribute RuleForm form) {
        access.require(Role.MANAGER);
        TouchRule rule = rules.create(form.validated(), access.actor().name(), clock.instant());
        audit.record("create", "touch_rule", rule.id(), null, Map.of("name", rule.name()));
        return "redirect:/playbooks/rules/" + rule.id();
    }

    @GetMapping("/{id}")
    String rule(@PathVariable long id, Model model) {
        LocalDate today = LocalDate.now(clock);
        TouchRule rule = rules.get(id);
        model.addAttribute("rule", rule);
        model.addAttribute("preview", techTouch.preview(rule, today));
        model.addAttribute("outcome", rules.outcomes(today).get(id));
        model.addAttribute("firings", rules.firingsOf(id, 100));
        model.addAttribute("templates", templates.current());
        return "playbook/rule";
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam int version, @ModelAttribute RuleForm form) {
        access.require(Role.MANAGER);
        rules.update(id, version, form.validated());
        audit.record("update", "touch_rule", id, null, Map.of("version", version + 1));
        return "redirect:/playbooks/rules/" + id;
    }

    @PostMapping("/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam int version, @RequestParam boolean enabled) {
        access.require(Role.MANAGER);
        rules.setEnabled(id, version, enabled);
        audit.record(enabled ? "enable" : "disable", "touch_rule", id, null, Map.of());
        return "redirect:/playbooks/rules/" + id;
    }

    @PostMapping("/{id}/run")
    String runNow(@PathVariable long id, RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        TechTouch.RunResult result = techTouch.run(rules.get(id), LocalDate.now(clock));
        audit.record("run", "touch_rule", id, null, Map.of("fired", result.fired().size(),
                "matching", result.matching()));
        redirect.addFlashAttribute("fired", result.fired().size());
        return "redirect:/playbooks/rules/" + id;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(StaleVersionException.class)
    ModelAndView stale(StaleVersionException e) {
        return PlaybookController.problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(InvalidFieldException.class)
    ModelAndView invalid(InvalidFieldException e) {
        return PlaybookController.problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
