package org.bansou.security;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code app_user}: the people who sign in. */
@Component
public class AppUsers implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    AppUsers(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @Override
    public Actor loadUserByUsername(String username) {
        return jdbc.sql("""
                        SELECT id, username, display_name, role, password_hash, disabled_at IS NULL AS enabled
                          FROM app_user
                         WHERE username = :username
                        """)
                .param("username", username)
                .query((rs, n) -> new Actor(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.fromCode(rs.getString("role")), rs.getString("password_hash"), rs.getBoolean("enabled")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Transactional
    public AppUser create(String username, String displayName, String email, Role role, String rawPassword) {
        return jdbc.sql("""
                        INSERT INTO app_user (username, display_name, email, password_hash, role)
                        VALUES (:username, :displayName, :email, :hash, :role)
                        RETURNING id, username, display_name, email, role, locale, created_at, disabled_at
                        """)
                .param("username", username)
                .param("displayName", displayName)
                .param("email", email)
                .param("hash", passwords.encode(rawPassword))
                .param("role", role.code())
                .query(AppUser.class)
                .single();
    }

    public Optional<AppUser> findByUsername(String username) {
        return jdbc.sql("""
                        SELECT id, username, display_name, email, role, locale, created_at, disabled_at
                          FROM app_user
                         WHERE username = :username
                        """)
                .param("username", username)
                .query(AppUser.class)
                .optional();
    }

    public Optional<AppUser> findById(long id) {
        return jdbc.sql("""
                        SELECT id, username, display_name, email, role, locale, created_at, disabled_at
                          FROM app_user
                         WHERE id = :id
                        """)
                .param("id", id)
                .query(AppUser.class)
                .optional();
    }

    public List<AppUser> all() {
        return jdbc.sql("""
                        SELECT id, username, display_name, email, role, locale, created_at, disabled_at
                          FROM app_user
                         ORDER BY username
                        """)
                .query(AppUser.class)
                .list();
    }

    /** People who can own accounts, for owner pickers and filters. */
    public List<AppUser> accountOwners() {
        return jdbc.sql("""
                        SELECT id, username, display_name, email, role, locale, created_at, disabled_at
                          FROM app_user
                         WHERE role IN ('csm', 'manager')
                           AND disabled_at IS NULL
                         ORDER BY display_name
                        """)
                .query(AppUser.class)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }
}
