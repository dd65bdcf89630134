package org.bansou.security;

import java.util.Arrays;
import java.util.Locale;

/** What a person may do. Each role may do everything the roles below it may. */
public enum Role {
    ADMIN, MANAGER, CSM, VIEWER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Role fromCode(String code) {
        return Arrays.stream(values())
                .filter(role -> role.code().equalsIgnoreCase(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + code + "' (admin, manager, csm, viewer)"));
    }
}
