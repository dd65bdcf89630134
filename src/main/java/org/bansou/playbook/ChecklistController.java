package org.bansou.playbook;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer's checklist: who does what by when, read-only, opened without signing in through the run's
 * share link ({@code /share/checklists/<token>}); it shows that one run and nothing else of the account.
 */
@Controller
class ChecklistController {

    private final PlaybookRuns runs;
    private final Clock clock;

    ChecklistController(PlaybookRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @GetMapping("/share/checklists/{token}")
    String checklist(@PathVariable String token, Model model) {
        LocalDate today = LocalDate.now(clock);
        PlaybookRun run = runs.byShareToken(token, today)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("run", run);
        model.addAttribute("tasks", runs.tasksOf(run.id()));
        model.addAttribute("today", today);
        return "playbook/checklist";
    }
}
