package org.bansou.playbook;

import java.util.ArrayList;
import java.util.List;

import org.bansou.account.AccountCodes;
import org.bansou.web.ApiProblem;
import org.bansou.web.InvalidFieldException;

/** A rule as a manager writes it; every problem is named by its field. */
record RuleForm(String name, String stage, String touchTier, String signal, Integer signalDays, String action,
                String taskTitle, Integer taskDueDays, String templateCode, String mailLanguage, String mailSubject,
                String mailBody) {

    RuleForm validated() {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        if (blank(name)) {
            problems.add(new ApiProblem.FieldProblem("name", "is required"));
        }
        if (!blank(stage) && !AccountCodes.LIFECYCLE_STAGES.contains(stage)) {
            problems.add(new ApiProblem.FieldProblem("stage", "must be empty or one of " + AccountCodes.LIFECYCLE_STAGES));
        }
        if (!blank(touchTier) && !AccountCodes.TOUCH_TIERS.contains(touchTier)) {
            problems.add(new ApiProblem.FieldProblem("touchTier", "must be empty or one of " + AccountCodes.TOUCH_TIERS));
        }
        String theSignal = blank(signal) ? "none" : signal;
        if (!TouchRule.SIGNALS.contains(theSignal)) {
            problems.add(new ApiProblem.FieldProblem("signal", "must be one of " + TouchRule.SIGNALS));
        } else if (List.of("inactive", "renewal_due", "key_person_left").contains(theSignal)
                   && (signalDays == null || signalDays < 1 || signalDays > 3650)) {
            problems.add(new ApiProblem.FieldProblem("signalDays", "must be 1-3650 days for " + theSignal));
        }
        if (!TouchRule.ACTIONS.contains(action)) {
            problems.add(new ApiProblem.FieldProblem("action", "must be one of " + TouchRule.ACTIONS));
        } else {
            switch (action) {
                case "task" -> {
                    if (blank(taskTitle)) {
                        problems.add(new ApiProblem.FieldProblem("taskTitle", "is required for a task"));
                    }
                }
                case "playbook" -> {
                    if (blank(templateCode)) {
                        problems.add(new ApiProblem.FieldProblem("templateCode", "is required to start a playbook"));
                    }
                }
                default -> {
                    if (blank(mailSubject)) {
                        problems.add(new ApiProblem.FieldProblem("mailSubject", "is required for an email"));
                    }
                    if (blank(mailBody)) {
                        problems.add(new ApiProblem.FieldProblem("mailBody", "is required for an email"));
                    }
                }
            }
        }
        if (!blank(mailLanguage) && !List.of("ja", "en").contains(mailLanguage)) {
            problems.add(new ApiProblem.FieldProblem("mailLanguage", "must be ja or en"));
        }
        if (taskDueDays != null && (taskDueDays < 0 || taskDueDays > 365)) {
            problems.add(new ApiProblem.FieldProblem("taskDueDays", "must be 0-365"));
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        return new RuleForm(name.strip(), orNull(stage), orNull(touchTier), theSignal,
                "none".equals(theSignal) || "band_poor".equals(theSignal) ? null : signalDays, action,
                orNull(taskTitle), taskDueDays == null ? 3 : taskDueDays, orNull(templateCode),
                blank(mailLanguage) ? "ja" : mailLanguage, orNull(mailSubject), orNull(mailBody));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String orNull(String text) {
        return blank(text) ? null : text.strip();
    }
}
