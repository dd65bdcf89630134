package org.bansou.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code audit_log}: who changed what, when. Written in the same transaction as the change. */
@Component
public class AuditLog {

    public record Entry(long id, Instant at, String actor, String action, String entity, String entityId,
                        Long accountId, String detail) {
    }

    /** One page of the log, newest first, and where it sits in the whole log. */
    public record EntriesPage(List<Entry> entries, int page, int size, long total) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    private final JdbcClient jdbc;
    private final AccessRules access;
    private final ObjectMapper json;

    AuditLog(JdbcClient jdbc, AccessRules access, ObjectMapper json) {
        this.jdbc = jdbc;
        this.access = access;
        this.json = json;
    }

    public void record(String action, String entity, Object entityId, Long accountId, Map<String, ?> detail) {
        jdbc.sql("""
                        INSERT INTO audit_log (actor, action, entity, entity_id, account_id, detail)
                        VALUES (:actor, :action, :entity, :entityId, :accountId, CAST(:detail AS jsonb))
                        """)
                .param("actor", access.actor().name())
                .param("action", action)
                .param("entity", entity)
                .param("entityId", entityId == null ? null : entityId.toString())
                .param("accountId", accountId)
                .param("detail", toJson(detail))
                .update();
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("""
                        SELECT id, at, actor, action, entity, entity_id, account_id, detail::text AS detail
                          FROM audit_log
                         ORDER BY at DESC, id DESC
                         LIMIT :limit
                        """)
                .param("limit", limit)
                .query(Entry.class)
                .list();
    }

    /** Page {@code page} (from 0) of the whole log, newest first. */
    public EntriesPage page(int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();
        List<Entry> entries = jdbc.sql("""
                        SELECT id, at, actor, action, entity, entity_id, account_id, detail::text AS detail
                          FROM audit_log
                         ORDER BY at DESC, id DESC
                         LIMIT :limit
                        OFFSET :offset
                        """)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(Entry.class)
                .list();
        return new EntriesPage(entries, page, size, total);
    }

    public List<Entry> forAccount(long accountId, int limit) {
        return jdbc.sql("""
                        SELECT id, at, actor, action, entity, entity_id, account_id, detail::text AS detail
                          FROM audit_log
                         WHERE account_id = :accountId
                         ORDER BY at DESC, id DESC
                         LIMIT :limit
                        """)
                .param("accountId", accountId)
                .param("limit", limit)
                .query(Entry.class)
                .list();
    }

    private String toJson(Map<String, ?> detail) {
        try {
            return detail == null ? null : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serializable", e);
        }
    }
}
