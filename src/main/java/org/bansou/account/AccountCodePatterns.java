package org.bansou.account;

/**
 * The codes of {@link AccountCodes} as regular expressions with their messages, for Bean Validation on API
 * requests: annotation values must be constants. {@code AccountCodePatternsTests} keeps the two in step.
 */
final class AccountCodePatterns {

    static final String EMPLOYEE_BAND = "1-9|10-49|50-249|250-999|1000\\+";
    static final String EMPLOYEE_BAND_MESSAGE = "must be one of 1-9, 10-49, 50-249, 250-999, 1000+";
    static final String DECISION_STYLE = "top_down|bottom_up";
    static final String DECISION_STYLE_MESSAGE = "must be one of top_down, bottom_up";
    static final String TOUCH_TIER = "high|low|tech";
    static final String TOUCH_TIER_MESSAGE = "must be one of high, low, tech";
    static final String LIFECYCLE_STAGE = "onboarding|adoption|retention|renewal";
    static final String LIFECYCLE_STAGE_MESSAGE = "must be one of onboarding, adoption, retention, renewal";
    static final String CHANNEL = "email|phone|chat|meeting|letter";
    static final String CHANNEL_MESSAGE = "must be one of email, phone, chat, meeting, letter";
    static final String ENVIRONMENT_KIND = "key_person_left|new_decision_maker|budget_cut|budget_increase|merger"
            + "|reorganization|regulatory_change|other";
    static final String ENVIRONMENT_KIND_MESSAGE = "must be one of key_person_left, new_decision_maker, budget_cut,"
            + " budget_increase, merger, reorganization, regulatory_change, other";
    static final String DETECTED_VIA = "meeting|email|phone|usage_signal|news|survey|other";
    static final String DETECTED_VIA_MESSAGE = "must be one of meeting, email, phone, usage_signal, news, survey,"
            + " other";
    static final String ACCOUNT_SORT = "name|-name|industry|stage|tier|owner|created|-created";
    static final String ACCOUNT_SORT_MESSAGE = "must be one of name, -name, industry, stage, tier, owner, created,"
            + " -created";

    private AccountCodePatterns() {
    }
}
