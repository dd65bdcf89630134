package org.bansou.success;

import java.util.List;

/**
 * A success story scored for one account: 3 for the same industry, 2 for the same size, 1 for the same plan and
 * 1 per shared problem tag; the parts are kept so the reason can be shown ("same industry (建設業), same size 10-49").
 */
public record StoryMatch(SuccessStory story, int score, String sameIndustry, String sameBand, String samePlan,
                         List<String> sharedTags, long timesUsed) {
}
