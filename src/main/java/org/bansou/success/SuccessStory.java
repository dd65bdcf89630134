package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A success story: the customer's problem, our approach and the measured outcome (metric, before, after), with
 * who it fits (industry, size, plan), what it used (features, playbook), where it came from and whether it is a
 * new pattern or a reuse of an earlier story.
 */
public record SuccessStory(long id, String title, String problem, String approach, String outcomeMetric,
                           BigDecimal outcomeBefore, BigDecimal outcomeAfter, String outcomeUnit, String industry,
                           String employeeBand, String planName, List<String> features, String playbook,
                           List<String> problemTags, Long sourceAccountId, Long reuseOfStoryId, LocalDate createdOn,
                           String createdBy, int version) {

    public boolean newPattern() {
        return reuseOfStoryId == null;
    }
}
