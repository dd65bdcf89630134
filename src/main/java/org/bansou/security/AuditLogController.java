package org.bansou.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin: who changed what and when, newest first, page by page. */
@Controller
@RequestMapping("/admin/audit")
class AuditLogController {

    private static final int PAGE_SIZE = 50;

    private final AuditLog audit;
    private final AccessRules access;

    AuditLogController(AuditLog audit, AccessRules access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping
    String auditLog(@RequestParam(defaultValue = "1") int page, Model model) {
        access.require(Role.ADMIN);
        int pageNumber = Math.max(1, page);
        model.addAttribute("log", audit.page(pageNumber - 1, PAGE_SIZE));
        model.addAttribute("pageNumber", pageNumber);
        return "security/audit";
    }
}
