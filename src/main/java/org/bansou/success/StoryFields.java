package org.bansou.success;

import java.math.BigDecimal;
import java.util.List;

/** The editable fields of a success story, as a CSM writes them. */
public record StoryFields(String title, String problem, String approach, String outcomeMetric,
                          BigDecimal outcomeBefore, BigDecimal outcomeAfter, String outcomeUnit, String industry,
                          String employeeBand, String planName, List<String> features, String playbook,
                          List<String> problemTags, Long sourceAccountId, Long reuseOfStoryId) {

    public StoryFields {
        features = features == null ? List.of() : features.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        problemTags = problemTags == null ? List.of()
                : problemTags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /** Tags typed as one line, separated by commas or Japanese commas. */
    static List<String> tags(String line) {
        return line == null ? List.of() : List.of(line.split("[,、，]")).stream().map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }
}
