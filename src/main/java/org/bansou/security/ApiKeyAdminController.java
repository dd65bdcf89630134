package org.bansou.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin: API keys for machines (usage ingestion, reading, administration). A new key's secret is shown in
 * the answer to the issuing request only; bansou keeps its hash, so it can never be shown again.
 */
@Controller
@RequestMapping("/admin/api-keys")
class ApiKeyAdminController {

    private final ApiKeys keys;
    private final AuditLog audit;
    private final AccessRules access;

    ApiKeyAdminController(ApiKeys keys, AuditLog audit, AccessRules access) {
        this.keys = keys;
        this.audit = audit;
        this.access = access;
    }

    @GetMapping
    String apiKeys(Model model) {
        access.require(Role.ADMIN);
        return show(NewApiKeyForm.empty(), model);
    }

    @PostMapping
    @Transactional
    String issueKey(@ModelAttribute("form") NewApiKeyForm form, BindingResult errors, Model model,
                    HttpServletResponse response) {
        access.require(Role.ADMIN);
        form.check(errors);
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(form, model);
        }
        ApiKeys.IssuedKey issued = keys.issue(form.name().trim(), form.scopeValue(), access.actor().userId());
        audit.record("api_key.issue", "api_key", issued.key().id(), null,
                Map.of("name", issued.key().name(), "scope", issued.key().scope(), "prefix", issued.key().prefix()));
        // the secret is in this answer only: no cache may keep it
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("issued", issued);
        return show(NewApiKeyForm.empty(), model);
    }

    @PostMapping("/{id}/revoke")
    @Transactional
    String revokeKey(@PathVariable long id, RedirectAttributes redirect) {
        access.require(Role.ADMIN);
        if (keys.revoke(id)) {
            audit.record("api_key.revoke", "api_key", id, null, Map.of());
            redirect.addFlashAttribute("revoked", true);
        }
        return "redirect:/admin/api-keys";
    }

    private String show(NewApiKeyForm form, Model model) {
        model.addAttribute("keys", keys.all());
        model.addAttribute("form", form);
        model.addAttribute("scopes", ApiKeys.Scope.values());
        return "security/api-keys";
    }
}
