package org.bansou.playbook;

import java.time.Instant;

/**
 * A tech-touch rule: a condition (stage, tier, and one signal such as "no activity for N days") and one action
 * (a task for the owner, a playbook, or an email), done once per account and condition episode.
 */
public record TouchRule(long id, String name, String stage, String touchTier, String signal, Integer signalDays,
                        String action, String taskTitle, int taskDueDays, String templateCode, String mailLanguage,
                        String mailSubject, String mailBody, boolean enabled, int version, String createdBy,
                        Instant createdAt) {

    public static final java.util.List<String> SIGNALS = java.util.List.of("none", "band_poor", "inactive",
            "renewal_due", "key_person_left");
    public static final java.util.List<String> ACTIONS = java.util.List.of("task", "playbook", "email");
}
