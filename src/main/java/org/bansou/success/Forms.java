package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.bansou.account.Account;
import org.bansou.account.AccountCodes;
import org.bansou.account.Accounts;
import org.bansou.web.InvalidFieldException;

/** Reading the knowledge pages' form fields, each refusal naming the field as the API does. */
final class Forms {

    private Forms() {
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String optional(Map<String, String> form, String field) {
        return blank(form.get(field));
    }

    static String required(Map<String, String> form, String field) {
        String value = blank(form.get(field));
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    static BigDecimal number(Map<String, String> form, String field) {
        String value = blank(form.get(field));
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a number");
        }
    }

    static BigDecimal requiredNumber(Map<String, String> form, String field) {
        required(form, field);
        return number(form, field);
    }

    /** A whole amount in minor units, 0 or more. */
    static long amount(Map<String, String> form, String field) {
        BigDecimal value = requiredNumber(form, field);
        if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0) {
            throw new InvalidFieldException(field, "must be a whole amount of 0 or more (minor units, e.g. yen)");
        }
        return value.longValueExact();
    }

    static Long id(Map<String, String> form, String field) {
        BigDecimal value = number(form, field);
        if (value != null && (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0)) {
            throw new InvalidFieldException(field, "must be an id");
        }
        return value == null ? null : value.longValueExact();
    }

    static int version(Map<String, String> form) {
        BigDecimal value = number(form, "version");
        if (value == null) {
            throw new InvalidFieldException("version", "is required: the version of what you edited");
        }
        return value.intValueExact();
    }

    static LocalDate date(Map<String, String> form, String field) {
        String value = blank(form.get(field));
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date like 2026-06-30");
        }
    }

    static String currency(Map<String, String> form, String field) {
        String value = required(form, field).toUpperCase(java.util.Locale.ROOT);
        if (!value.matches("[A-Z]{3}")) {
            throw new InvalidFieldException(field, "must be an ISO 4217 code such as JPY");
        }
        return value;
    }

    /**
     * A success story as typed on the new-story or the edit form: the source by external id, tags separated by
     * commas; {@code editing} is the story being edited, null for a new one, so a story cannot reuse itself.
     */
    static StoryFields story(Map<String, String> form, Long editing, Accounts accounts, SuccessStories stories) {
        String band = optional(form, "employeeBand");
        if (band != null && !AccountCodes.EMPLOYEE_BANDS.contains(band)) {
            throw new InvalidFieldException("employeeBand", "must be one of " + String.join(", ",
                    AccountCodes.EMPLOYEE_BANDS));
        }
        String sourceExternalId = optional(form, "sourceAccount");
        Long source = sourceExternalId == null ? null : accounts.findByExternalId(sourceExternalId).map(Account::id)
                .orElseThrow(() -> new InvalidFieldException("sourceAccount", "is not an account's external id"));
        Long reuseOf = id(form, "reuseOfStoryId");
        if (reuseOf != null && (reuseOf.equals(editing) || stories.findById(reuseOf).isEmpty())) {
            throw new InvalidFieldException("reuseOfStoryId", "is not another success story");
        }
        return new StoryFields(required(form, "title"), required(form, "problem"), required(form, "approach"),
                required(form, "outcomeMetric"), requiredNumber(form, "outcomeBefore"),
                requiredNumber(form, "outcomeAfter"), optional(form, "outcomeUnit"), optional(form, "industry"), band,
                optional(form, "planName"), StoryFields.tags(form.get("features")), optional(form, "playbook"),
                StoryFields.tags(form.get("problemTags")), source, reuseOf);
    }
}
