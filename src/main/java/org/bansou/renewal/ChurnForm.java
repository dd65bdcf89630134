package org.bansou.renewal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bansou.web.ApiProblem.FieldProblem;
import org.bansou.web.InvalidFieldException;

/**
 * What a CSM records about a churn: the stated reason from the taxonomy and in the customer's words, who heard
 * it and how (survey or interview), and for a CS-gap churn what help would have got them there.
 */
public record ChurnForm(Long reasonId, String reasonText, String heardVia, String heardBy, String missingHelp) {

    void check(ChurnReason reason, LocalDate churnedOn) {
        List<FieldProblem> problems = new ArrayList<>();
        if (reasonId == null) {
            problems.add(new FieldProblem("reasonId", "is required: pick the reason from the taxonomy"));
        } else if (reason != null && (churnedOn.isBefore(reason.availableFrom())
                || reason.retiredOn() != null && !churnedOn.isBefore(reason.retiredOn()))) {
            problems.add(new FieldProblem("reasonId", "'" + reason.code() + "' could not be chosen on " + churnedOn));
        }
        if (!"survey".equals(heardVia) && !"interview".equals(heardVia)) {
            problems.add(new FieldProblem("heardVia", "must be survey or interview"));
        }
        if (reasonText != null && reasonText.length() > 4000) {
            problems.add(new FieldProblem("reasonText", "is longer than 4000 characters"));
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
    }
}
