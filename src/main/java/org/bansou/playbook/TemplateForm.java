package org.bansou.playbook;

import java.util.ArrayList;
import java.util.List;

import org.bansou.account.AccountCodes;
import org.bansou.web.ApiProblem;
import org.bansou.web.InvalidFieldException;

/** A template as written by a manager: its name, stage, and ordered tasks; each problem is named by field. */
record TemplateForm(String code, String name, String description, String stage, String nextStage,
                    boolean startOnSubscription, List<PlaybookTemplate.TaskTemplate> tasks) {

    TemplateForm validated() {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        if (code == null || !code.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
            problems.add(new ApiProblem.FieldProblem("code", "must be 1-60 lower-case letters, digits, - or _"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new ApiProblem.FieldProblem("name", "is required (at most 200 characters)"));
        }
        if (stage == null || !AccountCodes.LIFECYCLE_STAGES.contains(stage)) {
            problems.add(new ApiProblem.FieldProblem("stage", "must be one of " + AccountCodes.LIFECYCLE_STAGES));
        }
        if (nextStage != null && !nextStage.isBlank() && !AccountCodes.LIFECYCLE_STAGES.contains(nextStage)) {
            problems.add(new ApiProblem.FieldProblem("nextStage", "must be empty or one of "
                    + AccountCodes.LIFECYCLE_STAGES));
        }
        if (tasks == null || tasks.isEmpty()) {
            problems.add(new ApiProblem.FieldProblem("tasks", "a template needs at least one task"));
        } else {
            for (int i = 0; i < tasks.size(); i++) {
                PlaybookTemplate.TaskTemplate task = tasks.get(i);
                String field = "tasks[" + i + "]";
                if (task.titleJa() == null || task.titleJa().isBlank()) {
                    problems.add(new ApiProblem.FieldProblem(field + ".titleJa", "is required"));
                }
                if (task.titleEn() == null || task.titleEn().isBlank()) {
                    problems.add(new ApiProblem.FieldProblem(field + ".titleEn", "is required"));
                }
                if (!"customer".equals(task.owner()) && !"cs".equals(task.owner())) {
                    problems.add(new ApiProblem.FieldProblem(field + ".owner", "must be customer or cs"));
                }
                if (task.dueOffsetDays() < 0 || task.dueOffsetDays() > 730) {
                    problems.add(new ApiProblem.FieldProblem(field + ".dueOffsetDays", "must be 0-730 days"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        return new TemplateForm(code, name.strip(), description, stage,
                nextStage == null || nextStage.isBlank() ? null : nextStage, startOnSubscription, tasks.stream()
                .map(t -> new PlaybookTemplate.TaskTemplate(0, t.titleJa().strip(), t.titleEn().strip(), t.owner(),
                        t.dueOffsetDays(), blankToNull(t.howTo()), blankToNull(t.checkEvent())))
                .toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
