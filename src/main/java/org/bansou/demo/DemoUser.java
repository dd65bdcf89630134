package org.bansou.demo;

import org.bansou.security.Role;

/** A member of the demo company's team; every one signs in with the password {@code demo}. */
public record DemoUser(String username, String displayName, String email, Role role) {
}
