package org.bansou.security;

import java.time.Instant;

/** A person who signs in to bansou. */
public record AppUser(long id, String username, String displayName, String email, String role, String locale,
                      Instant createdAt, Instant disabledAt) {
}
