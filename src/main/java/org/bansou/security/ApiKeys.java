package org.bansou.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns table {@code api_key}. A key is shown once when issued; only its SHA-256 is stored. Keys are long
 * random secrets, so a fast hash is safe here and keeps event ingestion cheap per request.
 */
@Component
public class ApiKeys {

    public enum Scope { INGEST, READ, ADMIN }

    public record ApiKey(long id, String name, String scope, String prefix, Instant createdAt, Instant lastUsedAt,
                         Instant revokedAt) {
    }

    /** The plain secret, returned exactly once. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    // a sender posts many requests a second with the same key, and each check writes "last used"
    private static final long RECHECK_NANOS = Duration.ofSeconds(10).toNanos();

    private record CheckedKey(Optional<ApiKey> key, long checkedAtNanos) {
    }

    private static final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final Map<String, CheckedKey> checked = new ConcurrentHashMap<>();

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public IssuedKey issue(String name, Scope scope, Long createdByUserId) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String prefix = HexFormat.of().formatHex(bytes, 0, 4);
        String secret = "bsk_" + prefix + "_" + HexFormat.of().formatHex(bytes, 4, 24);
        ApiKey key = jdbc.sql("""
                        INSERT INTO api_key (name, scope, prefix, secret_hash, created_by)
                        VALUES (:name, :scope, :prefix, :hash, :createdBy)
                        RETURNING id, name, scope, prefix, created_at, last_used_at, revoked_at
                        """)
                .param("name", name)
                .param("scope", scope.name().toLowerCase())
                .param("prefix", prefix)
                .param("hash", sha256(secret))
                .param("createdBy", createdByUserId)
                .query(ApiKey.class)
                .single();
        return new IssuedKey(key, secret);
    }

    /**
     * The live key this secret belongs to, if any. Checked against the database at most every 10 seconds per
     * secret; revoking a key here takes effect at once.
     */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith("bsk_")) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        long now = System.nanoTime();
        CheckedKey known = checked.get(hash);
        if (known == null || now - known.checkedAtNanos() > RECHECK_NANOS) {
            if (checked.size() > 10_000) {
                checked.clear(); // many wrong secrets: forget them rather than grow
            }
            known = new CheckedKey(markUsed(hash), now);
            checked.put(hash, known);
        }
        return known.key();
    }

    private Optional<ApiKey> markUsed(String hash) {
        return jdbc.sql("""
                        UPDATE api_key
                           SET last_used_at = now()
                         WHERE secret_hash = :hash
                           AND revoked_at IS NULL
                        RETURNING id, name, scope, prefix, created_at, last_used_at, revoked_at
                        """)
                .param("hash", hash)
                .query(ApiKey.class)
                .optional();
    }

    public List<ApiKey> all() {
        return jdbc.sql("""
                        SELECT id, name, scope, prefix, created_at, last_used_at, revoked_at
                          FROM api_key
                         ORDER BY created_at DESC
                        """)
                .query(ApiKey.class)
                .list();
    }

    public Optional<ApiKey> findById(long id) {
        return jdbc.sql("""
                        SELECT id, name, scope, prefix, created_at, last_used_at, revoked_at
                          FROM api_key
                         WHERE id = :id
                        """)
                .param("id", id)
                .query(ApiKey.class)
                .optional();
    }

    public boolean revoke(long id) {
        boolean revoked = jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
                .param("id", id)
                .update() == 1;
        checked.values().removeIf(known -> known.key().map(key -> key.id() == id).orElse(false));
        return revoked;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
