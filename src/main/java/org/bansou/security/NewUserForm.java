package org.bansou.security;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.springframework.validation.Errors;

/** The admin's form for a new person: the admin chooses the role and the first password. */
record NewUserForm(String username, String displayName, String email, String role, String password) {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,49}");

    static NewUserForm empty() {
        return new NewUserForm("", "", "", Role.CSM.code(), "");
    }

    void check(Errors errors, boolean usernameTaken) {
        if (blank(username)) {
            errors.rejectValue("username", "security.error.required");
        } else if (!USERNAME.matcher(username.trim()).matches()) {
            errors.rejectValue("username", "security.error.username");
        } else if (usernameTaken) {
            errors.rejectValue("username", "security.error.usernameTaken");
        }
        if (blank(displayName)) {
            errors.rejectValue("displayName", "security.error.required");
        } else if (displayName.trim().length() > 100) {
            errors.rejectValue("displayName", "security.error.tooLong", new Object[] {100}, null);
        }
        if (!blank(email) && (email.trim().length() > 200 || !email.contains("@"))) {
            errors.rejectValue("email", "security.error.email");
        }
        if (blank(role) || Arrays.stream(Role.values()).noneMatch(r -> r.code().equals(role))) {
            errors.rejectValue("role", "security.error.role");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            errors.rejectValue("password", "security.error.password", new Object[] {MIN_PASSWORD_LENGTH}, null);
        }
    }

    String cleanUsername() {
        return username.trim();
    }

    String cleanEmail() {
        return blank(email) ? null : email.trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
