package org.bansou.account;

import java.util.List;

/** The codes an account's fields take, as stored and as written in import files. */
public final class AccountCodes {

    public static final List<String> EMPLOYEE_BANDS = List.of("1-9", "10-49", "50-249", "250-999", "1000+");
    public static final List<String> DECISION_STYLES = List.of("top_down", "bottom_up");
    public static final List<String> TOUCH_TIERS = List.of("high", "low", "tech");
    public static final List<String> LIFECYCLE_STAGES = List.of("onboarding", "adoption", "retention", "renewal");
    public static final List<String> CHANNELS = List.of("email", "phone", "chat", "meeting", "letter");
    public static final List<String> ENVIRONMENT_KINDS = List.of("key_person_left", "new_decision_maker",
            "budget_cut", "budget_increase", "merger", "reorganization", "regulatory_change", "other");
    public static final List<String> DETECTED_VIA = List.of("meeting", "email", "phone", "usage_signal", "news",
            "survey", "other");

    private AccountCodes() {
    }
}
