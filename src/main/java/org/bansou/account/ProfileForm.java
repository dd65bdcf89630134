package org.bansou.account;

import java.util.Collection;
import java.util.List;

import org.springframework.validation.Errors;

/**
 * The profile form on the account page, with the {@code version} the person started from, so a save over
 * someone else's newer change is refused instead of silently undoing it.
 */
record ProfileForm(String name, String industry, String employeeBand, String decisionStyle, Long ownerUserId,
                   String touchTier, String lifecycleStage, Integer version) {

    static ProfileForm of(Account account) {
        return new ProfileForm(account.name(), account.industry(), account.employeeBand(),
                account.decisionStyle(), account.ownerUserId(), account.touchTier(), account.lifecycleStage(),
                account.version());
    }

    /** The same typed values, to be saved over the stored row at {@code storedVersion}. */
    ProfileForm basedOn(int storedVersion) {
        return new ProfileForm(name, industry, employeeBand, decisionStyle, ownerUserId, touchTier,
                lifecycleStage, storedVersion);
    }

    AccountProfile profile() {
        return new AccountProfile(trimmed(name), trimmed(industry), trimmed(employeeBand), trimmed(decisionStyle),
                ownerUserId, trimmed(touchTier), trimmed(lifecycleStage));
    }

    /** Checks what the database would refuse or a person would regret; {@code owners} may own accounts. */
    void check(Errors errors, Collection<Long> owners, Long currentOwner) {
        if (trimmed(name) == null) {
            errors.rejectValue("name", "account.profile.error.required");
        } else if (name.trim().length() > 200) {
            errors.rejectValue("name", "account.profile.error.tooLong", new Object[] {200}, null);
        }
        if (industry != null && industry.trim().length() > 100) {
            errors.rejectValue("industry", "account.profile.error.tooLong", new Object[] {100}, null);
        }
        optionalCode(errors, "employeeBand", employeeBand, AccountCodes.EMPLOYEE_BANDS);
        optionalCode(errors, "decisionStyle", decisionStyle, AccountCodes.DECISION_STYLES);
        requiredCode(errors, "touchTier", touchTier, AccountCodes.TOUCH_TIERS);
        requiredCode(errors, "lifecycleStage", lifecycleStage, AccountCodes.LIFECYCLE_STAGES);
        if (ownerUserId != null && !owners.contains(ownerUserId) && !ownerUserId.equals(currentOwner)) {
            errors.rejectValue("ownerUserId", "account.profile.error.unknownOwner");
        }
        if (version == null && !errors.hasFieldErrors("version")) {
            errors.rejectValue("version", "account.profile.error.required");
        }
    }

    private static void requiredCode(Errors errors, String field, String value, List<String> codes) {
        if (trimmed(value) == null) {
            errors.rejectValue(field, "account.profile.error.required");
        } else {
            optionalCode(errors, field, value, codes);
        }
    }

    private static void optionalCode(Errors errors, String field, String value, List<String> codes) {
        if (trimmed(value) != null && !codes.contains(value.trim())) {
            errors.rejectValue(field, "account.profile.error.unknownCode");
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
