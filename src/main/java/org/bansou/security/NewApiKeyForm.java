package org.bansou.security;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.validation.Errors;

/** The admin's form for a new API key: a name saying who uses it, and what it may do. */
record NewApiKeyForm(String name, String scope) {

    static NewApiKeyForm empty() {
        return new NewApiKeyForm("", "ingest");
    }

    void check(Errors errors) {
        if (name == null || name.isBlank()) {
            errors.rejectValue("name", "security.error.required");
        } else if (name.trim().length() > 100) {
            errors.rejectValue("name", "security.error.tooLong", new Object[] {100}, null);
        }
        if (scope == null || Arrays.stream(ApiKeys.Scope.values()).noneMatch(s -> s.name().equalsIgnoreCase(scope))) {
            errors.rejectValue("scope", "security.error.scope");
        }
    }

    ApiKeys.Scope scopeValue() {
        return ApiKeys.Scope.valueOf(scope.toUpperCase(Locale.ROOT));
    }
}
