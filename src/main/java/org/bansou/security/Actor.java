package org.bansou.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person, or the API key acting as one. {@code userId} is null for API keys.
 */
public record Actor(Long userId, String name, String displayName, Role role, String passwordHash, boolean enabled)
        implements UserDetails {

    static Actor apiKey(String keyName, Role role) {
        return new Actor(null, "api-key:" + keyName, keyName, role, "", true);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return name;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    public boolean atLeast(Role needed) {
        return role.ordinal() <= needed.ordinal();
    }
}
