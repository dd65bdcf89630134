package org.bansou.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin: the people who sign in, and adding one with a role and a first password. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

    private final AppUsers users;
    private final AuditLog audit;
    private final AccessRules access;

    UserAdminController(AppUsers users, AuditLog audit, AccessRules access) {
        this.users = users;
        this.audit = audit;
        this.access = access;
    }

    @GetMapping
    String users(Model model) {
        access.require(Role.ADMIN);
        return show(NewUserForm.empty(), model);
    }

    @PostMapping
    @Transactional
    String createUser(@ModelAttribute("form") NewUserForm form, BindingResult errors, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        access.require(Role.ADMIN);
        form.check(errors, form.username() != null && users.findByUsername(form.username().trim()).isPresent());
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(form, model);
        }
        AppUser created = users.create(form.cleanUsername(), form.displayName().trim(), form.cleanEmail(),
                Role.fromCode(form.role()), form.password());
        // the password itself never reaches the log
        audit.record("user.create", "app_user", created.id(), null,
                Map.of("username", created.username(), "role", created.role()));
        redirect.addFlashAttribute("created", created.username());
        return "redirect:/admin/users";
    }

    private String show(NewUserForm form, Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("form", form);
        model.addAttribute("roles", Role.values());
        model.addAttribute("minPasswordLength", NewUserForm.MIN_PASSWORD_LENGTH);
        return "security/users";
    }
}
